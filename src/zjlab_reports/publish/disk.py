"""Publishing's disk steps: names and bytes in; files written, fsynced or removed out.

A file's content is its bytes, or a file that holds them (a path, e.g. a `spool.Blob`), which
is copied by the kernel, or a file `HandedOver` to publishing, which is linked into place (the
same file under a second name: nothing copied; its mode is the file's own) where the file system
allows, else copied. Every file is on disk (fsynced) before `write_file` (`write_files`)
returns; `write_files` writes a group of files, then fsyncs them, so that the disk takes the
group's data together (over a batch of a hundred files, about half the time of fsyncing each
before writing the next); folders are fsynced on request;
`remove_tree` deletes only what it finds (symlinks are unlinked, never followed).
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Sequence
from pathlib import Path

from msgspec import Struct

__all__ = ["Content", "HandedOver", "fsync_dir", "fsync_file", "remove_tree", "write_file", "write_files"]

#: copy_file_range's errors where it cannot copy between these files (not a failure to write).
_NO_COPY = {errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP}

#: os.link's errors where it cannot link these files (copying may still work).
_NO_LINK = {
    errno.EXDEV,
    errno.EPERM,
    errno.EACCES,
    errno.EMLINK,
    errno.ENOSYS,
    errno.EOPNOTSUPP,
    errno.ENOTSUP,
}


class HandedOver(Struct, frozen=True):
    """A finished file handed over to be published as it is: linked into place where it can
    be. Its owner must not write to it afterwards, nor publish it again: the published file
    and it are then one file. Its mode should be that of a published file (0644). `on_disk`:
    its data has been fsynced already (a build's process syncs its workers' files as they
    arrive, while it waits), so that linked, it needs no sync of its own."""

    path: os.PathLike[str]
    on_disk: bool = False

    def __fspath__(self) -> str:
        return os.fspath(self.path)


#: What a published file holds: its bytes, or a file holding them.
Content = bytes | os.PathLike[str]


#: How many files `write_files` holds open at once (written, then fsynced together).
_GROUP = 64


def write_files(folder: Path, files: Sequence[tuple[str, Content]]) -> None:
    """Create each (name, content) of `files` in `folder`; all on disk (fsynced) when this returns.

    A file handed over and linked whose data is on disk already (`HandedOver.on_disk`) needs
    no sync of its own: its new name is durable once `folder` is fsynced, as every new name is.
    """
    for start in range(0, len(files), _GROUP):
        with contextlib.ExitStack() as opened:  # every file closed, even when one fails
            fds = []
            for name, data in files[start : start + _GROUP]:
                fd = _place(folder / name, data, opened)
                if fd is not None:
                    fds.append(fd)
            for fd in fds:
                os.fsync(fd)


def _place(path: Path, data: Content, opened: contextlib.ExitStack) -> int | None:
    """`path` made to hold `data`; the descriptor to fsync it by (closed by `opened`), None
    when nothing is left to sync."""
    if isinstance(data, HandedOver) and _link(data, path):
        if data.on_disk:
            return None
        fd = _open(path)
        opened.callback(os.close, fd)
        return fd
    fd = _create(path)
    opened.callback(os.close, fd)
    _fill(fd, data)
    return fd


def write_file(path: Path, data: Content) -> None:
    """Create `path` holding `data` (bytes, or a file's), on disk (fsynced) before this returns."""
    fd = _create(path)
    try:
        _fill(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def _create(path: Path) -> int:
    """A new file at `path` (never an existing one), open for writing."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)


def _link(source: HandedOver, path: Path) -> bool:
    """Whether `source` could be linked as `path` (False: it must be copied)."""
    try:
        os.link(source, path)
    except OSError as exc:
        if exc.errno not in _NO_LINK:
            raise
        return False
    return True


def _open(path: Path) -> int:
    """The file at `path`, open (to be fsynced)."""
    return os.open(path, os.O_RDONLY | os.O_CLOEXEC)


def _fill(fd: int, data: Content) -> None:
    if isinstance(data, bytes):
        _write(fd, data)
    else:
        _copy(fd, data)


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
