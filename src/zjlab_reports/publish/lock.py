"""Publishing's turn-taking: an output folder in; an exclusive `flock` on it (a `Lock`) out.

Concurrent builds into one folder take turns: the lock is on the folder itself, so the kernel
drops it when its holder dies and a killed build never blocks the next. A lock taken on a
folder that a finished build swapped away meanwhile is retaken on the folder now there.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import display_path
from .report import LOG

__all__ = ["Lock", "locked"]


class Lock:
    """Exclusive locks on the output folder (and, once made, its next generation)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.fds: list[int] = []

    def add(self, path: Path) -> None:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        self.fds.append(fd)
        fcntl.flock(fd, fcntl.LOCK_EX)

    def release(self) -> None:
        for fd in self.fds:
            with contextlib.suppress(OSError):  # a read-only folder handle: nothing to lose
                os.close(fd)  # closing drops the flock
        self.fds.clear()


@contextlib.contextmanager
def locked(out: Path) -> Iterator[Lock]:
    """Hold `out` exclusively. A lock taken on a folder a finished build swapped away is retaken."""
    folder = out.resolve()
    lock = Lock(folder)
    try:
        while True:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
            lock.fds.append(fd)
            _wait_for(fd, out)
            if _same_file(os.fstat(fd), folder):
                break
            lock.release()
        yield lock
    finally:
        lock.release()


def _wait_for(fd: int, out: Path) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        LOG.info("waiting for another build to finish publishing into %s", display_path(out))
        fcntl.flock(fd, fcntl.LOCK_EX)


def _same_file(held: os.stat_result, path: Path) -> bool:
    try:
        now = path.stat()
    except FileNotFoundError:
        return False
    return (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino)
