"""End-to-end: the built decks reopened with python-pptx (and their XML), and opened by LibreOffice.

Checks what a presenter sees and edits: 16:9 slides with text in text frames, speaker notes,
titles in title placeholders, a native chart of the profile's numbers, a language and an East
Asian typeface on every run, and a theme whose font scheme names East Asian typefaces.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pypdf import PdfReader

from zjlab_reports.compose import compose
from zjlab_reports.document import Chart, Document, Image, Shape, TextBox
from zjlab_reports.loaders import load_layout, load_profile, load_theme

if TYPE_CHECKING:
    from conftest import Build

ROOT = Path(__file__).resolve().parents[2]
NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
BCP47 = {"en": "en", "zh": "zh-CN"}
BOTH = pytest.mark.parametrize("lang", ["en", "zh"])
Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def decks() -> Callable[[str], Document]:
    """`decks(lang)`: the composed deck Document the build rendered (for expected texts)."""
    profile = load_profile(ROOT / "data" / "zhejiang-lab.yaml")
    theme = load_theme(ROOT / "themes" / "zhejiang-lab.yaml")
    layout = load_layout(ROOT / "layouts" / "deck-16x9.yaml")
    created = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    return lambda lang: compose(profile, layout, theme, lang, root=ROOT, created=created)


def squash(text: str) -> str:
    """Text with every run of white space (line breaks, vertical tabs, NBSP) as one space."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\v", " ")).strip()


@BOTH
def test_deck_has_ten_16_by_9_slides(built: Build, lang: str) -> None:
    deck = Presentation(str(built.path("deck-16x9", lang, "pptx")))
    assert len(deck.slides) >= 10
    assert deck.slide_width is not None and deck.slide_height is not None
    assert deck.slide_width / deck.slide_height == pytest.approx(16 / 9, rel=0.001)


@BOTH
def test_every_slide_has_text_and_speaker_notes(
    built: Build, decks: Callable[[str], Document], lang: str
) -> None:
    deck = Presentation(str(built.path("deck-16x9", lang, "pptx")))
    document = decks(lang)
    assert len(deck.slides) == len(document.pages)
    for number, (slide, page) in enumerate(zip(deck.slides, document.pages, strict=True), start=1):
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert any(text.strip() for text in texts), f"slide {number} has no text in a text frame"
        assert slide.has_notes_slide, f"slide {number} has no notes"
        notes = slide.notes_slide.notes_text_frame
        assert notes is not None and squash(notes.text) == squash(page.notes), f"slide {number}"


@BOTH
def test_titles_are_in_title_placeholders(built: Build, decks: Callable[[str], Document], lang: str) -> None:
    deck = Presentation(str(built.path("deck-16x9", lang, "pptx")))
    for number, (slide, page) in enumerate(zip(deck.slides, decks(lang).pages, strict=True), start=1):
        (expected,) = [item for item in page.items if isinstance(item, TextBox) and item.role == "title"]
        title = slide.shapes.title
        assert title is not None, f"slide {number} has no title placeholder"
        assert title.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        assert squash(title.text_frame.text) == squash(" ".join(p.text for p in expected.paragraphs))


@BOTH
def test_a_native_chart_shows_the_talent_numbers(built: Build, lang: str) -> None:
    facts = load_profile(ROOT / "data" / "zhejiang-lab.yaml").profile.facts
    staff = (float(facts["staff"].value), float(facts["staff_target"].value))
    assert staff == (3000.0, 10000.0)
    deck = Presentation(str(built.path("deck-16x9", lang, "pptx")))
    charts = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert charts, "no native chart in the deck"
    found = [chart for chart in charts if tuple(chart.plots[0].series[0].values) == staff]
    assert found, [tuple(chart.plots[0].series[0].values) for chart in charts]
    labels = (facts["staff"].label[lang], facts["staff_target"].label[lang])
    assert tuple(found[0].plots[0].categories) == labels


def xml_parts(path: Path, prefix: str) -> dict[str, etree._Element]:
    """The package's XML parts whose names start with `prefix`, parsed."""
    with zipfile.ZipFile(path) as package:
        names = sorted(n for n in package.namelist() if n.startswith(prefix) and n.endswith(".xml"))
        return {name: etree.fromstring(package.read(name)) for name in names}


def run_problems(name: str, root: etree._Element, lang: str) -> list[str]:
    problems = []
    for run in root.iterfind(".//a:r", NS):
        text = run.findtext("a:t", "", NS)
        properties = run.find("a:rPr", NS)
        east_asian = properties.find("a:ea", NS) if properties is not None else None
        if properties is None or properties.get("lang") != BCP47[lang]:
            problems.append(f"{name}: {text[:30]!r} is not marked lang={BCP47[lang]}")
        elif east_asian is None or not east_asian.get("typeface"):
            problems.append(f"{name}: {text[:30]!r} names no a:ea typeface")
    return problems


@BOTH
def test_every_slide_run_has_a_language_and_an_east_asian_typeface(built: Build, lang: str) -> None:
    slides = xml_parts(built.path("deck-16x9", lang, "pptx"), "ppt/slides/slide")
    assert len(slides) >= 10
    assert [problem for name, root in slides.items() for problem in run_problems(name, root, lang)] == []


@BOTH
def test_every_notes_run_has_a_language_and_an_east_asian_typeface(built: Build, lang: str) -> None:
    notes = xml_parts(built.path("deck-16x9", lang, "pptx"), "ppt/notesSlides/notesSlide")
    assert len(notes) >= 10
    assert [problem for name, root in notes.items() for problem in run_problems(name, root, lang)] == []


@BOTH
def test_theme_font_scheme_names_east_asian_typefaces(built: Build, lang: str) -> None:
    deck = Presentation(str(built.path("deck-16x9", lang, "pptx")))
    theme = etree.fromstring(deck.slide_master.part.part_related_by(RT.THEME).blob)
    for kind in ("majorFont", "minorFont"):
        font = theme.find(f".//a:fontScheme/a:{kind}", NS)
        assert font is not None, f"the theme has no {kind}"
        faces = {
            element: font.find(path, NS)
            for element, path in (("latin", "a:latin"), ("ea", "a:ea"), ("Hans", "a:font[@script='Hans']"))
        }
        missing = [element for element, face in faces.items() if face is None or not face.get("typeface")]
        assert missing == [], f"{kind} names no typeface for {missing}"


def test_libreoffice_opens_the_english_deck_one_page_per_slide(
    built: Build, tool: Callable[[str], str], run: Run, tmp_path: Path
) -> None:
    soffice = tool("soffice")
    deck = built.path("deck-16x9", "en", "pptx")
    argv = [
        soffice,
        "--headless",
        f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path),
        str(deck),
    ]
    done = run(argv, timeout=240)
    converted = tmp_path / f"{deck.stem}.pdf"
    assert done.returncode == 0 and converted.is_file(), done.stdout + done.stderr
    reader = PdfReader(converted)
    assert len(reader.pages) == len(Presentation(str(deck)).slides)
    box = reader.pages[0].mediabox
    assert float(box.width) / float(box.height) == pytest.approx(16 / 9, rel=0.01)
    assert "Zhejiang Lab" in "".join(page.extract_text() for page in reader.pages)


A11Y = {
    **NS,
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
}
_TREE = "p:cSld/p:spTree/*[self::p:sp or self::p:pic or self::p:graphicFrame or self::p:cxnSp]"


def _element_kind(item: object) -> str:
    """The shape-tree element the PPTX backend writes for a Document item."""
    if isinstance(item, Image):
        return "pic"
    if isinstance(item, Chart):
        return "graphicFrame"
    return "cxnSp" if isinstance(item, Shape) and item.kind == "line" else "sp"


def _decorative(c_nv_pr: etree._Element) -> bool:
    return c_nv_pr.xpath("a:extLst/a:ext/adec:decorative/@val", namespaces=A11Y) == ["1"]


@BOTH
def test_slides_read_in_item_order_with_alt_text_or_decorative_marks(
    built: Build, decks: Callable[[str], Document], lang: str
) -> None:
    slides = xml_parts(built.path("deck-16x9", lang, "pptx"), "ppt/slides/slide")
    pages = decks(lang).pages
    ordered = sorted(slides.items(), key=lambda entry: int(re.findall(r"\d+", entry[0])[0]))
    assert len(ordered) == len(pages)
    for (name, root), page in zip(ordered, pages, strict=True):
        shapes = root.xpath(_TREE, namespaces=A11Y)
        kinds = [etree.QName(shape).localname for shape in shapes]
        assert kinds[-len(page.items) :] == [_element_kind(item) for item in page.items], name
        for shape, item in zip(shapes[-len(page.items) :], page.items, strict=True):
            c_nv_pr = shape.find("*/p:cNvPr", A11Y)
            if isinstance(item, Image | Chart):
                assert bool(c_nv_pr.get("descr")) != _decorative(c_nv_pr), f"{name}: {item.name}"
            if isinstance(item, Shape) and item.tag is None:
                assert _decorative(c_nv_pr) and c_nv_pr.get("descr") is None, f"{name}: {item.name}"
            if isinstance(item, Chart):
                assert all(value in c_nv_pr.get("descr") for value in item.value_labels[0]), name


@BOTH
def test_language_is_on_the_presentation_and_every_run_and_paragraph_end(built: Build, lang: str) -> None:
    path = built.path("deck-16x9", lang, "pptx")
    presentation = xml_parts(path, "ppt/presentation.xml")["ppt/presentation.xml"]
    defaults = presentation.xpath("p:defaultTextStyle//a:defRPr/@lang", namespaces=A11Y)
    assert defaults and set(defaults) == {BCP47[lang]}
    for prefix in ("ppt/slides/slide", "ppt/notesSlides/notesSlide"):
        for name, root in xml_parts(path, prefix).items():
            properties = root.xpath("//a:rPr | //a:endParaRPr", namespaces=A11Y)
            assert properties, name
            assert all(rpr.get("lang") for rpr in properties), name  # items may name their own
            assert BCP47[lang] in {rpr.get("lang") for rpr in properties}, name
