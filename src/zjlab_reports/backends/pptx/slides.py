"""One Document page in; the parts of one PowerPoint slide, its notes slide, charts and pictures out.

The layout follows the page's text roles: title + subtitle -> "Title Slide", otherwise
"Title Only". Title and subtitle boxes go into the layout's placeholders, everything else
becomes ordinary shapes, all in the page's item order: the slide's z-order and the order a
screen reader reads it. A page without a title box still gets a title (its name, or the
deck's title) in a placeholder just above the slide, where no one sees it but a screen
reader announces it. Pictures and charts carry alternative text; shapes that are decoration
(no `Tag`) and pictures without alt text are marked decorative.
"""

from __future__ import annotations

import datetime as dt

from msgspec import Struct, field

from ...document import Chart, Color, Image, Item, Page, Paragraph, Shape, TextBox, TextStyle
from . import oxml
from .charts import chart_alt, chart_part
from .geometry import emu
from .package import Package
from .shapes import draw_image, draw_shape
from .template import Template
from .text import TextDefaults, box_body, notes_body, text_frame

__all__ = ["SlideWriter", "layout_name", "placeholder_boxes"]

RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CT = "application/vnd.openxmlformats-officedocument."
SLIDE_TYPE = _CT + "presentationml.slide+xml"
NOTES_TYPE = _CT + "presentationml.notesSlide+xml"
CHART_TYPE = _CT + "drawingml.chart+xml"
_PLACEHOLDER_TYPES = {
    "Title Slide": {"title": "ctrTitle", "subtitle": "subTitle"},
    "Title Only": {"title": "title"},
}
_PLACEHOLDER_NAMES = {"title": "Title", "subtitle": "Subtitle"}
HIDDEN_TITLE_HEIGHT = 40.0
"""Points: the height of the unseen title placeholder above a page with no title box."""


class SlideWriter(Struct):
    """Adds slides to `package` from `template`'s layouts; numbers slides, charts and media."""

    package: Package
    template: Template
    defaults: TextDefaults
    fallback_title: str
    created: dt.datetime
    slides: list[str] = field(default_factory=list)
    charts: int = 0
    media: dict[bytes, str] = field(default_factory=dict)  # part name by picture bytes

    def add(self, page: Page) -> str:
        """Write `page` as the next slide (with its notes slide); returns the slide's part name."""
        name = f"ppt/slides/slide{len(self.slides) + 1}.xml"
        self.slides.append(name)
        boxes = placeholder_boxes(page)
        layout = layout_name(boxes)
        self.package.relate(name, RT + "slideLayout", self.template.layouts[layout])
        shapes = [] if "title" in boxes else [self._hidden_title(page)]
        for item in page.items:
            role = next((role for role, box in boxes.items() if box is item), None)
            shape_id = len(shapes) + 2  # the shape tree's group is id 1
            ph_type = _PLACEHOLDER_TYPES[layout].get(role or "")
            shapes.append(self._draw(shape_id, name, item, page.width, ph_type))
        background = page.background.hex if page.background else None
        self.package.add(name, oxml.slide("p:sld", page.name, background, shapes), SLIDE_TYPE)
        self._notes(name, page.notes)
        return name

    def _draw(self, shape_id: int, slide: str, item: Item, page_width: float, ph_type: str | None) -> str:
        """The item's shape; shapes that are decoration (no `Tag`) and pictures without alt
        text are marked decorative."""
        if isinstance(item, TextBox):
            return self._text(shape_id, item, page_width, ph_type)
        if isinstance(item, Shape):
            alt = item.tag.alt if item.tag else ""
            return draw_shape(shape_id, item, self.defaults.lang, alt=alt, decorative=item.tag is None)
        if isinstance(item, Image):
            alt = (item.tag.alt if item.tag else "") or item.alt
            return draw_image(shape_id, item, self._image(slide, item), alt=alt, decorative=not alt)
        if isinstance(item, Chart):
            return self._chart(shape_id, slide, item)
        raise TypeError(f"cannot draw {type(item).__name__} on a slide")

    def _text(self, shape_id: int, box: TextBox, page_width: float, ph_type: str | None) -> str:
        frame = text_frame(box, page_width)
        body = box_body(box, self.defaults)
        if ph_type is None:
            return oxml.text_box(oxml.Label(shape_id, box.name or f"TextBox {shape_id - 1}"), frame, body)
        role = "subtitle" if ph_type == "subTitle" else "title"
        label = oxml.Label(shape_id, box.name or f"{_PLACEHOLDER_NAMES[role]} {shape_id - 1}")
        return oxml.placeholder(label, self._ph(ph_type), frame, body)

    def _hidden_title(self, page: Page) -> str:
        """A title placeholder just above the slide's top edge (unseen), for screen readers."""
        text = page.name or self.fallback_title
        box = oxml.Box(0, -emu(HIDDEN_TITLE_HEIGHT), emu(page.width), emu(HIDDEN_TITLE_HEIGHT))
        body = box_body(_title_box(text, page), self.defaults)
        return oxml.placeholder(oxml.Label(2, "Title"), self._ph("title"), box, body)

    def _ph(self, ph_type: str) -> dict[str, str]:
        return {"type": ph_type, **({"idx": "1"} if ph_type == "subTitle" else {})}

    def _image(self, slide: str, item: Image) -> str:
        """Relate the slide to the picture's part (one part per distinct picture)."""
        blob = item.path.read_bytes()
        target = self.media.get(blob)  # the bytes keep their hash: the zip's memo reuses it
        if target is None:
            extension = "png" if blob.startswith(b"\x89PNG") else "jpeg"
            target = self.media[blob] = f"ppt/media/image{len(self.media) + 1}.{extension}"
            self.package.add(target, blob)
        return self.package.relate(slide, RT + "image", target)

    def _chart(self, shape_id: int, slide: str, item: Chart) -> str:
        self.charts += 1
        part = f"ppt/charts/chart{self.charts}.xml"
        workbook = f"ppt/embeddings/Microsoft_Excel_Sheet{self.charts}.xlsx"
        workbook_id = self.package.relate(part, RT + "package", workbook)
        chart_xml, xlsx = chart_part(item, self.defaults, workbook_id, self.created)
        self.package.add(part, chart_xml, CHART_TYPE)
        self.package.add(workbook, xlsx)
        r_id = self.package.relate(slide, RT + "chart", part)
        box = oxml.Box(emu(item.x), emu(item.y), emu(item.width), emu(item.height))
        label = oxml.Label(shape_id, item.name or f"Chart {shape_id - 1}", chart_alt(item))
        return oxml.chart_frame(label, r_id, box)

    def _notes(self, slide: str, notes: str) -> None:
        """The slide's notes slide: the slide image and a body placeholder with the notes."""
        if not notes:
            return
        name = f"ppt/notesSlides/notesSlide{len(self.slides)}.xml"
        image = oxml.placeholder(oxml.Label(2, "Slide Image Placeholder 1"), {"type": "sldImg"}, None)
        body = notes_body(notes, self.defaults)
        text = oxml.placeholder(
            oxml.Label(3, "Notes Placeholder 2"), {"type": "body", "idx": "1"}, None, body
        )
        self.package.add(name, oxml.slide("p:notes", "", None, (image, text)), NOTES_TYPE)
        self.package.relate(name, RT + "notesMaster", "ppt/notesMasters/notesMaster1.xml")
        self.package.relate(name, RT + "slide", slide)
        self.package.relate(slide, RT + "notesSlide", name)


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
    """The default template's layout with placeholders for these roles (a title, always)."""
    return "Title Slide" if "subtitle" in boxes else "Title Only"


def _title_box(text: str, page: Page) -> TextBox:
    """The unseen title's text, in the style of the page's first paragraph (any will do)."""
    style = next(
        (p.style for item in page.items if isinstance(item, TextBox) for p in item.paragraphs),
        TextStyle(HIDDEN_TITLE_HEIGHT / 2, HIDDEN_TITLE_HEIGHT / 2, Color(0, 0, 0)),
    )
    return TextBox(0, 0, page.width, HIDDEN_TITLE_HEIGHT, (Paragraph(text, style, ()),), role="title")
