"""Drawing: a Document's pages in; a reportlab canvas's PDF bytes (content and fonts) out.

Every item is drawn at the Document's absolute geometry: text as the measured runs it arrives
in (never re-measured or re-broken), shapes, pictures, and charts as their pre-drawn `drawing`.
Each item is drawn inside a marked-content sequence (`tagging`): content of its structure
element, or an artifact when its tag is None. Colours are painted as the variant asks
(`colour.paint_for`: sRGB for screen, CMYK for print). On a print sheet (`sheet`), the trim
sits inside the bleed: page backgrounds and shapes marked `bleed` run past the page edges
they touch, and crop marks are drawn outside the bleed in the registration colour. A shape's
operators are drawn once and kept (bounded) for the next page or document that draws it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from zjlab_reports.document import (
    Chart,
    Color,
    FontFace,
    Image,
    Item,
    Page,
    Paragraph,
    Shape,
    Tag,
    TextBox,
)

from ...records import Immutable, set_field
from .colour import Paint, Variant, paint_for
from .fonts import register_font
from .glyphs import show_text
from .kept import KeptValues
from .pictures import draw_raster, raster_for
from .sheet import MARK_WIDTH, Sheet
from .tagging import Element, PageMarks, Structure

__all__ = ["REGISTRATION", "DrawnShape", "Target", "bookmark_key", "draw_page"]


#: The page resource name of the registration colour (`/Separation /All`) crop marks use.
REGISTRATION = "CSRegistration"


class Target:
    """What pages are drawn for: the variant, its sheet, the structure being built and the fonts
    registered for the document's faces (as they are first drawn: `font`). Its fields are
    not reassigned; compared by identity (a plain class: making a dataclass generates and
    compiles its methods at every start)."""

    __slots__ = ("_by_identity", "fonts", "sheet", "structure", "variant")

    def __init__(self, variant: Variant, sheet: Sheet, structure: Structure) -> None:
        self.variant = variant
        self.sheet = sheet
        self.structure = structure
        self.fonts: dict[FontFace, TTFont] = {}
        self._by_identity: dict[int, TTFont] = {}

    def font(self, face: FontFace) -> TTFont:
        """The font registered for `face` (`fonts.register_font`, the first time). A document's
        runs share a few face objects, alive while it is drawn: they are looked up by identity,
        not by value (hashing a face hashes its path), after the first time."""
        font = self._by_identity.get(id(face))
        if font is None:
            font = self._by_identity[id(face)] = self.fonts.get(face) or register_font(face)
            self.fonts[face] = font
        return font


def draw_page(canvas: Canvas, page: Page, target: Target, index: int, bookmarked: bool) -> None:
    """Draw `page`, the document's page `index` (from 0), as the canvas's next page; bookmark
    it when an outline entry points at it."""
    canvas.setPageSize(target.sheet.media(page))
    canvas.translate(target.sheet.margin, target.sheet.margin)
    Painter(canvas, page, target, target.structure.page(canvas)).draw_page()
    if bookmarked:
        canvas.bookmarkPage(bookmark_key(index))
    canvas.showPage()


def bookmark_key(page_index: int) -> str:
    return f"page-{page_index}"


class Painter:
    """Draws one page's items, turning the Document's y-down into PDF's y-up (points)."""

    def __init__(self, canvas: Canvas, page: Page, target: Target, marks: PageMarks) -> None:
        self.canvas = canvas
        self.page = page
        self.height = page.height
        self.target = target
        self.sheet = target.sheet
        self.structure = target.structure
        self.variant = target.variant
        self.marks = marks

    def draw_page(self) -> None:
        """The background (an artifact), the items in reading order, then any crop marks."""
        if self.page.background is not None:
            with self.marks.artifact():
                self.fill(self.page.background)
                self.rect(self.sheet.background(self.page), stroke=False, fill=True)
        for item in self.page.items:
            self.draw(item)
        segments = self.sheet.crop_marks(self.page)
        if segments:
            with self.marks.artifact():
                self.canvas.addLiteral(f"/{REGISTRATION} CS 1 SCN")
                self.canvas.setLineWidth(MARK_WIDTH)
                for x0, y0, x1, y1 in segments:
                    self.canvas.line(x0, self.height - y0, x1, self.height - y1)

    # --- marking: which structure element each item's content belongs to -------------------

    def draw(self, item: Item) -> None:
        """Draw one item inside its marked content; a text box may be several elements."""
        if item.tag is None:
            if isinstance(item, Chart):  # an untagged chart's parts may carry their own tags
                for part in item.drawing:
                    self.draw(part)
                return
            with self.marks.artifact():
                self.paint(item)
        elif isinstance(item, TextBox):
            self.tagged_text(item, item.tag)
        else:
            element = self.structure.element(item.tag.role, item.tag, _alt(item, item.tag))
            with self.marks.content(element):
                self.paint(item)

    def tagged_text(self, box: TextBox, tag: Tag) -> None:
        """`P`: an element per paragraph; `L`: a list item per paragraph; others: one element."""
        paragraphs = [p for p in box.paragraphs if any(line.runs for line in p.lines)]
        if tag.role == "L":
            self.tagged_list(box, paragraphs, self.structure.element("L", tag))
        elif tag.role == "P":
            for paragraph in paragraphs:
                with self.marks.content(self.structure.element("P", tag)):
                    self.paragraph(paragraph, box.x, box.y)
        elif paragraphs:
            with self.marks.content(self.structure.element(tag.role, tag, _alt(box, tag))):
                for paragraph in paragraphs:
                    self.paragraph(paragraph, box.x, box.y)

    def tagged_list(self, box: TextBox, paragraphs: list[Paragraph], list_element: Element) -> None:
        """Each paragraph a list item: its bullet the label, its text the body."""
        for paragraph in paragraphs:
            item = list_element.add("LI")
            if paragraph.bullet:
                with self.marks.content(item.add("Lbl")):
                    self.bullet(paragraph, box.x, box.y)
            with self.marks.content(item.add("LBody")):
                self.paragraph(paragraph, box.x, box.y, bullet=False)

    # --- painting ------------------------------------------------------------------------------

    def paint(self, item: Item) -> None:
        """Draw `item` without marking it; a chart is drawn as its `drawing`."""
        match item:
            case TextBox():
                for paragraph in item.paragraphs:
                    self.paragraph(paragraph, item.x, item.y)
            case Shape():
                self.shape(item)
            case Image():
                self.image(item)
            case Chart():
                for part in item.drawing:
                    self.paint(part)

    def paragraph(self, paragraph: Paragraph, left: float, top: float, bullet: bool = True) -> None:
        """Draw the bullet, then each run at box left + indent + run.x, box top + baseline."""
        if bullet:
            self.bullet(paragraph, left, top)
        self.fill(paragraph.style.color)
        canvas, font = self.canvas, self.target.font
        size, start = paragraph.style.size, left + paragraph.indent
        for line in paragraph.lines:
            baseline = self.height - (top + line.baseline)
            for run in line.runs:
                if run.text:
                    show_text(canvas, font(run.font), size, start + run.x, baseline, run.text)

    def bullet(self, paragraph: Paragraph, left: float, top: float) -> None:
        """The paragraph's bullet at its left edge, on the first line's baseline, in the first run's font."""
        first = paragraph.lines[0] if paragraph.lines else None
        if paragraph.bullet and first is not None and first.runs:
            self.fill(paragraph.style.color)
            size = paragraph.style.size
            self.text(paragraph.bullet, first.runs[0].font, size, left, top + first.baseline)

    def text(self, text: str, face: FontFace, size: float, x: float, baseline: float) -> None:
        if text:
            show_text(self.canvas, self.target.font(face), size, x, self.height - baseline, text)

    def shape(self, shape: Shape) -> None:
        """Draw `shape` (`draw_shape`); its operators are kept (`_SHAPES`), by everything they
        depend on: the shape, the variant, the sheet, the page's size and the canvas's fill rule."""
        canvas = self.canvas
        key = (shape, self.variant, self.sheet, self.page.width, self.page.height, canvas._fillMode)
        drawn = _SHAPES.get(key, lambda: self._drawn(shape))
        canvas._code.extend(drawn.code)
        if shape.fill is not None:
            canvas._fillColorObj = drawn.fill
        if shape.stroke is not None:
            canvas._lineWidth, canvas._strokeColorObj = shape.stroke_width, drawn.stroke

    def _drawn(self, shape: Shape) -> DrawnShape:
        """`shape` drawn on its own: its operators and the colours they leave set."""
        canvas = self.canvas
        page_code, canvas._code = canvas._code, []
        try:
            self.draw_shape(shape)
            return DrawnShape(tuple(canvas._code), canvas._fillColorObj, canvas._strokeColorObj)
        finally:
            canvas._code = page_code

    def draw_shape(self, shape: Shape) -> None:
        """Fill and/or stroke the shape; a line is only ever stroked; radius is capped at half a side."""
        fill, stroke = shape.fill is not None, shape.stroke is not None
        if shape.fill is not None:
            self.fill(shape.fill)
        if shape.stroke is not None:
            self.canvas.setLineWidth(shape.stroke_width)
            self.stroke(shape.stroke)
        rect = (shape.x, shape.y, shape.width, shape.height)
        if shape.bleed and shape.kind != "ellipse":
            rect = self.sheet.extend(rect, self.page)
        x, y, width, height = rect
        top = self.height - y
        if shape.kind == "line":
            if stroke:
                self.canvas.line(x, top, x + width, top - height)
        elif shape.kind == "ellipse":
            self.canvas.ellipse(x, top - height, x + width, top, stroke=stroke, fill=fill)
        elif shape.radius > 0:
            radius = min(shape.radius, shape.width / 2, shape.height / 2)
            self.canvas.roundRect(x, top - height, width, height, radius, stroke=stroke, fill=fill)
        else:
            self.rect(rect, stroke=stroke, fill=fill)

    def rect(self, rect: tuple[float, float, float, float], stroke: bool, fill: bool) -> None:
        x, y, width, height = rect
        self.canvas.rect(x, self.height - y - height, width, height, stroke=int(stroke), fill=int(fill))

    def image(self, image: Image) -> None:
        """Draw what `crop` leaves of the picture, scaled to fit its box, centred, clipped to the box.

        A picture marked `bleed` fills its box pushed into the bleed instead (scaled to cover
        it). What is drawn (a JPEG passed through, or pixels prepared for the variant, CMYK in
        print) and its content-derived name come from `pictures`.
        """
        raster = raster_for(image.path, self.variant)
        pixels = (raster.width, raster.height)
        box = (image.x, image.y, image.width, image.height)
        if image.bleed:
            box = self.sheet.extend(box, self.page)
        x, y, width, height = _placement(image, pixels, box, cover=image.bleed)
        clip = image.bleed or any(image.crop)
        with self._clipped(box if clip else None):
            bottom = self.height - y - height
            draw_raster(self.canvas, raster, x, bottom, width, height)

    @contextmanager
    def _clipped(self, box: tuple[float, float, float, float] | None) -> Iterator[None]:
        if box is None:
            yield
            return
        x, y, width, height = box
        self.canvas.saveState()
        path = self.canvas.beginPath()
        path.rect(x, self.height - y - height, width, height)
        self.canvas.clipPath(path, stroke=0, fill=0)
        yield
        self.canvas.restoreState()

    def fill(self, color: Color) -> None:
        """Set the fill colour: the operator ReportLab's `setFillColorRGB`/`CMYK` writes, and its state."""
        components, operator = _colour_operator(color, self.variant, stroke=False)
        self.canvas._fillColorObj = components
        self.canvas._code.append(operator)

    def stroke(self, color: Color) -> None:
        """Set the stroke colour, as `fill` sets the fill colour."""
        components, operator = _colour_operator(color, self.variant, stroke=True)
        self.canvas._strokeColorObj = components
        self.canvas._code.append(operator)


@functools.lru_cache(maxsize=1024)
def _colour_operator(color: Color, variant: Variant, stroke: bool) -> tuple[Paint, str]:
    """The components `variant` paints `color` with and the operator that sets them (`r g b rg`,
    `c m y k k`; upper case to stroke), as ReportLab's canvas writes it; a document uses a few."""
    components = paint_for(color, variant)
    operator = ("RG", "K") if stroke else ("rg", "k")
    return components, f"{fp_str(components)} {operator[len(components) == 4]}"


class DrawnShape(Immutable):
    """A shape's operators (appended to the page as they are) and the fill and stroke colours
    they set, for the canvas's state. Immutable, compared by identity (a frozen dataclass with
    `eq=False`, written out: see `Target`)."""

    __slots__ = ("code", "fill", "stroke")

    code: tuple[str, ...]
    fill: Paint
    stroke: Paint

    def __init__(self, code: tuple[str, ...], fill: Paint, stroke: Paint) -> None:
        set_field(self, "code", code)
        set_field(self, "fill", fill)
        set_field(self, "stroke", stroke)


#: Shapes' operators by what they depend on: a brochure draws ~60 shapes, most of them the
#: same in every profile variant; small, so a batch's memory stays flat.
_SHAPES: KeptValues[DrawnShape] = KeptValues(4096)


def _alt(item: Item, tag: Tag) -> str:
    """A figure's alternative text: the tag's, else the picture's or chart's own.

    Raises ValueError for a figure that has none (PDF/UA requires it).
    """
    alt = tag.alt or (item.alt if isinstance(item, Image | Chart) else "")
    if tag.role == "Figure" and not alt.strip():
        raise ValueError(
            f"figure {getattr(item, 'name', '') or type(item).__name__!r} has no alternative text"
        )
    return alt


def _placement(
    image: Image, pixels: tuple[int, int], box: tuple[float, float, float, float], cover: bool
) -> tuple[float, float, float, float]:
    """Where the whole picture goes (x, top, width, height) so that its uncropped part fits `box`."""
    left, top, right, bottom = image.crop
    width_px, height_px = pixels
    visible_w, visible_h = width_px * (1 - left - right), height_px * (1 - top - bottom)
    x, y, box_w, box_h = box
    pick = max if cover else min
    scale = pick(box_w / visible_w, box_h / visible_h)
    shown_x = x + (box_w - visible_w * scale) / 2
    shown_y = y + (box_h - visible_h * scale) / 2
    return (
        shown_x - left * width_px * scale,
        shown_y - top * height_px * scale,
        width_px * scale,
        height_px * scale,
    )
