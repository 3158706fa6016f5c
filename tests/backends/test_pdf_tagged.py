"""Tagged PDF from the Document's tags: a hand-built Document using every tag kind, both variants.

The Document has a title, headings (H1, H2, H3), paragraphs, a bulleted list, a Chinese
paragraph in an English document, a caption, figures (a picture, a key figure drawn as text, a
chart), decoration, and a section continued on a later page. The structure tree is walked with
pikepdf and compared with the Document, pdfplumber's marked-content IDs and pdftotext; the
independent `pdfua` checker must find nothing.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import msgspec
import pytest

import pdf_rules
from zjlab_reports.backends.pdf import render_pdf
from zjlab_reports.document import (
    Chart,
    ChartSeries,
    Color,
    Document,
    DocumentFonts,
    Image,
    Item,
    Page,
    Paragraph,
    Shape,
    Tag,
    TextBox,
    TextStyle,
)
from zjlab_reports.fonts import Face

from .conftest import line

A4 = (595.0, 842.0)
NAVY, INK, WHITE = Color(0x0B, 0x2A, 0x55), Color(0x1C, 0x25, 0x33), Color(255, 255, 255)
COVER, ABOUT = ("Sect", "cover"), ("Sect", "about")
CARDS = ("Div", "about/cards")
KEY_FIGURE_ALT = "nearly 3,000 people, talent team"


class Pages:
    """Builds text boxes for the hand-made Document (one line per paragraph)."""

    def __init__(self, faces: dict[str, Face]) -> None:
        self.sans, self.cjk = faces["sans"], faces["cjk"]

    def box(
        self, y: float, texts: list[str], tag: Tag | None, size: float = 11, bullet: str | None = None
    ) -> TextBox:
        """A box at (72, y) with one single-line paragraph per text, in Latin or Chinese type."""
        style = TextStyle(size, size * 1.4, INK, latin=self.sans.face, east_asian=self.cjk.face)
        paragraphs = []
        for index, text in enumerate(texts):
            face = self.cjk if any("\u4e00" <= c <= "\u9fff" for c in text) else self.sans
            lines = (line([(text, face)], size, size * 1.2 + index * size * 1.4),)
            paragraphs.append(Paragraph(text, style, lines, bullet=bullet, indent=12.0 if bullet else 0.0))
        height = size * 1.4 * len(texts)
        return TextBox(72.0, y, 420.0, height, tuple(paragraphs), tag=tag, name=texts[0][:12])


@pytest.fixture(scope="module")
def tagged(faces: dict[str, Face], picture: Path) -> Document:
    pages = Pages(faces)
    cover = Page(
        A4[0],
        A4[1],
        (
            Shape("rect", 0.0, 700.0, A4[0], 142.0, fill=Color(0x1D, 0x5F, 0xB4), bleed=True, name="band"),
            pages.box(300.0, ["Zhejiang Lab"], Tag("Title", (COVER,)), size=30),
            pages.box(360.0, ["Founded in 2017 in Hangzhou."], Tag("P", (COVER,))),
            Shape("rect", 72.0, 280.0, 80.0, 4.0, fill=Color(0x3F, 0xA9, 0xE0)),
        ),
        name="cover",
        background=NAVY,
    )
    chart_style = TextStyle(10, 12, INK, latin=faces["sans"].face, east_asian=faces["cjk"].face)
    chart = Chart(
        72.0,
        380.0,
        300.0,
        150.0,
        "column",
        ("2022", "2023"),
        (ChartSeries("People", (1000.0, 3000.0), Color(0x1D, 0x5F, 0xB4)),),
        (("1,000", "3,000"),),
        chart_style,
        drawing=(
            Shape("rect", 90.0, 480.0, 40.0, 40.0, fill=Color(0x1D, 0x5F, 0xB4)),
            Shape("rect", 160.0, 420.0, 40.0, 100.0, fill=Color(0x1D, 0x5F, 0xB4)),
            pages.box(525.0, ["2022 2023"], None, size=9),
        ),
        alt="People: 1,000 in 2022 and 3,000 in 2023.",
        tag=Tag("Figure", (ABOUT,)),
    )
    about: tuple[Item, ...] = (
        pages.box(60.0, ["About the Lab"], Tag("H1", (ABOUT,)), size=22),
        pages.box(
            100.0,
            ["Zhejiang Lab builds intelligent computing.", "It was founded by Zhejiang University."],
            Tag("P", (ABOUT,)),
        ),
        pages.box(
            150.0,
            ["Intelligent computing", "Artificial intelligence", "Intelligent networks"],
            Tag("L", (ABOUT,)),
            bullet="•",
        ),
        pages.box(210.0, ["之江实验室致力于智能计算。"], Tag("P", (ABOUT,), lang="zh-CN")),
        Image(72.0, 240.0, 120.0, 60.0, picture, alt="The Lab's logo", tag=Tag("Figure", (ABOUT,))),
        pages.box(305.0, ["Logo of the Lab"], Tag("Caption", (ABOUT,)), size=8),
        pages.box(330.0, ["3,000 people"], Tag("Figure", (ABOUT,), alt=KEY_FIGURE_ALT), size=28),
        Shape("line", 72.0, 370.0, 400.0, 0.0, stroke=INK, stroke_width=0.5),
        chart,
        pages.box(560.0, ["Research areas"], Tag("H2", (ABOUT,)), size=16),
        pages.box(590.0, ["Computing"], Tag("H3", (ABOUT, CARDS)), size=13),
        pages.box(615.0, ["Large models and chips."], Tag("P", (ABOUT, CARDS))),
    )
    continued = (
        pages.box(60.0, ["About the Lab"], None, size=22),  # a repeated header: an artifact
        pages.box(100.0, ["Networks"], Tag("H3", (ABOUT, CARDS)), size=13),
        pages.box(125.0, ["Optical and wireless networks."], Tag("P", (ABOUT, CARDS))),
        pages.box(160.0, ["More about the Lab on this page."], Tag("P", (ABOUT,))),
    )
    sans, cjk = faces["sans"].face, faces["cjk"].face
    return Document(
        kind="brochure",
        lang="en",
        title="Zhejiang Lab profile",
        author="Zhejiang Lab",
        subject="Brochure",
        keywords=("AI",),
        created=dt.datetime(2024, 5, 6, tzinfo=dt.UTC),
        pages=(cover, Page(A4[0], A4[1], about, name="about"), Page(A4[0], A4[1], continued, name="about")),
        fonts=DocumentFonts(sans, sans, cjk, cjk),
        palette={},
    )


VARIANTS = pytest.mark.parametrize(
    ("variant", "marks"), [("screen", False), ("print", True)], ids=["screen", "print"]
)


@pytest.fixture(scope="module")
def rendered(tagged: Document) -> dict[str, bytes]:
    return {"screen": render_pdf(tagged, "screen"), "print": render_pdf(tagged, "print", marks=True)}


@VARIANTS
def test_pdfinfo_says_tagged(rendered: dict[str, bytes], variant: str, marks: bool, tmp_path: Path) -> None:
    path = tmp_path / "tagged.pdf"
    path.write_bytes(rendered[variant])
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info


@VARIANTS
def test_structure_is_sound(rendered: dict[str, bytes], variant: str, marks: bool) -> None:
    """MarkInfo, DisplayDocTitle, standard types, figure alt, headings, parent tree, no unmarked content."""
    assert pdf_rules.structure_problems(pdf_rules.open_pdf(rendered[variant])) == []


@VARIANTS
def test_tagged_text_in_tree_order_is_the_documents_reading_order(
    rendered: dict[str, bytes], tagged: Document, variant: str, marks: bool
) -> None:
    found = [(role, pdf_rules.squeeze(text)) for role, text in pdf_rules.tagged_text(rendered[variant])]
    expected = [(role, pdf_rules.squeeze(text)) for role, text in pdf_rules.document_reading(tagged)]
    assert found == expected


def test_tagged_text_follows_pdftotexts_reading_order(rendered: dict[str, bytes], tmp_path: Path) -> None:
    path = tmp_path / "tagged.pdf"
    path.write_bytes(rendered["screen"])
    texts = pdf_rules.mcid_texts(rendered["screen"])
    root = pdf_rules.structure(pdf_rules.open_pdf(rendered["screen"]))
    for page in range(3):
        chunks = [
            texts[c] for node in pdf_rules.walk(root) for c in node.content if c[0] == page and c in texts
        ]
        shown = subprocess.run(
            ["pdftotext", "-f", str(page + 1), "-l", str(page + 1), "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert chunks
        assert pdf_rules.in_order(chunks, shown) == []


def test_the_tree_has_sections_lists_figures_and_languages(rendered: dict[str, bytes]) -> None:
    root = pdf_rules.structure(pdf_rules.open_pdf(rendered["screen"]))
    (document,) = root.kids
    assert document.role == "Document"
    assert [kid.role for kid in document.kids] == ["Sect", "Sect"]  # cover, about (one across pages)
    about = document.kids[1]
    assert {page for node in pdf_rules.walk(about) for page, _ in node.content} == {1, 2}
    (cards,) = [kid for kid in about.kids if kid.role == "Div"]  # one Div, continued on page 3
    assert [kid.role for kid in cards.kids] == ["H3", "P", "H3", "P"]
    (listing,) = [kid for kid in about.kids if kid.role == "L"]
    assert [kid.role for kid in listing.kids] == ["LI"] * 3
    assert all([k.role for k in item.kids] == ["Lbl", "LBody"] for item in listing.kids)
    langs = [(node.role, node.lang) for node in pdf_rules.walk(root) if node.lang]
    assert langs == [("P", "zh-CN")]
    alts = [node.alt for node in pdf_rules.walk(root) if node.role == "Figure"]
    assert alts == ["The Lab's logo", KEY_FIGURE_ALT, "People: 1,000 in 2022 and 3,000 in 2023."]


def test_decoration_and_repeated_frames_are_artifacts(rendered: dict[str, bytes]) -> None:
    """Background, band, accent, rule, an untagged box: artifacts; page 3's repeated header too."""
    pdf = pdf_rules.open_pdf(rendered["screen"])
    tags = [[tag for tag, _ in pdf_rules.marked_sequences(page)] for page in pdf.pages]
    assert tags[0] == ["Artifact", "Artifact", "Title", "P", "Artifact"]  # background, band, ..., accent
    assert tags[2][0] == "Artifact"
    texts = pdf_rules.mcid_texts(rendered["screen"])
    assert "About the Lab" not in [text for (page, _), text in texts.items() if page == 2]


@VARIANTS
def test_the_independent_pdfua_checker_finds_nothing(
    rendered: dict[str, bytes], variant: str, marks: bool, tmp_path: Path
) -> None:
    path = tmp_path / f"{variant}.pdf"
    path.write_bytes(rendered[variant])
    assert pdf_rules.pdfua_findings(path) == []


def test_a_figure_without_alternative_text_is_refused(tagged: Document, picture: Path) -> None:
    bare = Image(10.0, 10.0, 50.0, 50.0, picture, alt="", name="photo", tag=Tag("Figure"))
    page = Page(A4[0], A4[1], (bare,))
    with pytest.raises(ValueError, match="'photo' has no alternative text"):
        render_pdf(msgspec.structs.replace(tagged, pages=(page,)))


def test_an_untagged_chart_keeps_the_tags_of_its_parts(tagged: Document, faces: dict[str, Face]) -> None:
    """A chart without a tag is no figure; a tagged text inside its drawing is still content."""
    chart = next(item for item in tagged.pages[1].items if isinstance(item, Chart))
    label = Pages(faces).box(500.0, ["People by year"], Tag("Caption"))
    untagged = msgspec.structs.replace(chart, tag=None, drawing=(*chart.drawing, label))
    data = render_pdf(msgspec.structs.replace(tagged, pages=(Page(A4[0], A4[1], (untagged,)),)))
    assert pdf_rules.tagged_text(data) == [("Caption", "People by year")]
    assert pdf_rules.structure_problems(pdf_rules.open_pdf(data)) == []


def test_an_untagged_document_is_still_a_tagged_pdf_of_artifacts(tagged: Document) -> None:
    """Until compose tags items, everything is an artifact and the file still passes the checks."""
    bare = [
        Page(
            p.width,
            p.height,
            tuple(msgspec.structs.replace(i, tag=None) for i in p.items),
            background=p.background,
        )
        for p in tagged.pages
    ]
    data = render_pdf(msgspec.structs.replace(tagged, pages=tuple(bare)))
    pdf = pdf_rules.open_pdf(data)
    assert pdf_rules.structure_problems(pdf) == []
    assert pdf_rules.tagged_text(data) == []
    assert all(tag == "Artifact" for page in pdf.pages for tag, _ in pdf_rules.marked_sequences(page))


@pytest.mark.parametrize("tag", [Tag("Heading"), Tag("P", (("Section", "about"),))])
def test_a_type_pdf_does_not_know_is_refused(tagged: Document, faces: dict[str, Face], tag: Tag) -> None:
    page = Page(A4[0], A4[1], (Pages(faces).box(100.0, ["About"], tag),))
    with pytest.raises(ValueError, match="is not a PDF structure type"):
        render_pdf(msgspec.structs.replace(tagged, pages=(page,)))
