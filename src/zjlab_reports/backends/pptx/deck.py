"""A Document in; the bytes of an editable, reproducible PowerPoint deck (.pptx) out.

Starts from python-pptx's default template (read once per process, see `template`): its
master and layouts resized to the first page (once per size and language), its themes
re-branded from the Document's palette and fonts, its default text in the Document's
language; then one slide per page (see `slides`), truthful core and app properties, and a
reproducible zip (see `package`).
The slides' XML is written as markup (see `oxml`); python-pptx's object model is not loaded.
What is the same for every deck of a size and language (masters, layouts, themes, the
presentation part for a slide count) is made once per process.
"""

from __future__ import annotations

import functools

from ...document import Document
from . import oxml
from .geometry import emu
from .package import Package, w3cdtf
from .slides import RT, SlideWriter
from .template import NOTES_MASTER, NOTES_THEME, Template, default_template
from .text import TextDefaults
from .theme import branded_theme

__all__ = ["render_pptx"]

CORE_PROPERTY_LIMIT = 255  # characters, as the OPC core-properties schema allows
_PRESENTATION = "ppt/presentation.xml"
_MASTER_THEME = "ppt/theme/theme1.xml"


def render_pptx(document: Document) -> bytes:
    """Render `document` as .pptx bytes; identical Documents give identical bytes.

    The slide size is the first page's; every page becomes one slide. Raises ValueError if
    the document has no pages.
    """
    if not document.pages:
        raise ValueError("a deck needs at least one page")
    template = default_template()
    package = _from_template(template)
    defaults = TextDefaults.of(document)
    size = emu(document.pages[0].width), emu(document.pages[0].height)
    for name, blob in sized_masters(*size, *template_size(), defaults.lang, defaults.alt_lang):
        package.add(name, blob)
    for theme in (_MASTER_THEME, NOTES_THEME):
        package.add(theme, branded_theme(template.parts[theme], document))
    writer = SlideWriter(package, template, defaults, document.title, document.created)
    slides = [writer.add(page) for page in document.pages]
    notes_master = package.relate(_PRESENTATION, RT + "notesMaster", NOTES_MASTER)
    slide_ids = tuple(package.relate(_PRESENTATION, RT + "slide", slide) for slide in slides)
    key = (*size, notes_master, slide_ids, defaults.lang, defaults.alt_lang)
    package.add(_PRESENTATION, presentation_part(*key))
    _properties(package, document)
    return package.save()


def _from_template(template: Template) -> Package:
    package = Package({**template.defaults, **_MEDIA_TYPES})
    for name, blob in template.parts.items():
        package.add(name, blob, template.overrides.get(name))
    for source, rels in template.rels.items():
        package.rels[source] = list(rels)
    return package


_MEDIA_TYPES = {
    "png": "image/png",
    "jpeg": "image/jpeg",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@functools.cache
def template_size() -> tuple[int, int]:
    """The template's slide size (cx, cy) in EMU."""
    return oxml.slide_size(oxml.parse(default_template().parts[_PRESENTATION]))


@functools.lru_cache(maxsize=16)
def presentation_part(
    cx: int, cy: int, notes_master: str, slides: tuple[str, ...], lang: str, alt_lang: str
) -> bytes:
    """The template's presentation part for slides `cx` x `cy` EMU, listing the notes master
    and the slides by their rIds, its default text in `lang`: the same for every deck of that
    size, slide count and language, so made once per process for each (bounded)."""
    presentation = oxml.parse(default_template().parts[_PRESENTATION])
    oxml.set_slide_size(presentation, cx, cy)
    oxml.set_slide_list(presentation, notes_master, slides)
    oxml.set_default_language(presentation, lang, alt_lang)
    return oxml.serialize(presentation)


@functools.lru_cache(maxsize=8)
def sized_masters(
    cx: int, cy: int, old_cx: int, old_cy: int, lang: str, alt_lang: str
) -> tuple[tuple[str, bytes], ...]:
    """The template's masters and layouts (name, bytes) scaled from `old_cx` x `old_cy` to
    `cx` x `cy` EMU, their default text in `lang`; the same for every deck of that size and
    language, so made once per process (a few sizes and languages: bounded)."""
    sx, sy = cx / old_cx, cy / old_cy
    parts = []
    for name, blob in default_template().parts.items():
        if name.startswith(("ppt/slideMasters/", "ppt/slideLayouts/")) or name == NOTES_MASTER:
            root = oxml.parse(blob)
            if name != NOTES_MASTER:
                oxml.scale_frames(root, sx, sy)
            oxml.set_default_language(root, lang, alt_lang)
            parts.append((name, oxml.serialize(root)))
    return tuple(parts)


def _properties(package: Package, document: Document) -> None:
    """Core properties (title, author, language, stable dates) and truthful app properties."""
    core = oxml.CoreProperties(
        title=_property(document.title),
        author=_property(document.author),
        subject=_property(document.subject),
        keywords=_property(", ".join(document.keywords)),
        language=document.lang,
        created=w3cdtf(document.created),
    )
    package.add("docProps/core.xml", oxml.core_properties(core))
    page = document.pages[0]
    widescreen = abs(page.width / page.height - 16 / 9) < 0.01
    notes = sum(1 for p in document.pages if p.notes)
    app = oxml.app_properties(len(document.pages), notes, "Widescreen" if widescreen else "Custom")
    package.add("docProps/app.xml", app)


def _property(text: str) -> str:
    """`text` cut to the 255 characters a core property holds (ending in an ellipsis)."""
    return text if len(text) <= CORE_PROPERTY_LIMIT else text[: CORE_PROPERTY_LIMIT - 1] + "…"
