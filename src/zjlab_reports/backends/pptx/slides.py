"""One Document page in; one PowerPoint slide out (layout, items, background, speaker notes).

The layout follows the page's text roles: title + subtitle -> "Title Slide", title only ->
"Title Only", otherwise "Blank". Title and subtitle boxes go into the layout's placeholders,
everything else becomes ordinary shapes, in the page's item order (its z-order).
"""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.presentation import Presentation
from pptx.shapes.placeholder import SlidePlaceholder
from pptx.slide import Slide, SlideLayout

from ...document import Chart, Color, Image, Item, Page, Shape, TextBox
from . import oxml
from .charts import add_chart
from .shapes import add_image, add_shape
from .text import TextDefaults, add_text_box, fill_placeholder

__all__ = ["add_slide", "layout_name", "placeholder_boxes"]

_ROLE_OF_PLACEHOLDER = {
    PP_PLACEHOLDER.TITLE: "title",
    PP_PLACEHOLDER.CENTER_TITLE: "title",
    PP_PLACEHOLDER.SUBTITLE: "subtitle",
}


def add_slide(presentation: Presentation, page: Page, defaults: TextDefaults) -> Slide:
    """Append a slide drawing `page`: its items in order, background and notes."""
    boxes = placeholder_boxes(page)
    slide = presentation.slides.add_slide(_layout(presentation, layout_name(boxes)))
    if page.name:
        slide.name = page.name
    placeholders = _placeholders_by_role(slide)
    for item in page.items:
        claimed = _claim_placeholder(item, boxes, placeholders)
        if claimed is None:
            _draw(slide, item, defaults, page.width)
        else:
            oxml.move_to_front(claimed[0].element)  # keep the page's z-order
            fill_placeholder(*claimed, defaults, page.width)
    for unused in placeholders.values():
        oxml.remove_shape(unused.element)
    _set_background(slide, page.background)
    _write_notes(slide, page.notes, defaults)
    return slide


def placeholder_boxes(page: Page) -> dict[str, TextBox]:
    """The page's first "title" box, and its first "subtitle" box if it also has a title."""
    boxes: dict[str, TextBox] = {}
    for item in page.items:
        if isinstance(item, TextBox) and item.role in ("title", "subtitle"):
            boxes.setdefault(item.role, item)
    if "title" not in boxes:
        boxes.pop("subtitle", None)
    return boxes


def layout_name(boxes: dict[str, TextBox]) -> str:
    """The name of the default template's layout with placeholders for exactly these roles."""
    if "subtitle" in boxes:
        return "Title Slide"
    return "Title Only" if "title" in boxes else "Blank"


def _layout(presentation: Presentation, name: str) -> SlideLayout:
    layout = presentation.slide_layouts.get_by_name(name)
    if layout is None:
        raise LookupError(f"the PPTX template has no slide layout named {name!r}")
    return layout


def _placeholders_by_role(slide: Slide) -> dict[str, SlidePlaceholder]:
    found: dict[str, SlidePlaceholder] = {}
    for placeholder in slide.placeholders:
        role = _ROLE_OF_PLACEHOLDER.get(placeholder.placeholder_format.type)
        if role is not None:
            found.setdefault(role, placeholder)
    return found


def _claim_placeholder(
    item: Item, boxes: dict[str, TextBox], placeholders: dict[str, SlidePlaceholder]
) -> tuple[SlidePlaceholder, TextBox] | None:
    """Take the placeholder `item` was chosen for (by identity), with the box; else None."""
    for role, box in boxes.items():
        if box is item and role in placeholders:
            return placeholders.pop(role), box
    return None


def _draw(slide: Slide, item: Item, defaults: TextDefaults, page_width: float) -> None:
    if isinstance(item, TextBox):
        add_text_box(slide.shapes, item, defaults, page_width)
    elif isinstance(item, Shape):
        add_shape(slide.shapes, item)
    elif isinstance(item, Image):
        add_image(slide.shapes, item)
    elif isinstance(item, Chart):
        add_chart(slide.shapes, item, defaults)
    else:
        raise TypeError(f"cannot draw {type(item).__name__} on a slide")


def _set_background(slide: Slide, color: Color | None) -> None:
    if color is None:
        return
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string(color.hex)


def _write_notes(slide: Slide, notes: str, defaults: TextDefaults) -> None:
    """Speaker notes, one paragraph per line, in the body fonts, tagged with the language."""
    if not notes:
        return
    frame = slide.notes_slide.notes_text_frame
    if frame is None:
        raise LookupError("the PPTX template's notes master has no body placeholder")
    frame.text = notes
    fonts = defaults.fonts
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.name = fonts.minor_latin.office_name
            element = oxml.font_element(run.font)
            oxml.set_east_asian_typeface(element, fonts.minor_east_asian.office_name)
            oxml.set_language(element, defaults.lang, defaults.alt_lang)
