"""python-pptx's default template files in; its parts, relationships and layouts out, read once
per process (from python-pptx's folder: python-pptx itself is never imported).

The deck keeps PowerPoint's own masters and layouts ("Title Slide", "Title Only", ...) from
`pptx/templates/default.pptx`, and the notes master and its theme python-pptx adds from
`notesMaster.xml` and `theme.xml`. The thumbnail (a blank 4:3 picture) is left out. Parts are
returned as bytes; each deck parses the few it edits.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import posixpath
import zipfile
from collections.abc import Mapping
from pathlib import Path

from msgspec import Struct

from . import oxml

__all__ = ["NOTES_MASTER", "NOTES_THEME", "Template", "default_template"]

NOTES_MASTER = "ppt/notesMasters/notesMaster1.xml"
NOTES_THEME = "ppt/theme/theme2.xml"
_THUMBNAIL = "docProps/thumbnail.jpeg"
_CONTENT_TYPES = "[Content_Types].xml"
_NOTES_MASTER_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml"
_THEME_TYPE = "application/vnd.openxmlformats-officedocument.theme+xml"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


class Template(Struct, frozen=True):
    """The template package: `parts` (name -> bytes, names without a leading slash), content
    types (`defaults` by extension, `overrides` by part), relationships by source part ("" for
    the package's own), and each slide layout's part name by its name."""

    parts: Mapping[str, bytes]
    defaults: Mapping[str, str]
    overrides: Mapping[str, str]
    rels: Mapping[str, tuple[oxml.Relationship, ...]]
    layouts: Mapping[str, str]


@functools.cache
def default_template() -> Template:
    """The template, read from the installed python-pptx (once per process)."""
    folder = _templates_folder()
    with zipfile.ZipFile(io.BytesIO((folder / "default.pptx").read_bytes())) as package:
        entries = {name: package.read(name) for name in package.namelist() if name != _THUMBNAIL}
    defaults, overrides = oxml.parse_content_types(entries.pop(_CONTENT_TYPES))
    overrides = {name: kind for name, kind in overrides.items() if name in entries}
    entries[NOTES_MASTER] = (folder / "notesMaster.xml").read_bytes()
    entries[NOTES_THEME] = (folder / "theme.xml").read_bytes()
    overrides |= {NOTES_MASTER: _NOTES_MASTER_TYPE, NOTES_THEME: _THEME_TYPE}
    rels = {
        _source(name): _kept(oxml.parse_relationships(blob))
        for name, blob in entries.items()
        if _is_rels(name)
    }
    rels[NOTES_MASTER] = (oxml.Relationship("rId1", _RT + "theme", "../theme/theme2.xml"),)
    parts = {name: blob for name, blob in entries.items() if not _is_rels(name)}
    layouts = {
        oxml.layout_name(oxml.parse(blob)): name
        for name, blob in parts.items()
        if name.startswith("ppt/slideLayouts/")
    }
    return Template(parts, defaults, overrides, rels, layouts)


def _templates_folder() -> Path:
    """python-pptx's `templates` folder, found without importing python-pptx (~70 ms)."""
    spec = importlib.util.find_spec("pptx")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("python-pptx is not installed", name="pptx")
    return Path(spec.submodule_search_locations[0]) / "templates"


def _is_rels(name: str) -> bool:
    return name.endswith(".rels")


def _source(rels_name: str) -> str:
    """The part whose relationships `rels_name` holds (`ppt/_rels/x.xml.rels` -> `ppt/x.xml`)."""
    folder, base = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")]).lstrip("/")


def _kept(rels: list[oxml.Relationship]) -> tuple[oxml.Relationship, ...]:
    return tuple(rel for rel in rels if not rel.target.endswith("thumbnail.jpeg"))
