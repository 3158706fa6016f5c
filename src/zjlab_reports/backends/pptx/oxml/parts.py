"""Package facts in; the XML of a PPTX package's own parts out (and the template's, edited).

Content types, relationships, core and extended properties, the presentation part's slide
list, size and default language, and the edits a template's masters and layouts need:
frames scaled to the slide size, default text in the deck's language, placeholders found by
type. Dates are W3CDTF strings; lengths EMU.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from .elements import NS, Element, parse, qn, sub
from .markup import attr, namespaces, part, text

__all__ = [
    "CoreProperties",
    "Relationship",
    "app_properties",
    "content_types",
    "core_properties",
    "layout_name",
    "layout_placeholders",
    "parse_content_types",
    "parse_relationships",
    "relationships",
    "scale_frames",
    "set_default_language",
    "set_slide_list",
    "set_slide_size",
    "slide_size",
]

_FRAME_PARTS = (
    ".//p:spTree//*[self::a:xfrm or self::p:xfrm]"
    "/*[self::a:off or self::a:ext or self::a:chOff or self::a:chExt]"
)
_DEFAULT_TEXT = (
    "p:defaultTextStyle//a:defRPr",  # the presentation's
    "p:txStyles//a:defRPr",  # a slide master's title, body and other text
    "p:notesStyle//a:defRPr",  # a notes master's
)
_FIRST_SLIDE_ID = 256


class Relationship(NamedTuple):
    """`r_id` of a relationship of type `kind` to `target` (relative to the source's folder)."""

    r_id: str
    kind: str
    target: str


class CoreProperties(NamedTuple):
    """The Dublin Core properties of `docProps/core.xml`; `created` is a W3CDTF timestamp."""

    title: str
    author: str
    subject: str
    keywords: str
    language: str
    created: str


def parse_content_types(blob: bytes) -> tuple[dict[str, str], dict[str, str]]:
    """`[Content_Types].xml` as (extension -> type, part name -> type); part names without
    their leading slash."""
    root = parse(blob)
    defaults = {e.get("Extension", "").lower(): e.get("ContentType", "") for e in root.iter(qn("ct:Default"))}
    overrides = {e.get("PartName", "")[1:]: e.get("ContentType", "") for e in root.iter(qn("ct:Override"))}
    return defaults, overrides


def content_types(defaults: Mapping[str, str], overrides: Mapping[str, str]) -> bytes:
    """`[Content_Types].xml` for these extensions and parts (names without a leading slash)."""
    entries = [
        f'<Default Extension="{attr(extension)}" ContentType="{attr(defaults[extension])}"/>'
        for extension in sorted(defaults)
    ]
    entries += [
        f'<Override PartName="/{attr(name)}" ContentType="{attr(overrides[name])}"/>'
        for name in sorted(overrides)
    ]
    return part(f"<Types{namespaces(default='ct')}>{''.join(entries)}</Types>")


def parse_relationships(blob: bytes) -> list[Relationship]:
    """A `.rels` part's relationships, in rId order (internal targets only)."""
    found = [
        Relationship(e.get("Id", ""), e.get("Type", ""), e.get("Target", ""))
        for e in parse(blob).iter(qn("pr:Relationship"))
        if e.get("TargetMode") != "External"
    ]
    return sorted(found, key=lambda rel: int(rel.r_id[3:]) if rel.r_id[3:].isdigit() else 0)


def relationships(rels: Iterable[Relationship]) -> bytes:
    """A `.rels` part holding `rels`."""
    entries = "".join(
        f'<Relationship Id="{attr(rel.r_id)}" Type="{attr(rel.kind)}" Target="{attr(rel.target)}"/>'
        for rel in rels
    )
    root = f"<Relationships{namespaces(default='pr')}"
    return part(f"{root}>{entries}</Relationships>" if entries else f"{root}/>")


def core_properties(props: CoreProperties) -> bytes:
    """`docProps/core.xml`: title, creator, subject, keywords, language, revision 1, and
    `created` as creation and modification date."""
    fields = (
        ("dc:title", props.title),
        ("dc:subject", props.subject),
        ("dc:creator", props.author),
        ("cp:keywords", props.keywords),
        ("dc:description", ""),
        ("cp:lastModifiedBy", props.author),
        ("cp:revision", "1"),
    )
    entries = [f"<{tag}>{text(value)}</{tag}>" if value else f"<{tag}/>" for tag, value in fields]
    created = text(props.created)
    entries += [
        f'<{tag} xsi:type="dcterms:W3CDTF">{created}</{tag}>'
        for tag in ("dcterms:created", "dcterms:modified")
    ]
    entries.append(f"<cp:category/><dc:language>{text(props.language)}</dc:language>")
    root = f"<cp:coreProperties{namespaces('cp', 'dc', 'dcterms', 'dcmitype', 'xsi')}>"
    return part(f"{root}{''.join(entries)}</cp:coreProperties>")


def app_properties(slides: int, notes: int, presentation_format: str) -> bytes:
    """`docProps/app.xml` telling the truth about the deck (python-pptx's template says
    "On-screen Show (4:3)" and 0 slides; file browsers show it)."""
    fields = (
        ("Application", "zjlab-reports"),
        ("PresentationFormat", text(presentation_format)),
        ("Slides", str(slides)),
        ("Notes", str(notes)),
    )
    entries = "".join(f"<{tag}>{value}</{tag}>" for tag, value in fields)
    return part(f"<Properties{namespaces(default='ep')}>{entries}</Properties>")


def set_slide_list(presentation: Element, notes_master: str, slides: Sequence[str]) -> None:
    """List the notes master and the slides (their rIds, in order) in `p:presentation`."""
    for tag in ("p:notesMasterIdLst", "p:sldIdLst"):
        for old in presentation.findall(qn(tag)):
            presentation.remove(old)
    masters = presentation.find(qn("p:sldMasterIdLst"))
    assert masters is not None, "the template names no slide master"
    notes_list = masters.makeelement(qn("p:notesMasterIdLst"), {})
    sub(notes_list, "p:notesMasterId", {"r:id": notes_master})
    slide_list = masters.makeelement(qn("p:sldIdLst"), {})
    for number, r_id in enumerate(slides):
        sub(slide_list, "p:sldId", {"id": str(_FIRST_SLIDE_ID + number), "r:id": r_id})
    masters.addnext(notes_list)
    notes_list.addnext(slide_list)


def slide_size(presentation: Element) -> tuple[int, int]:
    """The size of the slides (cx, cy) in EMU."""
    size = presentation.find(qn("p:sldSz"))
    assert size is not None, "the template has no slide size"
    return int(size.get("cx", "0")), int(size.get("cy", "0"))


def set_slide_size(presentation: Element, cx: int, cy: int) -> None:
    """Size the slides `cx` x `cy` EMU, a custom size (no `type`)."""
    size = presentation.find(qn("p:sldSz"))
    assert size is not None, "the template has no slide size"
    size.attrib.pop("type", None)
    size.set("cx", str(cx))
    size.set("cy", str(cy))


def set_default_language(root: Element, lang: str, alt_lang: str) -> None:
    """Give the default text of a presentation or master part the deck's language."""
    for path in _DEFAULT_TEXT:
        for rpr in root.iterfind(path, NS):
            rpr.set("lang", lang)
            rpr.set("altLang", alt_lang)


def scale_frames(slide_like: Element, sx: float, sy: float) -> None:
    """Scale every explicit position and size in a master's or layout's shape tree."""
    for element in slide_like.xpath(_FRAME_PARTS, namespaces=NS):
        for name, factor in (("x", sx), ("cx", sx), ("y", sy), ("cy", sy)):
            if name in element.attrib:
                element.set(name, str(round(int(element.get(name)) * factor)))


def layout_name(layout: Element) -> str:
    """The slide layout's name (`p:cSld/@name`)."""
    c_sld = layout.find(qn("p:cSld"))
    return "" if c_sld is None else c_sld.get("name", "")


def layout_placeholders(layout: Element) -> dict[str, dict[str, str]]:
    """The `p:ph` attributes of a layout's placeholders, by type (title, ctrTitle, subTitle...)."""
    found: dict[str, dict[str, str]] = {}
    for ph in layout.iterfind("p:cSld/p:spTree/p:sp/p:nvSpPr/p:nvPr/p:ph", NS):
        found.setdefault(ph.get("type", "obj"), {str(k): str(v) for k, v in ph.attrib.items()})
    return found
