"""Parts and their relationships in; the bytes of a byte-reproducible OPC package (.pptx) out.

`Package` collects parts (name, bytes, content type) and the relationships between them;
`Package.save` writes the zip once (see `archive.zipped`: `[Content_Types].xml` first, then
every entry sorted by name, all dated 1980-01-01 with the same permissions), as the chart
workbooks are.
"""

from __future__ import annotations

import datetime as dt
import posixpath

from . import oxml
from .archive import CONTENT_TYPES, zipped

__all__ = ["Package", "relative_target", "w3cdtf"]


class Package:
    """An OPC package being written: parts by name (no leading slash), their relationships."""

    def __init__(self, defaults: dict[str, str]) -> None:
        self.parts: dict[str, bytes] = {}
        self.overrides: dict[str, str] = {}
        self.defaults = dict(defaults)  # content type by extension
        self.rels: dict[str, list[oxml.Relationship]] = {}

    def add(self, name: str, blob: bytes, content_type: str | None = None) -> None:
        """Add (or replace) a part; `content_type` None: the type of its extension."""
        self.parts[name] = blob
        if content_type is not None:
            self.overrides[name] = content_type

    def relate(self, source: str, kind: str, target: str) -> str:
        """Relate `source` ("" for the package) to the part `target`; returns the new rId."""
        rels = self.rels.setdefault(source, [])
        numbers = [int(rel.r_id[3:]) for rel in rels if rel.r_id[3:].isdigit()]
        r_id = f"rId{max(numbers, default=0) + 1}"
        rels.append(oxml.Relationship(r_id, kind, relative_target(source, target)))
        return r_id

    def save(self) -> bytes:
        """The package as zip bytes; the same parts give the same bytes."""
        entries = dict(self.parts)
        entries[CONTENT_TYPES] = oxml.content_types(self._defaults(), self.overrides)
        for source, rels in self.rels.items():
            entries[_rels_name(source)] = oxml.relationships(rels)
        return zipped(entries)

    def _defaults(self) -> dict[str, str]:
        used = {name.rpartition(".")[2].lower() for name in self.parts} | {"rels", "xml"}
        return {ext: kind for ext, kind in self.defaults.items() if ext in used}


def relative_target(source: str, target: str) -> str:
    """The part `target` as a relationship of `source` names it: relative to the folder of
    `source` ("" for the package), as `posixpath.relpath` gives it but without its look-ups
    of the working directory (both are part names: no leading slash, no `.` or `..`)."""
    folder = source.split("/")[:-1]
    parts = target.split("/")
    common = 0
    while common < min(len(folder), len(parts)) and folder[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(folder) - common) + parts[common:]) or "."


def w3cdtf(moment: dt.datetime) -> str:
    """`moment` as the W3CDTF UTC timestamp of core properties (`2024-05-01T09:00:00Z`)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _rels_name(source: str) -> str:
    folder, base = posixpath.split(source)
    return posixpath.join(folder, "_rels", f"{base}.rels")
