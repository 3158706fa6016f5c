"""Running one command: argv in; output on the console and an exit code out.

Exit codes: 0 ok, 1 invalid input, 2 usage error, 3 internal error (a bug: please report it
with the message shown; `ZJLAB_REPORTS_DEBUG=1` prints the traceback), 130 interrupted.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib
import logging
import os
import sys
import threading
import time
import traceback
from collections.abc import Iterator, Sequence
from typing import NoReturn

from ..diagnostics import Diagnostic, DiagnosticError, Span
from .arguments import COMMANDS, UsageError, parser
from .formats import Outcome
from .output import Console

__all__ = [
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "GC_THRESHOLDS",
    "collector_paused",
    "entry",
    "exit_now",
    "main",
]

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
#: The module that holds each command's function (imported only when the command runs).
_MODULES = {"watch": "watching", "preview": "previewing", "new_layout": "starting", "new_profile": "starting"}
_MODULES |= {"init": "starting", "validate": "validating"}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (the console script exits with it)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = parser(_leading_command(argv)).parse_args(argv)
    except UsageError as exc:
        return _usage_error(exc, argv)
    console = Console.from_args(args)
    outcome = Outcome(args.command)
    started = time.perf_counter()
    with _reporting(console, outcome):
        outcome.exit_code = _run(args, console, outcome)
    outcome.timings["total"] = round(time.perf_counter() - started, 3)
    return console.finish(outcome)


#: The cycle collector's thresholds in a process of ours (Python's: 700, 10, 10).
GC_THRESHOLDS = (10_000, 10, 10)


def entry() -> NoReturn:
    """The console script and `python -m zjlab_reports`: run the command line, then `exit_now`.

    The cycle collector runs every `GC_THRESHOLDS[0]` new container objects rather than 700:
    a build makes hundreds of thousands of them, most for good (modules, classes, models,
    fonts), and each run of the collector walks the young ones; at Python's pace that was
    some 170 runs and 40-50 ms of CPU in the default build's process, for a few thousand
    objects in cycles, which the rarer runs still free. What a command imports is frozen for
    good (`collector_paused`).
    """
    global _FREEZE_IMPORTS
    gc.set_threshold(*GC_THRESHOLDS)
    _FREEZE_IMPORTS = True
    exit_now(main())


#: Set by `entry`: the process is ours, so `collector_paused` may freeze every object it holds
#: (a program that calls `main` keeps its own objects collectable).
_FREEZE_IMPORTS = False


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off while a command imports the stages it runs; then, in a process
    of ours (`entry`), their objects are set aside for good (`gc.freeze`); then the collector
    is on again (unless it was off).

    What importing makes lasts as long as the process: modules, classes, functions,
    models (tens of thousands of objects). Collected as they pile up, they were walked again and again,
    ~7 of a one-brochure build's ~12 ms of collection; frozen, no later collection walks them.
    This is the order Python's `gc.freeze` documentation gives for a process that forks.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _FREEZE_IMPORTS:
            gc.freeze()
        if enabled:
            gc.enable()


def exit_now(code: int) -> NoReturn:
    """End the process with `code` without tearing its heap down object by object.

    A normal exit frees every object of every module before the process ends, some 50 ms of
    CPU after a build, for memory the system takes back at once anyway; mypy ends the same
    way. The exit handlers (`atexit`: the spool folder's removal, logging's flush) run first
    and stdout and stderr are flushed. While another thread still runs (none should by then),
    or a profiler or tracer watches (pyinstrument, cProfile, coverage: they write their report
    after the program returns), the process exits normally.
    """
    if threading.active_count() > 1 or sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    os._exit(code)


class _Reported(logging.Handler):
    """What the stages log as they go (a damaged font cache file rebuilt, a killed build cleaned
    up, waiting for another build): warnings carry a `diagnostic`, notes are plain lines."""

    def __init__(self, console: Console, outcome: Outcome) -> None:
        super().__init__(logging.INFO)
        self.console, self.outcome = console, outcome

    def emit(self, record: logging.LogRecord) -> None:
        diagnostic = getattr(record, "diagnostic", None)
        if isinstance(diagnostic, Diagnostic):
            self.console.warning(diagnostic, self.outcome)
        elif self.console.for_people:
            print(record.getMessage(), file=self.console.stderr, flush=True)


@contextlib.contextmanager
def _reporting(console: Console, outcome: Outcome) -> Iterator[None]:
    logger = logging.getLogger("zjlab_reports")
    handler, level = _Reported(console, outcome), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _run(args, console: Console, outcome: Outcome) -> int:
    try:
        module = importlib.import_module(f".{_MODULES.get(args.run, 'commands')}", __package__)
        return int(getattr(module, args.run)(args, console, outcome))
    except DiagnosticError as exc:
        outcome.diagnostics += exc.diagnostics
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("interrupted", file=console.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug, not bad input: say so briefly
        if os.environ.get("ZJLAB_REPORTS_DEBUG"):
            traceback.print_exc()
        outcome.diagnostics.append(
            Diagnostic(
                Span("zjlab-reports"),
                f"internal error: {type(exc).__name__}: {exc}",
                ("this is a bug in zjlab-reports; set ZJLAB_REPORTS_DEBUG=1 for details",),
            )
        )
        return EXIT_INTERNAL


def _leading_command(argv: list[str]) -> str | None:
    """The command `argv` starts with (the parser then needs only its options); None when it
    starts otherwise (an option, `--help`, a misspelt command): the whole parser answers."""
    return argv[0] if argv and argv[0] in COMMANDS else None


def _usage_error(exc: UsageError, argv: list[str]) -> int:
    """Usage and the message on stderr (or, with --json, the JSON document); exit code 2."""
    console = Console(json="--json" in argv, quiet=True)
    if console.json:
        outcome = Outcome(next((a for a in argv if a in COMMANDS), ""), EXIT_USAGE)
        outcome.diagnostics.append(Diagnostic(Span("command line"), str(exc), ("see --help",)))
        return console.finish(outcome)
    print(exc.parser.format_usage().rstrip(), file=sys.stderr)
    print(f"{exc.parser.prog}: error: {exc}", file=sys.stderr)
    return EXIT_USAGE
