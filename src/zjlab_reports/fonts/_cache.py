"""The on-disk font cache: what a font instance is made from in; a verified cache file out.

An entry's name says what determines its bytes and carries their digest:
`fonts/<sha256(font file)[:16]>-w<weight>-<sha256(recipe + sorted characters)[:16]>.<sha256(bytes)>.ttf`.
The part before the digest (the entry's *stem*) is computed from the request; the digest is
checked against the bytes every time an entry is read, so a file damaged on disk (flipped
bytes, a truncated copy, a half-written file after a power cut) is noticed, reported once as
a warning, removed and built again: it never reaches a document. The recipe tag (fontTools'
version and the source of `_build.py`) makes a changed build step miss old entries.

Entries are written to a temporary file in the same folder and renamed into place, so a
reader never sees a partial file and two builds writing the same entry at once both end with
the same, whole file. A cache folder that cannot be written is a warning, not an error: the
build goes on with its fonts in a private temporary folder (removed when the process exits).
Warnings go to the `zjlab_reports` logger as `Diagnostic`s (`extra={"diagnostic": ...}`).
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import importlib.util
import logging
import re
import shutil
import tempfile
from pathlib import Path

from ..cache import CacheWarnings, cache_root, entries, write_whole
from ._source import FontError

__all__ = [
    "Stamp",
    "charset_key",
    "default_cache_dir",
    "entry_stem",
    "find_entry",
    "forget_entry",
    "recipe",
    "stamp",
    "store_entry",
]

_LOG = logging.getLogger("zjlab_reports.fonts")


def _recipe() -> str:
    """What makes a cache file: fontTools' version and the source of the code that builds it.

    Any change to `_build.py` (subset options, instancing, names) misses every old entry by
    itself, so a stale cache can never make a build differ from a clean one.
    """
    source = (Path(__file__).parent / "_build.py").read_bytes()
    return f"zjlab-fonts fonttools/{_fonttools_version()} build/{hashlib.sha256(source).hexdigest()[:16]}"


def _fonttools_version() -> str:
    """fontTools' version, read from its `__init__.py` so that a warm build imports no fontTools
    (importing it to ask costs ~15 ms); imported after all if the line is not found."""
    spec = importlib.util.find_spec("fontTools")
    try:
        text = Path(spec.origin).read_text("utf-8") if spec and spec.origin else ""
    except OSError:
        text = ""
    found = re.search(r'^version = __version__ = "([^"]+)"$', text, re.MULTILINE)
    if found:
        return found.group(1)
    import fontTools

    return str(fontTools.version)


_RECIPE = _recipe()
_REPORTED: set[str] = set()  # what was already warned about in this process
_WARNINGS = CacheWarnings(_LOG, _REPORTED, "font cache", "building it again", "font work")
_PRIVATE: list[Path] = []  # the fallback folder, once made


def recipe() -> str:
    """This build step's recipe tag (fontTools' version, a digest of `_build.py`): a part of
    the key of everything made with it."""
    return _RECIPE


#: What identifies one version of a file: (size, modification time in ns, inode).
Stamp = tuple[int, int, int]


def default_cache_dir() -> Path:
    """The cache root (`cache.cache_root`): `$ZJLAB_REPORTS_CACHE`, else
    `$XDG_CACHE_HOME/zjlab-reports`, else `~/.cache/zjlab-reports`. Fonts go to its `fonts/`
    subfolder."""
    return cache_root()


#: Outside the ideographs, a document's character asks the subset for its whole block of this
#: many code points (an accented letter brings its neighbours), so that documents whose texts
#: differ by a few letters share one subset (one cache entry, one face, one set of memos).
BLOCK = 128


@functools.lru_cache(maxsize=256)  # asked once per face of each document, with the same characters
def charset_key(chars: str, base: frozenset[str]) -> str:
    """What a subset is asked to hold, each character once, sorted: `base`, plus each
    character of `chars`, below U+3000 (alphabets, punctuation, symbols) with its whole block
    of `BLOCK` code points. From U+3000 on (CJK punctuation, kana, ideographs: a Chinese text
    uses the same few punctuation marks, and ideographs are thousands), one by one.

    A batch of profiles that differ in a few accented letters (a partner in Zürich, another in
    Kraków) then shares its faces: per new set of characters a face costs a font instance
    built with fontTools on a cold cache (some 0.1-0.5 s) and empty text memos on a warm one.
    The subset keeps only the characters the font has, and so does the entry's key
    (`_coverage.covered`, applied to what this returns).
    """
    wanted = set(base)
    for ch in set(chars) - base:
        code = ord(ch)
        if code < 0x3000:
            start = code - code % BLOCK
            wanted.update(chr(c) for c in range(start, start + BLOCK))
        else:
            wanted.add(ch)
    return "".join(sorted(wanted))


def stamp(path: Path) -> Stamp | None:
    """The version of the file at `path` (None if it is gone), to notice it changing."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


def entry_stem(font_digest: str, weight: int, charset: str) -> str:
    """The name, digest aside, of the instance of a font (by digest) at `weight` holding `charset`."""
    recipe_and_chars = f"{_RECIPE}\n{charset}".encode("utf-8", "surrogatepass")
    chars_digest = hashlib.sha256(recipe_and_chars).hexdigest()
    return f"{font_digest[:16]}-w{weight}-{chars_digest[:16]}"


def find_entry(root: Path, stem: str, folder: str = "fonts", suffix: str = ".ttf") -> Path | None:
    """A cache file for `stem` under `root` whose bytes match the digest in its name, or None.

    Entries live in `root/folder` and end in `suffix` (font files by default; `_metrics` keeps
    its records the same way). Files that do not match are reported (once each) and removed,
    so that they get rebuilt.
    """
    try:
        candidates = entries(root / folder, stem, suffix)
    except OSError:
        return None
    for path in candidates:
        digest = path.name[len(stem) + 1 : -len(suffix)]
        try:
            actual = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue
        if actual == digest:
            return path
        forget_entry(path, "its bytes do not match the digest in its name")
    return None


def forget_entry(path: Path, reason: str) -> None:
    """Report a damaged cache file (once per process) and remove it, if it can be removed."""
    _WARNINGS.damaged(path, reason)


def store_entry(root: Path, stem: str, data: bytes, folder: str = "fonts", suffix: str = ".ttf") -> Path:
    """Write `data` as the entry `stem` under `root/folder` (atomically); return its path.

    When `root` cannot be written, warns once and writes to a private temporary folder
    instead. Raises FontError only when no folder at all can be written.
    """
    name = f"{stem}.{hashlib.sha256(data).hexdigest()}{suffix}"
    try:
        return write_whole(root / folder / name, data)
    except OSError as exc:
        _WARNINGS.unwritable(root, exc)
    try:
        return write_whole(_private_folder() / name, data)
    except OSError as exc:
        raise FontError(
            f"cannot write font files anywhere (the cache {root} nor a temporary folder): "
            f"{exc.strerror or exc}",
            hint="set ZJLAB_REPORTS_CACHE to a folder you can write to",
        ) from exc


def _private_folder() -> Path:
    if not _PRIVATE:
        folder = Path(tempfile.mkdtemp(prefix="zjlab-reports-fonts-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _PRIVATE.append(folder)
    return _PRIVATE[0]
