"""Logos end to end: the fictional example profile's PDFs and decks carry its own logo (with the
alt text its profile gives) and never Zhejiang Lab's, while the Lab's documents keep theirs.

Zhejiang Lab's logo is recognised by its bytes: the digest of each picture stream in the Lab's
own PDFs (the same file is embedded the same way in every PDF), and of the file itself in a
deck (python-pptx keeps a picture's bytes as they are).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

import pdf_rules
from zjlab_reports.cli import main

if TYPE_CHECKING:
    from conftest import Build

ROOT = Path(__file__).resolve().parents[2]
LAB_LOGO = ROOT / "data" / "images" / "logo.png"
OWN_LOGO = ROOT / "data" / "examples" / "images" / "tidewater-logo.png"
OWN_ALT = {"en": "Tidewater Institute logo (fictional example)", "zh": "潮汐研究院标志（虚构示例）"}
LAB_ALT = {"en": "Zhejiang Lab logo", "zh": "之江实验室标志"}
LAYOUTS = ("brochure-a4", "factsheet-letter", "deck-16x9")


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory, built: Build) -> Path:
    """The example profile built (every layout, both languages)."""
    out = tmp_path_factory.mktemp("example")
    with (
        pytest.MonkeyPatch.context() as patch,
        contextlib.redirect_stdout(io.StringIO()),
        contextlib.redirect_stderr(io.StringIO()),
    ):
        patch.setenv("ZJLAB_REPORTS_CACHE", str(built.cache))
        code = main(["--project", str(ROOT), "build", "--out", str(out), "--profile", "example-tidewater"])
    assert code == 0
    return out


def _picture_digests(data: bytes) -> dict[str, int]:
    """Each picture stream's digest (raw bytes) and its width in pixels."""
    found = {}
    with pdf_rules.open_pdf(data) as pdf:
        for page in pdf.pages:
            for image in page.get_images().values():
                found[hashlib.sha256(image.read_raw_bytes()).hexdigest()] = int(image.Width)
    return found


def _figure_alts(data: bytes) -> list[str]:
    with pdf_rules.open_pdf(data) as pdf:
        root = pdf_rules.structure(pdf)
    return [node.alt or "" for node in pdf_rules.walk(root) if node.role == "Figure"]


def _lab_logo_digests(built: Build) -> set[str]:
    """The Lab logo's picture streams in the Lab's own PDFs (the pictures that are not the cover)."""
    digests = set()
    for layout in LAYOUTS:
        for lang in OWN_ALT:
            found = _picture_digests(built.path(layout, lang, "pdf").read_bytes())
            digests |= {digest for digest, width in found.items() if width != 2700}
    assert len(digests) == 1  # one logo, embedded the same way everywhere
    return digests


def test_the_example_pdfs_carry_their_own_logo_and_never_the_labs(example: Path, built: Build) -> None:
    lab = _lab_logo_digests(built)
    pdfs = sorted(example.glob("example-tidewater-*.pdf"))
    assert len(pdfs) == len(LAYOUTS) * 2
    for pdf in pdfs:
        data = pdf.read_bytes()
        lang = "zh" if pdf.stem.endswith("-zh") else "en"
        digests = _picture_digests(data)
        assert len(digests) == 1 and not lab & set(digests), pdf.name  # the example has no cover picture
        alts = _figure_alts(data)
        assert OWN_ALT[lang] in alts and LAB_ALT[lang] not in alts, (pdf.name, alts)


def test_the_labs_pdfs_keep_the_labs_logo(built: Build) -> None:
    for layout in LAYOUTS:
        for lang, alt in LAB_ALT.items():
            assert alt in _figure_alts(built.path(layout, lang, "pdf").read_bytes()), (layout, lang)


def test_the_example_decks_carry_their_own_logo_and_never_the_labs(example: Path) -> None:
    lab, own = (hashlib.sha256(path.read_bytes()).hexdigest() for path in (LAB_LOGO, OWN_LOGO))
    for lang, alt in OWN_ALT.items():
        deck = Presentation(str(example / f"example-tidewater-deck-16x9-{lang}.pptx"))
        pictures = [
            s for slide in deck.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE
        ]
        assert all(hashlib.sha256(p.image.blob).hexdigest() != lab for p in pictures)
        (logo,) = [p for p in deck.slides[0].shapes if p.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert hashlib.sha256(logo.image.blob).hexdigest() == own
        assert logo._element.nvPicPr.cNvPr.get("descr") == alt
