"""Pictures end to end: the print variant's resolution check from the command line, CMYK pictures
in print PDFs and RGB ones on screen, native PPTX pictures with alt text and their own crop.

The resolution cases copy the shipped project to a temporary folder, swap the cover picture
for one of fewer pixels, and build the A4 brochure in English for print: a picture under
300 ppi is a warning naming the profile's line and the layout's frame (exit 0), under 150 ppi
an error (exit 1, nothing written), unless the block's `min-ppi` accepts it.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image as PILImage
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

import pdf_rules
from zjlab_reports.cli import main

if TYPE_CHECKING:
    from conftest import Build

ROOT = Path(__file__).resolve().parents[2]
COVER_WIDTH_MM = 133 / 0.8614  # the A4 cover panel: 130 mm + 3 mm bleed, 86% of the picture's width


def _project(
    tmp_path: Path, cover_width: int | None = None, layout_edit: tuple[str, str] | None = None
) -> Path:
    """A copy of the shipped project; the cover picture `cover_width` pixels wide (3:2) if given."""
    project = tmp_path / "project"
    for folder in ("data", "layouts", "themes"):
        shutil.copytree(ROOT / folder, project / folder)
    if cover_width is not None:
        with PILImage.open(ROOT / "data" / "images" / "cover.jpg") as cover:
            cover.convert("RGB").resize((cover_width, cover_width * 2 // 3)).save(
                project / "data/images/cover.jpg"
            )
    if layout_edit is not None:
        path = project / "layouts" / "brochure-a4.yaml"
        text = path.read_text(encoding="utf-8")
        assert layout_edit[0] in text
        path.write_text(text.replace(layout_edit[0], layout_edit[1]), encoding="utf-8")
    return project


def _build(project: Path, out: Path, cache: Path, *variants: str) -> tuple[int, str]:
    argv = ["--project", str(project), "build", "--out", str(out), "--layout", "brochure-a4", "--lang", "en"]
    for variant in variants:
        argv += ["--for", variant]
    stderr = io.StringIO()
    with (
        pytest.MonkeyPatch.context() as patch,
        contextlib.redirect_stdout(io.StringIO()),
        contextlib.redirect_stderr(stderr),
    ):
        patch.setenv("ZJLAB_REPORTS_CACHE", str(cache))
        patch.chdir(project)
        code = main(argv)
    return code, stderr.getvalue()


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def _ppi(width_px: int) -> int:
    """The A4 cover picture's ppi when the picture is `width_px` wide (its panel keeps 86%)."""
    return round(width_px / (COVER_WIDTH_MM / 25.4))


def test_a_soft_picture_is_a_print_warning_naming_picture_and_frame(tmp_path: Path, built: Build) -> None:
    project = _project(tmp_path, cover_width=1000)  # ~164 ppi across the cover's panel
    code, stderr = _build(project, tmp_path / "out", built.cache, "print")
    assert code == 0, stderr
    src_line = _line_of(project / "data/zhejiang-lab.yaml", "src: data/images/cover.jpg")
    block_line = _line_of(project / "layouts/brochure-a4.yaml", "image: cover")
    warning = re.search(
        rf"data/zhejiang-lab\.yaml:{src_line}:\d+: warning: picture 'images\.cover' prints at (\d+) ppi",
        stderr,
    )
    assert warning is not None, stderr
    assert abs(int(warning.group(1)) - _ppi(1000)) <= 2
    assert f"layouts/brochure-a4.yaml:{block_line}:" in stderr and "frame 'cover-art'" in stderr
    assert "error" not in stderr
    assert (tmp_path / "out" / "zhejiang-lab-brochure-a4-en-print.pdf").is_file()
    code, stderr = _build(project, tmp_path / "screen", built.cache, "screen")
    assert code == 0 and "warning" not in stderr, stderr  # the screen variant asks no print resolution


def test_a_picture_under_150_ppi_is_an_error_unless_the_block_allows_it(tmp_path: Path, built: Build) -> None:
    project = _project(tmp_path, cover_width=700)  # ~115 ppi
    out = tmp_path / "out"
    code, stderr = _build(project, out, built.cache, "print")
    assert code == 1, stderr
    src_line = _line_of(project / "data/zhejiang-lab.yaml", "src: data/images/cover.jpg")
    assert re.search(
        rf"data/zhejiang-lab\.yaml:{src_line}:\d+: error: picture 'images\.cover' prints at", stderr
    )
    assert "min-ppi: " in stderr and "Traceback" not in stderr
    assert not out.exists() or not any(out.glob("*.pdf"))
    allowed = _project(tmp_path / "allowed", 700, ("optional: true,\n", "optional: true, min-ppi: 100,\n"))
    code, stderr = _build(allowed, tmp_path / "allowed-out", built.cache, "print")
    assert code == 0, stderr
    assert ": warning: picture 'images.cover' prints at" in stderr


@pytest.fixture(scope="module")
def print_pdfs(tmp_path_factory: pytest.TempPathFactory, built: Build) -> list[bytes]:
    """The shipped A4 brochure in English for print, built twice into separate folders."""
    runs = []
    for n in range(2):
        out = tmp_path_factory.mktemp(f"print-{n}")
        code, stderr = _build(ROOT, out, built.cache, "print")
        assert code == 0 and not stderr, stderr
        runs.append((out / "zhejiang-lab-brochure-a4-en-print.pdf").read_bytes())
    return runs


def _pictures(data: bytes) -> list[dict[str, object]]:
    """Each picture XObject's dictionary (its keys and values as text), once per object."""
    found = {}
    with pdf_rules.open_pdf(data) as pdf:
        for page in pdf.pages:
            for image in page.get_images().values():
                found[image.objgen] = {key: str(value) for key, value in image.items() if key != "/SMask"}
    return list(found.values())


def test_print_pictures_are_cmyk_and_print_builds_are_reproducible(print_pdfs: list[bytes]) -> None:
    first, second = print_pdfs
    assert first == second
    pictures = _pictures(first)
    assert len(pictures) >= 2  # the cover picture and the logo
    assert {p.get("/ColorSpace") for p in pictures} == {"/DeviceCMYK"}
    assert pdf_rules.rgb_problems(pdf_rules.open_pdf(first)) == []
    widths = sorted(int(str(p["/Width"])) for p in pictures)
    assert widths[-1] == 2700  # the whole picture is embedded; the crop is a clip, not a cut


def test_screen_pictures_stay_rgb(built: Build) -> None:
    for layout in ("brochure-a4", "factsheet-letter", "deck-16x9"):
        pictures = _pictures(built.path(layout, "en", "pdf").read_bytes())
        assert len(pictures) >= 2, layout
        for picture in pictures:
            assert picture.get("/ColorSpace") == "/DeviceRGB", (layout, picture)


def test_deck_pictures_are_native_with_alt_text_and_their_own_crop(built: Build) -> None:
    for lang in ("en", "zh"):
        deck = Presentation(str(built.path("deck-16x9", lang, "pptx")))
        title = deck.slides[0]
        pictures = [s for s in title.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 2, [s.name for s in title.shapes]
        for picture in pictures:
            descr = picture._element.nvPicPr.cNvPr.get("descr")
            assert descr and descr.strip(), picture.name
        cover = next(p for p in pictures if p.name.startswith("images.cover ("))
        logo = next(p for p in pictures if p.name.startswith("logo ("))
        assert cover.crop_left + cover.crop_right > 0.3 and cover.crop_top == cover.crop_bottom == 0
        assert cover._element.blipFill.srcRect is not None
        assert (logo.crop_left, logo.crop_top, logo.crop_right, logo.crop_bottom) == (0, 0, 0, 0)
        assert cover.image.size == (2700, 1800)  # the whole file, not a pre-cut bitmap
