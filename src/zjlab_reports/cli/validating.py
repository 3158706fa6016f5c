"""The validate command: parsed arguments in; the verdict on the console and an exit code out.

A verdict stored by an earlier run with the same inputs and options (`verdict_cache`) is
reported as it was, without loading or composing anything; otherwise validate runs in full and
its verdict is stored, unless the run logged a warning of its own (a damaged font cache file, an
unwritable folder: about this machine, not the inputs). `--no-cache` always runs in full and
stores nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
from collections.abc import Iterator

from ..diagnostics import DiagnosticError
from ..verdict_cache import Verdict, VerdictCache, recording_reads
from .formats import Outcome
from .output import Console
from .run import collector_paused

__all__ = ["validate", "warnings_logged"]


def validate(args: argparse.Namespace, console: Console, outcome: Outcome) -> int:
    cache = None if args.no_cache else VerdictCache(args.project, list(args.paths))
    verdict = cache.read() if cache else None
    if verdict is None:
        verdict = _in_full(args, outcome, cache)
    else:
        outcome.diagnostics += verdict.warnings
    if verdict.errors:
        raise DiagnosticError(verdict.errors)
    outcome.results["checked"] = verdict.checked
    console.say(f"ok: {verdict.checked} file{'s' if verdict.checked != 1 else ''} valid")
    return 0


def _in_full(args: argparse.Namespace, outcome: Outcome, cache: VerdictCache | None) -> Verdict:
    """Validate (warnings straight into `outcome`, as they are found); store the verdict."""
    with collector_paused():
        from ..validate import validate_paths

    # By default every core for six documents or more, else one process until a font is built (`validate`).
    first, named, jobs = len(outcome.diagnostics), set[str](), args.jobs
    with recording_reads() as reads, warnings_logged() as logged:
        try:
            checked = validate_paths(
                args.project, list(args.paths), outcome.diagnostics, named=named, jobs=jobs
            )
            errors: tuple = ()
        except DiagnosticError as exc:
            checked, errors = 0, exc.diagnostics
    verdict = Verdict(tuple(outcome.diagnostics[first:]), errors, checked)
    if cache is not None and not logged.count:
        cache.write(verdict, reads | named)
    return verdict


class _Count(logging.Handler):
    """Counts warnings (and worse)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextlib.contextmanager
def warnings_logged() -> Iterator[_Count]:
    """Counts the warnings the `zjlab_reports` logger gets while inside."""
    logger, handler = logging.getLogger("zjlab_reports"), _Count()
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
