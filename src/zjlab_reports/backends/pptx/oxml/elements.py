"""Namespace prefixes and attribute values in; lxml elements and their serialised bytes out.

The parts the PPTX backend edits (the template's presentation, masters, layouts and themes)
are parsed, changed and serialised here or through these functions: a tag is written with
its prefix (`a:rPr`), attributes as a mapping (`{"r:embed": "rId2"}` for namespaced ones).
The parts it writes anew are markup (see `markup`), escaped as lxml escapes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeAlias

from lxml import etree

__all__ = [
    "NS",
    "Element",
    "new_root",
    "parse",
    "qn",
    "serialize",
    "sub",
]

Element: TypeAlias = etree._Element

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
}
_QUALIFIED: dict[str, str] = {}
_PARSER = etree.XMLParser(resolve_entities=False, remove_blank_text=False)


def qn(name: str) -> str:
    """`prefix:local` as lxml's `{namespace}local`; a name without a prefix stays as it is."""
    found = _QUALIFIED.get(name)
    if found is None:
        prefix, _, local = name.rpartition(":")
        found = _QUALIFIED[name] = f"{{{NS[prefix]}}}{local}" if prefix else name
    return found


def new_root(tag: str, *prefixes: str, attributes: Mapping[str, str] | None = None) -> Element:
    """A root element declaring `prefixes` (and its own), so children reuse them."""
    own = tag.partition(":")[0]
    nsmap = {prefix: NS[prefix] for prefix in (own, *prefixes)}
    if own in ("ct", "pr", "ep", "x"):  # package and workbook parts: their namespace is the default
        nsmap = {None: nsmap.pop(own), **nsmap}  # type: ignore[dict-item]
    return etree.Element(qn(tag), _qualified(attributes), nsmap=nsmap)


def sub(parent: Element, tag: str, attributes: Mapping[str, str] | None = None, **more: str) -> Element:
    """Append a `tag` child to `parent` with `attributes` (and `more`, unprefixed)."""
    if attributes:
        return etree.SubElement(parent, qn(tag), _qualified(attributes), **more)
    return etree.SubElement(parent, qn(tag), None, **more)  # the most common call: no prefixes


def parse(blob: bytes) -> Element:
    """Parse an XML part (entities are never resolved)."""
    return etree.fromstring(blob, _PARSER)


def serialize(root: Element, *, declaration: bool = True) -> bytes:
    """The part's bytes (UTF-8), with the standalone XML declaration Office writes unless not
    `declaration`."""
    if not declaration:
        return bytes(etree.tostring(root, encoding="UTF-8", xml_declaration=False))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _qualified(attributes: Mapping[str, str] | None) -> dict[str, str]:
    if not attributes:
        return {}
    return {(qn(name) if ":" in name else name): value for name, value in attributes.items()}
