"""Stored parts of PDF files: what determines some bytes in; those bytes, made once per cache, out.

A one-shot build makes in every process what the one before made too: the objects of each
font subset (ReportLab's pure-Python subsetter, its ToUnicode CMap, the compressed font file:
~0.8 ms a subset, five subsets in a Chinese brochure), the compressed ICC profile of the
output intent (~20 ms for print's CMYK profile) and print's colours converted to CMYK (the
first one loads Pillow's core and builds a LittleCMS transform: ~40 ms). `stored` keeps such
bytes in the cache's `pdf-parts/` folder (under `cache.cache_root`) so that later processes
read them instead.

An entry's name says what determines its bytes and carries their digest:
`pdf-parts/<sha256(recipe, key)[:32]>.<sha256(bytes)>.part`. The key names everything the
bytes depend on (the caller's part: a font file's digest and a subset's characters, a
profile's digest, a colour with Pillow's version and the profiles' digest); the recipe names
ReportLab's and zlib's versions and a digest of the code that makes the parts, so a change to
any of them misses old entries. Every read checks the bytes against the digest in the name: a
damaged entry is reported once as a warning, removed and made again, so it never reaches a
file. Entries are written to a temporary file and renamed into place; a cache that cannot be
written is one warning, and the build goes on.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import zlib
from collections.abc import Callable
from pathlib import Path

import reportlab

from zjlab_reports.cache import CacheWarnings, cache_root, write_whole

__all__ = ["FOLDER", "stored"]

FOLDER = "pdf-parts"
_SUFFIX = ".part"
_LOG = logging.getLogger("zjlab_reports.pdf")
_WARNINGS = CacheWarnings(_LOG, set(), "PDF parts cache", "making it again", "PDF work")
#: The modules whose code makes what is stored (besides this one).
_MAKERS = ("colour.py", "subsets.py", "syntax.py", "standard.py")


def stored(key: str, make: Callable[[], bytes], root: Path | None = None) -> bytes:
    """The bytes `make()` returns for `key`, from the cache under `root` (None: `cache_root()`)
    when a whole entry is there, else made and stored. `key` must name everything the bytes
    depend on besides this recipe (a wrong hit is a wrong file)."""
    folder = (cache_root() if root is None else root) / FOLDER
    stem = hashlib.sha256(f"{recipe()}\n{key}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
    found = _WARNINGS.checked_entry(folder, stem, _SUFFIX)
    if found is not None:
        return found
    data = make()
    try:
        write_whole(folder / f"{stem}.{hashlib.sha256(data).hexdigest()}{_SUFFIX}", data)
    except OSError as exc:
        _WARNINGS.unwritable(folder, exc)
    return data


@functools.cache
def recipe() -> str:
    """What makes every entry: ReportLab's and zlib's versions and the code that makes parts."""
    here = Path(__file__).parent
    code = hashlib.sha256()
    for name in (*_MAKERS, "stored.py"):
        code.update((here / name).read_bytes())
    versions = f"reportlab/{reportlab.Version} zlib/{zlib.ZLIB_RUNTIME_VERSION}"
    return f"zjlab-pdf-parts {versions} code/{code.hexdigest()[:16]}"
