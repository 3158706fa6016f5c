"""Finished files waiting to be published: bytes in; a `Blob` that keeps them on disk out.

Publishing is all or nothing, so a build makes every file before it publishes any. Held in
memory, a batch of a hundred brochures held a hundred PDFs, and the build's memory grew with
the batch. Instead each file is written once, as it is made, into this process's spool folder
(under the system's temporary folder), and only a small handle is kept: its path, size and
sha256. A handle crosses to another process as its path (a pool worker's PDF never travels
through a pipe), and `os.fspath(blob)` names the file, so publishing copies it in the kernel.

Each file is named from its digest, the writing process's id and a counter of that process
(`put`), created exclusively (never over another file) in the folder, made private (0700) once
by `tempfile.mkdtemp`: the guarantees `tempfile.mkstemp` gave each file, without its search for
a random free name on every call. The files themselves have a published file's mode (0644), so
that a build can hand them over to publishing, which links them into place (no copy).

While a build's workers work, its process is idle: it writes each finished file to disk as it
arrives (`Blob.sync`), so that publishing, which must have every file on disk before the
output folder changes, finds them there.

Lifetime: the process that makes the spool folder owns it and removes it when it exits; a
blob's file is removed when the owning process drops its last handle. Workers write into the
folder their build process made (`use_folder`) and hand their blobs over.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import itertools
import os
import shutil
import tempfile
import weakref
from pathlib import Path

__all__ = ["Blob", "folder", "put", "use_folder"]

#: The spool folder of this process, and the pid of the process that owns it.
_SPOOL: dict[str, object] = {}
#: The live handle of each spooled file in this process: a handle that comes back (unpickled)
#: is that one, so that a file has one finalizer.
_LIVE: weakref.WeakValueDictionary[Path, Blob] = weakref.WeakValueDictionary()
#: Numbers the files this process writes (with its pid, a name no other writer uses).
_COUNTER = itertools.count()


def folder() -> Path:
    """This process's spool folder, made on first use (and removed when the process exits)."""
    if "folder" not in _SPOOL:
        made = Path(tempfile.mkdtemp(prefix="zjlab-reports-spool-"))
        _SPOOL.update(folder=made, owner=os.getpid())
        atexit.register(_remove, made, os.getpid())
    path = _SPOOL["folder"]
    assert isinstance(path, Path)
    return path


def use_folder(path: Path) -> None:
    """In a worker process: write into `path`, the spool folder its build process owns."""
    _SPOOL.update(folder=path, owner=None)


def put(data: bytes) -> Blob:
    """Write `data` into the spool folder; return its handle."""
    digest = hashlib.sha256(data).hexdigest()
    path = folder() / f"{digest[:16]}-{os.getpid()}-{next(_COUNTER)}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    with os.fdopen(fd, "wb") as file:
        file.write(data)
    return Blob(path, len(data), digest)


class Blob:
    """A finished file in the spool: `size` bytes whose sha256 is `sha256`, at `path`.

    Equal blobs hold equal bytes. Reading is `read()`; `os.fspath(blob)` is the file's path.
    """

    __slots__ = ("__weakref__", "path", "sha256", "size", "synced")

    def __init__(self, path: Path, size: int, sha256: str):
        self.path, self.size, self.sha256 = path, size, sha256
        self.synced = False  # whether `sync` wrote it to disk (in this process)
        if _SPOOL.get("owner") == os.getpid():  # a worker hands its files over instead
            weakref.finalize(self, _unlink, path)
            _LIVE[path] = self

    def read(self) -> bytes:
        return self.path.read_bytes()

    def sync(self) -> None:
        """Write the file's data to disk now (fsync), not when publishing asks for it."""
        fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        self.synced = True

    def __fspath__(self) -> str:
        return str(self.path)

    def __reduce__(self) -> tuple[object, tuple[Path, int, str]]:
        return _handle, (self.path, self.size, self.sha256)

    def __copy__(self) -> Blob:
        return self  # one handle, one finalizer: a copy must not remove the file twice

    def __deepcopy__(self, memo: object) -> Blob:
        return self

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Blob) and (self.sha256, self.size) == (other.sha256, other.size)

    def __hash__(self) -> int:
        return hash(self.sha256)

    def __repr__(self) -> str:
        return f"Blob({self.size} bytes, sha256 {self.sha256[:12]}…)"


def _handle(path: Path, size: int, sha256: str) -> Blob:
    """A handle that arrived from another process (or came back): the live one, else a new one."""
    return _LIVE.get(path) or Blob(path, size, sha256)


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _remove(path: Path, owner: int) -> None:
    if os.getpid() == owner:  # not in a forked child that happens to run exit handlers
        shutil.rmtree(path, ignore_errors=True)
