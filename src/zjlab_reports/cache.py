"""The cache folder: the environment in; where zjlab-reports keeps what it can make again, and
files put there whole, out.

Everything in it can be made again: font instances and what is read from them (`fonts/`,
`metrics/`), the digests of source fonts and pictures (`sources/`), prepared PDF pictures
(`pictures/`), PDF font subsets, compressed ICC profiles and CMYK colours (`pdf-parts/`),
deflated deck pictures (`deflated/`), picture checks (`checked-pictures/`), Babel's formatted
values (`formats/`), YAML files read (`parsed/`) and validate's verdicts and list's plans
(`verdicts/`).
Each user of the cache checks what it reads (digests in names or contents). Here too: the
digest of a file once per version (`file_digest`), one-line records per file version
(`recall`, `remember`) and a cache's warnings said once (`warn_once`; `CacheWarnings` words
those of a damaged file and of a folder that cannot be written). This module needs only
the standard library, so that reading a stored verdict loads nothing else.

The cache stays bounded: every edit that brings new characters makes new font instances, and
every new state of the inputs a new verdict, so a designer's cache would grow for ever. Once a
day a build, or a watching process's rebuild, trims it (`trim_daily`, from
`build.write_build`) to `$ZJLAB_REPORTS_CACHE_LIMIT` MiB (default 1024), the files used
longest ago first, never one used in the last day.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import logging
import os
import stat as stat_kind
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

if TYPE_CHECKING:
    from .diagnostics import Diagnostic

__all__ = [
    "FOLDERS",
    "CacheWarnings",
    "cache_root",
    "entries",
    "file_digest",
    "file_version",
    "recall",
    "remember",
    "trim",
    "trim_daily",
    "warn_once",
    "write_whole",
]

#: The cache's folders, each kept by one user of the cache; `trim` touches nothing else.
FOLDERS = (
    "checked-pictures",
    "deflated",
    "fonts",
    "formats",
    "metrics",
    "parsed",
    "pdf-parts",
    "pictures",
    "sources",
    "validators",  # pydantic's schemas, written by earlier versions: kept here so `trim` empties it
    "verdicts",
)
DEFAULT_LIMIT_MB = 1024
_DAY = 24 * 60 * 60
_TRIMMED = ".trimmed"  # its modification time: when the cache was last trimmed
_CHUNK = 1 << 20
_DIGESTS: dict[tuple[str, int, int], str] = {}
_LISTINGS: dict[str, tuple[int, list[str]]] = {}


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


def entries(folder: Path, stem: str, suffix: str) -> list[Path]:
    """The files of `folder` named `<stem>.<anything><suffix>`, sorted by name: the versions of
    one cache entry, whose names end with their digest. Raises OSError (no such folder...).

    A folder is listed once per version of it (its modification time) and the stem's names
    found in that sorted listing by bisection: a build looks up a dozen entries in one folder,
    and a designer's cache holds thousands (listing 1,200 font instances took ~1 ms each
    time). Not `Path.glob`, which compiles a pattern for every stem.
    """
    prefix = f"{stem}."
    names = _listing(folder)
    start = bisect.bisect_left(names, prefix)
    found = []
    for name in names[start:]:
        if not name.startswith(prefix):
            break
        if len(name) >= len(prefix) + len(suffix) and name.endswith(suffix):
            found.append(folder / name)
    return found


#: How long after a folder last changed its listing is kept: a change within the same tick of
#: the file system's clock leaves the modification time as it was, so a listing made that
#: soon after a change is not trusted to be the last one (the rule git applies to its index).
_SETTLED_NS = 2_000_000_000


def _listing(folder: Path) -> list[str]:
    """The sorted names in `folder`, listed again whenever its modification time changed."""
    key = os.fspath(folder)
    changed = os.stat(key).st_mtime_ns
    kept = _LISTINGS.get(key)
    if kept is not None and kept[0] == changed:
        return kept[1]
    names = sorted(os.listdir(key))
    if time.time_ns() - changed > _SETTLED_NS:
        _LISTINGS[key] = (changed, names)
    else:
        _LISTINGS.pop(key, None)
    return names


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


class CacheWarnings(Struct, frozen=True, eq=False):
    """The warnings of one of the cache's users, each said once per process (`reported`): a
    damaged file (removed, and made again) and a folder that cannot be written."""

    log: logging.Logger
    reported: set[str]
    name: str  # "font cache"
    redo: str  # what is done instead of using a damaged file: "building it again"
    saves: str  # what a writable cache saves later builds: "font work"

    def checked_entry(self, folder: Path, stem: str, suffix: str) -> bytes | None:
        """The bytes of the entry `stem` in `folder` (named `<stem>.<sha256 of its bytes><suffix>`)
        whose bytes match the digest in its name, or None; entries that do not are reported
        (once each) and removed."""
        try:
            candidates = entries(folder, stem, suffix)
        except OSError:
            return None
        for path in candidates:
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if hashlib.sha256(data).hexdigest() == path.name[len(stem) + 1 : -len(suffix)]:
                return data
            self.damaged(path, "its bytes do not match the digest in its name")
        return None

    def damaged(self, path: Path, reason: str) -> None:
        """Report the damaged file `path` and remove it, if it can be removed."""
        message = f"{self.name} file is damaged ({reason}); {self.redo}"
        self._warn(str(path), path, message, _REMADE)
        with contextlib.suppress(OSError):
            path.unlink()

    def unwritable(self, folder: Path, exc: OSError) -> None:
        """Report that `folder` cannot be written (the build goes on without the cache)."""
        message = f"cannot write the {self.name}: {exc.strerror or exc}; building without it"
        hint = f"set ZJLAB_REPORTS_CACHE to a folder you can write to, so later builds skip {self.saves}"
        self._warn(f"unwritable {folder}", folder, message, hint)

    def _warn(self, key: str, path: Path, message: str, hint: str) -> None:
        from .diagnostics import Diagnostic, Severity, Span

        diagnostic = Diagnostic(Span.of_file(path), message, (hint,), severity=Severity.WARNING)
        warn_once(self.log, self.reported, key, diagnostic)


_REMADE = "nothing to do: the damaged file was removed and a good one is written in its place"


def trim_daily(root: Path | None = None, now: float | None = None) -> list[Path]:
    """`trim` the cache at `root` (default `cache_root()`) to its limit, at most once a day (a
    build calls this when it is done). Returns what was removed; a cache that cannot be read or
    written is left as it is."""
    root = cache_root() if root is None else root
    now = time.time() if now is None else now
    marker = root / _TRIMMED
    with contextlib.suppress(OSError):
        if now - marker.stat().st_mtime < _DAY:
            return []
    try:
        removed = trim(root, _limit(), now)
        marker.touch()
        os.utime(marker, (now, now))
    except OSError:
        return []
    return removed


def trim(root: Path, limit: int, now: float) -> list[Path]:
    """Remove files of the cache's `FOLDERS` under `root`, used longest ago first, until they hold
    at most `limit` bytes. A file used (read or written) within a day of `now` stays, whatever
    the total: a build running now may be about to read it. Returns the removed files."""
    entries = sorted(_entries(root))
    total = sum(size for _, size, _ in entries)
    removed = []
    for used, size, path in entries:
        if total <= limit or now - used < _DAY:
            break
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
        total -= size
    return removed


def _entries(root: Path) -> list[tuple[float, int, Path]]:
    """(last use, size, path) of every regular file in the cache's folders. The last use is the
    later of the access and modification times (file systems mounted `relatime`, the default,
    update the access time on the first read of a day)."""
    found = []
    for folder in FOLDERS:
        with contextlib.suppress(FileNotFoundError, NotADirectoryError), os.scandir(root / folder) as files:
            for entry in files:
                try:
                    info = entry.stat(follow_symlinks=False)
                except FileNotFoundError:  # removed meanwhile by another process
                    continue
                if stat_kind.S_ISREG(info.st_mode):
                    found.append((max(info.st_atime, info.st_mtime), info.st_size, Path(entry.path)))
    return found


def _limit() -> int:
    """The cache's limit in bytes: `$ZJLAB_REPORTS_CACHE_LIMIT` MiB when it is a whole number
    of at least 1, else `DEFAULT_LIMIT_MB`."""
    text = os.environ.get("ZJLAB_REPORTS_CACHE_LIMIT", "")
    megabytes = int(text) if text.strip().isdigit() and int(text) >= 1 else DEFAULT_LIMIT_MB
    return megabytes << 20
