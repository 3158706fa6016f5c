"""preview: a picture of every page and slide, a contact sheet per document and an index page."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from zjlab_reports.cli import main
from zjlab_reports.preview.sheet import contact_sheet

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the fact sheet (2 pages) and the deck (10 slides) in both languages."""
    out = tmp_path_factory.mktemp("dist")
    argv = ["--project", str(ROOT), "build", "--layout", "factsheet-letter", "--layout", "deck-16x9"]
    assert main([*argv, "--out", str(out), "--quiet"]) == 0
    return out


def manifest(folder: Path) -> list[dict]:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["artifacts"]


def picture(path: Path) -> Image.Image:
    """The picture at `path`, read whole (the file is closed again)."""
    with Image.open(path) as image:
        return image.convert("RGB")


def digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_every_page_and_slide_is_pictured(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "preview"
    assert main(["preview", "--from", str(built), "--out", str(out), "--quiet"]) == 0
    pdfs = [a for a in manifest(built) if a["format"] == "pdf"]
    assert len(pdfs) == 4
    for artifact in pdfs:
        stem = artifact["path"][: -len(".pdf")]
        unit = "slide" if artifact["kind"] == "deck" else "page"
        pictures = sorted((out / stem).glob("*.png"))
        assert [p.name for p in pictures] == [f"{unit}-{i:02d}.png" for i in range(1, artifact["pages"] + 1)]
        width, height = picture(pictures[0]).size
        # 96 dpi: a US Letter page is 8.5 x 11 in; a 16:9 slide is 13.333 x 7.5 in (PDFium rounds up)
        expected = (1280, 720) if unit == "slide" else (816, 1056)
        assert abs(width - expected[0]) <= 1 and abs(height - expected[1]) <= 1
        assert (out / f"{stem}.png").is_file()


def pdftoppm() -> str:
    found = shutil.which("pdftoppm")
    if found is None:
        pytest.fail("pdftoppm is missing: scripts/test installs poppler-utils", pytrace=False)
    return found


def test_pictures_show_the_real_pages(built: Path, tmp_path: Path) -> None:
    """PDFium's picture of a page matches poppler's (another renderer) of the same PDF."""
    out = tmp_path / "preview"
    assert main(["preview", "--from", str(built), "--out", str(out), "--lang", "zh", "--quiet"]) == 0
    pdf = built / "zhejiang-lab-deck-16x9-zh.pdf"
    for slide in (1, 5):
        subprocess.run(
            [
                pdftoppm(),
                "-r",
                "96",
                "-png",
                "-f",
                str(slide),
                "-l",
                str(slide),
                "-singlefile",
                pdf,
                tmp_path / "poppler",
            ],
            check=True,
        )
        ours = picture(out / "zhejiang-lab-deck-16x9-zh" / f"slide-{slide:02d}.png").convert("L")
        theirs = picture(tmp_path / "poppler.png").convert("L").resize(ours.size)
        difference = ImageStat.Stat(ImageChops.difference(ours, theirs)).mean[0]
        assert difference < 4, f"slide {slide}: mean difference {difference:.1f} of 255"
        assert ImageStat.Stat(ours).stddev[0] > 20  # not a blank picture


def test_contact_sheet_rows_are_balanced() -> None:
    page = Image.new("RGB", (850, 1100), "white")
    slide = Image.new("RGB", (1280, 720), "white")
    brochure = contact_sheet([page] * 7, "A brochure", "7 pages")
    deck = contact_sheet([slide] * 10, "A deck", "10 slides")
    single = contact_sheet([page], "One page", "1 page")
    # 7 portrait pages: 4 + 3, 10 slides: 4 + 4 + 2; one page: one column
    assert brochure.width == 2 * 32 + 4 * 220 + 3 * 24
    assert deck.width == 2 * 32 + 4 * 320 + 3 * 24
    assert single.width == 2 * 32 + 220
    assert deck.height > brochure.height > single.height
    with pytest.raises(ValueError):
        contact_sheet([], "nothing", "")


def test_contact_sheet_shows_the_pages(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "preview"
    assert main(["preview", "--from", str(built), "--out", str(out), "--layout", "deck-16x9", "-q"]) == 0
    sheet = picture(out / "zhejiang-lab-deck-16x9-en.png")
    first = picture(out / "zhejiang-lab-deck-16x9-en" / "slide-01.png")
    thumbnail = first.resize((320, 180), Image.Resampling.LANCZOS)
    # the first thumbnail sits at the margin, under the heading (see sheet.py's geometry)
    top = 32 + 26 + 10 + 15 + 24
    placed = sheet.crop((32, top, 32 + 320, top + 180))
    assert ImageStat.Stat(ImageChops.difference(placed, thumbnail)).mean[0] < 1


def test_index_links_every_picture_and_built_file(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "preview"
    assert main(["preview", "--from", str(built), "--out", str(out), "--quiet"]) == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'(?:href|src)="([^"]+)"', page))
    pictures = {str(p.relative_to(out)) for p in out.rglob("*.png")}
    assert pictures <= links
    linked = {(out / link).resolve() for link in links}
    for artifact in manifest(built):  # the PDFs and the decks themselves
        assert (built / artifact["path"]).resolve() in linked
    assert all((out / link).exists() for link in links)
    assert "之江实验室" in page and "<h2>Zhejiang Lab" in page


def test_a_partial_preview_keeps_the_others_and_drops_stale_pages(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "preview"
    assert main(["preview", "--from", str(built), "--out", str(out), "--quiet"]) == 0
    stale = out / "zhejiang-lab-deck-16x9-en" / "slide-11.png"
    stale.write_bytes((out / "zhejiang-lab-deck-16x9-en" / "slide-10.png").read_bytes())
    argv = ["preview", "--from", str(built), "--out", str(out), "--layout", "deck-16x9", "--lang", "en"]
    assert main([*argv, "--quiet"]) == 0
    assert not stale.exists()
    documents = json.loads((out / "preview.json").read_text(encoding="utf-8"))["documents"]
    assert len(documents) == 4
    assert (out / "index.html").read_text(encoding="utf-8").count("<section ") == 4


def test_preview_is_reproducible_and_builds_in_memory(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    for out in (first, second):
        argv = ["--project", str(ROOT), "preview", "--layout", "factsheet-letter", "--out", str(out)]
        assert main([*argv, "--quiet"]) == 0
    assert digests(first) == digests(second)
    assert len([p for p in digests(first) if p.endswith(".png")]) == 2 * (2 + 1)
    assert not (first / "manifest.json").exists()  # nothing built was written


def test_preview_json_and_printed_lines(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "preview"
    assert main(["preview", "--from", str(built), "--out", str(out), "--lang", "en", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert sorted(p["sheet"] for p in document["previews"]) == [
        "zhejiang-lab-deck-16x9-en.png",
        "zhejiang-lab-factsheet-letter-en.png",
    ]
    assert main(["preview", "--from", str(built), "--out", str(out), "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].endswith("index.html") and any(line.endswith("10 slides") for line in lines)


def test_preview_without_a_build_or_with_a_broken_pdf(built: Path, tmp_path: Path, capsys) -> None:
    assert main(["preview", "--from", str(tmp_path), "--out", str(tmp_path / "p")]) == 1
    err = capsys.readouterr().err
    assert "manifest.json: error: no build manifest here" in err and "zjlab-reports build --out" in err
    broken = tmp_path / "broken"
    shutil.copytree(built, broken)
    (broken / "zhejiang-lab-factsheet-letter-en.pdf").write_bytes(b"%PDF-1.4 not really")
    assert main(["preview", "--from", str(broken), "--out", str(tmp_path / "p")]) == 1
    assert "not a readable PDF" in capsys.readouterr().err


@pytest.mark.parametrize("dpi", ["0", "9", "601", "high"])
def test_dpi_out_of_range_is_a_usage_error(dpi: str) -> None:
    assert main(["preview", "--dpi", dpi]) == 2
