"""Fault injection for publishing: each disk step of `zjlab_reports.publish` counted; one fails or kills.

A step is a call of one of `STEPS` through the `os` module the `zjlab_reports.publish` modules
use (every open, write, copy, fsync, close, mkdir, chmod, rename, unlink, rmdir, link) or the atomic
folder exchange.
`Steps` stands in for that `os` and runs an action (raise an OSError, SIGKILL the process) at
the step chosen. Tests use it in-process; run as a script it is the child process that dies:

    python faults.py trace CONFIG          print the steps one publish takes (JSON)
    python faults.py kill CONFIG           for each step k: fork a child that publishes and is
                                           SIGKILLed at step k; print how each child ended
    python faults.py cli AT MODE ARGV...   `zjlab-reports ARGV`, SIGKILLed at publishing step AT
                                           (`KIND:N`), MODE `exchange` or `journal`

CONFIG is JSON: {"old": folder, "new": folder, "root": folder, "journal": bool, "foreign": bool};
`old` and `new` hold two builds' files, `root/<k>/out` is where the k-th child publishes over
`old` (to which the `FOREIGN` files were added when "foreign" is true).
"""

from __future__ import annotations

import errno
import importlib
import json
import os
import pkgutil
import signal
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

from zjlab_reports import publish
from zjlab_reports.publish import swap

STEPS = (
    "open",
    "write",
    "copy_file_range",
    "fsync",
    "close",
    "mkdir",
    "chmod",
    "rename",
    "replace",
    "unlink",
    "rmdir",
    "link",
)
#: What a user put into a build folder (a file, a folder with a subfolder): path, bytes.
FOREIGN = {
    "README.md": b"# Our brochures\n",
    "_look/index.txt": b"pages checked\n",
    "_look/pages/page-1.png": b"\x89PNG not really",
}
FOREIGN_NAMES = ("README.md", "_look")
_FOREIGN_MTIME = 1_600_000_000


class Steps(types.ModuleType):
    """`os` for `zjlab_reports.publish`: records each step; calls `action` at step `at`.

    `at` is a step number (1 is the first), or `"KIND:N"`: the N-th step of that kind
    (`"write:3"`, `"exchange:1"`).
    """

    def __init__(self, at: int | str = 0, action: Callable[[str], None] | None = None) -> None:
        super().__init__("os")
        self.taken: list[str] = []
        self._at, self._action = at, action

    def __getattr__(self, name: str) -> Any:
        real = getattr(os, name)
        if name not in STEPS:
            return real

        def step(*args: Any, **kwargs: Any) -> Any:
            if name == "close":  # Linux frees the descriptor even when close reports an error
                real(*args, **kwargs)
                self.step(f"{name} {_describe(args)}")
                return None
            self.step(f"{name} {_describe(args)}")
            return real(*args, **kwargs)

        return step

    def step(self, what: str) -> None:
        self.taken.append(what)
        if self._action is not None and self._reached(what):
            self._action(what)

    def _reached(self, what: str) -> bool:
        if isinstance(self._at, int):
            return len(self.taken) == self._at
        kind, n = self._at.split(":")
        return what.split()[0] == kind and [s.split()[0] for s in self.taken].count(kind) == int(n)


def _describe(args: tuple[Any, ...]) -> str:
    return " ".join(Path(a).name if isinstance(a, str | Path) else type(a).__name__ for a in args)


def install(steps: Steps, journal: bool) -> Callable[[], None]:
    """Route `zjlab_reports.publish`'s disk steps (the `os` of each of its modules) through
    `steps`; return what undoes it."""
    modules = [module for module in _publish_modules() if getattr(module, "os", None) is os]
    real_exchange, real_function = swap.exchange, swap.exchange_function

    def exchange(one: Path, other: Path) -> bool:
        steps.step(f"exchange {one.name} {other.name}")
        return real_exchange(one, other)

    for module in modules:
        module.os = steps  # type: ignore[attr-defined]
    swap.exchange = exchange
    if journal:
        swap.exchange_function = lambda: None  # type: ignore[assignment]

    def undo() -> None:
        for module in modules:
            module.os = os  # type: ignore[attr-defined]
        swap.exchange, swap.exchange_function = real_exchange, real_function  # type: ignore[assignment]

    return undo


def _publish_modules() -> list[types.ModuleType]:
    """Every module of the `zjlab_reports.publish` package (imported)."""
    names = [info.name for info in pkgutil.iter_modules(publish.__path__)]
    return [publish, *(importlib.import_module(f"{publish.__name__}.{name}") for name in names)]


def fail(what: str) -> None:
    """An action: the disk is full."""
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def die(what: str) -> None:
    """An action: the process is killed (SIGKILL: no cleanup, no finally, no atexit)."""
    os.kill(os.getpid(), signal.SIGKILL)


def build_files(folder: Path) -> list[tuple[str, Path | bytes]]:
    """A build's files, as `build` hands them to `publish`: the artifacts as files (a build's
    spool), the manifest last, as bytes."""
    names = sorted(p.name for p in folder.iterdir() if p.name != publish.MANIFEST)
    return [(name, folder / name) for name in names] + [
        (publish.MANIFEST, (folder / publish.MANIFEST).read_bytes())
    ]


def plant(folder: Path) -> None:
    """Put the `FOREIGN` files into `folder`, every file and folder dated `_FOREIGN_MTIME`."""
    for name, data in FOREIGN.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    for path in [*sorted(folder.glob("_look/**/*"), reverse=True), folder / "_look", folder / "README.md"]:
        os.utime(path, (_FOREIGN_MTIME, _FOREIGN_MTIME))


def planted(folder: Path) -> dict[str, tuple[bytes | None, int]]:
    """The `FOREIGN` entries found in `folder`: bytes (None for a folder) and mtime in seconds."""
    found = {}
    for path in [folder / "README.md", folder / "_look", *sorted(folder.glob("_look/**/*"))]:
        if path.exists():
            data = None if path.is_dir() else path.read_bytes()
            found[path.relative_to(folder).as_posix()] = (data, int(path.stat().st_mtime))
    return found


def expected_planted() -> dict[str, tuple[bytes | None, int]]:
    """What `planted` finds in a folder `plant` filled."""
    folders = {"_look": None, "_look/pages": None}
    return {name: (data, _FOREIGN_MTIME) for name, data in sorted({**FOREIGN, **folders}.items())}


def _publish_old(out: Path, config: dict[str, Any]) -> None:
    publish.publish(out, build_files(Path(config["old"])))
    if config.get("foreign"):
        plant(out)


def _trace(config: dict[str, Any]) -> None:
    out = Path(config["root"]) / "trace" / "out"
    _publish_old(out, config)
    steps = Steps()
    install(steps, config["journal"])
    publish.publish(out, build_files(Path(config["new"])))
    print(json.dumps(steps.taken))


def _kill(config: dict[str, Any]) -> None:
    new = build_files(Path(config["new"]))
    ended = []
    for k in range(1, config["steps"] + 1):
        out = Path(config["root"]) / str(k) / "out"
        _publish_old(out, config)
        child = os.fork()
        if child == 0:
            install(Steps(k, die), config["journal"])
            publish.publish(out, new)
            os._exit(0)  # not killed: every step was taken
        _, status = os.waitpid(child, 0)
        ended.append("killed" if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL else status)
    print(json.dumps(ended))


def _cli(at: str, journal: bool, argv: list[str]) -> int:
    from zjlab_reports.cli import main

    install(Steps(at, die), journal)
    return main(argv)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "cli":
        sys.exit(_cli(sys.argv[2], sys.argv[3] == "journal", sys.argv[4:]))
    {"trace": _trace, "kill": _kill}[command](json.loads(sys.argv[2]))
