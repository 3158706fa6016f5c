"""python-pptx objects and lxml elements in; the raw DrawingML python-pptx has no API for, out.

Every XML edit of the PPTX backend lives here, each behind one small named function: East
Asian typefaces and languages of runs, bullets and hanging indents, alt text, z-order, the
slide-size type, scaling of master/layout frames, the theme's colour and font schemes, and
the dates of an embedded workbook's core properties. Elements are built with lxml, never by
formatting XML strings.
"""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree
from pptx.chart.chart import Chart
from pptx.enum.chart import XL_AXIS_CROSSES
from pptx.opc.package import Part, XmlPart
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.oxml.text import CT_TextCharacterProperties
from pptx.oxml.xmlchemy import BaseOxmlElement, OxmlElement
from pptx.text.text import Font, _Paragraph

__all__ = [
    "COLOR_SLOTS",
    "cross_value_axis_at_last_category",
    "end_paragraph_font",
    "font_element",
    "move_to_front",
    "parse_part",
    "remove_shape",
    "scale_frames",
    "serialize_part",
    "set_alt_text",
    "set_bullet",
    "set_color_scheme",
    "set_custom_slide_size",
    "set_east_asian_typeface",
    "set_font_scheme",
    "set_language",
    "set_no_bullet",
    "set_theme_name",
    "stamp_core_dates",
]

COLOR_SLOTS = (
    "dk1",
    "lt1",
    "dk2",
    "lt2",
    "accent1",
    "accent2",
    "accent3",
    "accent4",
    "accent5",
    "accent6",
    "hlink",
    "folHlink",
)
"""The colour-scheme slots of `a:clrScheme`, in schema order."""

_PPR_CHILDREN = (
    "a:lnSpc",
    "a:spcBef",
    "a:spcAft",
    "a:buClrTx",
    "a:buClr",
    "a:buSzTx",
    "a:buSzPct",
    "a:buSzPts",
    "a:buFontTx",
    "a:buFont",
    "a:buNone",
    "a:buAutoNum",
    "a:buChar",
    "a:buBlip",
    "a:tabLst",
    "a:defRPr",
    "a:extLst",
)
_RPR_AFTER_EA = ("a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")
_BULLET_TAGS = ("a:buFontTx", "a:buFont", "a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip")
_FRAME_PARTS = (
    ".//p:spTree//*[self::a:xfrm or self::p:xfrm]"
    "/*[self::a:off or self::a:ext or self::a:chOff or self::a:chExt]"
)
_PARSER = etree.XMLParser(resolve_entities=False, remove_blank_text=False)


# -- runs and paragraphs ------------------------------------------------------------------


def font_element(font: Font) -> CT_TextCharacterProperties:
    """The `a:rPr` / `a:defRPr` / `a:endParaRPr` element behind a python-pptx `Font`."""
    return font._element


def end_paragraph_font(paragraph: _Paragraph) -> Font:
    """A `Font` over the paragraph's `a:endParaRPr` (the size and language of an empty line)."""
    return Font(paragraph._p.get_or_add_endParaRPr())


def set_east_asian_typeface(rpr: CT_TextCharacterProperties, typeface: str) -> None:
    """Set `a:ea/@typeface`, the face PowerPoint uses for CJK characters of the run."""
    _remove_children(rpr, ("a:ea",))
    ea = OxmlElement("a:ea")
    ea.set("typeface", typeface)
    rpr.insert_element_before(ea, *_RPR_AFTER_EA)


def set_language(rpr: CT_TextCharacterProperties, lang: str, alt_lang: str) -> None:
    """Set the run's language (`lang`, a BCP 47 tag) and alternative language (`altLang`)."""
    rpr.set("lang", lang)
    rpr.set("altLang", alt_lang)


def set_bullet(paragraph: _Paragraph, char: str, typeface: str, indent: int) -> None:
    """Give the paragraph a `char` bullet in `typeface`, hanging by `indent` EMU."""
    ppr = paragraph._p.get_or_add_pPr()
    _remove_children(ppr, _BULLET_TAGS)
    ppr.set("marL", str(indent))
    ppr.set("indent", str(-indent))
    _add_to_ppr(ppr, "a:buFont", typeface=typeface)
    _add_to_ppr(ppr, "a:buChar", char=char)


def set_no_bullet(paragraph: _Paragraph, indent: int) -> None:
    """Switch off any inherited bullet (`a:buNone`); every line starts `indent` EMU in."""
    ppr = paragraph._p.get_or_add_pPr()
    _remove_children(ppr, _BULLET_TAGS)
    ppr.set("marL", str(indent))
    ppr.set("indent", "0")
    _add_to_ppr(ppr, "a:buNone")


def _add_to_ppr(ppr: BaseOxmlElement, tag: str, **attributes: str) -> None:
    """Add a `tag` child to `a:pPr` at its place in the schema's child order."""
    position = _PPR_CHILDREN.index(tag)
    ppr.insert_element_before(_element(tag, **attributes), *_PPR_CHILDREN[position + 1 :])


# -- shapes and slides --------------------------------------------------------------------


def set_alt_text(shape: BaseOxmlElement, text: str) -> None:
    """Set the shape's alternative text (`p:cNvPr/@descr`), read by screen readers."""
    c_nv_pr = shape.find(f"./*/{qn('p:cNvPr')}")
    if c_nv_pr is None:
        raise ValueError(f"not a shape element: {shape.tag}")
    c_nv_pr.set("descr", text)


def drop_style_effects(shape: BaseOxmlElement) -> None:
    """Point the shape's style at no effect (`effectRef idx="0"`): no theme shadow.

    An empty `a:effectLst` alone is honoured by PowerPoint, but LibreOffice still draws
    the shadow named by the shape style's `a:effectRef`.
    """
    for ref in shape.xpath("./p:style/a:effectRef"):
        ref.set("idx", "0")


def move_to_front(shape: BaseOxmlElement) -> None:
    """Move the shape to the top of its shape tree's z-order (drawn last)."""
    tree = shape.getparent()
    ext_lst = tree.find(qn("p:extLst"))
    if ext_lst is None:
        tree.append(shape)
    else:
        ext_lst.addprevious(shape)


def remove_shape(shape: BaseOxmlElement) -> None:
    """Delete the shape from its slide."""
    shape.getparent().remove(shape)


def set_custom_slide_size(presentation: BaseOxmlElement) -> None:
    """Drop `p:sldSz/@type` (the template says `screen4x3`), meaning "custom": cx/cy rule."""
    size = presentation.find(qn("p:sldSz"))
    if size is not None and "type" in size.attrib:
        del size.attrib["type"]


def scale_frames(slide_like: BaseOxmlElement, sx: float, sy: float) -> None:
    """Scale every explicit position and size in a master's or layout's shape tree."""
    for element in slide_like.xpath(_FRAME_PARTS):
        for name, factor in (("x", sx), ("cx", sx), ("y", sy), ("cy", sy)):
            if name in element.attrib:
                element.set(name, str(round(int(element.get(name)) * factor)))


# -- charts -------------------------------------------------------------------------------


def cross_value_axis_at_last_category(chart: Chart) -> None:
    """Make the value axis cross the category axis at its last category (`c:crosses max`).

    With the category order reversed (first category on top of a bar chart), this keeps the
    value axis at the bottom. python-pptx only sets the crossing on the category axis.
    """
    value_axis = chart.value_axis._element
    value_axis._remove_crossesAt()
    value_axis._remove_crosses()
    value_axis._add_crosses(val=XL_AXIS_CROSSES.MAXIMUM)


# -- theme part ---------------------------------------------------------------------------


def parse_part(blob: bytes) -> etree._Element:
    """Parse a part python-pptx keeps as bytes (the theme, a workbook's core properties)."""
    return etree.fromstring(blob, _PARSER)


def serialize_part(root: etree._Element) -> bytes:
    """Serialise a part parsed by `parse_part`, with the standalone XML declaration."""
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def set_theme_name(theme: etree._Element, name: str) -> None:
    """Name the theme (`a:theme/@name`), shown in PowerPoint's Design tab."""
    theme.set("name", name)


def set_color_scheme(theme: etree._Element, name: str, colors: Mapping[str, str]) -> None:
    """Replace `a:clrScheme` with `name` and `colors` (slot -> `RRGGBB`, all of COLOR_SLOTS)."""
    scheme = _theme_child(theme, "a:clrScheme")
    for child in list(scheme):
        scheme.remove(child)
    scheme.set("name", name)
    for slot in COLOR_SLOTS:
        holder = etree.SubElement(scheme, qn(f"a:{slot}"))
        etree.SubElement(holder, qn("a:srgbClr"), val=colors[slot])


def set_font_scheme(theme: etree._Element, name: str, major: tuple[str, str], minor: tuple[str, str]) -> None:
    """Replace `a:fontScheme`: heading (`major`) and body (`minor`) as (latin, east asian).

    The East Asian face is written both as `a:ea` and as the Simplified Chinese
    (`script="Hans"`) entry, which PowerPoint consults for zh-CN text.
    """
    scheme = _theme_child(theme, "a:fontScheme")
    scheme.set("name", name)
    for tag, (latin, east_asian) in (("a:majorFont", major), ("a:minorFont", minor)):
        collection = scheme.find(qn(tag))
        if collection is None:
            raise ValueError(f"theme has no {tag}")
        for child in list(collection):
            collection.remove(child)
        etree.SubElement(collection, qn("a:latin"), typeface=latin)
        etree.SubElement(collection, qn("a:ea"), typeface=east_asian)
        etree.SubElement(collection, qn("a:cs"), typeface="")
        etree.SubElement(collection, qn("a:font"), script="Hans", typeface=east_asian)


def _theme_child(theme: etree._Element, tag: str) -> etree._Element:
    found = theme.find(f"{qn('a:themeElements')}/{qn(tag)}")
    if found is None:
        raise ValueError(f"theme has no {tag}")
    return found


# -- package properties -------------------------------------------------------------------


def set_end_paragraph_language(element: BaseOxmlElement, lang: str) -> None:
    """Tag every `a:endParaRPr` below `element` with `lang` (python-pptx writes en-US)."""
    for end in element.iter(qn("a:endParaRPr")):
        end.set("lang", lang)


def replace_part_blob(part: Part, blob: bytes) -> None:
    """Give a package part new content, whether python-pptx loaded it as XML or as bytes."""
    if isinstance(part, XmlPart):
        part._element = parse_xml(blob)  # python-pptx serialises XmlParts from their element
    else:
        part.blob = blob


def stamp_core_dates(core_xml: bytes, w3cdtf: str) -> bytes:
    """Set `dcterms:created` and `dcterms:modified` of a core-properties part to `w3cdtf`."""
    root = parse_part(core_xml)
    for tag in ("dcterms:created", "dcterms:modified"):
        for element in root.iter(qn(tag)):
            element.text = w3cdtf
    return serialize_part(root)


_APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def app_properties(slides: int, notes: int, presentation_format: str) -> bytes:
    """An extended-properties part (`docProps/app.xml`) that tells the truth about the deck.

    python-pptx's template says "On-screen Show (4:3)" and 0 slides; file browsers show it.
    """
    root = etree.Element(f"{{{_APP_NS}}}Properties", nsmap={None: _APP_NS})
    for tag, text in (
        ("Application", "zjlab-reports"),
        ("PresentationFormat", presentation_format),
        ("Slides", str(slides)),
        ("Notes", str(notes)),
    ):
        etree.SubElement(root, f"{{{_APP_NS}}}{tag}").text = text
    return serialize_part(root)


# -- small pieces -------------------------------------------------------------------------


def _element(tag: str, **attributes: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(name, value)
    return element


def _remove_children(parent: BaseOxmlElement, tags: tuple[str, ...]) -> None:
    for child in parent.xpath("|".join(f"./{tag}" for tag in tags)):
        parent.remove(child)
