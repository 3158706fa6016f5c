"""The PDF backend's driver: a `Document` and a variant in, the bytes of a finished PDF file out.

Drawing (`drawing`, ReportLab's canvas) makes the pages, fonts and outline, with every item
inside a marked-content sequence; `standard` adds to ReportLab's objects what makes the file
tagged, printable or archival, and `writer` writes them in one pass. The output depends only on
the Document, the variant and the bytes of the files it names: dates come from
`Document.created`, the IDs from the content.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from zjlab_reports.document import Document, Page

from .colour import Variant
from .drawing import Target, bookmark_key, draw_page
from .sheet import Sheet
from .standard import CLAIMS, finish, new_document
from .tagging import Structure

__all__ = ["VARIANTS", "Drawing", "conformance", "render_pdf"]

VARIANTS: tuple[Variant, ...] = ("screen", "print")


def render_pdf(document: Document, variant: Variant = "screen", marks: bool = False) -> bytes:
    """Draw `document` as a PDF of `variant` and return the file's bytes.

    `screen`: sRGB, PDF/A-2u and PDF/UA-1. `print`: CMYK, the page plus `Document.bleed` on
    every side (TrimBox inside BleedBox), crop marks outside the bleed when `marks`, PDF/X-4 and
    PDF/UA-1. Identical Documents naming identical files give byte-identical output.
    Raises ValueError if the document has no pages, an outline entry points past them, a figure
    has no alternative text, or `marks` is asked of the screen variant; reportlab's `TTFError`
    if a font file is not embeddable TrueType; OSError if a font or image file cannot be read.
    """
    _check(document, variant, marks)
    drawing = Drawing(document, variant, marks)
    bookmarked = {entry.page for entry in document.outline}
    for index, page in enumerate(document.pages):
        drawing.page(page, index in bookmarked)
    return drawing.finish(document)


class Drawing:
    """`render_pdf` in steps, for pages that come one by one (a renderer drawing a document's
    pages as compose lays them out): made from the document's `header` (everything but its
    pages and outline), given each page in order, finished with the whole document. The bytes
    are those `render_pdf` makes of it. Raises as `render_pdf` does."""

    def __init__(self, header: Document, variant: Variant = "screen", marks: bool = False) -> None:
        _check_variant(variant, marks)
        self.variant = variant
        self.sheet = Sheet(header.bleed, marks, printed=True) if variant == "print" else Sheet()
        self.structure = Structure()
        self.target = Target(variant, self.sheet, self.structure)
        self.drawn = 0
        with _binary_streams():
            self.canvas = _new_canvas(header, variant, self.target.font(header.fonts.minor_latin).fontName)

    def page(self, page: Page, bookmarked: bool) -> None:
        """Draw the document's next page; `bookmarked`: an outline entry points at it."""
        with _binary_streams():
            draw_page(self.canvas, page, self.target, self.drawn, bookmarked)
        self.drawn += 1

    def finish(self, document: Document) -> bytes:
        """The file's bytes: `document` is the header with the pages drawn and its outline.
        Raises ValueError if it has other pages than were drawn, or none."""
        _check(document, self.variant, self.sheet.marks)
        if len(document.pages) != self.drawn:
            raise ValueError(f"the document has {len(document.pages)} pages, but {self.drawn} were drawn")
        with _binary_streams():
            for entry in document.outline:
                self.canvas.addOutlineEntry(entry.title, bookmark_key(entry.page), level=0)
            if document.outline:
                self.canvas.showOutline()
            return finish(self.canvas, document, self.variant, self.sheet, self.structure)


@contextmanager
def _binary_streams() -> Iterator[None]:
    """ReportLab writes streams without ASCII85 (its pure-Python encoder took over a second
    per photo-sized picture, and a quarter more bytes); restored afterwards."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def conformance(variant: Variant) -> tuple[str, ...]:
    """What a PDF of `variant` claims: `("PDF/A-2u", "PDF/UA-1")` or `("PDF/X-4", "PDF/UA-1")`."""
    return CLAIMS[variant].names()


def _check(document: Document, variant: Variant, marks: bool) -> None:
    """Raise ValueError for what a PDF cannot hold or a variant cannot do."""
    _check_variant(variant, marks)
    if not document.pages:
        raise ValueError("a PDF needs at least one page, and the document has none")
    for entry in document.outline:
        if not 0 <= entry.page < len(document.pages):
            raise ValueError(
                f"outline entry {entry.title!r} points to page {entry.page} (0-based), "
                f"but the document has {len(document.pages)} pages"
            )


def _check_variant(variant: Variant, marks: bool) -> None:
    if variant not in VARIANTS:
        raise ValueError(f"no PDF variant {variant!r}; variants: {', '.join(VARIANTS)}")
    if marks and variant != "print":
        raise ValueError("crop marks belong to the print variant")


def _new_canvas(document: Document, variant: Variant, initial_font: str) -> Canvas:
    """A compressed canvas whose initial font is `initial_font`, not Helvetica, drawing into the
    document `standard` makes for `document` (ReportLab's own is replaced before anything is drawn).

    A TrueType initial font leaves nothing in the page preamble, so Helvetica never appears.
    """
    canvas = Canvas(None, pageCompression=1, invariant=1, initialFontName=initial_font)
    canvas._doc = new_document(document, variant)
    return canvas
