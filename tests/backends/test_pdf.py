"""PDF backend: hand-built Documents rendered, reopened with pypdf/pdfplumber and checked."""

from __future__ import annotations

import datetime as dt
import gc
import io
import shutil
import subprocess
import weakref
from pathlib import Path
from typing import Any, cast

import msgspec
import pdfplumber
import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, Destination, DictionaryObject
from reportlab.pdfbase.pdfdoc import PDFIndirectObject
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas

from zjlab_reports.backends.pdf import Variant, drawing, render, render_pdf
from zjlab_reports.backends.pdf.kept import KeptValues
from zjlab_reports.backends.pdf.writer import FileDocument
from zjlab_reports.document import (
    Chart,
    ChartSeries,
    Color,
    Document,
    DocumentFonts,
    FontFace,
    Image,
    Outline,
    Page,
    Paragraph,
    Shape,
    TextBox,
    TextStyle,
)
from zjlab_reports.fonts import Face, load_face

from .conftest import SOURCE_SANS, line

ENGLISH = "Zhejiang Lab builds intelligent computing."
CHINESE = "之江实验室致力于智能计算。"
MIXED_LATIN = " Zhejiang Lab"
BULLET = "•"
CHART_LABELS = ("2022", "2023", "Papers")
LATIN_TEXT = ENGLISH + MIXED_LATIN + BULLET + "".join(CHART_LABELS)
BLACK = Color(0x1A, 0x1A, 0x1A)
BRAND = Color(0x00, 0x5B, 0xAC)
A4 = (595.0, 842.0)
WIDE = (720.0, 405.0)
CREATED = dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))


# --- the Document under test ----------------------------------------------------------------


def _style(face: FontFace, east_asian: FontFace, size: float = 12.0) -> TextStyle:
    return TextStyle(size=size, leading=size * 1.25, color=BLACK, latin=face, east_asian=east_asian)


def _text_page(faces: dict[str, Face]) -> Page:
    sans, cjk = faces["sans"], faces["cjk"]
    style = _style(sans.face, cjk.face)
    english = Paragraph(
        text=ENGLISH,
        style=style,
        lines=(line([(ENGLISH, sans)], 12, 12.0),),
        bullet=BULLET,
        indent=14.0,
    )
    chinese = Paragraph(
        text=CHINESE + MIXED_LATIN,
        style=msgspec.structs.replace(style, color=BRAND),
        lines=(line([(CHINESE, cjk), (MIXED_LATIN, sans)], 12, 36.0),),
    )
    box = TextBox(x=72.0, y=100.0, width=400.0, height=60.0, paragraphs=(english, chinese), role="body")
    shapes = (
        Shape("rect", 72.0, 200.0, 120.0, 40.0, fill=BRAND, name="band"),
        Shape("rect", 220.0, 200.0, 120.0, 40.0, fill=BLACK, stroke=BRAND, stroke_width=2.0, radius=6.0),
        Shape("ellipse", 360.0, 200.0, 60.0, 40.0, stroke=BLACK, stroke_width=1.0),
        Shape("line", 72.0, 260.0, 300.0, 0.0, stroke=BRAND, stroke_width=1.5),
    )
    return Page(width=A4[0], height=A4[1], items=(box, *shapes), background=Color(0xF7, 0xF7, 0xF2))


def _chart(faces: dict[str, Face]) -> Chart:
    sans = faces["sans"]
    style = _style(sans.face, faces["cjk"].face, size=10.0)
    bars = (
        Shape("rect", 100.0, 200.0, 40.0, 100.0, fill=BRAND),
        Shape("rect", 160.0, 150.0, 40.0, 150.0, fill=BRAND),
    )
    labels = tuple(
        TextBox(
            x=x,
            y=305.0,
            width=40.0,
            height=14.0,
            paragraphs=(Paragraph(label, style, (line([(label, sans)], 10, 10.0),)),),
        )
        for x, label in ((100.0, "2022"), (160.0, "2023"))
    )
    return Chart(
        x=80.0,
        y=180.0,
        width=200.0,
        height=150.0,
        kind="column",
        categories=("2022", "2023"),
        series=(ChartSeries("Papers", (100.0, 150.0), BRAND),),
        value_labels=(("100", "150"),),
        style=style,
        drawing=(*bars, *labels),
        title="Papers",
    )


def _chart_page(faces: dict[str, Face], picture: Path) -> Page:
    image = Image(x=400.0, y=100.0, width=100.0, height=100.0, path=picture, alt="Logo")
    return Page(width=WIDE[0], height=WIDE[1], items=(_chart(faces), image), name="results")


@pytest.fixture(scope="session")
def document(faces: dict[str, Face], picture: Path) -> Document:
    sans, cjk = faces["sans"].face, faces["cjk"].face
    return Document(
        kind="brochure",
        lang="en",
        title="Zhejiang Lab profile",
        author="Zhejiang Lab",
        subject="Brochure",
        keywords=("AI", "computing"),
        created=CREATED,
        pages=(_text_page(faces), _chart_page(faces, picture)),
        fonts=DocumentFonts(sans, sans, cjk, cjk),
        palette={"chart-1": BRAND, "foreground": BLACK},
        outline=(Outline("Overview", 0), Outline("成果 Results", 1)),
    )


@pytest.fixture(scope="session")
def pdf(document: Document) -> bytes:
    return render_pdf(document)


def _reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def _chars(data: bytes, page: int) -> list[dict[str, Any]]:
    with pdfplumber.open(io.BytesIO(data)) as opened:
        return list(opened.pages[page].chars)


# --- structure, text, metadata ------------------------------------------------------------


def test_pages_keep_their_own_sizes(pdf: bytes) -> None:
    reader = _reader(pdf)
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    assert sizes == [A4, WIDE]


def test_text_is_extractable_in_both_scripts(pdf: bytes, tmp_path: Path) -> None:
    first = _reader(pdf).pages[0].extract_text()
    assert ENGLISH in first
    assert CHINESE in first
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert ENGLISH in text
    assert CHINESE in text
    assert "2023" in text  # chart labels come from the chart's drawing


def test_metadata_and_language(pdf: bytes, document: Document) -> None:
    reader = _reader(pdf)
    meta = reader.metadata
    assert meta is not None
    assert reader.root_object["/Lang"] == "en"
    assert (meta.title, meta.author, meta.subject) == ("Zhejiang Lab profile", "Zhejiang Lab", "Brochure")
    assert meta["/Keywords"] == "AI, computing"
    assert meta.creator == "zjlab-reports"
    assert "zjlab-reports" in (meta.producer or "")
    assert meta.creation_date == CREATED
    assert meta.modification_date == CREATED
    assert reader.pdf_header >= "%PDF-1.4"  # /Lang needs PDF 1.4


@pytest.mark.parametrize(
    ("created", "expected"),
    [
        (dt.datetime(2024, 1, 2, 3, 4, 5), dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)),
        (
            dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone(-dt.timedelta(hours=3, minutes=30))),
            dt.datetime(2024, 1, 2, 6, 34, 5, tzinfo=dt.UTC),
        ),
    ],
)
def test_dates_naive_is_utc_and_offsets_kept(
    document: Document, created: dt.datetime, expected: dt.datetime
) -> None:
    meta = _reader(render_pdf(msgspec.structs.replace(document, created=created))).metadata
    assert meta is not None
    assert meta.creation_date == expected


def test_chinese_document_language_and_title(document: Document) -> None:
    chinese = msgspec.structs.replace(document, lang="zh-CN", title="之江实验室简介")
    reader = _reader(render_pdf(chinese))
    assert reader.root_object["/Lang"] == "zh-CN"
    assert reader.metadata is not None
    assert reader.metadata.title == "之江实验室简介"


def test_outline_titles_pages_and_shown_on_open(pdf: bytes) -> None:
    reader = _reader(pdf)
    items = [item for item in reader.outline if isinstance(item, Destination)]
    assert len(items) == len(reader.outline)  # all top level
    entries = [(item.title, reader.get_destination_page_number(item)) for item in items]
    assert entries == [("Overview", 0), ("成果 Results", 1)]
    assert reader.root_object["/PageMode"] == "/UseOutlines"


# --- fonts ----------------------------------------------------------------------------------


def _page_fonts(reader: PdfReader) -> list[DictionaryObject]:
    fonts = []
    for page in reader.pages:
        resources = cast(DictionaryObject, page["/Resources"])
        for font in cast(DictionaryObject, resources["/Font"]).values():
            fonts.append(cast(DictionaryObject, font.get_object()))
    return fonts


def test_every_font_is_embedded_and_there_is_no_helvetica(
    pdf: bytes, faces: dict[str, Face], tmp_path: Path
) -> None:
    fonts = _page_fonts(_reader(pdf))
    names = {str(font["/BaseFont"]).split("+")[-1] for font in fonts}
    assert names == {face.face.name for face in faces.values()}
    assert all("/FontFile2" in cast(DictionaryObject, font["/FontDescriptor"]) for font in fonts)
    assert b"Helvetica" not in pdf
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:]]
    assert rows
    assert all(row[-5:-2] == ["yes", "yes", "yes"] for row in rows)  # emb, sub, uni
    assert "Helvetica" not in listing


def test_two_subsets_with_one_postscript_name_each_keep_their_glyphs(
    document: Document, font_cache: Path
) -> None:
    """reportlab silently aliases a second file with an already known PostScript name to the
    first file; the backend must draw each document with its own subset."""
    subsets = [load_face(SOURCE_SANS, 400, letter, font_cache) for letter in ("ß", "Ω")]
    assert subsets[0].face.name == subsets[1].face.name
    assert subsets[0].face.path != subsets[1].face.path
    for letter, face in zip(("ß", "Ω"), subsets, strict=True):
        assert face.advance(letter, 20) != face.advance("\ue000", 20)  # differs from .notdef
        style = _style(face.face, face.face, size=20.0)
        box = TextBox(10.0, 10.0, 100.0, 30.0, (Paragraph(letter, style, (line([(letter, face)], 20, 20),)),))
        fonts = DocumentFonts(face.face, face.face, face.face, face.face)
        one = msgspec.structs.replace(document, pages=(Page(200.0, 100.0, (box,)),), fonts=fonts, outline=())
        (char,) = _chars(render_pdf(one), 0)
        assert char["text"] == letter
        assert char["width"] == pytest.approx(face.advance(letter, 20), abs=0.01)


# --- geometry -------------------------------------------------------------------------------


def _origin(char: dict[str, Any], page_height: float) -> tuple[float, float]:
    """A glyph's origin: x from the left, baseline from the top (Document coordinates)."""
    matrix = char["matrix"]
    return matrix[4], page_height - matrix[5]


def test_runs_land_at_box_plus_indent_plus_run_x_on_the_baseline(
    pdf: bytes, document: Document, faces: dict[str, Face]
) -> None:
    box = document.pages[0].items[0]
    assert isinstance(box, TextBox)
    english, chinese = box.paragraphs
    chars = _chars(pdf, 0)
    by_text = {char["text"]: char for char in reversed(chars)}  # first occurrence wins
    x, baseline = _origin(by_text["Z"], A4[1])
    assert x == pytest.approx(box.x + english.indent + english.lines[0].runs[0].x, abs=0.5)
    assert baseline == pytest.approx(box.y + english.lines[0].baseline, abs=0.5)
    x, baseline = _origin(by_text["之"], A4[1])
    assert x == pytest.approx(box.x + chinese.lines[0].runs[0].x, abs=0.5)
    assert baseline == pytest.approx(box.y + chinese.lines[0].baseline, abs=0.5)
    latin_run = chinese.lines[0].runs[1]
    second_z = [char for char in chars if char["text"] == "Z"][1]
    x, _ = _origin(second_z, A4[1])
    space = faces["sans"].advance(" ", 12)  # the run starts with a space
    assert x == pytest.approx(box.x + latin_run.x + space, abs=0.5)


def test_bullet_sits_at_the_box_edge_on_the_first_baseline(pdf: bytes, document: Document) -> None:
    box = document.pages[0].items[0]
    assert isinstance(box, TextBox)
    bullet = next(char for char in _chars(pdf, 0) if char["text"] == BULLET)
    x, baseline = _origin(bullet, A4[1])
    assert (x, baseline) == pytest.approx((box.x, box.y + box.paragraphs[0].lines[0].baseline), abs=0.5)
    assert bullet["fontname"].endswith("+" + box.paragraphs[0].lines[0].runs[0].font.name)


def test_paragraph_colour_is_the_text_colour(pdf: bytes) -> None:
    chars = {char["text"]: char for char in reversed(_chars(pdf, 0))}  # first occurrence wins
    assert chars["Z"]["non_stroking_color"] == pytest.approx(
        (BLACK.r / 255, BLACK.g / 255, BLACK.b / 255), abs=1e-3
    )
    assert chars["之"]["non_stroking_color"] == pytest.approx((0, BRAND.g / 255, BRAND.b / 255), abs=1e-3)


def test_shapes_background_andline(pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        page = opened.pages[0]
        rects = [(r["x0"], r["top"], r["width"], r["height"]) for r in page.rects]
        lines = [(ln["x0"], ln["top"], ln["x1"], ln["bottom"]) for ln in page.lines]
        curves = len(page.curves)
    assert (0, 0, A4[0], A4[1]) in [pytest.approx(r) for r in rects]  # background first
    assert pytest.approx((72.0, 200.0, 120.0, 40.0)) in rects
    assert pytest.approx((72.0, 260.0, 372.0, 260.0)) in lines
    assert curves >= 2  # rounded rectangle and ellipse


def test_chart_is_drawn_from_its_drawing(pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        page = opened.pages[1]
        rects = [(r["x0"], r["top"], r["width"], r["height"]) for r in page.rects]
        text = page.extract_text()
    assert pytest.approx((160.0, 150.0, 40.0, 150.0)) in rects
    assert "2022" in text
    assert "2023" in text


def test_image_keeps_its_aspect_ratio_centred_in_its_box(pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        (image,) = opened.pages[1].images
    box = (image["x0"], image["top"], image["x1"], image["bottom"])
    assert box == pytest.approx((400.0, 125.0, 500.0, 175.0), abs=0.01)


# --- reproducibility and validity -------------------------------------------------------------


def test_identical_documents_give_identical_bytes(
    pdf: bytes, document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert render_pdf(document) == pdf
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # reportlab's invariant mode reads it
    assert render_pdf(document) == pdf


def test_the_file_id_follows_the_content(pdf: bytes, document: Document) -> None:
    other = render_pdf(msgspec.structs.replace(document, pages=document.pages[:1], outline=()))
    first_id = cast(ArrayObject, _reader(pdf).trailer["/ID"])
    assert first_id[0] == first_id[1]
    assert cast(ArrayObject, _reader(other).trailer["/ID"])[0] != first_id[0]


def _reportlab_object(self: FileDocument, name: str) -> list[bytes]:
    """An indirect object as ReportLab's own `format` writes it (the end-of-line before `endstream` added)."""
    chunk: bytes = PDFIndirectObject(name, self.idToObject[name]).format(self)
    end = b"endstream\nendobj\n"
    return [chunk[: -len(end)] + b"\n" + end if chunk.endswith(end) else chunk]


def _reportlab_text(canvas: Canvas, font: TTFont, size: float, x: float, y: float, text: str) -> None:
    canvas.setFont(font.fontName, size)
    canvas.drawString(x, y, text)


@pytest.mark.parametrize(("variant", "marks"), [("screen", False), ("print", False), ("print", True)])
def test_our_writer_and_text_write_the_bytes_reportlab_writes(
    document: Document, variant: Variant, marks: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = render_pdf(document, variant, marks)
    monkeypatch.setattr(FileDocument, "_object", _reportlab_object)
    monkeypatch.setattr(drawing, "show_text", _reportlab_text)
    assert render_pdf(document, variant, marks) == ours


def test_kept_shapes_give_the_bytes_shapes_drawn_afresh_give(
    document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same shapes (one running into the bleed) on pages of two sizes, drawn for screen,
    print and print with marks: with their operators kept between pages and files, the bytes
    are those of drawing every shape afresh. A key without the page size, the variant or the
    sheet would reuse operators drawn for another page or variant here."""
    text_page = document.pages[0]
    shapes = tuple(item for item in text_page.items if isinstance(item, Shape))
    bled = msgspec.structs.replace(shapes[0], x=0.0, y=0.0, bleed=True)
    pages = (
        msgspec.structs.replace(text_page, items=(*text_page.items, bled)),
        Page(width=WIDE[0], height=WIDE[1], items=(*shapes, bled)),
    )
    runs: list[tuple[Document, Variant, bool]] = [
        (msgspec.structs.replace(document, pages=pages, outline=(), bleed=bleed), variant, marks)
        for bleed, variant, marks in [
            (9.0, "screen", False),
            (9.0, "print", False),
            (9.0, "print", True),
            (3.0, "print", False),
        ]
    ]
    kept = [render_pdf(*run) for run in runs]
    drawn: list[Shape] = []
    draw_shape = drawing.Painter.draw_shape
    monkeypatch.setattr(drawing.Painter, "draw_shape", lambda self, s: drawn.append(s) or draw_shape(self, s))
    assert [render_pdf(*run) for run in runs] == kept
    assert drawn == []  # every shape's operators were kept
    monkeypatch.setattr(drawing, "_SHAPES", KeptValues(0))  # nothing kept: every shape drawn afresh
    assert [render_pdf(*run) for run in runs] == kept
    assert len(drawn) == len(runs) * (2 * len(shapes) + 2)


def test_a_written_document_is_freed_without_the_garbage_collector(
    document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing of a written file is left in a cycle: its objects go as soon as the file is made,
    not at the next (in a batch, costly) collection of the whole heap."""
    written: list[weakref.ref[FileDocument]] = []
    new_document = render.new_document
    monkeypatch.setattr(render, "new_document", lambda *a: _kept_ref(written, new_document(*a)))
    gc.disable()
    try:
        for variant, marks in [("screen", False), ("print", True)]:
            assert render_pdf(document, cast(Variant, variant), marks)
            assert written[-1]() is None
    finally:
        gc.enable()


def _kept_ref(refs: list[weakref.ref[FileDocument]], pdf: FileDocument) -> FileDocument:
    refs.append(weakref.ref(pdf))
    return pdf


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
def test_qpdf_finds_no_errors(pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


# --- bad input ------------------------------------------------------------------------------


def test_no_pages_is_an_error(document: Document) -> None:
    with pytest.raises(ValueError, match="at least one page"):
        render_pdf(msgspec.structs.replace(document, pages=(), outline=()))


def test_a_file_that_is_not_truetype_is_named_in_the_error(document: Document, picture: Path) -> None:
    not_a_font = FontFace("NotAFont-Regular", "Not A Font", 400, picture, "Arial")
    fonts = DocumentFonts(not_a_font, not_a_font, not_a_font, not_a_font)
    with pytest.raises(TTFError, match=r"logo\.png"):
        render_pdf(msgspec.structs.replace(document, fonts=fonts))


def test_outline_past_the_last_page_is_an_error(document: Document) -> None:
    with pytest.raises(ValueError, match="points to page 5"):
        render_pdf(msgspec.structs.replace(document, outline=(Outline("Lost", 5),)))
