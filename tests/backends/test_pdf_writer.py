"""PDF writing: our syntax, text operators and kept bytes against what ReportLab itself makes."""

from __future__ import annotations

import functools
import zlib
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import (
    OutlineEntryObject,
    PDFArray,
    PDFArrayCompact,
    PDFDictionary,
    PDFDocument,
    PDFName,
    PDFPage,
    PDFResourceDictionary,
    PDFStream,
    PDFString,
    PDFTrueTypeFont,
    PDFZCompress,
)
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace, makeToUnicodeCMap
from reportlab.pdfgen.canvas import Canvas

from zjlab_reports.backends.pdf import tagging
from zjlab_reports.backends.pdf.deflate import deflated
from zjlab_reports.backends.pdf.fonts import register_font
from zjlab_reports.backends.pdf.glyphs import show_text
from zjlab_reports.backends.pdf.kept import KeptBytes, KeptValues
from zjlab_reports.backends.pdf.subsets import subset_objects
from zjlab_reports.backends.pdf.syntax import Syntax, Written, register
from zjlab_reports.backends.pdf.tagging import Content, Element, Structure, write_structure
from zjlab_reports.backends.pdf.writer import FileDocument
from zjlab_reports.document import Tag
from zjlab_reports.fonts import Face, load_face

from .conftest import SOURCE_SANS

Make = Callable[[PDFDocument], object]


def _both(make: Make, top: bool = False) -> tuple[bytes | str, bytes | str]:
    """`make`'s value written by `Syntax` and by ReportLab, each in a fresh document (or the name of
    the error it raised); their registrations must agree too (a value written as a reference
    registers its object)."""
    ours_doc, theirs_doc = PDFDocument(), PDFDocument()
    ours = _written(lambda: Syntax(ours_doc).of(make(ours_doc), top))
    theirs = _written(lambda: pdfdoc.format(make(theirs_doc), theirs_doc, top))
    assert ours_doc.numberToId == theirs_doc.numberToId
    return ours, theirs


def _written(write: Callable[[], bytes]) -> bytes | str:
    try:
        return write()
    except (UnicodeEncodeError, ValueError, KeyError) as error:
        return type(error).__name__


def _mixed(count: int) -> list[object]:
    """`count` values of the kinds a document holds, repeating."""
    kinds: list[object] = [7, -2.5, 1 / 3, PDFName("Page"), PDFString("(a) \\ b"), True, None, "text", b"raw"]
    return [kinds[i % len(kinds)] for i in range(count)]


@pytest.mark.parametrize("count", [0, 1, 5, 6, 7, 12, 13, 19, 40])
def test_dictionaries_of_any_size_are_written_as_reportlab_writes_them(count: int) -> None:
    values = _mixed(count)
    ours, theirs = _both(lambda doc: PDFDictionary({f"K{i:02d}": value for i, value in enumerate(values)}))
    assert ours == theirs
    assert (
        isinstance(ours, bytes) and ours.count(b"\n") == 2 + (max(count, 1) - 1) // 6
    )  # a line break after every six entries


@pytest.mark.parametrize("count", [0, 1, 9, 10, 11, 20, 21, 35])
@pytest.mark.parametrize("kind", [PDFArray, PDFArrayCompact])
def test_arrays_of_any_size_are_written_as_reportlab_writes_them(count: int, kind: type[PDFArray]) -> None:
    values = _mixed(count)
    ours, theirs = _both(lambda doc: kind(values))
    assert ours == theirs


@pytest.mark.parametrize("multiline", [0, 1])
def test_reportlabs_multi_line_mode_is_followed(multiline: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rl_config, "pdfMultiLine", multiline)
    for count in (3, 8, 14):
        nested = PDFDictionary({"A": PDFArray(_mixed(count)), "B": PDFArrayCompact(_mixed(count)), "C": 1})
        ours, theirs = _both(lambda doc, n=nested: n)  # type: ignore[misc]
        assert ours == theirs


@pytest.mark.parametrize("key", ["Type", "A B", "a#b", "x/y", "(p)", "Ω", "tab\tkey", "F1+0", "FormXob.ab12"])
def test_names_with_any_characters_are_escaped_as_reportlab_escapes_them(key: str) -> None:
    ours, theirs = _both(lambda doc: PDFDictionary({key: PDFName(key)}))
    assert ours == theirs


@pytest.mark.parametrize("text", ["Zhejiang Lab", "之江实验室", "(unbalanced", "back\\slash", "é à", ""])
def test_strings_are_written_as_reportlab_writes_them(text: str) -> None:
    ours, theirs = _both(lambda doc: PDFArray([PDFString(text), text if text.isascii() else ""]))
    assert ours == theirs and isinstance(ours, bytes)
    assert _both(lambda doc: text) == _both(lambda doc: text)[::-1]  # raw text: the same bytes, or error


def test_key_order_is_sorted_unless_the_entries_are_ordered() -> None:
    entries = {"Zeta": 1, "Alpha": 2, "Mid": 3}
    for mapping in (entries, OrderedDict(entries)):
        ours, theirs = _both(lambda doc, m=mapping: PDFDictionary(m))  # type: ignore[misc]
        assert ours == theirs
    assert _both(lambda doc: PDFDictionary(OrderedDict(entries)))[0][:8] == b"<<\n/Zeta"


def _registered(doc: PDFDocument) -> PDFDictionary:
    target = PDFDictionary({"Type": PDFName("Target")})
    return PDFDictionary({"Ref": doc.Reference(target), "Kids": PDFArray([doc.Reference(target)])})


@pytest.mark.parametrize(
    "make",
    [
        _registered,
        lambda doc: PDFStream(PDFDictionary({"N": 3}), "q 1 0 0 1 0 0 cm Q\n" * 40, filters=[PDFZCompress]),
        lambda doc: PDFStream(PDFDictionary({"Filter": PDFName("DCTDecode")}), b"\xff\xd8 raw"),
        lambda doc: PDFStream(content=b"plain bytes"),
        lambda doc: PDFStream(content="plain text"),
    ],
)
def test_references_and_streams_at_the_top_are_written_as_reportlab_writes_them(make: Make) -> None:
    ours, theirs = _both(make, top=True)
    assert ours == theirs


def test_a_stream_inside_another_value_becomes_a_reference_registered_as_reportlab_does() -> None:
    ours, theirs = _both(lambda doc: PDFArray([PDFStream(content=b"x"), PDFStream(content=b"y")]))
    assert ours == theirs == b"[ 2 0 R 3 0 R ]"  # object 1 is the font dictionary


def _page(doc: PDFDocument) -> PDFPage:
    page = PDFPage()
    page.setStream(["0 0 m 10 10 l S"])
    page.setCompression(1)
    page.ExtGState, page._shadingUsed = None, {}  # what a canvas sets
    doc.addPage(page)
    return page


def _font_object(doc: PDFDocument) -> PDFTrueTypeFont:
    font = PDFTrueTypeFont()
    font.Name, font.BaseFont, font.FirstChar, font.LastChar = "F1+0", "AAAAAA+Sans", 0, 30
    font.Widths = PDFArray(list(range(500, 531)))
    font.ToUnicode = doc.Reference(PDFStream(content=b"cmap"))
    return font


def _resources(doc: PDFDocument) -> PDFResourceDictionary:
    resources = PDFResourceDictionary()
    resources.basicFonts()
    resources.XObject = PDFDictionary({"FormXob.ab": doc.Reference(PDFStream(content=b"x"))})
    resources.setColorSpace({"CSRegistration": "CSRegistration"})
    return resources


def _outline_entry(doc: PDFDocument) -> OutlineEntryObject:
    entry = OutlineEntryObject()
    entry.Title, entry.Parent, entry.Dest = "成果 Results", doc.Reference(doc.Outlines), PDFArray([1, 2])
    entry.Next, entry.Count = doc.Reference(PDFDictionary()), 3
    return entry


@pytest.mark.parametrize(
    "make",
    [_page, lambda doc: doc.Catalog, lambda doc: doc.Pages, _font_object, _resources, _outline_entry],
)
def test_pages_catalog_fonts_resources_and_outline_are_written_as_reportlab_writes_them(make: Make) -> None:
    ours, theirs = _both(make, top=True)
    assert ours == theirs


values = st.recursive(
    st.integers(-(10**9), 10**9)
    | st.floats(-1e6, 1e6, allow_nan=False)
    | st.text("abcXYZ019 ()/\\#é之", max_size=12).map(PDFString)
    | st.text("abcXYZ019 ()#é", min_size=1, max_size=8).map(PDFName)
    | st.booleans(),
    lambda inner: (
        st.lists(inner, max_size=25).map(PDFArray)
        | st.lists(inner, max_size=25).map(PDFArrayCompact)
        | st.dictionaries(st.text("abcKey #()é", min_size=1, max_size=6), inner, max_size=15).map(
            PDFDictionary
        )
    ),
    max_leaves=60,
)


@settings(max_examples=150, deadline=None)
@given(values)
def test_any_nested_value_is_written_as_reportlab_writes_it(value: object) -> None:
    ours, theirs = _both(lambda doc: value)
    assert ours == theirs


# --- text operators ------------------------------------------------------------------------

MANY = "".join(map(chr, range(0x20, 0x7F))) + "".join(map(chr, range(0xC0, 0x180))) + "ΑΒΓΔΕΖΗΘ"


@pytest.fixture(scope="module")
def wide(font_cache: Path) -> Face:
    """Source Sans 3 with more than 256 characters, so a text spans two subsets."""
    return load_face(SOURCE_SANS, 400, MANY, font_cache)


def _font(face: Face) -> TTFont:
    """`face` registered with ReportLab as a document using it registers it (its subsets kept)."""
    return register_font(face.face)


def _page_code(draw: Callable[[Canvas], None]) -> list[str]:
    canvas = Canvas(None, invariant=1)
    draw(canvas)
    return list(canvas._code)


@pytest.mark.parametrize("size", [7, 9.5, 12.25, 1 / 3])
def test_text_operators_are_the_ones_draw_string_writes(wide: Face, size: float) -> None:
    font = _font(wide)
    texts = ["Zhejiang Lab", "", "(a) \\ b", "Zhejiang\u00a0Lab", MANY[::-1], MANY[150:], "ΑΒΓ abc", MANY]
    texts += ["之 Lab", "之 Lab", "Lab Zhejiang", "ΑΒΓ", "ΘΗ"]  # a character the font lacks; all known

    def ours(canvas: Canvas) -> None:
        for index, text in enumerate(texts):
            show_text(canvas, font, size, 10.5 + index, 700 - index * size, text)

    def theirs(canvas: Canvas) -> None:
        for index, text in enumerate(texts):
            canvas.setFont(font.fontName, size)
            canvas.drawString(10.5 + index, 700 - index * size, text)

    written = _page_code(ours)
    assert written == _page_code(theirs)
    assert sum(line.count(" Tf ") for line in written) > len(texts)  # some text spans two subsets


# --- the structure tree ------------------------------------------------------------------


def _structure(kids: int) -> Structure:
    """Three pages of marked content: groups, a list, alt text and a language (seven entries: a
    line break), an element with `kids` sequences, one continued on the next page, one empty."""
    structure = Structure()
    canvas = Canvas(None, invariant=1)
    marks = [structure.page(canvas) for _ in range(3)]
    section = Tag("P", (("Sect", "a"), ("Div", "a/1")))
    many = structure.element("P", section)
    for _ in range(kids):
        marks[0].content(many)
    figure = structure.element("Figure", Tag("Figure", (("Sect", "a"),), lang="zh-Hans"), alt="图 (a) Ω\\")
    marks[1].content(figure)
    continued = structure.element("H1", Tag("H1"))
    marks[0].content(continued)
    marks[2].content(continued)
    items = structure.element("L", Tag("L", (("Sect", "b"),)))
    marks[2].content(items.add("LI").add("Lbl"))
    items.add("LI")  # marks nothing: left out
    structure.element("Caption", Tag("Caption"))  # left out too
    return structure


def _reportlab_tree(
    pdf: PDFDocument, element: Element, parent: object, first_pages: dict[int, int]
) -> object:
    """The structure tree as ReportLab's own dictionaries, arrays and references (what `write_structure`
    wrote before it wrote the bytes itself): the reference to `element`, or None."""
    first = first_pages.get(id(element))
    if first is None:
        return None
    pages = [pdf.Reference(page) for page in pdf.Pages.pages]
    node = PDFDictionary(
        {"Type": PDFName("StructElem"), "S": PDFName(element.role), "P": parent, "Pg": pages[first]}
    )
    if element.alt:
        node["Alt"] = PDFString(element.alt)
    if element.lang:
        node["Lang"] = PDFString(element.lang)
    reference = pdf.Reference(node)
    kids: list[object] = []
    for kid in element.kids:
        if isinstance(kid, Content):
            mcr = PDFDictionary({"Type": PDFName("MCR"), "Pg": pages[kid.page], "MCID": kid.mcid})
            kids.append(kid.mcid if kid.page == first else mcr)
        elif (child := _reportlab_tree(pdf, kid, reference, first_pages)) is not None:
            kids.append(child)
    node["K"] = PDFArray(kids)
    return reference


def _with_pages(count: int) -> PDFDocument:
    pdf = PDFDocument()
    for _ in range(count):
        page = PDFPage()
        pdf.Pages.addPage(page)
        pdf.Reference(page)
    return pdf


@pytest.mark.parametrize("kids", [1, 10, 11, 25])
def test_structure_elements_are_written_as_reportlab_writes_their_dictionaries(kids: int) -> None:
    structure = _structure(kids)
    ours, theirs = _with_pages(3), _with_pages(3)
    write_structure(ours, structure)
    root = theirs.Reference(PDFDictionary({"Type": PDFName("StructTreeRoot")}))
    _reportlab_tree(theirs, structure.root, root, tagging._first_pages(structure.root))
    elements = [n for n, name in ours.numberToId.items() if isinstance(ours.idToObject[name], Written)]
    assert len(elements) == 10 and ours.numberToId.keys() >= theirs.numberToId.keys()
    for number in elements:
        written = Syntax(ours).of(ours.idToObject[ours.numberToId[number]], top=True)
        assert written == pdfdoc.format(theirs.idToObject[theirs.numberToId[number]], theirs, 1)


# --- kept bytes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limit", "size", "kept_count"),
    [(100, 10, 10), (100, 30, 3), (100, 100, 1), (100, 101, 0), (1000, 1, 20)],
)
def test_kept_bytes_hold_at_most_their_limit_and_forget_the_least_recently_used(
    limit: int, size: int, kept_count: int
) -> None:
    kept = KeptBytes(limit=limit)
    made: list[int] = []

    def make(key: int) -> Callable[[], bytes]:
        return lambda: made.append(key) or bytes([key]) * size  # type: ignore[func-returns-value]

    for key in range(20):
        assert kept.get(key, make(key)) == bytes([key]) * size
        assert kept.size <= limit
    assert len(kept) == kept_count and kept.size == kept_count * size
    if kept_count:
        oldest_kept = 20 - kept_count
        assert kept.get(oldest_kept, make(99)) == bytes([oldest_kept]) * size  # kept: not made again
        kept.get(20, make(20))  # one more forgets the least recently used: now oldest_kept + 1
        if kept_count > 1:
            assert kept.get(oldest_kept, make(98)) == bytes([oldest_kept]) * size
    assert 99 not in made and 98 not in made


@pytest.mark.parametrize("count", [0, 1, 3, 50])
def test_kept_values_hold_at_most_their_count_and_forget_the_oldest(count: int) -> None:
    kept: KeptValues[str] = KeptValues(count)
    made: list[int] = []

    def make(key: int) -> Callable[[], str]:
        return lambda: made.append(key) or f"value {key}"  # type: ignore[func-returns-value]

    for key in range(10):
        assert kept.get(key, make(key)) == f"value {key}"
        assert len(kept) <= count
    assert len(kept) == min(count, 10)
    newest = range(10 - min(count, 10), 10)
    for key in newest:  # kept: not made again
        assert kept.get(key, make(100 + key)) == f"value {key}"
    assert made == list(range(10))
    if count < 10:  # the oldest was forgotten: made again
        assert kept.get(0, make(100)) == "value 100" and made[-1] == 100


@pytest.mark.parametrize("length", [0, 1, 100, 10_000, 300_000])
def test_deflated_is_zlib_compress_and_keyed_by_the_whole_content(length: int) -> None:
    data = bytes(range(256)) * (length // 256) + b"z" * (length % 256)
    assert deflated(data) == zlib.compress(data)
    assert deflated(data) == zlib.compress(data)  # kept
    changed = data[:-1] + b"!" if data else b"!"
    assert deflated(changed) == zlib.compress(changed)


def test_kept_subset_objects_are_the_fonts_own_and_follow_the_character_order(
    faces: dict[str, Face], wide: Face
) -> None:
    sans, cjk, latin = _font(faces["sans"]), _font(faces["cjk"]), _font(wide)
    document = PDFDocument()
    for characters in ([0, 32, 65, 66], [0, 32, 66, 65], [0, *range(32, 127)]):
        made = {
            font.fontName: subset_objects(font, document, "AAAAAA+X", characters)
            for font in (sans, cjk, latin)
        }
        for font in (sans, cjk, latin):
            data = TTFontFace.makeSubset(font.face, list(characters))
            kept = made[font.fontName]
            assert (zlib.decompress(kept.font_file), kept.length) == (data, len(data))
            assert zlib.decompress(kept.cmap) == makeToUnicodeCMap("AAAAAA+X", characters).encode()
            widths = [font.face.getCharWidth(code) for code in characters]
            assert kept.widths == pdfdoc.format(PDFArray(widths), document)
            assert subset_objects(font, document, "AAAAAA+X", list(characters)) is kept
        assert len({kept.font_file for kept in made.values()}) == 3  # one font's subset is never another's


def _subsets_file(font: TTFont) -> bytes:
    """A page of text in `font` (two subsets' worth of characters), written to a file."""
    canvas = Canvas(None, pageCompression=1, invariant=1)
    canvas._doc = FileDocument((1, 7), "en", lambda document_id: b"<packet/>")
    for index, text in enumerate((MANY, MANY[::-1], "Zhejiang Lab")):
        show_text(canvas, font, 9, 10, 700 - 12 * index, text)
    canvas.showPage()
    data: bytes = canvas.getpdfdata()
    return data


def test_subsets_objects_are_the_ones_reportlab_adds(
    faces: dict[str, Face], wide: Face, monkeypatch: pytest.MonkeyPatch
) -> None:
    for font in (_font(wide), _font(faces["cjk"])):
        ours, again = _subsets_file(font), _subsets_file(font)  # made, then kept
        with monkeypatch.context() as patch:
            patch.setattr(font, "addObjects", functools.partial(TTFont.addObjects, font))
            theirs = _subsets_file(font)
        assert ours == again == theirs
        assert b"/BaseFont /AAAAAA+" in ours
    assert b"/BaseFont /AAAAAB+" in _subsets_file(_font(wide))  # a second subset


@pytest.mark.parametrize("count", [1, 3, 40])
def test_registering_is_what_reportlab_does_for_a_new_object(count: int) -> None:
    ours, theirs = PDFDocument(), PDFDocument()
    for index in range(count):
        if index % 3 == 2:  # named objects in between take their numbers too
            assert ours.Reference(PDFDictionary({}), f"Named{index}") is not None
            theirs.Reference(PDFDictionary({}), f"Named{index}")
        written = register(ours, Written(b"<< >>"))
        assert written == theirs.Reference(Written(b"<< >>")).format(theirs)
    assert ours.numberToId == theirs.numberToId
    assert ours.idToObjectNumberAndVersion == theirs.idToObjectNumberAndVersion
    element = ours.idToObject[ours.numberToId[ours.objectcounter]]
    assert ours.Reference(element).format(ours) == b"%d 0 R" % ours.objectcounter  # known as registered
    ours.Reference(PDFDictionary({}), f"R{ours.objectcounter + 2}")  # the name the next one takes
    with pytest.raises(ValueError, match="redefining"):
        register(ours, Written())
