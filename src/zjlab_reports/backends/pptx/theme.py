"""Document palette and font scheme in; the deck's theme part (colours, fonts, name) rewritten.

Slides are drawn with explicit colours and faces, but the theme is what a presenter's new
slides, charts and "Design" tab use, so it carries the brand too.
"""

from __future__ import annotations

from collections.abc import Mapping

from ...document import Color, Document, FontFace
from . import oxml

__all__ = ["branded_theme", "scheme_colors"]

_BLACK = Color(0, 0, 0)
_WHITE = Color(255, 255, 255)
_ACCENTS = tuple(f"accent{number}" for number in range(1, 7))


def branded_theme(blob: bytes, document: Document) -> bytes:
    """A theme part (the slide master's or the notes master's) renamed, with the Document's
    colours and fonts."""
    theme = oxml.parse(blob)
    oxml.set_theme_name(theme, document.theme_name)
    colors = {slot: color.hex for slot, color in scheme_colors(document.palette).items()}
    oxml.set_color_scheme(theme, document.theme_name, colors)
    fonts = document.fonts
    oxml.set_font_scheme(
        theme,
        document.theme_name,
        major=_office_names(fonts.major_latin, fonts.major_east_asian),
        minor=_office_names(fonts.minor_latin, fonts.minor_east_asian),
    )
    return oxml.serialize(theme)


def scheme_colors(palette: Mapping[str, Color]) -> dict[str, Color]:
    """All twelve colour-scheme slots, filling the ones `palette` lacks.

    dk1/lt1 default to black/white, dk2/lt2 to dk1/lt1; a missing accent repeats the given
    accents in order (or dk2 if there are none); hlink defaults to accent1, folHlink to dk2.
    Keys that are not scheme slots are ignored.
    """
    dk1 = palette.get("dk1", _BLACK)
    lt1 = palette.get("lt1", _WHITE)
    dk2 = palette.get("dk2", dk1)
    given = [palette[slot] for slot in _ACCENTS if slot in palette] or [dk2]
    accents = {slot: palette.get(slot, given[index % len(given)]) for index, slot in enumerate(_ACCENTS)}
    colors = {"dk1": dk1, "lt1": lt1, "dk2": dk2, "lt2": palette.get("lt2", lt1), **accents}
    colors["hlink"] = palette.get("hlink", accents["accent1"])
    colors["folHlink"] = palette.get("folHlink", dk2)
    return {slot: colors[slot] for slot in oxml.COLOR_SLOTS}


def _office_names(latin: FontFace, east_asian: FontFace) -> tuple[str, str]:
    return latin.office_name, east_asian.office_name
