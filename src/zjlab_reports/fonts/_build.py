"""Static instances: a (variable) TrueType file, a weight and characters in; static .ttf bytes out.

The order matters for speed: subset first (an 18 MB CJK font shrinks to the few hundred glyphs
a document uses), then instance the small subset at the weight, then give the instance its
own names, then serialise it deterministically (no "now" timestamp, no randomness). Work whose
result never reaches the bytes is skipped: glyph names (the subset's `post` table has none),
the HVAR table of a font about to be fully instanced, and cycle collections while fontTools
makes and drops its ~10^5 objects.
"""

from __future__ import annotations

import gc
import io
import re
import struct
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ._source import FontError

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

__all__ = ["BASE_CHARS", "build_static", "mapped_codes", "ps_name"]

#: Characters every subset gets (when the font has them): printable ASCII, no-break space and
#: common typographic punctuation, so labels added late (page numbers, bullets) still render.
BASE_CHARS = frozenset("".join(chr(code) for code in range(0x20, 0x7F)) + "\u00a0" + "‘’“”–—…•·×")

# Tables ReportLab needs to embed a TrueType font; anything lacking one is refused up front.
_REQUIRED_TABLES = ("head", "hhea", "hmtx", "maxp", "cmap", "loca", "glyf", "name", "post")
# ReportLab draws without shaping or kerning, so layout tables are dead weight in a subset.
_DROPPED_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "vhea", "vmtx", "VVAR")
# Tables the instancer deletes from a TrueType font when it pins every axis, without using them
# (gvar's phantom points have set the advances by then), so a subset to be instanced need not
# carry them.
_UNUSED_BY_INSTANCER = ("HVAR",)
# Errors fontTools raises on damaged or foreign data (besides its own TTLibError).
_READ_ERRORS = (struct.error, EOFError, ValueError, IndexError, KeyError)


def build_static(path: Path, family: str, weight: int, chars: Iterable[str]) -> bytes:
    """A static TrueType font with `chars` (those the font has), at `weight`, named per family.

    `weight` is a CSS weight (100-900). Raises FontError when `path` is not a font fontTools
    can read, has CFF/CFF2 outlines, or lacks the weight.
    """
    with _opened(path) as font:
        location = _location(font, weight, path.name)
        _subset(font, chars, instanced=location is not None)
        if location is not None:
            from fontTools.varLib import instancer  # heavy: only when a cache file is built

            instancer.instantiateVariableFont(font, location, inplace=True, static=True)
        _rename(font, family, weight)
        return _serialise(font)


def mapped_codes(path: Path) -> list[int]:
    """The code points the font at `path` maps (its best cmap), ascending: what a subset of it
    can hold. Raises FontError as `build_static` does for a file it cannot use."""
    with _opened(path) as font:
        return sorted(font.getBestCmap() or {})


@contextmanager
def _opened(path: Path) -> Iterator[TTFont]:
    """The TrueType font at `path`, read lazily, its glyphs numbered (`_number_glyphs`).

    Raises FontError when it is not a font fontTools can read (also when fontTools finds it
    damaged while the caller reads it), has CFF outlines or lacks a table ReportLab needs.
    """
    from fontTools.ttLib import TTFont, TTLibError  # heavy: only when a cache file is built

    try:
        with (
            _without_cycle_collection(),
            path.open("rb") as stream,
            TTFont(stream, lazy=True, recalcTimestamp=False) as font,
        ):
            _check_tables(font, path.name)
            _number_glyphs(font)
            yield font
    except (TTLibError, *_READ_ERRORS) as exc:
        raise FontError(
            f"{path.name} cannot be read as a font ({type(exc).__name__}: {exc})",
            hint="point the theme at a TrueType (.ttf) font file",
        ) from exc


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused: reading a big font makes ~10^5 objects, which set it off
    again and again to find nothing to free (a CJK face: ~30 ms, more in a process holding a
    composed document). Restored as it was; nothing here needs collecting before the end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def ps_name(family: str, weight: int) -> str:
    """The PostScript name given to `family` at `weight`: `SourceSans3-W700`.

    Unique per (family, weight); only ASCII letters and digits from the family are kept.
    """
    stem = re.sub(r"[^A-Za-z0-9]", "", family) or "Font"
    return f"{stem[:56]}-W{weight}"


def _check_tables(font: TTFont, name: str) -> None:
    """Refuse CFF/CFF2 outlines and fonts missing a table ReportLab needs. Raises FontError."""
    if "glyf" not in font and ("CFF " in font or "CFF2" in font):
        raise FontError(
            f"{name} has CFF outlines; ReportLab embeds TrueType (glyf) outlines only",
            hint="use a .ttf build with TrueType outlines of this family",
        )
    missing = [tag for tag in _REQUIRED_TABLES if tag not in font]
    if missing:
        raise FontError(
            f"{name} is not a usable TrueType font: it has no {', '.join(missing)} table",
            hint="use a .ttf build with TrueType outlines of this family",
        )


def _number_glyphs(font: TTFont) -> None:
    """Name the glyphs `.notdef`, `glyph00001`, ... before any table that needs names is read.

    The names never reach the output (the subset's `post` table has none), but fontTools would
    otherwise derive all of them from the cmap when `post` has none (a CJK font: ~30k names,
    ~140 ms), or decode them from `post`.
    """
    count = font["maxp"].numGlyphs
    font.setGlyphOrder([".notdef", *(f"glyph{gid:05d}" for gid in range(1, count))])


def _location(font: TTFont, weight: int, name: str) -> dict[str, float] | None:
    """Axis values giving a static instance at `weight`; None for a static font.

    Every axis other than `wght` is pinned at its default. Raises FontError when `weight` is
    outside the `wght` axis, or (no `wght` axis) is not the font's OS/2 weight class.
    """
    axes = font["fvar"].axes if "fvar" in font else []
    location = {axis.axisTag: axis.defaultValue for axis in axes}
    wght = next((axis for axis in axes if axis.axisTag == "wght"), None)
    if wght is None:
        _check_static_weight(font, weight, name)
        return location or None
    if not wght.minValue <= weight <= wght.maxValue:
        raise FontError(
            f"{name} has no weight {weight}: its wght axis runs {wght.minValue:g}..{wght.maxValue:g}",
            hint=f"choose a weight from {wght.minValue:g} to {wght.maxValue:g}",
        )
    location["wght"] = weight
    return location


def _check_static_weight(font: TTFont, weight: int, name: str) -> None:
    """Raise FontError unless a font without a wght axis has weight class `weight` (OS/2)."""
    has = font["OS/2"].usWeightClass if "OS/2" in font else 400
    if has != weight:
        raise FontError(
            f"{name} is a static font of weight {has}, not {weight}",
            hint=f"use weight {has}, or a file of this family with weight {weight}",
        )


def _subset(font: TTFont, chars: Iterable[str], instanced: bool) -> None:
    """Keep only the glyphs for `chars` the font maps (plus .notdef), no hinting or layout.

    When the font is to be `instanced` at a location pinning every axis, its HVAR goes too:
    the instancer deletes it from a TrueType instance without using it (gvar's phantom points
    give the advances), and subsetting it reads every glyph's row first (a CJK font: ~150 ms).
    """
    from fontTools import subset  # heavy: only when a cache file is built

    cmap = font.getBestCmap() or {}
    codes = sorted({ord(ch) for ch in chars} & cmap.keys())
    options = subset.Options()
    options.layout_features = []
    unused = _UNUSED_BY_INSTANCER if instanced else ()
    options.drop_tables = [*options.drop_tables, *_DROPPED_TABLES, *unused]
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = ["*"]  # keeps copyright and licence (OFL) records
    options.glyph_names = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)


def _rename(font: TTFont, family: str, weight: int) -> None:
    """Give the instance names of its own, so no two weights share a PostScript name."""
    full = f"{family} W{weight}"
    postscript = ps_name(family, weight)
    names = {1: full, 2: "Regular", 3: postscript, 4: full, 6: postscript, 16: family}
    names[17] = f"W{weight}"
    table = font["name"]
    for name_id in (*names, 25):  # 25: variations PostScript prefix, void in a static font
        table.removeNames(nameID=name_id)
    for name_id, text in names.items():
        table.setName(text, name_id, 3, 1, 0x409)


def _serialise(font: TTFont) -> bytes:
    """The font as sfnt bytes; the same font gives the same bytes on every run and machine."""
    font.flavor = None
    out = io.BytesIO()
    font.save(out, reorderTables=True)
    return out.getvalue()
