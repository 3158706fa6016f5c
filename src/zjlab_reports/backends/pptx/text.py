"""Document text boxes in; editable PowerPoint text frames out, one `a:p` per Paragraph.

A paragraph is written as its whole text in one run (never line by line), so PowerPoint
re-flows it when a presenter edits a word. Sizes, leading and indents are exact points from
compose; frames have zero insets and no autofit, since compose already measured the content.
"""

from __future__ import annotations

from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.shapes.autoshape import Shape as PptxShape
from pptx.shapes.placeholder import SlidePlaceholder
from pptx.shapes.shapetree import SlideShapes
from pptx.text.text import Font, TextFrame, _Paragraph

from ...document import Align, Document, DocumentFonts, Paragraph, TextBox, TextStyle
from . import oxml
from .geometry import emu, widened

__all__ = ["TextDefaults", "add_text_box", "fill_placeholder", "style_font"]

_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
_ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
_HEADING_ROLES = frozenset({"title", "subtitle", "heading"})
BOLD_FROM_WEIGHT = 600


@dataclass(frozen=True)
class TextDefaults:
    """What every run of a deck shares: its language tags and the scheme's fallback faces."""

    lang: str
    alt_lang: str
    fonts: DocumentFonts

    @classmethod
    def of(cls, document: Document) -> TextDefaults:
        """Chinese decks get English as alternative language, all others Simplified Chinese."""
        alt_lang = "en-US" if document.lang.lower().startswith("zh") else "zh-CN"
        return cls(document.lang, alt_lang, document.fonts)

    def faces(self, style: TextStyle) -> tuple[str, str]:
        """The (latin, east asian) office typefaces of `style`; None faces fall back to the scheme."""
        heading = style.role in _HEADING_ROLES
        latin = style.latin or (self.fonts.major_latin if heading else self.fonts.minor_latin)
        east_asian = style.east_asian or (
            self.fonts.major_east_asian if heading else self.fonts.minor_east_asian
        )
        return latin.office_name, east_asian.office_name


def add_text_box(shapes: SlideShapes, box: TextBox, defaults: TextDefaults, page_width: float) -> PptxShape:
    """Add `box` as a plain text box (`p:sp txBox="1"`), widened for PowerPoint's wrapping."""
    x, width = widened(box.x, box.width, box_alignment(box), page_width)
    shape = shapes.add_textbox(emu(x), emu(box.y), emu(width), emu(box.height))
    if box.name:
        shape.name = box.name
    fill_text_frame(shape.text_frame, box, defaults)
    return shape


def fill_placeholder(
    placeholder: SlidePlaceholder, box: TextBox, defaults: TextDefaults, page_width: float
) -> None:
    """Move and resize a layout placeholder to `box` (widened) and write its text into it."""
    x, width = widened(box.x, box.width, box_alignment(box), page_width)
    placeholder.left, placeholder.top = emu(x), emu(box.y)
    placeholder.width, placeholder.height = emu(width), emu(box.height)
    if box.name:
        placeholder.name = box.name
    fill_text_frame(placeholder.text_frame, box, defaults)


def box_alignment(box: TextBox) -> Align:
    """The alignment shared by all paragraphs of the box, else "left"."""
    alignments = {paragraph.align for paragraph in box.paragraphs}
    return alignments.pop() if len(alignments) == 1 else "left"


def fill_text_frame(frame: TextFrame, box: TextBox, defaults: TextDefaults) -> None:
    """Replace the frame's content by the box's paragraphs; wrap on, no autofit, zero insets."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_top = frame.margin_right = frame.margin_bottom = emu(0)
    frame.vertical_anchor = _ANCHOR[box.anchor]
    frame.clear()
    for index, paragraph in enumerate(box.paragraphs):
        target = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        write_paragraph(target, paragraph, defaults)


def write_paragraph(target: _Paragraph, paragraph: Paragraph, defaults: TextDefaults) -> None:
    """Write one Paragraph: its whole text, alignment, exact leading, space before, bullet."""
    target.text = paragraph.text
    target.alignment = _ALIGN[paragraph.align]
    target.line_spacing = emu(paragraph.style.leading)
    target.space_before = emu(paragraph.space_before)
    indent = int(emu(paragraph.indent))
    if paragraph.bullet:
        latin, _ = defaults.faces(paragraph.style)
        oxml.set_bullet(target, paragraph.bullet, latin, indent)
    else:
        oxml.set_no_bullet(target, indent)
    for run in target.runs:
        style_font(run.font, paragraph.style, defaults)
    style_font(oxml.end_paragraph_font(target), paragraph.style, defaults)


def style_font(font: Font, style: TextStyle, defaults: TextDefaults) -> None:
    """Size, bold (weight >= 600), colour, latin and East Asian typefaces, and language."""
    font.size = emu(style.size)
    font.bold = style.weight >= BOLD_FROM_WEIGHT
    font.color.rgb = RGBColor.from_string(style.color.hex)
    latin, east_asian = defaults.faces(style)
    font.name = latin
    element = oxml.font_element(font)
    oxml.set_east_asian_typeface(element, east_asian)
    oxml.set_language(element, defaults.lang, defaults.alt_lang)
