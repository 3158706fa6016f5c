"""Publishing's disk steps: names and bytes in; files written, fsynced or removed out.

Every file is on disk (fsynced) before `write_file` returns; folders are fsynced on request;
`remove_tree` deletes only what it finds (symlinks are unlinked, never followed).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path

__all__ = ["fsync_dir", "fsync_file", "remove_tree", "write_file", "write_files"]


def write_files(folder: Path, files: Sequence[tuple[str, bytes]]) -> None:
    """Create each (name, bytes) of `files` in `folder`, fsynced."""
    for name, data in files:
        write_file(folder / name, data)


def write_file(path: Path, data: bytes) -> None:
    """Create `path` holding `data`, on disk (fsynced) before this returns."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    """Make an existing file's content durable."""
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a folder's entries (names created, renamed, removed in it) durable."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_tree(folder: Path) -> None:
    """Delete a folder we made (files and folders only; symlinks are unlinked, never followed)."""
    with os.scandir(folder) as entries:
        for entry in list(entries):
            if entry.is_dir(follow_symlinks=False):
                remove_tree(Path(entry.path))
            else:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
    with contextlib.suppress(FileNotFoundError):
        os.rmdir(folder)
