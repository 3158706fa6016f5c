"""Document palette and font scheme in; the deck's theme part (colours, fonts, name) rewritten.

Slides are drawn with explicit colours and faces, but the theme is what a presenter's new
slides, charts and "Design" tab use, so it carries the brand too: the Document's brand colour
roles are mapped here onto Office's colour-scheme slots (dk1, lt1, accent1, ...).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from ...document import Color, Document, FontFace
from . import oxml

__all__ = ["SLOTS", "branded_theme", "scheme_colors"]

_BLACK = Color(0, 0, 0)
_WHITE = Color(255, 255, 255)
_ACCENTS = tuple(f"accent{number}" for number in range(1, 7))


def branded_theme(blob: bytes, document: Document) -> bytes:
    """A theme part (the slide master's or the notes master's) renamed, with the Document's
    colours and fonts."""
    colors = tuple((slot, color.hex) for slot, color in scheme_colors(document.palette).items())
    fonts = document.fonts
    major = _office_names(fonts.major_latin, fonts.major_east_asian)
    minor = _office_names(fonts.minor_latin, fonts.minor_east_asian)
    return _branded(blob, document.theme_name, colors, major, minor)


@functools.lru_cache(maxsize=8)
def _branded(
    blob: bytes,
    name: str,
    colors: tuple[tuple[str, str], ...],
    major: tuple[str, str],
    minor: tuple[str, str],
) -> bytes:
    """The theme `blob` named `name` with these colour slots and (latin, East Asian) major and
    minor faces; every deck of one brand has the same, so it is made once per process."""
    theme = oxml.parse(blob)
    oxml.set_theme_name(theme, name)
    oxml.set_color_scheme(theme, name, dict(colors))
    oxml.set_font_scheme(theme, name, major=major, minor=minor)
    return oxml.serialize(theme)


#: Which brand colour role fills each Office colour-scheme slot (`chart-N`: the Nth chart colour).
SLOTS = {
    "dk1": "foreground",
    "lt1": "background",
    "dk2": "primary",
    "lt2": "surface",
    "accent1": "chart-1",
    "accent2": "chart-2",
    "accent3": "chart-3",
    "accent4": "highlight",
    "accent5": "secondary",
    "accent6": "muted",
    "hlink": "secondary",
    "folHlink": "muted",
}


def scheme_colors(palette: Mapping[str, Color]) -> dict[str, Color]:
    """All twelve colour-scheme slots from the brand's colour roles (see `SLOTS`).

    A missing role falls back: foreground/background to black/white, primary/surface to
    them; a missing chart colour repeats the chart colours given, in order, then the other
    accents, then primary; hlink to accent1, folHlink to primary.
    """
    dk1 = palette.get("foreground", _BLACK)
    lt1 = palette.get("background", _WHITE)
    dk2 = palette.get("primary", dk1)
    charts = [palette[f"chart-{n}"] for n in range(1, 13) if f"chart-{n}" in palette]
    others = [palette[role] for role in ("highlight", "secondary", "muted") if role in palette]
    given = charts or others or [dk2]
    colors = {"dk1": dk1, "lt1": lt1, "dk2": dk2, "lt2": palette.get("surface", lt1)}
    for index, slot in enumerate(_ACCENTS):
        colors[slot] = palette.get(SLOTS[slot], given[index % len(given)])
    colors["hlink"] = palette.get(SLOTS["hlink"], colors["accent1"])
    colors["folHlink"] = palette.get(SLOTS["folHlink"], dk2)
    return {slot: colors[slot] for slot in oxml.COLOR_SLOTS}


def _office_names(latin: FontFace, east_asian: FontFace) -> tuple[str, str]:
    return latin.office_name, east_asian.office_name
