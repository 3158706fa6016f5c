"""Document text boxes in; editable PowerPoint text (the text bodies of text boxes,
placeholders and notes, as markup) out.

A paragraph is written as its whole text in one run (never line by line), so PowerPoint
re-flows it when a presenter edits a word. Sizes, leading and indents are exact points from
compose; frames have zero insets and no autofit, since compose already measured the content.
Every run and paragraph end carries the language: the item's (`Tag.lang`) or the deck's.
"""

from __future__ import annotations

from msgspec import Struct

from ...document import Align, Document, DocumentFonts, Paragraph, TextBox, TextStyle
from . import oxml
from .geometry import centipoints, emu, widened

__all__ = [
    "TextDefaults",
    "alternative_language",
    "box_alignment",
    "box_body",
    "notes_body",
    "run_look",
    "text_frame",
]

_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
_HEADING_ROLES = frozenset({"title", "subtitle", "heading"})
BOLD_FROM_WEIGHT = 600


class TextDefaults(Struct, frozen=True):
    """What every run of a deck shares: its language tags and the scheme's fallback faces."""

    lang: str
    alt_lang: str
    fonts: DocumentFonts

    @classmethod
    def of(cls, document: Document) -> TextDefaults:
        """The deck's language, with its alternative (see `alternative_language`)."""
        return cls(document.lang, alternative_language(document.lang), document.fonts)

    def faces(self, style: TextStyle) -> tuple[str, str]:
        """The (latin, east asian) office typefaces of `style`; None faces fall back to the scheme."""
        heading = style.role in _HEADING_ROLES
        latin = style.latin or (self.fonts.major_latin if heading else self.fonts.minor_latin)
        east_asian = style.east_asian or (
            self.fonts.major_east_asian if heading else self.fonts.minor_east_asian
        )
        return latin.office_name, east_asian.office_name

    def languages(self, lang: str = "") -> tuple[str, str]:
        """(lang, altLang) of text in `lang` ("": the deck's language)."""
        return (lang, alternative_language(lang)) if lang else (self.lang, self.alt_lang)


def alternative_language(lang: str) -> str:
    """Chinese text gets English as alternative language, all other Simplified Chinese."""
    return "en-US" if lang.lower().startswith("zh") else "zh-CN"


def run_look(style: TextStyle, defaults: TextDefaults, lang: str = "") -> oxml.RunLook:
    """Size, bold (weight >= 600), colour, latin and East Asian typefaces, and language."""
    latin, east_asian = defaults.faces(style)
    lang, alt_lang = defaults.languages(lang)
    bold = style.weight >= BOLD_FROM_WEIGHT
    return oxml.RunLook(latin, east_asian, lang, alt_lang, centipoints(style.size), bold, style.color.hex)


def box_body(box: TextBox, defaults: TextDefaults) -> str:
    """The box's paragraphs as a text body: wrap on, no autofit, zero insets, the box's anchor."""
    lang = box.tag.lang if box.tag else ""
    paragraphs = "".join(
        oxml.paragraph(
            paragraph.text, _paragraph_look(paragraph, defaults), run_look(paragraph.style, defaults, lang)
        )
        for paragraph in box.paragraphs
    )
    return oxml.text_body(_ANCHOR[box.anchor], paragraphs)


def notes_body(notes: str, defaults: TextDefaults) -> str:
    """Speaker notes as a text body, one paragraph per line, in the body fonts, tagged with
    the language."""
    fonts = defaults.fonts
    look = oxml.RunLook(
        fonts.minor_latin.office_name, fonts.minor_east_asian.office_name, defaults.lang, defaults.alt_lang
    )
    return oxml.text_body(None, "".join(oxml.paragraph(line, None, look) for line in notes.split("\n")))


def box_alignment(box: TextBox) -> Align:
    """The alignment shared by all paragraphs of the box, else "left"."""
    alignments = {paragraph.align for paragraph in box.paragraphs}
    return alignments.pop() if len(alignments) == 1 else "left"


def text_frame(box: TextBox, page_width: float) -> oxml.Box:
    """The box in EMU, widened for PowerPoint's own wrapping (see `geometry.widened`)."""
    x, width = widened(box.x, box.width, box_alignment(box), page_width)
    return oxml.Box(emu(x), emu(box.y), emu(width), emu(box.height))


def _paragraph_look(paragraph: Paragraph, defaults: TextDefaults) -> oxml.ParagraphLook:
    """Alignment, exact leading, space before, and the bullet hanging by the indent."""
    bullet = (paragraph.bullet, defaults.faces(paragraph.style)[0]) if paragraph.bullet else None
    return oxml.ParagraphLook(
        _ALIGN[paragraph.align],
        centipoints(paragraph.style.leading),
        centipoints(paragraph.space_before),
        emu(paragraph.indent),
        bullet,
    )
