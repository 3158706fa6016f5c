"""PPTX backend: a hand-built Document rendered, reopened with python-pptx and checked.

Also converted with LibreOffice (one PDF page per slide); that test fails, never skips, when
`soffice` is missing.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from msgspec.structs import replace
from PIL import Image as PILImage
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Deck
from pypdf import PdfReader

from zjlab_reports.backends.pptx import archive, render_pptx, theme
from zjlab_reports.backends.pptx.deck import presentation_part, sized_masters
from zjlab_reports.backends.pptx.geometry import widened
from zjlab_reports.backends.pptx.theme import scheme_colors
from zjlab_reports.document import (
    Chart,
    ChartSeries,
    Color,
    Document,
    DocumentFonts,
    FontFace,
    Image,
    Item,
    Line,
    Page,
    Paragraph,
    Run,
    Shape,
    TextBox,
    TextStyle,
)

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}
W, H = 960.0, 540.0
NAVY, TEAL, ORANGE, INK, WHITE = (
    Color.from_hex(c) for c in ("#123A6B", "#0F9D8F", "#F28C28", "#222", "#FFF")
)
CREATED = dt.datetime(2024, 5, 1, 9, 30, tzinfo=dt.UTC)


def _face(name: str, office: str, weight: int = 400, east_asian: bool = False) -> FontFace:
    # The PPTX backend only writes names; the path is never opened.
    return FontFace(name, name.split("-")[0], weight, Path(f"/nonexistent/{name}.ttf"), office, east_asian)


LATIN = _face("Arimo-Regular", "Arial")
LATIN_BOLD = _face("Arimo-Bold", "Arial", 700)
CJK = _face("NotoSansSC-Regular", "Microsoft YaHei", east_asian=True)
CJK_BOLD = _face("NotoSansSC-Bold", "Microsoft YaHei", 700, east_asian=True)
TITLE = TextStyle(36, 43.2, NAVY, 700, LATIN_BOLD, CJK_BOLD, "title")
SUBTITLE = TextStyle(20, 24, TEAL, 400, LATIN, CJK, "subtitle")
BODY = TextStyle(18, 25.2, INK, 400, LATIN, CJK, "body")
SMALL = TextStyle(12, 14.4, INK)  # faces None: fall back to the document's font scheme


def _para(text: str, style: TextStyle, **options: object) -> Paragraph:
    run = Run(text, style.latin or LATIN, 0.0, len(text) * style.size / 2)
    line = Line((run,), style.size * 0.8, run.width)
    return Paragraph(text, style, (line,), **options)  # type: ignore[arg-type]


def _box(x: float, y: float, w: float, h: float, *paras: Paragraph, **options: object) -> TextBox:
    return TextBox(x, y, w, h, paras, **options)  # type: ignore[arg-type]


def _title_page() -> Page:
    cover_title = TextStyle(40, 48, WHITE, 700, LATIN_BOLD, CJK_BOLD, "title")
    title = _box(60, 180, 840, 60, _para("Zhejiang Lab", cover_title, align="center"), role="title")
    subtitle = _box(
        60,
        250,
        840,
        30,
        _para("Annual profile 2024", SUBTITLE, align="center"),
        role="subtitle",
        name="Subtitle",
    )
    return Page(W, H, (title, subtitle), name="cover", background=NAVY, notes="Welcome everyone.")


def _content_page(picture: Path) -> Page:
    banner = Shape("rect", 0, 0, W, 90, fill=TEAL, name="Banner")
    title = _box(40, 20, 600, 50, _para("Research focus", TITLE), role="title", name="Title")
    body = _box(
        40,
        120,
        500,
        200,
        _para("Intelligent computing across a long wrapped line of text", BODY, bullet="•", indent=18),
        _para("Large-scale scientific facilities", BODY, bullet="•", indent=18, space_before=6),
        _para("Footnote without bullet", SMALL, space_before=12),
        role="body",
    )
    items: tuple[Item, ...] = (
        banner,
        title,
        body,
        Shape("rect", 600, 120, 300, 120, fill=ORANGE, stroke=NAVY, stroke_width=2, radius=12, name="Card"),
        Shape("ellipse", 620, 260, 80, 80, fill=None, stroke=TEAL, stroke_width=1.5),
        Shape("line", 40, 500, 880, 0, stroke=INK, stroke_width=1, name="Rule"),
        Image(760, 260, 120, 80, picture, alt="Campus photograph", name="Campus"),
    )
    return Page(W, H, items, name="focus", notes="Three focus areas.\nSecond line of notes.")


def _chart_page() -> Page:
    drawing = (Shape("rect", 0, 0, 10, 10, fill=NAVY, name="drawn-bar"),)
    chart = Chart(
        80,
        90,
        800,
        320,
        "column",
        ("2021", "2022", "2023"),
        (
            ChartSeries("Papers", (120.0, 180.0, 240.5), NAVY),
            ChartSeries("Patents", (40.0, 55.0, 90.0), ORANGE),
        ),
        (("120", "180", "240.5"), ("40", "55", "90")),
        SMALL,
        drawing,
        title="Output per year",
        alt="Column chart: papers and patents per year, 2021-2023",
        name="Output chart",
    )
    bars = Chart(
        80,
        420,
        800,
        100,
        "bar",
        ("A", "B"),
        (ChartSeries("Staff", (3.0, 4.0), TEAL),),
        (("3", "4"),),
        SMALL,
        (),
    )
    title = _box(40, 20, 600, 50, _para("Output", TITLE), role="title")
    return Page(W, H, (title, chart, bars), notes="Numbers are from the annual report.")


def _chinese_page() -> Page:
    title = _box(40, 20, 600, 50, _para("之江实验室", TITLE), role="title")
    body = _box(40, 100, 880, 80, _para("以重大科技任务攻关和大型科技基础设施建设为主线。", BODY))
    label = _box(700, 480, 220, 30, _para("右对齐", SMALL, align="right"))
    return Page(W, H, (title, body, label), notes="中文备注。")


def make_document(picture: Path, lang: str = "en") -> Document:
    fonts = DocumentFonts(LATIN_BOLD, LATIN, CJK_BOLD, CJK)
    palette = {"foreground": INK, "background": WHITE, "primary": NAVY, "chart-1": TEAL, "chart-2": ORANGE}
    return Document(
        kind="deck",
        lang=lang,
        title="Zhejiang Lab profile",
        author="Zhejiang Lab",
        subject="Lab profile deck",
        keywords=("research", "profile"),
        created=CREATED,
        pages=(_title_page(), _content_page(picture), _chart_page(), _chinese_page()),
        fonts=fonts,
        palette=palette,
        theme_name="ZJLab Brand",
    )


@pytest.fixture(scope="module")
def picture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("images") / "campus.png"
    PILImage.new("RGB", (60, 40), (15, 157, 143)).save(path)
    return path


@pytest.fixture(scope="module")
def document(picture: Path) -> Document:
    return make_document(picture)


@pytest.fixture(scope="module")
def deck_bytes(document: Document) -> bytes:
    return render_pptx(document)


@pytest.fixture(scope="module")
def deck(deck_bytes: bytes) -> Deck:
    return Presentation(io.BytesIO(deck_bytes))


def _xml(element: object) -> etree._Element:
    """A plain lxml copy of a python-pptx element (whose `xpath` takes no namespaces)."""
    return etree.fromstring(etree.tostring(element))


def _emu(points: float) -> int:
    return round(points * 12700)


# -- deck structure -----------------------------------------------------------------------


def test_one_16_9_slide_per_page(deck: Deck, document: Document) -> None:
    assert len(deck.slides) == len(document.pages) == 4
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)
    size = deck.part._element.find("p:sldSz", NS)
    assert "type" not in size.attrib  # not the template's "screen4x3"


def test_layouts_follow_text_roles(deck: Deck) -> None:
    names = [slide.slide_layout.name for slide in deck.slides]
    assert names == ["Title Slide", "Title Only", "Title Only", "Title Only"]


def test_layout_placeholders_are_rescaled_to_16_9(deck: Deck) -> None:
    title_slide = deck.slide_layouts.get_by_name("Title Slide")
    assert title_slide is not None
    placeholders = [s for s in title_slide.shapes if s.is_placeholder]
    ctr_title = next(s for s in placeholders if s.placeholder_format.type == PP_PLACEHOLDER.CENTER_TITLE)
    assert ctr_title.left == round(685800 * 4 / 3)
    assert ctr_title.width == round(7772400 * 4 / 3)
    master_title = deck.slide_master.placeholders[0]
    assert master_title.left + master_title.width == round((457200 + 8229600) * 4 / 3)


def test_titles_are_placeholders(deck: Deck) -> None:
    for slide in deck.slides:
        title = slide.shapes.title
        assert title is not None and title.is_placeholder
        assert title.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
    assert deck.slides[1].shapes.title.placeholder_format.type == PP_PLACEHOLDER.TITLE
    assert deck.slides[1].shapes.title.text_frame.text == "Research focus"
    subtitle = [
        s for s in deck.slides[0].placeholders if s.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE
    ]
    assert [s.text_frame.text for s in subtitle] == ["Annual profile 2024"]
    assert subtitle[0].name == "Subtitle"


def test_placeholder_keeps_page_z_order(deck: Deck) -> None:
    names = [shape.name for shape in deck.slides[1].shapes]
    assert names.index("Banner") < names.index("Title")


def test_placeholder_is_moved_to_the_title_box(deck: Deck) -> None:
    title = deck.slides[1].shapes.title
    x, width = widened(40, 600, "left", W)
    assert (title.left, title.top, title.width, title.height) == (_emu(x), _emu(20), _emu(width), _emu(50))


def test_all_text_is_in_text_frames(deck: Deck, document: Document) -> None:
    for slide, page in zip(deck.slides, document.pages, strict=True):
        expected = [p.text for item in page.items if isinstance(item, TextBox) for p in item.paragraphs]
        found = [
            p.text
            for s in slide.shapes
            if s.has_text_frame and s.text_frame.text
            for p in s.text_frame.paragraphs
        ]
        assert sorted(found) == sorted(expected)
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert [p.name for p in pictures] == ["Campus"]


def test_every_slide_has_its_notes(deck: Deck, document: Document) -> None:
    for slide, page in zip(deck.slides, document.pages, strict=True):
        assert slide.has_notes_slide
        assert slide.notes_slide.notes_text_frame.text == page.notes != ""


def test_background_fill(deck: Deck) -> None:
    assert str(deck.slides[0].background.fill.fore_color.rgb) == NAVY.hex


# -- text ---------------------------------------------------------------------------------


def _slide_xml(deck, index: int) -> etree._Element:
    return _xml(deck.slides[index]._element)


def test_every_run_has_language_and_east_asian_face(deck: Deck) -> None:
    for index in range(len(deck.slides)):
        runs = _slide_xml(deck, index).xpath("//a:r", namespaces=NS)
        assert runs
        for run in runs:
            assert run.xpath("a:rPr/@lang", namespaces=NS) == ["en"]
            assert run.xpath("a:rPr/@altLang", namespaces=NS) == ["zh-CN"]
            assert run.xpath("a:rPr/a:ea/@typeface", namespaces=NS) == ["Microsoft YaHei"]
            assert run.xpath("a:rPr/a:latin/@typeface", namespaces=NS) == ["Arial"]


def test_chinese_document_tags_runs_zh_cn(picture: Path) -> None:
    deck = Presentation(io.BytesIO(render_pptx(make_document(picture, lang="zh-CN"))))
    root = _slide_xml(deck, 3)
    assert set(root.xpath("//a:r/a:rPr/@lang", namespaces=NS)) == {"zh-CN"}
    assert set(root.xpath("//a:r/a:rPr/@altLang", namespaces=NS)) == {"en-US"}
    assert deck.core_properties.language == "zh-CN"


def test_paragraph_is_one_reflowable_run(deck: Deck) -> None:
    body = next(s for s in deck.slides[1].shapes if s.has_text_frame and "Intelligent" in s.text_frame.text)
    paragraphs = _xml(body._element).xpath(".//a:p", namespaces=NS)
    assert len(paragraphs) == 3
    first = paragraphs[0]
    assert first.xpath("a:r/a:t/text()", namespaces=NS) == [
        "Intelligent computing across a long wrapped line of text"
    ]
    assert first.xpath("a:pPr/a:lnSpc/a:spcPts/@val", namespaces=NS) == ["2520"]
    assert first.xpath("a:r/a:rPr/@sz", namespaces=NS) == ["1800"]
    assert first.xpath("a:r/a:rPr/a:solidFill/a:srgbClr/@val", namespaces=NS) == [INK.hex]
    assert paragraphs[1].xpath("a:pPr/a:spcBef/a:spcPts/@val", namespaces=NS) == ["600"]


def test_bullets_hang_and_plain_paragraphs_have_none(deck: Deck) -> None:
    body = next(s for s in deck.slides[1].shapes if s.has_text_frame and "Intelligent" in s.text_frame.text)
    bullet, _, plain = _xml(body._element).xpath(".//a:p/a:pPr", namespaces=NS)
    assert bullet.get("marL") == str(_emu(18)) and bullet.get("indent") == str(-_emu(18))
    assert bullet.xpath("a:buChar/@char", namespaces=NS) == ["•"]
    assert plain.xpath("a:buNone", namespaces=NS) and not plain.xpath("a:buChar", namespaces=NS)


def test_text_frames_wrap_without_autofit_or_insets(deck: Deck) -> None:
    for slide in deck.slides:
        for shape in (s for s in slide.shapes if s.has_text_frame and s.text_frame.text):
            body_pr = _xml(shape._element).find(".//a:bodyPr", NS)
            assert body_pr.get("wrap") == "square"
            assert [body_pr.get(name) for name in ("lIns", "tIns", "rIns", "bIns")] == ["0"] * 4
            assert body_pr.find("a:noAutofit", NS) is not None
            assert body_pr.find("a:normAutofit", NS) is None


def test_bold_follows_weight_and_anchor_follows_box(deck: Deck) -> None:
    title = _xml(deck.slides[1].shapes.title._element)
    assert title.xpath(".//a:r/a:rPr/@b", namespaces=NS) == ["1"]
    assert title.find(".//a:bodyPr", NS).get("anchor") == "t"


def test_text_boxes_are_widened_for_powerpoint_wrapping(deck: Deck) -> None:
    label = next(s for s in deck.slides[3].shapes if s.has_text_frame and s.text_frame.text == "右对齐")
    x, width = widened(700, 220, "right", W)
    assert (label.left, label.width) == (_emu(x), _emu(width))
    assert label.left + label.width == _emu(920)  # right-aligned text keeps its right edge


@pytest.mark.parametrize(
    ("x", "width", "align", "expected"),
    [
        (100, 200, "left", (100, 206)),
        (100, 200, "center", (97, 206)),
        (100, 200, "right", (94, 206)),
        (908, 50, "left", (908, 52)),  # stops at the page edge
        (930, 50, "left", (930, 50)),  # already past it: never shrinks
        (0, 960, "center", (0, 960)),
    ],
)
def test_widened(x: float, width: float, align: str, expected: tuple[float, float]) -> None:
    assert widened(x, width, align, 960) == pytest.approx(expected)  # type: ignore[arg-type]


# -- shapes, pictures, charts -------------------------------------------------------------


def test_shapes_have_kind_fill_outline_and_name(deck: Deck) -> None:
    shapes = {shape.name: shape for shape in deck.slides[1].shapes}
    card = shapes["Card"]
    assert card.auto_shape_type == MSO_SHAPE.ROUNDED_RECTANGLE
    assert card.adjustments[0] == pytest.approx(12 / 120)
    assert str(card.fill.fore_color.rgb) == ORANGE.hex
    assert str(card.line.color.rgb) == NAVY.hex and card.line.width == _emu(2)
    assert str(shapes["Banner"].fill.fore_color.rgb) == TEAL.hex
    autoshapes = [s for s in deck.slides[1].shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    ellipse = next(s for s in autoshapes if s.auto_shape_type == MSO_SHAPE.OVAL)
    assert _xml(ellipse._element).find("p:spPr/a:noFill", NS) is not None
    rule = shapes["Rule"]
    assert rule.shape_type == MSO_SHAPE_TYPE.LINE
    assert (rule.begin_x, rule.end_x, rule.begin_y) == (_emu(40), _emu(920), _emu(500))


def test_picture_has_alt_text(deck: Deck) -> None:
    campus = next(s for s in deck.slides[1].shapes if s.name == "Campus")
    assert _xml(campus._element).xpath("p:nvPicPr/p:cNvPr/@descr", namespaces=NS) == ["Campus photograph"]


def test_native_charts_carry_the_documents_numbers(deck: Deck, document: Document) -> None:
    frames = [s for s in deck.slides[2].shapes if s.has_chart]
    assert len(frames) == 2
    source = next(item for item in document.pages[2].items if isinstance(item, Chart))
    chart = frames[0].chart
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert frames[1].chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    plot = chart.plots[0]
    assert tuple(plot.categories) == source.categories
    for series, expected in zip(plot.series, source.series, strict=True):
        assert series.name == expected.name
        assert series.values == expected.values
        assert str(series.format.fill.fore_color.rgb) == expected.color.hex
    assert plot.has_data_labels and plot.data_labels.show_value
    assert chart.has_title and chart.chart_title.text_frame.text == "Output per year"
    assert chart.font.name == "Arial" and chart.font.size == _emu(12)
    assert not frames[1].chart.has_title


def test_bar_chart_lists_first_category_on_top(deck: Deck) -> None:
    bars = [s for s in deck.slides[2].shapes if s.has_chart][1]
    assert bars.chart.category_axis.reverse_order
    chart_xml = _xml(bars.chart._chartSpace)
    assert chart_xml.xpath("//c:valAx/c:crosses/@val", namespaces={"c": _C}) == ["max"]


def test_chart_alt_text_fonts_and_no_drawing(deck: Deck) -> None:
    frame = next(s for s in deck.slides[2].shapes if s.has_chart)
    assert frame.name == "Output chart"
    descr = _xml(frame._element).xpath("p:nvGraphicFramePr/p:cNvPr/@descr", namespaces=NS)
    assert descr == ["Column chart: papers and patents per year, 2021-2023"]
    chart_xml = _xml(frame.chart._chartSpace)
    assert chart_xml.xpath("c:txPr//a:defRPr/a:ea/@typeface", namespaces={**NS, "c": _C}) == [
        "Microsoft YaHei"
    ]
    assert "drawn-bar" not in [s.name for s in deck.slides[2].shapes]


_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"


# -- theme and metadata -------------------------------------------------------------------


def _theme(deck: Deck) -> etree._Element:
    part = deck.slide_master.part.part_related_by(RT.THEME)
    return etree.fromstring(part.blob)


def test_theme_has_palette_and_fonts(deck: Deck) -> None:
    theme = _theme(deck)
    assert theme.get("name") == "ZJLab Brand"
    scheme = theme.find("a:themeElements/a:clrScheme", NS)
    assert scheme.get("name") == "ZJLab Brand"
    colors = {child.tag.split("}")[1]: child.find("a:srgbClr", NS).get("val") for child in scheme}
    assert colors["dk1"] == INK.hex and colors["dk2"] == NAVY.hex
    assert colors["accent1"] == TEAL.hex and colors["accent2"] == ORANGE.hex
    assert len(colors) == 12
    fonts = theme.find("a:themeElements/a:fontScheme", NS)
    for kind in ("majorFont", "minorFont"):
        assert fonts.xpath(f"a:{kind}/a:latin/@typeface", namespaces=NS) == ["Arial"]
        assert fonts.xpath(f"a:{kind}/a:ea/@typeface", namespaces=NS) == ["Microsoft YaHei"]
        assert fonts.xpath(f"a:{kind}/a:font[@script='Hans']/@typeface", namespaces=NS) == ["Microsoft YaHei"]


def test_scheme_colors_fill_missing_slots() -> None:
    colors = scheme_colors({"chart-1": TEAL, "chart-2": ORANGE, "brand": NAVY})
    assert colors["dk1"] == Color(0, 0, 0) and colors["lt1"] == Color(255, 255, 255)
    assert colors["dk2"] == colors["dk1"] and colors["lt2"] == colors["lt1"]
    assert [colors[f"accent{n}"] for n in range(1, 7)] == [TEAL, ORANGE] * 3
    assert colors["hlink"] == TEAL
    assert "brand" not in colors and len(colors) == 12


def test_scheme_colors_map_brand_roles_onto_office_slots() -> None:
    roles = {"foreground": INK, "background": WHITE, "primary": NAVY, "surface": WHITE, "secondary": ORANGE}
    roles |= {"chart-1": TEAL, "chart-2": NAVY, "chart-3": ORANGE, "highlight": ORANGE, "muted": INK}
    colors = scheme_colors(roles)
    assert (colors["dk1"], colors["lt1"], colors["dk2"], colors["lt2"]) == (INK, WHITE, NAVY, WHITE)
    assert [colors[f"accent{n}"] for n in range(1, 7)] == [TEAL, NAVY, ORANGE, ORANGE, ORANGE, INK]
    assert (colors["hlink"], colors["folHlink"]) == (ORANGE, INK)


def test_core_properties(deck: Deck, document: Document) -> None:
    core = deck.core_properties
    assert core.title == document.title
    assert core.author == core.last_modified_by == document.author
    assert core.subject == document.subject
    assert core.keywords == "research, profile"
    assert core.language == "en"
    assert core.created == core.modified == dt.datetime(2024, 5, 1, 9, 30)
    assert core.revision == 1
    assert core.comments == ""


# -- reproducibility ----------------------------------------------------------------------


def test_identical_documents_give_identical_bytes(document: Document, deck_bytes: bytes) -> None:
    time.sleep(1.1)  # zip entries and the chart workbook's core.xml stamp whole seconds
    assert render_pptx(document) == deck_bytes


def test_per_process_memos_are_keyed_by_all_they_depend_on(picture: Path, deck_bytes: bytes) -> None:
    """Scaled masters (per size and language), branded themes, presentation parts (per size,
    slides and language) and deflated parts are made once per process: a 4:3 Chinese deck of
    another brand and a shorter deck between two 16:9 English ones change neither, and each
    is what a process with empty memos makes."""
    chinese = make_document(picture, lang="zh-CN")
    square = replace(
        chinese,
        pages=tuple(replace(page, width=720.0, height=540.0) for page in chinese.pages),
        palette={**chinese.palette, "chart-1": ORANGE},
        theme_name="Other brand",
    )
    shorter = replace(make_document(picture), pages=make_document(picture).pages[:2])
    square_bytes, shorter_bytes = render_pptx(square), render_pptx(shorter)
    assert render_pptx(make_document(picture)) == deck_bytes
    parts = ("ppt/slideLayouts/slideLayout1.xml", "ppt/theme/theme1.xml", "ppt/presentation.xml")
    for part in parts:  # the check can fail
        assert _entry(square_bytes, part) != _entry(deck_bytes, part)
    assert _entry(shorter_bytes, "ppt/presentation.xml").count(b"<p:sldId ") == 2
    sized_masters.cache_clear()
    presentation_part.cache_clear()
    archive.MEMO.clear()
    theme._branded.cache_clear()
    assert render_pptx(square) == square_bytes
    assert render_pptx(shorter) == shorter_bytes
    assert render_pptx(make_document(picture)) == deck_bytes


def _entry(package: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(package)) as deck:
        return deck.read(name)


def test_zip_entries_are_ordered_and_dated(deck_bytes: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(deck_bytes)) as package:
        infos = package.infolist()
        names = [info.filename for info in infos]
        assert names[0] == "[Content_Types].xml" and names[1:] == sorted(names[1:])
        assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert {info.external_attr >> 16 for info in infos} == {0o100644}
        workbooks = [name for name in names if name.endswith(".xlsx")]
        assert len(workbooks) == 2
        with zipfile.ZipFile(io.BytesIO(package.read(workbooks[0]))) as workbook:
            assert workbook.testzip() is None
            assert workbook.namelist()[0] == "[Content_Types].xml"
            core = workbook.read("docProps/core.xml").decode()
            sheet = workbook.read("xl/worksheets/sheet1.xml").decode()
    assert "2024-05-01T09:30:00Z</dcterms:created>" in core
    assert "2024-05-01T09:30:00Z</dcterms:modified>" in core
    assert "<v>240.5</v>" in sheet


def test_render_rejects_empty_document(document: Document) -> None:
    with pytest.raises(ValueError, match="at least one page"):
        render_pptx(replace(document, pages=()))


# -- LibreOffice --------------------------------------------------------------------------


def test_libreoffice_converts_one_pdf_page_per_slide(deck_bytes: bytes, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (`soffice`) is not on PATH; it is required to check the deck opens")
    source = tmp_path / "deck.pptx"
    source.write_bytes(deck_bytes)
    command = [
        soffice,
        "--headless",
        f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path),
        str(source),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=240, check=False)
    pdf = tmp_path / "deck.pdf"
    assert pdf.exists(), f"soffice failed ({result.returncode}): {result.stdout}\n{result.stderr}"
    reader = PdfReader(pdf)
    assert len(reader.pages) == 4
    assert "Zhejiang Lab" in reader.pages[0].extract_text()


def test_package_properties_describe_the_deck(deck_bytes: bytes, document: Document) -> None:
    with zipfile.ZipFile(io.BytesIO(deck_bytes)) as package:
        names = package.namelist()
        app = etree.fromstring(package.read("docProps/app.xml"))
    assert not any("thumbnail" in name for name in names)
    values = {etree.QName(child).localname: child.text for child in app}
    assert values["PresentationFormat"] == "Widescreen"
    assert values["Slides"] == str(len(document.pages))


def test_shapes_have_no_theme_shadow_for_libreoffice(deck: Deck) -> None:
    refs = [ref for slide in deck.slides for ref in _xml(slide._element).iter(qn("a:effectRef"))]
    assert refs and all(ref.get("idx") == "0" for ref in refs)
