"""Preview: PDFs (bytes, from a build in memory or a build folder) in; PNG pictures out.

For each document: a PNG of every page or slide (`STEM/page-01.png`, `STEM/slide-01.png`), a
contact sheet with all of them (`STEM.png`); for the folder: `index.html`, which shows every
contact sheet and links the pictures (and the built files), and `preview.json`, its record.
Decks are pictured through their PDF, which is rendered from the same Document as the PPTX.

`pages` renders PDFs with PDFium (pypdfium2), `sheet` composes contact sheets with Pillow,
`index` writes the index page. Raises ValueError for a PDF that cannot be read and OSError
when the folder cannot be written.
"""

from __future__ import annotations

import os
from pathlib import Path

from msgspec import Struct

from ..cache import write_whole
from .index import Entry, entries_json, index_html, merge_entries, read_entries
from .pages import png_bytes, render_pages
from .sheet import contact_sheet

__all__ = ["Entry", "PdfSource", "write_preview"]

_MM_PER_PT = 25.4 / 72


class PdfSource(Struct, frozen=True):
    """A document to preview: its file stem, kind ("brochure" or "deck"), language and PDF.

    `files` are built files (PDF, PPTX) to link from the index page, or none.
    """

    stem: str
    kind: str
    lang: str
    pdf: bytes
    files: tuple[Path, ...] = ()


def write_preview(out: Path, sources: list[PdfSource], dpi: float = 96) -> list[Entry]:
    """Write the pictures of `sources` into `out`, refresh its index; return their entries."""
    out.mkdir(parents=True, exist_ok=True)
    entries = [_preview_one(out, source, dpi) for source in sources]
    everything = merge_entries(read_entries(out), entries)
    _write(out / "preview.json", entries_json(everything).encode())
    _write(out / "index.html", index_html(everything).encode())
    return entries


def _preview_one(out: Path, source: PdfSource, dpi: float) -> Entry:
    rendered = render_pages(source.pdf, dpi)
    unit = "slide" if source.kind == "deck" else "page"
    folder = out / source.stem
    folder.mkdir(exist_ok=True)
    names = [f"{source.stem}/{unit}-{i:02d}.png" for i in range(1, len(rendered.pages) + 1)]
    for name, picture in zip(names, rendered.pages, strict=True):
        _write(out / name, png_bytes(picture))
    for stale in sorted(set(folder.glob("*.png")) - {out / name for name in names}):
        stale.unlink()
    width, height = (round(v * _MM_PER_PT, 1) for v in rendered.size)
    count = f"{len(rendered.pages)} {unit}{'s' if len(rendered.pages) != 1 else ''}"
    facts = f"{source.stem} · {source.kind} · {count} · {width:g} × {height:g} mm"
    _write(out / f"{source.stem}.png", png_bytes(contact_sheet(rendered.pages, rendered.title, facts)))
    links = tuple(Path(os.path.relpath(f, out)).as_posix() for f in source.files)
    return Entry(
        source.stem, rendered.title, source.kind, source.lang, f"{source.stem}.png", tuple(names), links
    )


def _write(path: Path, data: bytes) -> None:
    """Replace `path` by `data` in one step (a temporary file renamed into place)."""
    write_whole(path, data)
