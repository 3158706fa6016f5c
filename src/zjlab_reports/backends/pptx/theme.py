"""Document palette and font scheme in; the deck's theme part (colours, fonts, name) rewritten.

Slides are drawn with explicit colours and faces, but the theme is what a presenter's new
slides, charts and "Design" tab use, so it carries the brand too.
"""

from __future__ import annotations

from collections.abc import Mapping

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation

from ...document import Color, Document, FontFace
from . import oxml

__all__ = ["apply_theme", "scheme_colors"]

_BLACK = Color(0, 0, 0)
_WHITE = Color(255, 255, 255)
_ACCENTS = tuple(f"accent{number}" for number in range(1, 7))


def apply_theme(presentation: Presentation, document: Document) -> None:
    """Rewrite the slide master's and the notes master's themes: name, colours and fonts."""
    masters = (presentation.slide_master.part, presentation.notes_master.part)
    for part in (master.part_related_by(RT.THEME) for master in masters):
        oxml.replace_part_blob(part, _branded(part.blob, document))


def _branded(blob: bytes, document: Document) -> bytes:
    theme = oxml.parse_part(blob)
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
    return oxml.serialize_part(theme)


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
