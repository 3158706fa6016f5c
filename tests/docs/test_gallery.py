"""The README gallery is current: same inputs, same PDFs, same pictures (`scripts/gallery`)."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from zjlab_reports.preview.gallery import Sheet, make_gallery, record, renderer_versions

ROOT = Path(__file__).resolve().parents[2]
GALLERY = ROOT / "docs" / "gallery"
STALE = "docs/gallery is stale: run scripts/gallery (and commit docs/gallery/)"


@pytest.fixture(scope="module")
def sheets() -> list[Sheet]:
    return make_gallery(ROOT)


def committed() -> dict:
    return json.loads((GALLERY / "gallery.json").read_text(encoding="utf-8"))


def test_the_gallery_pictures_todays_documents(sheets: list[Sheet]) -> None:
    """The PDFs built now are byte for byte those the committed sheets were made from."""
    now = {s["file"]: s["pdf_sha256"] for s in record(sheets)["sheets"]}
    then = {s["file"]: s["pdf_sha256"] for s in committed()["sheets"]}
    assert now == then, STALE


def test_the_committed_pictures_are_those_recorded() -> None:
    on_disk = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(GALLERY.glob("*.png"))}
    assert on_disk == {s["file"]: s["png_sha256"] for s in committed()["sheets"]}, STALE


def test_the_pictures_are_renders_of_those_documents(sheets: list[Sheet]) -> None:
    """Same renderer versions: the same bytes. Others (a newer PDFium): the same picture
    within anti-aliasing (mean difference under 1 of 255)."""
    same_renderer = committed()["renderer"] == renderer_versions()
    for sheet in sheets:
        path = GALLERY / f"{sheet.stem}.png"
        if same_renderer:
            assert sheet.png == path.read_bytes(), f"{path.name}: {STALE}"
            continue
        with Image.open(path) as old, Image.open(io.BytesIO(sheet.png)) as new:
            assert old.size == new.size, f"{path.name}: {STALE}"
            difference = ImageStat.Stat(ImageChops.difference(old.convert("RGB"), new.convert("RGB"))).mean
            assert max(difference) < 1, f"{path.name}: {STALE}"


def test_the_readme_opens_with_every_sheet() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    opening = readme[: readme.index("\n## ")]
    for sheet in committed()["sheets"]:
        assert f"docs/gallery/{sheet['file']}" in opening, f"README.md's gallery lacks {sheet['file']}"
