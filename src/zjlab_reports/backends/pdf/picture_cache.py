"""The on-disk picture cache: a picture's digest and variant in; its verified prepared stream out.

Prepared picture streams (`pictures`) live beside the font cache, in the `pictures/` folder
of the cache root (`$ZJLAB_REPORTS_CACHE`, see `cache.cache_root`; the
loaders' picture checks are in `checked-pictures/`). An entry's name says what determines
its bytes and carries their digest:
`pictures/<sha256(recipe, variant, picture digest)[:32]>.<sha256(bytes)>.pic`. The recipe
names Pillow's and zlib's versions and digests of the code that prepares streams (and, for
print, of the ICC profiles), so a change to any of them misses old entries.

Every read checks the entry's bytes against the digest in its name: a damaged entry is
reported once as a warning, removed, and the picture is prepared again, so it never reaches a
document. Entries are written to a temporary file and renamed into place. A cache folder that
cannot be written is one warning; the build goes on without the disk cache. Warnings go to
the `zjlab_reports` logger as `Diagnostic`s (`extra={"diagnostic": ...}`).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import zlib
from pathlib import Path

from zjlab_reports.cache import CacheWarnings, cache_root, entries, write_whole

from .colour import CMYK_PROFILE, SRGB_PROFILE, Variant

__all__ = ["entry_stem", "find_entry", "forget_entries", "store_entry"]

_LOG = logging.getLogger("zjlab_reports.pictures")
_SUFFIX = ".pic"
_REPORTED: set[str] = set()  # what was already warned about in this process
_WARNINGS = CacheWarnings(_LOG, _REPORTED, "picture cache", "preparing it again", "picture work")


def entry_stem(picture_digest: str, variant: Variant) -> str:
    """The name, digest aside, of the prepared stream of a picture (by digest) for `variant`."""
    key = f"{_recipe(variant)}\n{variant}\n{picture_digest}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def find_entry(stem: str) -> bytes | None:
    """The bytes of the entry `stem` if one matches the digest in its name, else None.

    Entries that do not match are reported (once each) and removed.
    """
    return _WARNINGS.checked_entry(_folder(), stem, _SUFFIX)


def forget_entries(stem: str) -> None:
    """Report and remove every entry `stem` (whole files that hold no prepared picture)."""
    with contextlib.suppress(OSError):
        for path in entries(_folder(), stem, _SUFFIX):
            _WARNINGS.damaged(path, "it holds no prepared picture")


def store_entry(stem: str, data: bytes) -> None:
    """Write `data` as the entry `stem`, atomically; warn once if the cache cannot be written."""
    folder = _folder()
    target = folder / f"{stem}.{hashlib.sha256(data).hexdigest()}{_SUFFIX}"
    try:
        write_whole(target, data)
    except OSError as exc:
        _WARNINGS.unwritable(folder, exc)


def _folder() -> Path:
    return cache_root() / "pictures"


@functools.cache
def _recipe(variant: Variant) -> str:
    """What makes an entry: Pillow's and zlib's versions, the preparing code, print's profiles."""
    import PIL

    here = Path(__file__).parent
    code = hashlib.sha256()
    for name in ("pictures.py", "colour.py"):
        code.update((here / name).read_bytes())
    if variant == "print":
        code.update(SRGB_PROFILE.data + CMYK_PROFILE.data)
    versions = f"pillow/{PIL.__version__} zlib/{zlib.ZLIB_RUNTIME_VERSION}"
    return f"zjlab-pictures {versions} code/{code.hexdigest()[:16]}"
