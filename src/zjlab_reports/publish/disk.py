"""Publishing's disk steps: names and bytes in; files written, fsynced or removed out.

A file's content is its bytes, or a file that holds them (a path, e.g. a `spool.Blob`), which
is copied by the kernel. Every file is on disk (fsynced) before `write_file` returns; folders
are fsynced on request;
`remove_tree` deletes only what it finds (symlinks are unlinked, never followed).
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Sequence
from pathlib import Path

__all__ = ["Content", "fsync_dir", "fsync_file", "remove_tree", "write_file", "write_files"]

#: copy_file_range's errors where it cannot copy between these files (not a failure to write).
_NO_COPY = {errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP}

#: What a published file holds: its bytes, or a file holding them.
Content = bytes | os.PathLike[str]


def write_files(folder: Path, files: Sequence[tuple[str, Content]]) -> None:
    """Create each (name, content) of `files` in `folder`, fsynced."""
    for name, data in files:
        write_file(folder / name, data)


def write_file(path: Path, data: Content) -> None:
    """Create `path` holding `data` (bytes, or a file's), on disk (fsynced) before this returns."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    try:
        if isinstance(data, bytes):
            _write(fd, data)
        else:
            _copy(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _copy(fd: int, source: os.PathLike[str]) -> None:
    """Copy the file `source` to `fd` (in the kernel where it can)."""
    with open(source, "rb") as file:
        size = os.fstat(file.fileno()).st_size
        while size > 0:
            try:
                done = os.copy_file_range(file.fileno(), fd, size)
            except AttributeError:  # not Linux
                done = -1
            except OSError as exc:
                if exc.errno not in _NO_COPY:
                    raise
                done = -1
            if done < 0:  # no copying in the kernel here: through memory, the rest
                _write(fd, file.read())
                return
            if done == 0:
                return
            size -= done


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
