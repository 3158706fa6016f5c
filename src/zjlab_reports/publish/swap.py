"""Publishing by exchange: finished files and the output folder in; a new generation swapped in out.

The new build is written into a fresh *generation* folder beside the output folder
(`.dist.zjlab-reports-<random>` for `dist`), with the entries a build did not write carried
over, every file fsynced, then the folder itself; the two folders then trade places in one
atomic `renameat2(RENAME_EXCHANGE)`, the parent is fsynced, and the previous build (now under
the generation name) is deleted. Returns False, changing nothing, where this cannot work.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .disk import Content, fsync_dir, remove_tree, write_files
from .lock import Lock
from .ownership import carry
from .report import warn

__all__ = ["exchange", "exchange_function", "leftover_generations", "publish_by_exchange"]

_GENERATION = ".zjlab-reports-"  # `.<folder name>.zjlab-reports-<random>` beside the folder
_NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.EBUSY, errno.EPERM, errno.ENOTSUP}


def publish_by_exchange(
    lock: Lock, files: Sequence[tuple[str, Content]], foreign: Sequence[str], out: Path
) -> bool:
    """Write a new generation (with the `foreign` entries carried over) and swap it with the
    folder; False (nothing changed) if impossible."""
    folder = lock.folder
    if os.path.ismount(folder) or exchange_function() is None:
        return False
    staging = folder.parent / f".{folder.name}{_GENERATION}{os.urandom(6).hex()}"
    try:
        os.mkdir(staging)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return False  # a parent we may not write: the journal works inside the folder
        raise
    try:
        os.chmod(staging, stat.S_IMODE(os.stat(folder).st_mode))  # the folder keeps its mode
        lock.add(staging)  # whoever opens the folder once it is swapped waits for us
        write_files(staging, files)
        for name in foreign:
            carry(folder / name, staging / name)
        fsync_dir(staging)
        swapped = exchange(staging, folder)
    except BaseException:
        with contextlib.suppress(OSError):
            remove_tree(staging)
        raise
    if swapped:
        _settle(folder, staging, out)
    else:
        remove_tree(staging)
    return swapped


def _settle(folder: Path, previous: Path, out: Path) -> None:
    """After the swap: make it durable, delete the previous build. The new build is published
    whatever happens here, so a failure is a warning (the next build removes what is left)."""
    try:
        fsync_dir(folder.parent)
        remove_tree(previous)
    except OSError as exc:
        warn(out, f"published, but the previous build could not be removed: {exc.strerror or exc}")


def leftover_generations(folder: Path) -> list[Path]:
    """The generation folders beside `folder` (an interrupted build's, or a previous one's)."""
    prefix = f".{folder.name}{_GENERATION}"
    return sorted(
        entry
        for entry in folder.parent.iterdir()
        if entry.name.startswith(prefix) and entry.is_dir() and not entry.is_symlink()
    )


@functools.cache
def exchange_function() -> Any:
    """libc's `renameat2`, or None where there is none (not Linux, or an old C library).

    ctypes is imported here, not with the module: a one-document build calls this while its
    renderer works (`build.render`), off the path of the build's wall time.
    """
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    function = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if function is not None:
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        function.restype = ctypes.c_int
    return function


def exchange(one: Path, other: Path) -> bool:
    """Swap two folders' names atomically; False if this file system cannot. Raises OSError."""
    at_cwd, rename_exchange = -100, 2
    renameat2 = exchange_function()
    result = renameat2(at_cwd, os.fsencode(one), at_cwd, os.fsencode(other), rename_exchange)
    if result == 0:
        return True
    import ctypes  # (imported by `exchange_function` already)

    code = ctypes.get_errno()
    if code in _NO_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), str(other))
