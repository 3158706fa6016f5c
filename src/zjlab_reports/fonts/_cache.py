"""The on-disk font cache: a font file, weight and character set in; a cache file path out.

A cached instance is named by what determines its bytes:
`fonts/<sha256(font file)[:16]>-w<weight>-<sha256(recipe + sorted characters)[:16]>.ttf`.
The recipe tag (our build version and fontTools' version) makes a changed build step miss old
entries instead of reusing them. Files are written atomically (temporary file in the same
folder, then `os.replace`), so concurrent builds never read a partial file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

import fontTools

from ._source import FontError

__all__ = ["cache_file", "charset_key", "default_cache_dir", "file_digest", "write_atomic"]


def _recipe() -> str:
    """What makes a cache file: fontTools' version and the source of the code that builds it.

    Any change to `_build.py` (subset options, instancing, names) misses every old entry by
    itself, so a stale cache can never make a build differ from a clean one.
    """
    source = (Path(__file__).parent / "_build.py").read_bytes()
    return f"zjlab-fonts fonttools/{fontTools.version} build/{hashlib.sha256(source).hexdigest()[:16]}"


_RECIPE = _recipe()
_CHUNK = 1 << 20
_DIGESTS: dict[tuple[str, int, int], str] = {}


def default_cache_dir() -> Path:
    """The cache root: `$ZJLAB_REPORTS_CACHE`, else `$XDG_CACHE_HOME/zjlab-reports`, else
    `~/.cache/zjlab-reports`. Fonts go to its `fonts/` subfolder. Empty variables count as unset;
    a relative `$XDG_CACHE_HOME` is ignored, as the XDG spec says.
    """
    own = os.environ.get("ZJLAB_REPORTS_CACHE")
    if own:
        return Path(own).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "zjlab-reports"


def charset_key(chars: str, base: frozenset[str]) -> str:
    """`chars` plus `base`, each character once, sorted: what a subset is asked to hold."""
    return "".join(sorted(set(chars) | base))


def file_digest(path: Path) -> str:
    """The SHA-256 hex digest of the file at `path`, computed once per process per file version.

    Memoised by path, size and modification time, since hashing an 18 MB font takes a while.
    """
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    digest = _DIGESTS.get(key)
    if digest is None:
        sha = hashlib.sha256()
        with path.open("rb") as source:
            while block := source.read(_CHUNK):
                sha.update(block)
        digest = _DIGESTS[key] = sha.hexdigest()
    return digest


def cache_file(root: Path, font_digest: str, weight: int, charset: str) -> Path:
    """Where the instance of a font (by digest) at `weight` holding `charset` is cached."""
    recipe_and_chars = f"{_RECIPE}\n{charset}".encode("utf-8", "surrogatepass")
    chars_digest = hashlib.sha256(recipe_and_chars).hexdigest()
    return root / "fonts" / f"{font_digest[:16]}-w{weight}-{chars_digest[:16]}.ttf"


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` so readers see the old file, no file, or all of `data`.

    Creates the folder. Raises FontError when the cache folder cannot be written.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise _unwritable(target, exc) from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise _unwritable(target, exc) from exc
        raise


def _unwritable(target: Path, exc: OSError) -> FontError:
    return FontError(
        f"cannot write the font cache file {target}: {exc.strerror or exc}",
        hint="set ZJLAB_REPORTS_CACHE to a folder you can write to",
    )
