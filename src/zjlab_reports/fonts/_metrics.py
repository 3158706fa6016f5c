"""Stored metrics: a cached font file in; what compose measures with (advances, vertical metrics) out.

Reading a font's cmap and advances takes fontTools (~50 ms to import and parse); a warm build
needs only a few hundred numbers per face. So the first build that measures a cache file also
stores its metrics beside it (`metrics/<font entry>.m<version>.<sha256(bytes)>.json` under the
cache root: the font entry's name carries the font's own digest, so a record can only belong
to those font bytes), and later builds read the record without importing fontTools.

A record is self-checking like a font entry: its name carries the digest of its bytes, and one
that does not match (flipped bytes, a truncated copy) is reported once, removed and measured
again. `VERSION` is in the name: changing what a record holds misses every old record.
Advances are stored in font units with the units per em, so the floats a record gives are the
very ones fontTools gives (`units / upem`).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from msgspec import Struct

from ._cache import find_entry, store_entry

__all__ = ["Metrics", "measure", "read_metrics", "store_metrics"]

#: The record format; bump it when `Metrics` or `measure` changes.
VERSION = 1
_FOLDER = "metrics"


class Metrics(Struct, frozen=True):
    """A face's metrics: advances in font units by code point, .notdef's advance, units per em,
    and ascent, descent (positive, below the baseline) and cap height as fractions of the em."""

    upem: int
    advances: dict[int, int]
    notdef: int
    ascent: float
    descent: float
    cap_height: float


def read_metrics(root: Path, font: Path) -> Metrics | None:
    """The stored metrics of the cache file `font` under `root`, or None when none are stored
    (or the record is damaged: it is then reported and removed)."""
    path = find_entry(root, _stem(font), _FOLDER, ".json")
    if path is None:
        return None
    try:
        data = json.loads(path.read_bytes())
        return _from_json(data)
    except (ValueError, TypeError, KeyError):  # digest right but not ours: an old writer's bug
        return None


def store_metrics(root: Path, font: Path, metrics: Metrics) -> None:
    """Store `metrics` as the record of the cache file `font` under `root` (atomically)."""
    store_entry(root, _stem(font), _to_json(metrics), _FOLDER, ".json")


def measure(font: Path) -> Metrics:
    """The metrics of the (small, static) font file at `font`, read with fontTools.

    Raises fontTools' TTLibError, struct.error, EOFError, ValueError, IndexError or KeyError
    when the file is not a font fontTools can read.
    """
    from fontTools.ttLib import TTFont  # only when a font file is measured the first time

    with TTFont(io.BytesIO(font.read_bytes()), lazy=True) as ttf:
        upem = ttf["head"].unitsPerEm
        hmtx = ttf["hmtx"].metrics
        cmap = ttf.getBestCmap() or {}
        advances = {code: hmtx[glyph][0] for code, glyph in cmap.items()}
        notdef = hmtx[ttf.getGlyphOrder()[0]][0]
        ascent, descent = _vertical_metrics(ttf, upem)
        cap_height = _cap_height(ttf, cmap, upem, ascent)
    return Metrics(upem, advances, notdef, ascent, descent, cap_height)


def _stem(font: Path) -> str:
    return f"{font.name.removesuffix('.ttf')}.m{VERSION}"


def _to_json(metrics: Metrics) -> bytes:
    data = {
        "upem": metrics.upem,
        "notdef": metrics.notdef,
        "ascent": metrics.ascent,
        "descent": metrics.descent,
        "cap_height": metrics.cap_height,
        "advances": sorted(metrics.advances.items()),
    }
    return json.dumps(data, separators=(",", ":")).encode("ascii")


def _from_json(data: Any) -> Metrics:
    advances = {int(code): int(units) for code, units in data["advances"]}
    numbers = [float(data[key]) for key in ("ascent", "descent", "cap_height")]
    return Metrics(int(data["upem"]), advances, int(data["notdef"]), *numbers)


def _vertical_metrics(ttf: Any, upem: int) -> tuple[float, float]:
    """(ascent, descent) in ems, descent positive: OS/2 typo metrics, else hhea."""
    if "OS/2" in ttf:
        os2 = ttf["OS/2"]
        return os2.sTypoAscender / upem, -os2.sTypoDescender / upem
    hhea = ttf["hhea"]
    return hhea.ascent / upem, -hhea.descent / upem


def _cap_height(ttf: Any, cmap: dict[int, str], upem: int, ascent: float) -> float:
    """Cap height in ems: OS/2 sCapHeight, else the top of 'H', else `ascent`."""
    os2 = ttf.get("OS/2")
    if os2 is not None and os2.version >= 2 and os2.sCapHeight > 0:
        return float(os2.sCapHeight / upem)
    glyph_name = cmap.get(ord("H"))
    glyph = ttf["glyf"][glyph_name] if glyph_name else None
    if glyph is not None and glyph.numberOfContours:
        return float(glyph.yMax / upem)
    return ascent
