"""Faces: a `FontSpec`, a weight and the characters a document uses in; a measured `Face` out.

`load_face` returns a static, subset TrueType instance in the on-disk cache (built on a miss)
together with the metrics compose needs: advances per character, ascent, descent, cap height.
Advances are what ReportLab draws: hmtx advances, no kerning, .notdef for unmapped characters.
A cache hit reads them from the metrics stored beside the font (`_metrics`): no fontTools.
The instance holds, and its cache entry is named after, the requested characters the font maps
(`_coverage`): characters it lacks make no new instance.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TypeGuard

from ..cache import file_digest
from ..document import FontFace
from ..records import Immutable
from ._build import BASE_CHARS, build_static, ps_name
from ._cache import (
    Stamp,
    charset_key,
    default_cache_dir,
    entry_stem,
    find_entry,
    forget_entry,
    stamp,
    store_entry,
)
from ._coverage import coverage, covered, forget_coverage
from ._metrics import measure, read_metrics, store_metrics
from ._source import FontSpec, locate

__all__ = ["Face", "instances_built", "load_face"]

_NBSP, _SPACE = 0x00A0, 0x0020
_MEMO: dict[tuple[FontSpec, int, str, str], tuple[Face, Stamp | None]] = {}
_BUILT = [0]  # instances this process built (cache misses)


class Face(Immutable):
    """A static instance at one weight, subset to a character set, ready to measure and embed.

    `face` names the instance and its file for the backends. `ascent`, `descent` (positive,
    below the baseline) and `cap_height` are fractions of the em, from the OS/2 typo metrics
    (hhea when the font has no OS/2 table); multiply by the font size in points.
    Immutable, and equal (and hashed) by those four, as a frozen dataclass would be; written
    out, because making a dataclass generates and compiles its methods at every start.
    """

    face: FontFace
    ascent: float
    descent: float
    cap_height: float
    _advances: Mapping[int, float]
    _notdef: float

    def __init__(
        self,
        face: FontFace,
        ascent: float,
        descent: float,
        cap_height: float,
        _advances: Mapping[int, float],
        _notdef: float,
    ) -> None:
        own = self.__dict__
        own["face"], own["ascent"], own["descent"], own["cap_height"] = face, ascent, descent, cap_height
        own["_advances"], own["_notdef"] = _advances, _notdef

    def __repr__(self) -> str:
        return (
            f"Face(face={self.face!r}, ascent={self.ascent!r}, descent={self.descent!r}, "
            f"cap_height={self.cap_height!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Face)
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())

    def _compared(self) -> tuple[FontFace, float, float, float]:
        return (self.face, self.ascent, self.descent, self.cap_height)

    def has(self, ch: str) -> bool:
        """Whether the subset font draws a real glyph for the single character `ch`.

        True for characters its cmap maps, and for a no-break space when it maps a space
        (ReportLab draws one with the other). Characters outside the subset count as absent.
        """
        return ord(ch) in self._advances

    def advance(self, text: str, size: float) -> float:
        """The width of `text` in points at `size` points, as ReportLab draws it.

        The sum of the characters' hmtx advances, without kerning; characters the font does
        not map take the .notdef glyph's advance.
        """
        advances, notdef = self._advances, self._notdef
        return size * sum(advances.get(ord(ch), notdef) for ch in text)


def load_face(spec: FontSpec, weight: int, chars: str, cache_dir: Path | None = None) -> Face:
    """The face of `spec` at CSS `weight` (100-900) holding `chars` plus a base set.

    The base set is printable ASCII, the no-break space and common punctuation (‘’“”–—…•·×).
    Characters the font lacks are left out silently (`Face.has` tells), and change nothing:
    requests differing only in them get the same face. `cache_dir` is the cache root (None:
    `default_cache_dir()`); the instance is cached in its `fonts/` folder, and a cache file is
    used only when its bytes match the digest in its name. Repeated calls in one process
    return the same `Face` while its file is unchanged on disk. Raises FontError when the font
    is not installed, not a TrueType font, lacks the weight, or no folder at all can be
    written (an unwritable cache alone is a logged warning).
    """
    root = Path(os.path.abspath(cache_dir if cache_dir is not None else default_cache_dir()))
    wanted = charset_key(chars, BASE_CHARS)
    key = (spec, weight, wanted, str(root))
    known = _MEMO.get(key)
    if not _current(known):
        known = _MEMO[key] = _covered_face(spec, weight, wanted, root)
    return known[0]


def instances_built() -> int:
    """How many font instances this process has built so far (each a cache miss: some 0.1-0.4 s
    of fontTools work); a caller can tell from it that the cache is cold."""
    return _BUILT[0]


def clear_memo() -> None:
    """Forget the faces and font coverages loaded in this process (the disk cache stays). For
    tests."""
    _MEMO.clear()
    forget_coverage()


def _current(known: tuple[Face, Stamp | None] | None) -> TypeGuard[tuple[Face, Stamp | None]]:
    """Whether a remembered face is still its file on disk (not changed or removed since)."""
    return known is not None and stamp(known[0].face.path) == known[1]


def _covered_face(spec: FontSpec, weight: int, wanted: str, root: Path) -> tuple[Face, Stamp | None]:
    """The face holding the characters of `wanted` that the font maps, and its file's stamp:
    remembered under those characters too, so that requests differing only in characters the
    font lacks share one face."""
    source = locate(spec)
    digest = file_digest(source, root)
    charset = covered(wanted, coverage(source, digest, root))
    key = (spec, weight, charset, str(root))
    known = _MEMO.get(key)
    if not _current(known):
        face = _load(spec, source, digest, weight, charset, root)
        known = _MEMO[key] = (face, stamp(face.face.path))
    return known


def _load(spec: FontSpec, source: Path, digest: str, weight: int, charset: str, root: Path) -> Face:
    """The face from a verified cache file under `root`, building the file when there is none."""
    stem = entry_stem(digest, weight, charset)
    cached = find_entry(root, stem)
    if cached is not None:
        try:
            return _measured(_font_face(spec, weight, cached), root)
        except _damaged():  # whole, but not a font fontTools can read: build it again
            forget_entry(cached, "it is not a readable font")
    built = store_entry(root, stem, build_static(source, spec.family, weight, charset))
    _BUILT[0] += 1
    return _measured(_font_face(spec, weight, built), root)


def _font_face(spec: FontSpec, weight: int, path: Path) -> FontFace:
    return FontFace(
        name=ps_name(spec.family, weight),
        family=spec.family,
        weight=weight,
        path=path,
        office_name=spec.office_name,
        east_asian=spec.east_asian,
    )


def _measured(face: FontFace, root: Path) -> Face:
    """The `Face` of the cache file `face.path`: from its stored metrics (no fontTools), else
    measured with fontTools and stored for the next build."""
    metrics = read_metrics(root, face.path)
    if metrics is None:
        metrics = measure(face.path)
        store_metrics(root, face.path, metrics)
    upem = metrics.upem
    advances = {code: units / upem for code, units in metrics.advances.items()}
    _alias_spaces(advances)
    notdef = metrics.notdef / upem
    return Face(face, metrics.ascent, metrics.descent, metrics.cap_height, MappingProxyType(advances), notdef)


def _damaged() -> tuple[type[BaseException], ...]:
    """The errors fontTools raises on a file that is not a font it can read (imported only when
    one is raised: `except` evaluates its expression only then)."""
    from fontTools.ttLib import TTLibError

    return (TTLibError, struct.error, EOFError, ValueError, IndexError, KeyError)


def _alias_spaces(advances: dict[int, float]) -> None:
    """Mirror ReportLab, which draws a no-break space as a space (or the reverse)."""
    if _SPACE in advances:
        advances[_NBSP] = advances[_SPACE]
    elif _NBSP in advances:
        advances[_SPACE] = advances[_NBSP]
