"""A Document in; the bytes of an editable, reproducible PowerPoint deck (.pptx) out.

Starts from python-pptx's default template, resized to the first page (and its master and
layouts rescaled to match), re-themed from the Document's palette and fonts, one slide per
page, with stable core properties and a reproducible zip.
"""

from __future__ import annotations

import datetime as dt
import io

import pptx
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation

from ...document import Document, Page
from . import oxml
from .geometry import emu
from .package import reproducible_package
from .slides import add_slide
from .text import TextDefaults
from .theme import apply_theme

__all__ = ["render_pptx"]

CORE_PROPERTY_LIMIT = 255  # characters, as the OPC core-properties schema allows


def render_pptx(document: Document) -> bytes:
    """Render `document` as .pptx bytes; identical Documents give identical bytes.

    The slide size is the first page's; every page becomes one slide. Raises ValueError if
    the document has no pages.
    """
    if not document.pages:
        raise ValueError("a deck needs at least one page")
    presentation = pptx.Presentation()
    set_slide_size(presentation, document.pages[0])
    apply_theme(presentation, document)
    defaults = TextDefaults.of(document)
    for page in document.pages:
        add_slide(presentation, page, defaults)
    set_core_properties(presentation, document)
    set_package_properties(presentation, document)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return reproducible_package(buffer.getvalue(), document.created)


def set_package_properties(presentation: Presentation, document: Document) -> None:
    """Truthful `docProps/app.xml`; no thumbnail (the template's is a blank 4:3 picture)."""
    page = document.pages[0]
    widescreen = abs(page.width / page.height - 16 / 9) < 0.01
    notes = sum(1 for p in document.pages if p.notes)
    relationships = presentation.part.package._rels  # python-pptx has no public API for these
    for r_id, relationship in list(relationships.items()):
        if relationship.reltype == RT.THUMBNAIL:
            relationships.pop(r_id)
        elif relationship.reltype == RT.EXTENDED_PROPERTIES:
            app = oxml.app_properties(len(document.pages), notes, "Widescreen" if widescreen else "Custom")
            relationship.target_part._blob = app


def set_slide_size(presentation: Presentation, page: Page) -> None:
    """Size the deck like `page`, scaling the master's and layouts' frames to the new size."""
    old_width, old_height = presentation.slide_width, presentation.slide_height
    presentation.slide_width, presentation.slide_height = emu(page.width), emu(page.height)
    oxml.set_custom_slide_size(presentation.element)
    if not old_width or not old_height:
        return
    sx = int(emu(page.width)) / old_width
    sy = int(emu(page.height)) / old_height
    master = presentation.slide_master
    oxml.scale_frames(master.element, sx, sy)
    for layout in master.slide_layouts:
        oxml.scale_frames(layout.element, sx, sy)


def set_core_properties(presentation: Presentation, document: Document) -> None:
    """Title, author, subject, keywords, language and stable dates; revision 1."""
    core = presentation.core_properties
    core.title = _property(document.title)
    core.author = core.last_modified_by = _property(document.author)
    core.subject = _property(document.subject)
    core.keywords = _property(", ".join(document.keywords))
    core.language = document.lang
    core.comments = core.category = ""
    core.created = core.modified = _utc_naive(document.created)
    core.revision = 1


def _property(text: str) -> str:
    """`text` cut to the 255 characters a core property holds (ending in an ellipsis)."""
    return text if len(text) <= CORE_PROPERTY_LIMIT else text[: CORE_PROPERTY_LIMIT - 1] + "…"


def _utc_naive(moment: dt.datetime) -> dt.datetime:
    """python-pptx writes datetimes with a `Z` suffix, ignoring their zone: give it UTC."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)
