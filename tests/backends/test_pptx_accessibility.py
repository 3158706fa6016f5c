"""Accessible decks: a hand-built Document using every `Tag` kind, rendered and checked per slide.

Every slide has a title placeholder with text (an unseen one above the slide when the page
has no title box); the shape tree's order is the Document's item order (the reading order);
pictures and charts have alternative text, charts' stating their data; decoration (tag None)
is marked decorative with no alt; the language is on the presentation, the masters and every
run and paragraph end, an item's own `Tag.lang` overriding the deck's.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import msgspec
import pytest
from lxml import etree
from PIL import Image as PILImage
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from zjlab_reports.backends.pptx import render_pptx
from zjlab_reports.backends.pptx.charts import chart_alt
from zjlab_reports.document import Chart, ChartSeries, Document, Image, Item, Page, Shape, Tag

from .test_pptx import BODY, INK, NAVY, SMALL, TEAL, TITLE, H, W, _box, _para, make_document

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
}
DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
SHAPES = "p:cSld/p:spTree/*[self::p:sp or self::p:pic or self::p:graphicFrame or self::p:cxnSp]"


def _chart(name: str, tag: Tag | None, alt: str = "") -> Chart:
    series = (ChartSeries("Staff", (3000.0, 4500.0), TEAL),)
    return Chart(
        60,
        120,
        400,
        300,
        "column",
        ("2022", "2023"),
        series,
        (("3,000", "4,500"),),
        SMALL,
        (),
        title="Staff",
        alt=alt,
        name=name,
        tag=tag,
    )


def _tagged_pages(picture: Path) -> tuple[Page, ...]:
    groups = (("Sect", "focus"),)
    heading = _box(
        40, 20, 600, 50, _para("Focus areas", TITLE), role="title", name="heading", tag=Tag("H1", groups)
    )
    items: tuple[Item, ...] = (
        Shape("rect", 0, 0, W, H, fill=NAVY, name="backdrop"),
        heading,
        _box(40, 80, 500, 40, _para("Lead paragraph", BODY), name="lead", tag=Tag("P", groups)),
        _box(
            40,
            130,
            500,
            80,
            _para("One", BODY, bullet="•", indent=18),
            _para("Two", BODY, bullet="•", indent=18),
            name="list",
            tag=Tag("L", groups),
        ),
        Image(
            600,
            120,
            200,
            120,
            picture,
            alt="Campus by the lake",
            name="photo",
            tag=Tag("Figure", groups, "Campus by the lake"),
        ),
        _box(600, 250, 200, 20, _para("The campus", SMALL), name="caption", tag=Tag("Caption", groups)),
        Shape("line", 40, 500, 880, 0, stroke=INK, stroke_width=1, name="rule"),
        Shape(
            "ellipse",
            860,
            20,
            40,
            40,
            fill=TEAL,
            name="key-figure",
            tag=Tag("Figure", groups, "Key figure: 3,000 staff"),
        ),
        _box(
            40, 300, 400, 30, _para("浙江省杭州市", BODY), name="chinese", tag=Tag("P", groups, lang="zh-CN")
        ),
    )
    focus = Page(W, H, items, name="focus", notes="Notes.")
    chart = _chart("staff-chart", Tag("Figure", groups, "Staff grew from 3,000 in 2022 to 4,500 in 2023."))
    numbers = Page(W, H, (_box(40, 20, 600, 50, _para("Numbers", TITLE), role="title", name="t"), chart))
    untitled_chart = _chart("plain-chart", None)
    untitled = Page(
        W, H, (Image(0, 0, W, H, picture, alt="", name="texture"), untitled_chart), name="Growth in numbers"
    )
    return focus, numbers, untitled


@pytest.fixture(scope="module")
def picture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JPEG (the other deck tests use a PNG), so both kinds of media part are written."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 80, 20)).save(buffer, "JPEG")
    (path := tmp_path_factory.mktemp("a11y") / "photo.jpg").write_bytes(buffer.getvalue())
    return path


@pytest.fixture(scope="module")
def document(picture: Path) -> Document:
    base = make_document(picture)
    return Document(**{**msgspec.structs.asdict(base), "pages": (*base.pages, *_tagged_pages(picture))})


@pytest.fixture(scope="module")
def deck_bytes(document: Document) -> bytes:
    return render_pptx(document)


@pytest.fixture(scope="module")
def slides(deck_bytes: bytes) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(deck_bytes)) as package:
        count = sum(1 for name in package.namelist() if name.startswith("ppt/slides/slide"))
        return [etree.fromstring(package.read(f"ppt/slides/slide{n}.xml")) for n in range(1, count + 1)]


def _name(shape: etree._Element) -> str:
    return str(shape.xpath("./*/p:cNvPr/@name", namespaces=NS)[0])


def _c_nv_pr(slide: etree._Element, name: str) -> etree._Element:
    return slide.xpath(f"{SHAPES}/*/p:cNvPr[@name='{name}']", namespaces=NS)[0]


def _is_decorative(c_nv_pr: etree._Element) -> bool:
    marks = c_nv_pr.xpath(f"a:extLst/a:ext[@uri='{DECORATIVE}']/adec:decorative/@val", namespaces=NS)
    return marks == ["1"]


def test_every_slide_has_a_title_placeholder_with_text(deck_bytes: bytes, document: Document) -> None:
    deck = Presentation(io.BytesIO(deck_bytes))
    assert len(deck.slides) == len(document.pages) == 7
    for number, slide in enumerate(deck.slides, start=1):
        title = slide.shapes.title
        assert title is not None, f"slide {number} has no title placeholder"
        assert title.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        assert title.text_frame.text.strip(), f"slide {number}'s title is empty"


def test_a_page_without_title_box_gets_an_unseen_title(deck_bytes: bytes) -> None:
    slide = Presentation(io.BytesIO(deck_bytes)).slides[6]
    title = slide.shapes.title
    assert title is not None and title.text_frame.text == "Growth in numbers"  # the page's name
    assert title.top is not None and title.height is not None
    assert title.top + title.height <= 0  # wholly above the slide: drawn nowhere
    assert next(iter(slide.shapes)) == title  # read first


def test_shape_tree_order_is_the_items_order(slides: list[etree._Element], document: Document) -> None:
    for slide, page in zip(slides[4:6], document.pages[4:6], strict=True):
        names = [_name(shape) for shape in slide.xpath(SHAPES, namespaces=NS)]
        assert names == [item.name for item in page.items]


def test_decoration_is_marked_decorative_without_alt(slides: list[etree._Element]) -> None:
    for name in ("backdrop", "rule"):
        c_nv_pr = _c_nv_pr(slides[4], name)
        assert _is_decorative(c_nv_pr) and c_nv_pr.get("descr") is None
    texture = _c_nv_pr(slides[6], "texture")  # a picture with no alternative text
    assert _is_decorative(texture) and texture.get("descr") is None


def test_content_is_never_decorative(slides: list[etree._Element], document: Document) -> None:
    for slide, page in zip(slides[4:6], document.pages[4:6], strict=True):
        for item in page.items:
            if item.tag is not None:
                assert not _is_decorative(_c_nv_pr(slide, item.name)), item.name


def test_figures_carry_their_alt_text(slides: list[etree._Element]) -> None:
    assert _c_nv_pr(slides[4], "photo").get("descr") == "Campus by the lake"
    assert _c_nv_pr(slides[4], "key-figure").get("descr") == "Key figure: 3,000 staff"
    assert (
        _c_nv_pr(slides[5], "staff-chart").get("descr") == "Staff grew from 3,000 in 2022 to 4,500 in 2023."
    )


def test_every_picture_and_chart_has_alt_or_is_decorative(slides: list[etree._Element]) -> None:
    for slide in slides:
        for c_nv_pr in slide.xpath(
            "p:cSld/p:spTree/*[self::p:pic or self::p:graphicFrame]/*/p:cNvPr", namespaces=NS
        ):
            assert bool(c_nv_pr.get("descr")) != _is_decorative(c_nv_pr), c_nv_pr.get("name")


def test_chart_without_alt_states_its_data(slides: list[etree._Element]) -> None:
    descr = _c_nv_pr(slides[6], "plain-chart").get("descr")
    assert descr == "Column chart, Staff: Staff: 2022 3,000, 2023 4,500."


@pytest.mark.parametrize("count", [1, 3])
def test_generated_chart_alt_names_every_value(count: int) -> None:
    categories = tuple(f"Year {n}" for n in range(count))
    labels = tuple(f"{n * 7}" for n in range(count))
    series = (ChartSeries("Papers", tuple(float(n * 7) for n in range(count)), NAVY),)
    chart = Chart(0, 0, 10, 10, "bar", categories, series, (labels,), SMALL, ())
    alt = chart_alt(chart)
    assert alt.startswith("Bar chart: Papers: ")
    assert all(f"{c} {v}" in alt for c, v in zip(categories, labels, strict=True))


def test_every_run_and_paragraph_end_has_a_language(slides: list[etree._Element]) -> None:
    for number, slide in enumerate(slides, start=1):
        for rpr in slide.xpath("//a:rPr | //a:endParaRPr", namespaces=NS):
            assert rpr.get("lang"), f"slide {number}: {etree.tostring(rpr)[:80]!r}"


def test_tag_lang_overrides_the_decks_language(slides: list[etree._Element]) -> None:
    chinese = slides[4].xpath(f"{SHAPES}[*/p:cNvPr/@name='chinese']//a:rPr", namespaces=NS)
    assert chinese and {(r.get("lang"), r.get("altLang")) for r in chinese} == {("zh-CN", "en-US")}
    assert chinese[0].xpath("a:ea/@typeface", namespaces=NS) == ["Microsoft YaHei"]
    lead = slides[4].xpath(f"{SHAPES}[*/p:cNvPr/@name='lead']//a:rPr", namespaces=NS)
    assert {r.get("lang") for r in lead} == {"en"}


@pytest.mark.parametrize(("lang", "alt_lang"), [("en", "zh-CN"), ("zh-CN", "en-US")])
def test_presentation_and_masters_default_to_the_decks_language(
    picture: Path, lang: str, alt_lang: str
) -> None:
    data = render_pptx(make_document(picture, lang=lang))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {
            name: etree.fromstring(package.read(name))
            for name in package.namelist()
            if name == "ppt/presentation.xml"
            or (name.startswith(("ppt/slideMasters/", "ppt/notesMasters/")) and name.endswith(".xml"))
        }
    assert len(parts) == 3
    for name, root in parts.items():
        defaults = root.xpath(
            "p:defaultTextStyle//a:defRPr | p:txStyles//a:defRPr | p:notesStyle//a:defRPr", namespaces=NS
        )
        assert defaults, name
        assert {(d.get("lang"), d.get("altLang")) for d in defaults} == {(lang, alt_lang)}, name


def test_one_jpeg_part_serves_every_use_of_the_picture(deck_bytes: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(deck_bytes)) as package:
        media = sorted(name for name in package.namelist() if name.startswith("ppt/media/"))
        types = package.read("[Content_Types].xml").decode()
    assert media == ["ppt/media/image1.jpeg"]  # photo and texture: one picture, one part
    assert 'Extension="jpeg" ContentType="image/jpeg"' in types


def test_text_stays_native_and_editable(deck_bytes: bytes) -> None:
    slide = Presentation(io.BytesIO(deck_bytes)).slides[4]
    texts = {shape.name: shape.text_frame.text for shape in slide.shapes if shape.has_text_frame}
    assert texts["lead"] == "Lead paragraph" and texts["list"] == "One\nTwo"
    assert texts["heading"] == "Focus areas"
