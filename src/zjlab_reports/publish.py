"""Publishing: finished files (name, bytes) and an output folder in; the folder holding exactly them out.

Crash-consistent: whenever the process dies (an error, SIGKILL, a power cut), the folder holds
the complete previous build or the complete new one, and its manifest matches its files.

How (Linux): the new build is written into a fresh *generation* folder beside the output
folder (`.dist.zjlab-reports-<random>` for `dist`), every file fsynced, then the folder
itself; then the two folders trade places in one atomic `renameat2(RENAME_EXCHANGE)` and the
parent is fsynced; the previous build, now under the generation name, is deleted. `dist`
stays a real folder throughout (no symlink), so tools that copy or upload it see files.

Where that cannot work — the output folder is a mount point, its parent is not writable, or
the file system (or the OS) has no atomic exchange — a journal inside the folder is used
instead: the files are written and fsynced into `dist/.zjlab-reports-journal/`, a commit
record naming them is written last, then they are renamed into place. A process that dies
before the commit record leaves the folder as it was; one that dies after it leaves a folder
the next run (or `recover`) finishes before doing anything else.

Either way the next run first removes (or finishes) every leftover of an interrupted one and
logs a warning saying what it did. A build replaces the files it wrote (those its previous
manifest lists) and removes those the new build no longer makes; files and folders it did
not write (a README, the `_look/` of a checking tool) are kept: hard-linked (else copied,
with their modification times) into the new generation, or left in place by the journal.
A folder that is not a build output at all (no manifest) and is not empty is refused.

Concurrent builds into one folder take turns: an exclusive `flock` on the output folder
itself, which the kernel drops when its holder dies, so a killed build never blocks the next.
Warnings go to the `zjlab_reports` logger as `Diagnostic`s (`extra={"diagnostic": ...}`).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import functools
import json
import logging
import os
import re
import secrets
import shutil
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, DiagnosticError, Severity, Span, display_path
from .model.common import LANGS

__all__ = ["JOURNAL", "MANIFEST", "prepare", "publish", "recover"]

MANIFEST = "manifest.json"
JOURNAL = ".zjlab-reports-journal"
_COMMIT = "COMMIT.json"
_GENERATION = ".zjlab-reports-"  # `.<folder name>.zjlab-reports-<random>` beside the folder
_ARTIFACT = re.compile(rf".+-({'|'.join(map(re.escape, LANGS))})\.(pdf|pptx)")
# what publishing before 0.2 left when killed: `.<its file>.<random>.tmp` (or `.bak`)
_OLD_LEFTOVER = re.compile(rf"\.({re.escape(MANIFEST)}|{_ARTIFACT.pattern})\.[^.]+\.(tmp|bak)")
_DROPPABLE = {".zjlab-reports.lock", ".DS_Store", "Thumbs.db", "desktop.ini"}  # old lock, OS litter
_NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.EBUSY, errno.EPERM, errno.ENOTSUP}
_LOG = logging.getLogger("zjlab_reports.publish")

# ---------------------------------------------------------------------------- public API


def prepare(out: Path) -> None:
    """Before a build: recover `out` from an interrupted build and check it may be replaced.

    Does nothing when `out` does not exist. Raises `DiagnosticError` when `out` is not empty
    and not an earlier build's output (it has no manifest), or cannot be read.
    """
    if not out.is_dir():
        return
    with _writing(out), _locked(out) as lock:
        _recover(lock.folder, out)
        _check_build_folder(lock.folder, out)


def recover(out: Path) -> list[str]:
    """Finish or remove what an interrupted build left in and beside `out`; say what was done.

    Returns one line per thing done (also logged as a warning); empty when nothing was left.
    """
    if not out.is_dir():
        return []
    with _writing(out), _locked(out) as lock:
        return _recover(lock.folder, out)


def publish(out: Path, files: Sequence[tuple[str, bytes]]) -> None:
    """Make `out` hold exactly `files` (names without folders; the manifest last), all or nothing.

    Files and folders zjlab-reports did not write are kept as they are. Creates `out` (and
    its parents). Raises `DiagnosticError` naming `out` when the folder is not a build output
    (see `prepare`) or a write fails; the folder is then unchanged.
    """
    with _writing(out):
        out.mkdir(parents=True, exist_ok=True)
        with _locked(out) as lock:
            _recover(lock.folder, out)
            foreign = _check_build_folder(lock.folder, out)
            if not _publish_by_exchange(lock, files, foreign, out):
                _publish_by_journal(lock.folder, files, foreign, out)


# ---------------------------------------------------------------------------- errors


@contextlib.contextmanager
def _writing(out: Path) -> Iterator[None]:
    """Turn an OSError into a diagnostic that names the output folder (never an input's)."""
    try:
        yield
    except OSError as exc:
        where = f" ({display_path(exc.filename)})" if exc.filename else ""
        raise DiagnosticError(
            [
                Diagnostic(
                    Span(display_path(out)),
                    f"cannot write output: {exc.strerror or exc}{where}",
                    ("check that the output folder and its parent exist and are writable",),
                )
            ]
        ) from None


def _warn(out: Path, message: str) -> None:
    diagnostic = Diagnostic(Span(display_path(out)), message, severity=Severity.WARNING)
    _LOG.warning("%s", message, extra={"diagnostic": diagnostic})


# ---------------------------------------------------------------------------- locking


class _Lock:
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
def _locked(out: Path) -> Iterator[_Lock]:
    """Hold `out` exclusively. A lock taken on a folder a finished build swapped away is retaken."""
    folder = out.resolve()
    lock = _Lock(folder)
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
        _LOG.info("waiting for another build to finish publishing into %s", display_path(out))
        fcntl.flock(fd, fcntl.LOCK_EX)


def _same_file(held: os.stat_result, path: Path) -> bool:
    try:
        now = path.stat()
    except FileNotFoundError:
        return False
    return (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino)


# ---------------------------------------------------------------------------- recovery


def _recover(folder: Path, out: Path) -> list[str]:
    """Under the lock: remove leftover generations, finish or undo a journal, drop old temp files."""
    done = []
    generations = _leftover_generations(folder)
    for path in generations:
        _remove_tree(path)
    if generations:
        done.append(f"removed {_count(len(generations), 'unfinished build folder')} left by a killed build")
    journal = folder / JOURNAL
    if journal.is_dir():
        committed = (journal / _COMMIT).is_file()
        if committed:
            _apply_journal(folder)
            _forget_journal(folder)
        else:
            _remove_tree(journal)
        done.append(("finished" if committed else "undid") + " a build that was killed while publishing")
    old = [name for name in os.listdir(folder) if _OLD_LEFTOVER.fullmatch(name)]
    for name in old:
        os.unlink(folder / name)
    if old:
        done.append(f"removed {_count(len(old), 'temporary file')} left by a killed build")
    for line in done:
        _warn(out, line)
    return done


def _leftover_generations(folder: Path) -> list[Path]:
    prefix = f".{folder.name}{_GENERATION}"
    return sorted(
        entry
        for entry in folder.parent.iterdir()
        if entry.name.startswith(prefix) and entry.is_dir() and not entry.is_symlink()
    )


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}"


# ---------------------------------------------------------------------------- ownership


def _check_build_folder(folder: Path, out: Path) -> list[str]:
    """The names in `folder` a build did not write (to keep); refused if `folder` is no build output.

    A folder with no manifest that holds anything (say `--out .` or `--out ~`) is refused
    rather than filled: a build there would mix its files into someone else's.
    """
    foreign = sorted(_foreign_entries(folder))
    if not foreign or (folder / MANIFEST).is_file():
        return foreign
    shown = [
        f"{name}/" if (folder / name).is_dir() and not (folder / name).is_symlink() else name
        for name in foreign
    ]
    listed = ", ".join(shown[:5]) + (f" and {len(shown) - 5} more" if len(shown) > 5 else "")
    raise DiagnosticError(
        [
            Diagnostic(
                Span(display_path(out)),
                f"the output folder is not a build folder (it has no {MANIFEST}) and holds "
                f"{_count(len(foreign), 'file')} zjlab-reports did not write: {listed}",
                (
                    "choose an empty or new folder with --out (files added to a build folder "
                    "later are kept by the next build)",
                ),
            )
        ]
    )


def _foreign_entries(folder: Path) -> Iterator[str]:
    """The names in `folder` a build did not write: not its manifest, an artifact it lists or
    one named like an artifact (files only), nor OS litter or the old lock file."""
    entries = os.listdir(folder)
    listed = _listed(folder) if MANIFEST in entries else None
    for name in entries:
        path = folder / name
        ours = listed is not None and (name == MANIFEST or name in listed or bool(_ARTIFACT.fullmatch(name)))
        if name not in _DROPPABLE and not (ours and path.is_file() and not path.is_symlink()):
            yield name


def _listed(folder: Path) -> set[str]:
    """The file names a folder's manifest lists (none if it cannot be read as one)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return {str(entry["path"]) for entry in data["artifacts"]}
    except (OSError, ValueError, KeyError, TypeError):
        return set()


# ---------------------------------------------------------------------------- by exchange


def _publish_by_exchange(
    lock: _Lock, files: Sequence[tuple[str, bytes]], foreign: Sequence[str], out: Path
) -> bool:
    """Write a new generation (with the `foreign` entries carried over) and swap it with the
    folder; False (nothing changed) if impossible."""
    folder = lock.folder
    if os.path.ismount(folder) or _exchange_function() is None:
        return False
    staging = folder.parent / f".{folder.name}{_GENERATION}{secrets.token_hex(6)}"
    try:
        os.mkdir(staging)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return False  # a parent we may not write: the journal works inside the folder
        raise
    try:
        os.chmod(staging, stat.S_IMODE(os.stat(folder).st_mode))  # the folder keeps its mode
        lock.add(staging)  # whoever opens the folder once it is swapped waits for us
        _write_files(staging, files)
        for name in foreign:
            _carry(folder / name, staging / name)
        _fsync_dir(staging)
        swapped = _exchange(staging, folder)
    except BaseException:
        with contextlib.suppress(OSError):
            _remove_tree(staging)
        raise
    if swapped:
        _settle(folder, staging, out)
    else:
        _remove_tree(staging)
    return swapped


def _settle(folder: Path, previous: Path, out: Path) -> None:
    """After the swap: make it durable, delete the previous build. The new build is published
    whatever happens here, so a failure is a warning (the next build removes what is left)."""
    try:
        _fsync_dir(folder.parent)
        _remove_tree(previous)
    except OSError as exc:
        _warn(out, f"published, but the previous build could not be removed: {exc.strerror or exc}")


@functools.cache
def _exchange_function() -> Any:
    """libc's `renameat2`, or None where there is none (not Linux, or an old C library)."""
    if not sys.platform.startswith("linux"):
        return None
    function = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if function is not None:
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        function.restype = ctypes.c_int
    return function


def _exchange(one: Path, other: Path) -> bool:
    """Swap two folders' names atomically; False if this file system cannot. Raises OSError."""
    at_cwd, rename_exchange = -100, 2
    renameat2 = _exchange_function()
    result = renameat2(at_cwd, os.fsencode(one), at_cwd, os.fsencode(other), rename_exchange)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _NO_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), str(other))


# ---------------------------------------------------------------------------- by journal


def _publish_by_journal(
    folder: Path, files: Sequence[tuple[str, bytes]], foreign: Sequence[str], out: Path
) -> None:
    """Stage the files inside the folder, commit, then rename them into place (`foreign` stays)."""
    journal = folder / JOURNAL
    names = [name for name, _ in files]
    keep = {JOURNAL, *names, *foreign}
    obsolete = sorted(name for name in os.listdir(folder) if name not in keep)
    os.mkdir(journal)
    try:
        _write_files(journal, files)
        record = json.dumps({"place": names, "remove": obsolete}, ensure_ascii=False).encode()
        _write_file(journal / f"{_COMMIT}.tmp", record)
        os.replace(journal / f"{_COMMIT}.tmp", journal / _COMMIT)  # the commit point
        _fsync_dir(journal)
    except BaseException:
        with contextlib.suppress(OSError):
            _remove_tree(journal)
        raise
    _apply_journal(folder)
    try:
        _forget_journal(folder)
    except OSError as exc:  # published: what is left is removed by the next build
        _warn(out, f"published, but the journal could not be removed: {exc.strerror or exc}")


def _apply_journal(folder: Path) -> None:
    """Carry out a committed journal (again, if it was interrupted): place, remove, fsync."""
    journal = folder / JOURNAL
    record = json.loads((journal / _COMMIT).read_bytes())
    for name in record["place"]:
        if (journal / name).exists():
            os.replace(journal / name, folder / name)
    for name in record["remove"]:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(folder / name)
    _fsync_dir(folder)


def _forget_journal(folder: Path) -> None:
    """Delete a journal that was carried out (its commit record first)."""
    os.unlink(folder / JOURNAL / _COMMIT)
    _remove_tree(folder / JOURNAL)


# ---------------------------------------------------------------------------- files


def _write_files(folder: Path, files: Sequence[tuple[str, bytes]]) -> None:
    for name, data in files:
        _write_file(folder / name, data)


def _write_file(path: Path, data: bytes) -> None:
    """Create `path` holding `data`, on disk (fsynced) before this returns."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _carry(source: Path, target: Path) -> None:
    """Put an entry we did not write into the new generation as it is: a file hard-linked (else
    copied with its times, and fsynced), a symlink as a symlink, a folder entry by entry."""
    if source.is_symlink():
        os.symlink(os.readlink(source), target)
    elif source.is_dir():
        os.mkdir(target)
        for name in sorted(os.listdir(source)):
            _carry(source / name, target / name)
        shutil.copystat(source, target, follow_symlinks=False)
        _fsync_dir(target)
    else:
        try:
            os.link(source, target, follow_symlinks=False)
        except OSError:  # another file system, a protected link, too many links: copy it
            shutil.copy2(source, target, follow_symlinks=False)
            _fsync_file(target)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_tree(folder: Path) -> None:
    """Delete a folder we made (files and folders only; symlinks are unlinked, never followed)."""
    with os.scandir(folder) as entries:
        for entry in list(entries):
            if entry.is_dir(follow_symlinks=False):
                _remove_tree(Path(entry.path))
            else:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
    with contextlib.suppress(FileNotFoundError):
        os.rmdir(folder)
