"""End-to-end: every PDF a build writes, checked as a preflight and a screen reader's tools would.

Two builds of the shipped project: the default one (`built`: screen PDFs, deck handouts
included) and `build --for print --for screen --marks` of the brochures. Every PDF is tagged
(`pdfinfo`), its structure tree is sound (every page's content tagged or an artifact, headings
never skip, figures have alternative text, the parent tree agrees with the pages) and reads in
the Document's order, matching pdftotext; the independent `pdfua` checker finds nothing.
Screen PDFs pass the PDF/A-2u rules checkable with pikepdf, print PDFs the PDF/X-4 ones.
These stay meaningful as compose tags more of the page: the expected reading comes from the
composed Document, not from a fixed list.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PIL import Image as PILImage

import pdf_rules
from zjlab_reports.cli import main
from zjlab_reports.compose import compose
from zjlab_reports.document import Document, Item
from zjlab_reports.loaders import load_layout, load_profile, load_theme

if TYPE_CHECKING:
    from conftest import Build

ROOT = Path(__file__).resolve().parents[2]
BROCHURES = ("brochure-a4", "factsheet-letter")
LANGS = ("en", "zh")
SCREEN = [(layout, lang) for layout in (*BROCHURES, "deck-16x9") for lang in LANGS]
PRINT = [(layout, lang) for layout in BROCHURES for lang in LANGS]
EACH_SCREEN = pytest.mark.parametrize(("layout", "lang"), SCREEN, ids=[f"{a}-{b}" for a, b in SCREEN])
EACH_PRINT = pytest.mark.parametrize(("layout", "lang"), PRINT, ids=[f"{a}-{b}-print" for a, b in PRINT])


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory, built: Build) -> Path:
    """`build --for print --for screen --marks` of the brochures; the folder (manifest inside)."""
    out = tmp_path_factory.mktemp("print")
    layouts = [arg for layout in BROCHURES for arg in ("--layout", layout)]
    argv = [
        "--project",
        str(ROOT),
        "build",
        "--out",
        str(out),
        "--for",
        "print",
        "--for",
        "screen",
        "--marks",
    ]
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(io.StringIO()):
        patch.setenv("ZJLAB_REPORTS_CACHE", str(built.cache))
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        assert main([*argv, *layouts]) == 0
    return out


@pytest.fixture(scope="session")
def documents() -> Callable[[str, str], Document]:
    """`documents(layout, lang)`: the Document a default build composes (for what the tree must read)."""
    profile = load_profile(ROOT / "data" / "zhejiang-lab.yaml")
    theme = load_theme(ROOT / "themes" / "zhejiang-lab.yaml")
    cache: dict[tuple[str, str], Document] = {}

    def get(layout: str, lang: str) -> Document:
        if (layout, lang) not in cache:
            loaded = load_layout(ROOT / "layouts" / f"{layout}.yaml")
            created = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
            cache[layout, lang] = compose(profile, loaded, theme, lang, root=ROOT, created=created)
        return cache[layout, lang]

    return get


def _print_path(folder: Path, layout: str, lang: str) -> Path:
    return folder / f"zhejiang-lab-{layout}-{lang}-print.pdf"


def _every_pdf(built: Build, printed: Path) -> list[Path]:
    return sorted(built.out.glob("*.pdf")) + sorted(printed.glob("*.pdf"))


# --- every PDF the builds write -----------------------------------------------------------------


def test_pdfinfo_says_tagged_for_every_pdf(
    built: Build, printed: Path, tool: Callable[[str], str], run: Any
) -> None:
    paths = _every_pdf(built, printed)
    assert len(paths) == len(SCREEN) + 2 * len(PRINT)
    for path in paths:
        done = run([tool("pdfinfo"), str(path)])
        assert done.returncode == 0 and "Tagged:          yes" in done.stdout, path.name


def test_every_pdf_has_a_sound_structure_and_passes_pdfua(built: Build, printed: Path) -> None:
    for path in _every_pdf(built, printed):
        pdf = pdf_rules.open_pdf(path.read_bytes())
        assert pdf_rules.structure_problems(pdf) == [], path.name
        assert pdf_rules.pdfua_findings(path) == [], path.name


def test_qpdf_check_passes_on_print_pdfs(printed: Path, tool: Callable[[str], str], run: Any) -> None:
    for path in sorted(printed.glob("*-print.pdf")):
        done = run([tool("qpdf"), "--check", str(path)])
        assert done.returncode == 0, done.stdout + done.stderr


# --- screen: archival -----------------------------------------------------------------------------


@EACH_SCREEN
def test_screen_pdfs_pass_the_pdfa2u_rules(built: Build, layout: str, lang: str) -> None:
    assert pdf_rules.pdfa2_problems(built.path(layout, lang, "pdf").read_bytes()) == []


@EACH_SCREEN
def test_the_tree_reads_in_the_documents_order(
    built: Build,
    documents: Callable[[str, str], Document],
    tool: Callable[[str], str],
    run: Any,
    layout: str,
    lang: str,
) -> None:
    """Tree order = the Document's reading order; each page's tagged text also in pdftotext's order."""
    path = built.path(layout, lang, "pdf")
    data = path.read_bytes()
    document = documents(layout, lang)
    found = [(role, pdf_rules.squeeze(text)) for role, text in pdf_rules.tagged_text(data)]
    assert found == [(role, pdf_rules.squeeze(text)) for role, text in pdf_rules.document_reading(document)]
    texts = pdf_rules.mcid_texts(data)
    root = pdf_rules.structure(pdf_rules.open_pdf(data))
    for page in range(len(document.pages)):
        chunks = [
            texts[c] for node in pdf_rules.walk(root) for c in node.content if c[0] == page and c in texts
        ]
        shown = run(
            [
                tool("pdftotext"),
                "-raw",
                "-f",
                str(page + 1),
                "-l",
                str(page + 1),
                "-enc",
                "UTF-8",
                str(path),
                "-",
            ]
        )
        assert pdf_rules.in_order(chunks, shown.stdout) == [], f"page {page + 1}"


@EACH_SCREEN
def test_languages_switch_where_the_document_says(
    built: Build, documents: Callable[[str, str], Document], layout: str, lang: str
) -> None:
    document = documents(layout, lang)
    wanted = sorted(
        {item.tag.lang for page in document.pages for item in _tagged(page.items) if item.tag.lang}
    )
    root = pdf_rules.structure(pdf_rules.open_pdf(built.path(layout, lang, "pdf").read_bytes()))
    assert sorted({node.lang for node in pdf_rules.walk(root) if node.lang}) == wanted
    assert str(pdf_rules.open_pdf(built.path(layout, lang, "pdf").read_bytes()).Root.Lang) == document.lang


def _tagged(items: tuple[Item, ...]) -> list[Any]:
    return [item for item in items if item.tag is not None]


# --- print: prepress -------------------------------------------------------------------------------


@EACH_PRINT
def test_print_pdfs_pass_the_pdfx4_rules(
    printed: Path, documents: Callable[[str, str], Document], layout: str, lang: str
) -> None:
    path = _print_path(printed, layout, lang)
    assert pdf_rules.pdfx4_problems(path.read_bytes(), documents(layout, lang).bleed) == []


def test_the_manifest_records_variants_and_claims(printed: Path, built: Build) -> None:
    entries = json.loads((printed / "manifest.json").read_text(encoding="utf-8"))["artifacts"]
    claims = {entry["path"]: (entry["variant"], tuple(entry["conformance"])) for entry in entries}
    for layout, lang in PRINT:
        assert claims[f"zhejiang-lab-{layout}-{lang}-print.pdf"] == ("print", ("PDF/X-4", "PDF/UA-1"))
        assert claims[f"zhejiang-lab-{layout}-{lang}.pdf"] == ("screen", ("PDF/A-2u", "PDF/UA-1"))
    handouts = [e for e in built.manifest["artifacts"] if e["kind"] == "deck" and e["format"] == "pdf"]
    assert handouts and all(e["variant"] == "screen" for e in handouts)
    assert all("variant" not in e for e in built.manifest["artifacts"] if e["format"] == "pptx")


@pytest.mark.parametrize("lang", LANGS)
def test_the_printed_cover_runs_its_background_past_the_trim(
    printed: Path, documents: Callable[[str, str], Document], tool: Callable[[str], str], run: Any, lang: str
) -> None:
    """pdftoppm renders the media of the A4 cover: in the bleed, 1.5 mm outside the trim on each
    side, the cover's background shows; past the bleed (where the crop marks are) paper."""
    document = documents("brochure-a4", lang)
    assert document.pages[0].background is not None
    path = _print_path(printed, "brochure-a4", lang)
    pdf = pdf_rules.open_pdf(path.read_bytes())
    trim, media = pdf_rules.box(pdf.pages[0], "/TrimBox"), pdf_rules.box(pdf.pages[0], "/MediaBox")
    assert trim is not None and media is not None
    prefix = path.parent / f"cover-{lang}"
    assert (
        run([tool("pdftoppm"), "-r", "72", "-f", "1", "-l", "1", "-png", str(path), str(prefix)]).returncode
        == 0
    )
    (png,) = path.parent.glob(f"cover-{lang}-*.png")
    picture = PILImage.open(png).convert("RGB")
    outside = 1.5 * pdf_rules.MM
    middle_y = round(media[3] - (trim[1] + trim[3]) / 2)
    in_bleed = [(round(trim[0] - outside), middle_y), (round(trim[2] + outside), middle_y)]
    in_bleed.append((round((trim[0] + trim[2]) / 2), round(media[3] - trim[3] - outside)))  # above
    background = document.pages[0].background
    for x, y in in_bleed:
        pixel = picture.getpixel((x, y))
        assert isinstance(pixel, tuple) and sum(pixel) < 3 * 128, ((x, y), pixel, background)
    assert picture.getpixel((2, 2)) == (255, 255, 255)  # the slug, outside the bleed: paper


def test_marks_without_print_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project", str(ROOT), "build", "--out", str(tmp_path), "--marks"]) == 2
    assert "--marks" in capsys.readouterr().err and not list(tmp_path.iterdir())
