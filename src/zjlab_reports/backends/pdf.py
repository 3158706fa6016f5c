"""PDF backend: a `Document` in, the bytes of a PDF file out (reportlab canvas).

Every page item is drawn at the Document's absolute geometry straight onto a reportlab
`Canvas`: text as the measured runs it arrives in (never re-measured or re-broken), shapes,
images, and charts as their pre-drawn `drawing`. Fonts are static TrueType files that
reportlab subsets and embeds with ToUnicode maps, so text stays searchable and copyable; no
base-14 font (Helvetica) is ever referenced. The catalog carries `/Lang` and the outline.

The output depends only on the Document and the bytes of the files it names: the dates come
from `Document.created`, and the trailer `/ID` is a digest of the file's own content
(reportlab's "invariant" ID would still follow the `SOURCE_DATE_EPOCH` environment variable).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import threading
from collections.abc import Iterable, Iterator

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas

from zjlab_reports.document import (
    Chart,
    Color,
    Document,
    FontFace,
    Image,
    Item,
    Page,
    Paragraph,
    Shape,
    TextBox,
)

__all__ = ["render_pdf"]

CREATOR = "zjlab-reports"
PRODUCER = "zjlab-reports (ReportLab)"
_PDF_VERSION = (1, 4)  # the catalog's /Lang needs PDF 1.4; reportlab defaults to 1.3
_REGISTRY_LOCK = threading.Lock()  # reportlab's font registry is process-global
_TRAILER_ID = re.compile(rb"(/ID\s*\[)<[0-9a-fA-F]{32}><[0-9a-fA-F]{32}>(\])")


def render_pdf(document: Document) -> bytes:
    """Draw `document` as a PDF and return the file's bytes.

    Identical Documents naming identical font and image files give byte-identical output.
    Raises ValueError if the document has no pages or an outline entry points to a page it
    does not have; reportlab's `TTFError` if a font file is not embeddable TrueType; OSError
    if a font or image file cannot be read.
    """
    _check(document)
    fonts = {face: _register(face) for face in dict.fromkeys(_faces(document))}
    out = io.BytesIO()
    canvas = _new_canvas(document, out, fonts[document.fonts.minor_latin])
    bookmarked = {entry.page for entry in document.outline}
    for index, page in enumerate(document.pages):
        _draw_page(canvas, page, fonts)
        if index in bookmarked:
            canvas.bookmarkPage(_bookmark_key(index))
        canvas.showPage()
    _add_outline(canvas, document)
    canvas.save()
    return _with_content_id(out.getvalue())


def _check(document: Document) -> None:
    """Raise ValueError for what a PDF cannot hold: no pages, outline entries off the end."""
    if not document.pages:
        raise ValueError("a PDF needs at least one page, and the document has none")
    for entry in document.outline:
        if not 0 <= entry.page < len(document.pages):
            raise ValueError(
                f"outline entry {entry.title!r} points to page {entry.page} (0-based), "
                f"but the document has {len(document.pages)} pages"
            )


# --- document level: canvas, metadata, outline, ID -------------------------------------


def _new_canvas(document: Document, out: io.BytesIO, initial_font: str) -> Canvas:
    """A compressed, invariant canvas whose initial font is `initial_font`, not Helvetica.

    A TrueType initial font leaves nothing in the page preamble, so Helvetica never appears.
    """
    first = document.pages[0]
    canvas = Canvas(
        out,
        pagesize=(first.width, first.height),
        pageCompression=1,
        invariant=1,
        pdfVersion=_PDF_VERSION,
        initialFontName=initial_font,
        lang=document.lang,
    )
    _set_metadata(canvas, document)
    return canvas


def _set_metadata(canvas: Canvas, document: Document) -> None:
    """Write the info dictionary; both dates are `document.created`."""
    canvas.setTitle(document.title)
    canvas.setAuthor(document.author)
    canvas.setSubject(document.subject)
    canvas.setKeywords(list(document.keywords))
    canvas.setCreator(CREATOR)
    canvas.setProducer(PRODUCER)
    created = _pdf_date(document.created)
    canvas.setDateFormatter(lambda *_ignored: created)


def _pdf_date(moment: dt.datetime) -> str:
    """`moment` as a PDF date, `D:YYYYMMDDHHmmSS+HH'mm'`; a naive datetime is taken as UTC."""
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{hours:02d}'{mins:02d}'"


def _bookmark_key(page_index: int) -> str:
    return f"page-{page_index}"


def _add_outline(canvas: Canvas, document: Document) -> None:
    """One top-level bookmark per outline entry, in order; open the outline panel if any."""
    for entry in document.outline:
        canvas.addOutlineEntry(entry.title, _bookmark_key(entry.page), level=0)
    if document.outline:
        canvas.showOutline()


def _with_content_id(pdf: bytes) -> bytes:
    """Replace the trailer's `/ID` with an MD5 digest of everything before the trailer.

    reportlab's invariant ID hashes only the metadata and a timestamp that follows
    `SOURCE_DATE_EPOCH`; this one changes exactly when the content does. The trailer comes
    after the cross-reference table, so no byte offset moves. Raises RuntimeError if
    reportlab's trailer no longer looks as expected.
    """
    body, keyword, trailer = pdf.rpartition(b"trailer")
    digest = hashlib.md5(body, usedforsecurity=False).hexdigest().encode("ascii")
    new_id = b"<" + digest + b"><" + digest + b">"
    trailer, count = _TRAILER_ID.subn(lambda m: m[1] + new_id + m[2], trailer, count=1)
    if count != 1:
        raise RuntimeError("reportlab wrote no /ID in the PDF trailer")
    return body + keyword + trailer


# --- fonts --------------------------------------------------------------------------------


def _faces(document: Document) -> Iterator[FontFace]:
    """Every face the document draws with (with repeats), after the body face."""
    yield document.fonts.minor_latin
    for page in document.pages:
        for box in _text_boxes(page.items):
            for paragraph in box.paragraphs:
                for line in paragraph.lines:
                    yield from (run.font for run in line.runs)


def _text_boxes(items: Iterable[Item]) -> Iterator[TextBox]:
    """The text boxes among `items`, including those inside charts' drawings."""
    for item in items:
        if isinstance(item, TextBox):
            yield item
        elif isinstance(item, Chart):
            yield from _text_boxes(item.drawing)


def _register(face: FontFace) -> str:
    """Register `face`'s file with reportlab (once per distinct content); return its name.

    The registered name is the PostScript name plus a digest of the file, so two subsets of
    one face get two names; it never reaches the PDF (which names the font after the file).
    reportlab's registry is global and also keyed by the PostScript name inside the file: a
    second file with the same PostScript name is silently aliased to the first one. When that
    happens the alias is undone (`TTFont.unregister`) and the font registered again, which
    hands the PostScript name to the newer file and leaves earlier fonts in place for any
    document still using them. Registered fonts stay loaded for the life of the process.
    """
    data = face.path.read_bytes()
    name = f"{face.name}#{hashlib.sha256(data).hexdigest()[:16]}"
    with _REGISTRY_LOCK:
        if name not in pdfmetrics.getRegisteredFontNames():
            font = _load(name, data, face)
            pdfmetrics.registerFont(font)
            if pdfmetrics.getFont(name) is not font:
                font.unregister()
                pdfmetrics.registerFont(font)
    return name


def _load(name: str, data: bytes, face: FontFace) -> TTFont:
    """Parse the font file's bytes for reportlab; raise TTFError naming the file."""
    try:
        return TTFont(name, io.BytesIO(data), shapable=False)
    except TTFError as error:
        raise TTFError(f"{face.path}: cannot embed font {face.name!r}: {error}") from error


# --- page level: items ------------------------------------------------------------------


def _draw_page(canvas: Canvas, page: Page, fonts: dict[FontFace, str]) -> None:
    """Size the current page, paint its background, then draw its items in order."""
    canvas.setPageSize((page.width, page.height))
    painter = _Painter(canvas, page.height, fonts)
    if page.background is not None:
        painter.fill(page.background)
        canvas.rect(0, 0, page.width, page.height, stroke=0, fill=1)
    for item in page.items:
        painter.draw(item)


class _Painter:
    """Draws items on one page, turning the Document's y-down into PDF's y-up (points)."""

    def __init__(self, canvas: Canvas, page_height: float, fonts: dict[FontFace, str]) -> None:
        self.canvas = canvas
        self.height = page_height
        self.fonts = fonts

    def draw(self, item: Item) -> None:
        """Draw one item; a chart is drawn as the shapes and text boxes of its `drawing`."""
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
                    self.draw(part)

    def paragraph(self, paragraph: Paragraph, left: float, top: float) -> None:
        """Draw the bullet, then each run at box left + indent + run.x, box top + baseline."""
        size = paragraph.style.size
        self.fill(paragraph.style.color)
        first = paragraph.lines[0] if paragraph.lines else None
        if paragraph.bullet and first is not None and first.runs:
            self.text(paragraph.bullet, first.runs[0].font, size, left, top + first.baseline)
        for line in paragraph.lines:
            for run in line.runs:
                x = left + paragraph.indent + run.x
                self.text(run.text, run.font, size, x, top + line.baseline)

    def text(self, text: str, face: FontFace, size: float, x: float, baseline: float) -> None:
        if text:
            self.canvas.setFont(self.fonts[face], size)
            self.canvas.drawString(x, self.height - baseline, text)

    def shape(self, shape: Shape) -> None:
        """Fill and/or stroke the shape; a line is only ever stroked; radius is capped at half a side."""
        fill, stroke = shape.fill is not None, shape.stroke is not None
        if shape.fill is not None:
            self.fill(shape.fill)
        if shape.stroke is not None:
            self.canvas.setStrokeColorRGB(*_rgb(shape.stroke))
            self.canvas.setLineWidth(shape.stroke_width)
        x, top, width, height = shape.x, self.height - shape.y, shape.width, shape.height
        if shape.kind == "line":
            if stroke:
                self.canvas.line(x, top, x + width, top - height)
        elif shape.kind == "ellipse":
            self.canvas.ellipse(x, top - height, x + width, top, stroke=stroke, fill=fill)
        elif shape.radius > 0:
            radius = min(shape.radius, width / 2, height / 2)
            self.canvas.roundRect(x, top - height, width, height, radius, stroke=stroke, fill=fill)
        else:
            self.canvas.rect(x, top - height, width, height, stroke=stroke, fill=fill)

    def image(self, image: Image) -> None:
        """Scale the picture into its box, keeping its aspect ratio, centred.

        Read from bytes so the image's PDF name follows its content, not its path.
        """
        reader = ImageReader(io.BytesIO(image.path.read_bytes()))
        bottom = self.height - image.y - image.height
        self.canvas.drawImage(
            reader,
            image.x,
            bottom,
            image.width,
            image.height,
            mask="auto",
            preserveAspectRatio=True,
            anchor="c",
        )

    def fill(self, color: Color) -> None:
        self.canvas.setFillColorRGB(*_rgb(color))


def _rgb(color: Color) -> tuple[float, float, float]:
    """The colour's channels as 0-1 fractions."""
    return (color.r / 255, color.g / 255, color.b / 255)
