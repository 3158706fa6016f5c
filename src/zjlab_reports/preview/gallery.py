"""The README gallery: the shipped project in; a contact sheet per document and their record out.

`make_gallery(root)` builds every document of the project at `root` in memory (with the fixed
creation date, so the same inputs give the same PDFs) and pictures each as a contact sheet.
`write_gallery` stores them under `docs/gallery/` with `gallery.json`: for each sheet, the
SHA-256 of the PDF it shows and of the PNG, and the renderer versions. A test rebuilds the
PDFs and compares: same PDFs, same pictures (`scripts/gallery` regenerates them).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import PIL
import pypdfium2.version
from msgspec import Struct

from ..build import Selection, load_inputs, render
from ..project import Project
from .pages import png_bytes, render_pages
from .sheet import contact_sheet

__all__ = ["GALLERY_DPI", "Sheet", "make_gallery", "renderer_versions", "write_gallery"]

GALLERY_DPI = 96


class Sheet(Struct, frozen=True):
    """One document's contact sheet (PNG bytes) and the PDF it pictures."""

    stem: str
    pdf: bytes
    png: bytes


def renderer_versions() -> dict[str, str]:
    """The versions that decide the pixels: pypdfium2, PDFium and Pillow."""
    return {
        "pypdfium2": str(pypdfium2.version.PYPDFIUM_INFO),
        "pdfium": str(pypdfium2.version.PDFIUM_INFO),
        "pillow": PIL.__version__,
    }


def make_gallery(root: Path) -> list[Sheet]:
    """Every document of the project at `root`, built in memory and pictured. Raises like build."""
    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)  # the fixed date: reproducible pictures
    try:
        project = Project(root)
        artifacts = render(project, load_inputs(project, Selection()), Selection())
    finally:
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    return [_sheet(a.path[: -len(".pdf")], a.kind, a.data) for a in artifacts if a.format == "pdf"]


def _sheet(stem: str, kind: str, pdf: bytes) -> Sheet:
    rendered = render_pages(pdf, GALLERY_DPI)
    count = len(rendered.pages)
    facts = f"{stem} · {kind} · {count} {'slides' if kind == 'deck' else 'pages'}"
    return Sheet(stem, pdf, png_bytes(contact_sheet(rendered.pages, rendered.title, facts)))


def record(sheets: list[Sheet]) -> dict[str, Any]:
    """What `gallery.json` holds: per sheet, the digests of its PDF and PNG; the versions."""
    return {
        "renderer": renderer_versions(),
        "sheets": [
            {
                "file": f"{sheet.stem}.png",
                "pdf_sha256": hashlib.sha256(sheet.pdf).hexdigest(),
                "png_sha256": hashlib.sha256(sheet.png).hexdigest(),
            }
            for sheet in sheets
        ],
    }


def write_gallery(folder: Path, sheets: list[Sheet]) -> None:
    """Replace the gallery in `folder`: the sheets, `gallery.json`, no other PNG left behind."""
    folder.mkdir(parents=True, exist_ok=True)
    names = {f"{sheet.stem}.png" for sheet in sheets}
    for old in folder.glob("*.png"):
        if old.name not in names:
            old.unlink()
    for sheet in sheets:
        (folder / f"{sheet.stem}.png").write_bytes(sheet.png)
    text = json.dumps(record(sheets), indent=2, ensure_ascii=False) + "\n"
    (folder / "gallery.json").write_text(text, encoding="utf-8")
