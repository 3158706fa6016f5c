"""The PPTX backend writes its parts as markup: the bytes must be those lxml writes.

Escaping is compared with lxml's serialisation on arbitrary strings; every part a deck writes
anew (slides, notes, charts, relationships, content types, properties, the workbooks' parts)
must come back unchanged when lxml parses and serialises it again — with awkward names, alt
texts, notes and paragraphs (markup characters, tabs, line ends, control characters, CJK,
emoji).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from msgspec.structs import replace

from zjlab_reports.backends.pptx import render_pptx
from zjlab_reports.backends.pptx.oxml import markup
from zjlab_reports.backends.pptx.oxml.workbook import XLSX_DECLARATION
from zjlab_reports.backends.pptx.workbook import fixed_parts
from zjlab_reports.document import Chart, Document, Image, Page, Shape, Tag, TextBox

from .test_pptx import make_document

AWKWARD = "a & b < c > d \"e\" 'f'\ttab\r\nline 之江 😀 _x0041_ \x7f\x85"
CONTROL = "\x1b"
WRITTEN = ("ppt/slides/", "ppt/notesSlides/", "ppt/charts/", "docProps/", "[Content_Types].xml")
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


def _lxml_attribute(value: str) -> str:
    element = etree.Element("e")
    element.set("v", value)
    serialized = etree.tostring(element, encoding="UTF-8").decode("utf-8")
    return serialized[len('<e v="') : -len('"/>')]


def _lxml_text(value: str) -> str:
    element = etree.Element("e")
    element.text = value
    serialized = etree.tostring(element, encoding="UTF-8").decode("utf-8")
    return serialized[len("<e>") : -len("</e>")] if value else ""


@given(_TEXT)
@settings(max_examples=300, deadline=None)
def test_values_are_escaped_as_lxml_escapes_them(value: str) -> None:
    for ours, theirs in ((markup.attr, _lxml_attribute), (markup.text, _lxml_text)):
        try:
            expected = theirs(value)
        except ValueError:
            with pytest.raises(ValueError, match="XML compatible"):
                ours(value)
        else:
            assert ours(value) == expected


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1f", "\ufffe", "\uffff"])
def test_what_xml_cannot_hold_is_refused(char: str) -> None:
    with pytest.raises(ValueError):
        markup.attr(f"x{char}")
    with pytest.raises(ValueError):
        markup.text(f"{char}y")


def _awkward(document: Document, value: str) -> Document:
    """`document` with `value` in every page's name, notes, text box name and paragraph
    (which also gets a control character, written as Office writes it), shape and picture
    name and alt text, and chart title and categories."""
    return replace(
        document,
        title=value or "untitled",
        pages=tuple(_awkward_page(page, value) for page in document.pages),
    )


def _awkward_page(page: Page, value: str) -> Page:
    items = []
    for item in page.items:
        if isinstance(item, TextBox):
            paragraphs = tuple(replace(p, text=p.text + value + CONTROL) for p in item.paragraphs)
            items.append(replace(item, paragraphs=paragraphs, name=item.name + value))
        elif isinstance(item, Shape | Image):
            items.append(replace(item, name=item.name + value, tag=Tag("Figure", alt=value or "alt")))
        elif isinstance(item, Chart):
            categories = tuple(category + value for category in item.categories)
            items.append(replace(item, title=item.title + value, categories=categories, name=value))
        else:
            items.append(item)
    return replace(page, items=tuple(items), name=value, notes=page.notes + value)


def _written_parts(deck: bytes) -> dict[str, bytes]:
    """The deck's parts written anew, and the parts of its workbooks (`name!part`)."""
    parts: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(deck)) as package:
        for name in package.namelist():
            if name.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(package.read(name))) as workbook:
                    ours = set(workbook.namelist()) - set(fixed_parts())  # not XlsxWriter's own
                    parts |= {f"{name}!{part}": workbook.read(part) for part in ours}
            elif name.startswith(WRITTEN) or name.endswith(".rels"):
                parts[name] = package.read(name)
    return parts


def _as_lxml_writes(blob: bytes) -> bytes:
    """`blob` parsed and serialised again by lxml, with the declaration it had."""
    root = etree.fromstring(blob)
    if blob.startswith(XLSX_DECLARATION.encode()):
        return XLSX_DECLARATION.encode() + etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@pytest.mark.parametrize("value", ["", AWKWARD, "   edge spaces   ", "\n", "=SUM(A1)"])
def test_every_written_part_is_what_lxml_writes(picture: Path, value: str) -> None:
    deck = render_pptx(_awkward(make_document(picture), value))
    parts = _written_parts(deck)
    assert any(name.startswith("ppt/slides/slide") for name in parts)
    assert any("!xl/sharedStrings.xml" in name for name in parts)
    for name, blob in parts.items():
        if name.endswith((".xml", ".rels")):
            assert _as_lxml_writes(blob) == blob, name


def _lxml_accepts(value: str) -> bool:
    try:
        _lxml_attribute(value)
    except ValueError:
        return False
    return True


@given(_TEXT.filter(_lxml_accepts))
@settings(max_examples=25, deadline=None)
def test_any_text_gives_parts_lxml_writes(value: str) -> None:
    document = make_document(Path("/nonexistent.png"), "zh")  # its pictures' pages are left out
    pages = tuple(page for page in document.pages if not any(isinstance(i, Image) for i in page.items))
    deck = render_pptx(_awkward(replace(document, pages=pages), value))
    for name, blob in _written_parts(deck).items():
        if name.endswith((".xml", ".rels")):
            assert _as_lxml_writes(blob) == blob, name


def test_a_text_box_paragraph_keeps_its_text(picture: Path) -> None:
    deck = render_pptx(_awkward(make_document(picture), AWKWARD))
    with zipfile.ZipFile(io.BytesIO(deck)) as package:
        slide = etree.fromstring(package.read("ppt/slides/slide4.xml"))
    texts = "".join(slide.itertext())
    expected = AWKWARD.replace("\r", "_x000D_").replace("\n", "") + "_x001B_"
    assert "之江实验室" + expected in texts
