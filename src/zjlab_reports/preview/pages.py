"""Page pictures: a PDF (bytes) and a resolution in; its title and one RGB picture per page out.

Rendered by PDFium (the PyPI wheel pypdfium2): the same engine as Chrome's PDF viewer, with
no system tools. Our PDFs embed every font, so the pictures show exactly what a reader sees.
"""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from msgspec import Struct
from PIL import Image

__all__ = ["RenderedPdf", "png_bytes", "render_pages"]


class RenderedPdf(Struct, frozen=True):
    """A PDF's title (from its metadata; "" when none), first page size (points) and pages."""

    title: str
    size: tuple[float, float]
    pages: list[Image.Image]


def render_pages(pdf: bytes, dpi: float) -> RenderedPdf:
    """Every page of `pdf` at `dpi` dots per inch. Raises ValueError for a PDF PDFium cannot read."""
    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise ValueError(f"not a readable PDF: {exc}") from None
    try:
        title = str(document.get_metadata_dict().get("Title", ""))
        size = document.get_page_size(0) if len(document) else (0.0, 0.0)
        pages = []
        for index in range(len(document)):
            page = document[index]
            pages.append(page.render(scale=dpi / 72, may_draw_forms=False).to_pil().convert("RGB"))
            page.close()
        return RenderedPdf(title, (float(size[0]), float(size[1])), pages)
    finally:
        document.close()


def png_bytes(picture: Image.Image) -> bytes:
    """`picture` as PNG, with no metadata, so the same picture always gives the same bytes."""
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()
