"""End-to-end: the built PDFs reopened with qpdf, poppler and pypdf, and checked for content.

Every PDF of the build (brochure, fact sheet, deck handout; English and Chinese) is checked for
structure, embedded fonts, metadata, language and outline; the brochures for their text.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from zjlab_reports.compose import compose
from zjlab_reports.document import Document
from zjlab_reports.loaders import load_layout, load_profile, load_theme
from zjlab_reports.model.common import Text

if TYPE_CHECKING:
    from conftest import Build

ROOT = Path(__file__).resolve().parents[2]
KINSOKU = ROOT.parent / "shared" / "checks" / "kinsoku.py"
PDFS = [
    (layout, lang) for layout in ("brochure-a4", "factsheet-letter", "deck-16x9") for lang in ("en", "zh")
]
EACH_PDF = pytest.mark.parametrize(("layout", "lang"), PDFS, ids=[f"{a}-{b}" for a, b in PDFS])
BASE_14 = ("Courier", "Helvetica", "Times", "Symbol", "ZapfDingbats")
Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def documents() -> Callable[[str, str], Document]:
    """`documents(layout, lang)`: the composed Document the build rendered (for expected values)."""
    profile = load_profile(ROOT / "data" / "zhejiang-lab.yaml")
    theme = load_theme(ROOT / "themes" / "zhejiang-lab.yaml")
    created = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)

    def get(layout: str, lang: str) -> Document:
        loaded = load_layout(ROOT / "layouts" / f"{layout}.yaml")
        return compose(profile, loaded, theme, lang, root=ROOT, created=created)

    return get


def pdftotext(tool: Callable[[str], str], run: Run, path: Path) -> str:
    done = run([tool("pdftotext"), "-enc", "UTF-8", str(path), "-"])
    assert done.returncode == 0, done.stderr
    return done.stdout


@EACH_PDF
def test_qpdf_check_passes(
    built: Build, tool: Callable[[str], str], run: Run, layout: str, lang: str
) -> None:
    done = run([tool("qpdf"), "--check", str(built.path(layout, lang, "pdf"))])
    assert done.returncode == 0, done.stdout + done.stderr


def pdffonts_rows(tool: Callable[[str], str], run: Run, path: Path) -> list[dict[str, str]]:
    """pdffonts' table, split at the columns its dashed rule marks."""
    done = run([tool("pdffonts"), str(path)])
    assert done.returncode == 0, done.stderr
    _, rule, *rows = done.stdout.splitlines()
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", rule)]
    names = ["name", "type", "encoding", "emb", "sub", "uni", "object", "id"]
    return [{key: row[a:b].strip() for key, (a, b) in zip(names, spans, strict=False)} for row in rows]


@EACH_PDF
def test_every_font_is_embedded_and_none_is_base_14(
    built: Build, tool: Callable[[str], str], run: Run, layout: str, lang: str
) -> None:
    rows = pdffonts_rows(tool, run, built.path(layout, lang, "pdf"))
    assert rows, "no fonts at all"
    assert [row["name"] for row in rows if row["emb"] != "yes"] == []
    base_names = [row["name"].split("+")[-1] for row in rows]
    assert [name for name in base_names if name.startswith(BASE_14)] == []
    assert [row["name"] for row in rows if row["type"] == "Type 1"] == []


def embedded_faces(path: Path) -> dict[str, dict[int, dict[str, tuple]]]:
    """family -> weight class -> character -> glyph outline, for every embedded TrueType font."""
    faces: dict[str, dict[int, dict[str, tuple]]] = defaultdict(lambda: defaultdict(dict))
    seen: set[str] = set()
    for page in PdfReader(path).pages:
        for ref in page["/Resources"].get("/Font", DictionaryObject()).values():
            font = ref.get_object()
            if font["/BaseFont"] in seen:
                continue
            seen.add(font["/BaseFont"])
            data = font["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
            unicode_map = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            ttf = TTFont(io.BytesIO(data))
            family = ttf["name"].getDebugName(6).rsplit("-", 1)[0]
            faces[family][ttf["OS/2"].usWeightClass].update(_outlines(ttf, unicode_map))
    return faces


def _outlines(ttf: TTFont, unicode_map: str) -> dict[str, tuple]:
    codes = {
        int(a, 16): int(b, 16) for a, b in re.findall(r"<([0-9A-F]{2})>\s*<([0-9A-F]{4})>", unicode_map, re.I)
    }
    cmap = {code: glyph for table in ttf["cmap"].tables for code, glyph in table.cmap.items()}
    glyf = ttf["glyf"]
    out = {}
    for code, char in codes.items():
        if char and code in cmap and glyf[cmap[code]].numberOfContours:
            out[chr(char)] = tuple(glyf[cmap[code]].getCoordinates(glyf)[0])
    return out


@EACH_PDF
def test_regular_and_bold_are_distinct_embedded_faces(built: Build, layout: str, lang: str) -> None:
    """Body (400) and headings (700) use separate instances whose glyphs really differ."""
    faces = embedded_faces(built.path(layout, lang, "pdf"))
    # the README's fonts: Source Sans 3 in brochures, Arimo in decks, Noto Sans SC for Chinese
    needed = {"Arimo" if layout.startswith("deck") else "SourceSans3"} | (
        {"NotoSansSC"} if lang == "zh" else set()
    )
    for family in sorted(needed):
        assert {400, 700} <= set(faces.get(family, {})), {name: sorted(w) for name, w in faces.items()}
    for family, weights in faces.items():
        common = set(weights.get(400, {})) & set(weights.get(700, {}))
        assert common or family not in needed, f"{family}: no character set in both weights"
        same = sorted(char for char in common if weights[400][char] == weights[700][char])
        assert same == [], f"{family}: bold draws {same} exactly like regular"


def normalized(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def test_english_brochure_text(built: Build, tool: Callable[[str], str], run: Run) -> None:
    text = normalized(pdftotext(tool, run, built.path("brochure-a4", "en", "pdf")))
    for needle in ("90.5", "1,358", "3,000", "10,000", "2017", "Hangzhou", "Zhejiang University"):
        assert needle in text
    profile = load_profile(ROOT / "data" / "zhejiang-lab.yaml").profile
    areas = [area.name.en for area in profile.focus_areas]
    assert areas == [
        "intelligent computing",
        "artificial intelligence",
        "intelligent perception",
        "intelligent networks",
        "intelligent systems",
    ]
    assert [area for area in areas if area not in text.casefold()] == []


def test_chinese_brochure_text(built: Build, tool: Callable[[str], str], run: Run) -> None:
    # Chinese has no spaces between words: lines joined without any
    text = re.sub(r"\s+", "", pdftotext(tool, run, built.path("brochure-a4", "zh", "pdf")))
    for needle in (
        "之江实验室",
        "杭州",
        "浙江大学",
        "智能计算",
        "人工智能",
        "智能感知",
        "智能网络",
        "智能系统",
    ):
        assert needle in text
    assert "2017年9月6日" in text


@EACH_PDF
def test_metadata_and_language(
    built: Build, documents: Callable[[str, str], Document], layout: str, lang: str
) -> None:
    reader = PdfReader(built.path(layout, lang, "pdf"))
    document = documents(layout, lang)
    meta = reader.metadata
    assert meta is not None
    assert (meta.title, meta.author, meta.subject) == (document.title, document.author, document.subject)
    assert {"en": "Zhejiang Lab", "zh": "之江实验室"}[lang] in (meta.title or "")
    assert all((meta.title, meta.author, meta.subject))
    assert reader.trailer["/Root"].get("/Lang") == {"en": "en", "zh": "zh-CN"}[lang]


@EACH_PDF
def test_outline_has_the_sections(
    built: Build, documents: Callable[[str, str], Document], layout: str, lang: str
) -> None:
    reader = PdfReader(built.path(layout, lang, "pdf"))
    entries = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    templates = load_layout(ROOT / "layouts" / f"{layout}.yaml").layout.pages
    name = load_profile(ROOT / "data" / "zhejiang-lab.yaml").profile.name[lang]
    titles = [
        (page.bookmark[lang] if isinstance(page.bookmark, Text) else page.bookmark).replace("{name}", name)
        for page in templates
        if page.bookmark is not None
    ]
    assert [title for title, _ in entries] == titles
    document = documents(layout, lang)
    assert [page for _, page in entries] == [entry.page for entry in document.outline]
    assert len(reader.pages) == len(document.pages)


@pytest.mark.parametrize("layout", ["brochure-a4", "factsheet-letter", "deck-16x9"])
def test_chinese_pdfs_pass_the_kinsoku_check(
    built: Build, tool: Callable[[str], str], run: Run, layout: str
) -> None:
    tool("pdftotext")  # the check runs it
    if not KINSOKU.is_file():
        pytest.fail(f"the shared line-breaking check is missing: {KINSOKU}", pytrace=False)
    done = run([sys.executable, str(KINSOKU), str(built.path(layout, "zh", "pdf"))])
    assert done.returncode == 0, done.stdout + done.stderr
