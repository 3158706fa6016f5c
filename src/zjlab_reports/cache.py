"""The cache folder: the environment in; where zjlab-reports keeps what it can make again, and
files put there whole, out.

Everything in it can be made again: font instances and what is read from them (`fonts/`,
`metrics/`, `sources/`), prepared PDF pictures (`pictures/`), picture checks
(`checked-pictures/`), validator schemas (`validators/`), Babel's formatted values (`formats/`)
and validate's verdicts (`verdicts/`).
Each user of the cache checks what it reads (digests in names or contents). Here too: the
digest of a file once per version (`file_digest`), one-line records per file version
(`recall`, `remember`) and a cache's warnings said once (`warn_once`). This module needs only
the standard library, so that reading a stored verdict loads nothing else.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .diagnostics import Diagnostic

__all__ = ["cache_root", "file_digest", "file_version", "recall", "remember", "warn_once", "write_whole"]

_CHUNK = 1 << 20
_DIGESTS: dict[tuple[str, int, int], str] = {}


def cache_root() -> Path:
    """The cache root: `$ZJLAB_REPORTS_CACHE`, else `$XDG_CACHE_HOME/zjlab-reports`, else
    `~/.cache/zjlab-reports`. Empty variables count as unset; a relative `$XDG_CACHE_HOME` is
    ignored, as the XDG spec says."""
    own = os.environ.get("ZJLAB_REPORTS_CACHE")
    if own:
        return Path(own).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "zjlab-reports"


def write_whole(target: Path, data: bytes) -> Path:
    """Write `data` to `target` so that readers see no file or all of `data` (a temporary file
    renamed into place); create the folder. Returns `target`. Raises OSError.

    No fsync: what the cache holds is checked when read, and made again when damaged.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return target


def file_digest(path: Path, root: Path | None = None) -> str:
    """The SHA-256 hex digest of the file at `path`, computed once per file version.

    Hashing an 18 MB font takes ~25 ms, so the digest is remembered in the process and, when
    `root` (a cache root) is given, on disk for later processes (`recall`, `remember`).
    """
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    digest = _DIGESTS.get(key)
    if digest is None:
        version = file_version(path, stat)
        digest = recall(root, "sources", version) if root is not None else None
        if digest is None or len(digest) != 64:
            digest = _hash_file(path)
            if root is not None:
                remember(root, "sources", version, digest)
        _DIGESTS[key] = digest
    return digest


def file_version(path: Path, stat: os.stat_result) -> str:
    """What tells one version of the file at `path` from every other: its absolute path, size,
    modification and change times, inode and device. Any write to a file changes its change
    time (which no tool sets back), so a fact remembered for a version is never a stale one."""
    parts = (
        os.path.abspath(path),
        stat.st_size,
        stat.st_mtime_ns,
        stat.st_ctime_ns,
        stat.st_ino,
        stat.st_dev,
    )
    return "\0".join(map(str, parts))


def recall(root: Path, folder: str, version: str) -> str | None:
    """What `remember` stored under `root/folder` for the file version `version`, or None (also
    when the record is damaged: a record carries a digest of its key and content)."""
    try:
        text, check = (root / folder / _record_name(version)).read_text("utf-8").rsplit(" ", 1)
    except (OSError, ValueError):
        return None
    return text if check.strip() == _record_check(version, text) else None


def remember(root: Path, folder: str, version: str, text: str) -> None:
    """Store `text` (one line) for the file version `version` under `root/folder` (atomically).
    A cache that cannot be written only costs later processes the work again: no warning."""
    record = f"{text} {_record_check(version, text)}\n"
    with contextlib.suppress(OSError):
        write_whole(root / folder / _record_name(version), record.encode("utf-8"))


def _record_check(version: str, text: str) -> str:
    return _sha(f"{version}\0{text}")


def _record_name(version: str) -> str:
    return f"{_sha(version)[:32]}.txt"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _hash_file(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as source:
        while block := source.read(_CHUNK):
            sha.update(block)
    return sha.hexdigest()


def warn_once(log: logging.Logger, reported: set[str], key: str, diagnostic: Diagnostic) -> None:
    """Log the warning `diagnostic` on `log` unless `key` is in `reported` (this process's
    warnings of one cache so far); a damaged or unwritable cache is said once, not per file."""
    if key in reported:
        return
    reported.add(key)
    log.warning("%s", diagnostic.message, extra={"diagnostic": diagnostic})
