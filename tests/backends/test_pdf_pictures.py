"""Pictures in the PDF: JPEGs pass through untouched, the rest is prepared once and cached, checked.

Screen: an RGB or greyscale JPEG (baseline or progressive) is its own XObject stream
(/DCTDecode, the file's bytes). PNGs become Flate pixels with their transparency as a soft mask.
Print: colour pictures are CMYK, converted as `colour.cmyk_picture` converts them. Prepared
streams live in a per-process memo and a disk cache whose entries are checked on every read.
(A CMYK JPEG is refused by the picture checks before any backend: tests/loaders, tests/build.)
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import pickle
import shutil
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pikepdf
import pytest
from PIL import Image as PILImage

import pdf_rules
import zjlab_reports.cache as cache_folder
from zjlab_reports.backends.pdf import picture_cache, pictures, render_pdf
from zjlab_reports.backends.pdf.colour import cmyk_picture
from zjlab_reports.document import Document, DocumentFonts, Image, Page, Tag
from zjlab_reports.fonts import Face

ROOT = Path(__file__).resolve().parents[2]
COVER = ROOT / "data" / "images" / "cover.jpg"
LOGO = ROOT / "data" / "images" / "logo.png"
A5 = (420.0, 595.0)


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh picture cache folder and an empty per-process memo for every test."""
    root = tmp_path / "cache"
    monkeypatch.setenv("ZJLAB_REPORTS_CACHE", str(root))
    _forget_memo()
    yield root / "pictures"
    _forget_memo()


def _forget_memo() -> None:
    pictures._MEMO.clear()
    cache_folder._DIGESTS.clear()
    picture_cache._REPORTED.clear()


@pytest.fixture(scope="module")
def blank(faces: dict[str, Face]) -> Document:
    sans = faces["sans"].face
    return Document(
        kind="brochure",
        lang="en",
        title="Pictures",
        author="Zhejiang Lab",
        subject="Pictures",
        keywords=(),
        created=dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.UTC),
        pages=(),
        fonts=DocumentFonts(sans, sans, faces["cjk"].face, faces["cjk"].face),
        palette={},
    )


def _with(blank: Document, *paths: Path) -> Document:
    """`blank` with one page showing each picture in turn, down the page."""
    images = tuple(
        Image(40.0, 40.0 + 110.0 * n, 200.0, 100.0, path, alt=f"Picture {n}", tag=Tag("Figure"))
        for n, path in enumerate(paths)
    )
    return msgspec.structs.replace(blank, pages=(Page(*A5, images),))


_OPEN: list[pikepdf.Pdf] = []


def _xobjects(data: bytes) -> list[pikepdf.Stream]:
    """The picture XObjects of a PDF, each once (the PDF stays open for them)."""
    found: dict[tuple[int, int], pikepdf.Stream] = {}
    pdf = pdf_rules.open_pdf(data)
    _OPEN.append(pdf)
    for page in pdf.pages:
        for xobject in page.get_images().values():
            assert isinstance(xobject, pikepdf.Stream)
            found.setdefault(xobject.objgen, xobject)
    return list(found.values())


def _save(path: Path, picture: PILImage.Image, **options: object) -> Path:
    picture.save(path, **options)
    return path


def _noise(mode: str, size: tuple[int, int]) -> PILImage.Image:
    """A picture whose pixels all differ (so that a wrong conversion cannot pass by luck)."""
    bands = {"L": 1, "RGB": 3, "RGBA": 4}[mode]
    return PILImage.frombytes(mode, size, os.urandom(size[0] * size[1] * bands))


# --- screen: pass-through -------------------------------------------------------------------------


def test_the_shipped_cover_passes_through_as_its_own_bytes(blank: Document) -> None:
    (cover,) = _xobjects(render_pdf(_with(blank, COVER), "screen"))
    assert cover.Filter in (pikepdf.Name.DCTDecode, pikepdf.Array([pikepdf.Name.DCTDecode]))
    assert cover.read_raw_bytes() == COVER.read_bytes()
    assert (cover.Width, cover.Height, cover.ColorSpace) == (2700, 1800, pikepdf.Name.DeviceRGB)


@pytest.mark.parametrize("progressive", [False, True], ids=["baseline", "progressive"])
@pytest.mark.parametrize("mode", ["L", "RGB"])
def test_jpegs_pass_through_and_grey_ones_stay_grey_in_print(
    blank: Document, tmp_path: Path, mode: str, progressive: bool
) -> None:
    path = _save(tmp_path / "picture.jpg", _noise(mode, (64, 48)), format="JPEG", progressive=progressive)
    space = pikepdf.Name.DeviceGray if mode == "L" else pikepdf.Name.DeviceRGB
    for variant in ("screen", "print") if mode == "L" else ("screen",):
        (xobject,) = _xobjects(render_pdf(_with(blank, path), variant))
        assert xobject.read_raw_bytes() == path.read_bytes(), variant
        assert (xobject.Width, xobject.Height, xobject.ColorSpace) == (64, 48, space)


def test_an_xobject_is_named_after_the_content_so_copies_share_one(blank: Document, tmp_path: Path) -> None:
    copy = shutil.copy(COVER, tmp_path / "elsewhere.jpg")
    data = render_pdf(_with(blank, COVER, Path(copy)), "screen")
    assert len(_xobjects(data)) == 1
    _forget_memo()
    assert render_pdf(_with(blank, Path(copy)), "screen") == render_pdf(_with(blank, COVER), "screen")


# --- prepared pictures: PNGs, print -----------------------------------------------------------------


@pytest.mark.parametrize("mode", ["L", "RGB", "RGBA"])
def test_pngs_become_flate_pixels_with_a_soft_mask_only_when_transparent(
    blank: Document, tmp_path: Path, mode: str
) -> None:
    picture = _noise(mode, (30, 20))
    (xobject,) = _xobjects(render_pdf(_with(blank, _save(tmp_path / "p.png", picture)), "screen"))
    colour = picture.convert("L" if mode == "L" else "RGB")
    assert xobject.read_bytes() == colour.tobytes()
    if mode == "RGBA":
        assert xobject.SMask.read_bytes() == picture.getchannel("A").tobytes()
    else:
        assert "/SMask" not in xobject


def test_an_opaque_alpha_channel_adds_no_mask_and_palette_transparency_does(
    blank: Document, tmp_path: Path
) -> None:
    opaque = _save(tmp_path / "opaque.png", PILImage.new("RGBA", (8, 8), (1, 2, 3, 255)))
    (xobject,) = _xobjects(render_pdf(_with(blank, opaque), "screen"))
    assert "/SMask" not in xobject and xobject.read_bytes() == bytes([1, 2, 3]) * 64
    (logo,) = _xobjects(render_pdf(_with(blank, LOGO), "screen"))  # a palette PNG with tRNS
    expected = PILImage.open(LOGO).convert("RGBA")
    assert logo.SMask.read_bytes() == expected.getchannel("A").tobytes()
    assert logo.read_bytes() == expected.convert("RGB").tobytes()


def test_print_pictures_are_cmyk_through_the_print_profile(blank: Document, tmp_path: Path) -> None:
    rgb = _noise("RGB", (40, 30))
    jpeg = _save(tmp_path / "photo.jpg", rgb, format="JPEG", quality=90)
    png = _save(tmp_path / "logo.png", _noise("RGBA", (20, 10)))
    logo, photo = sorted(_xobjects(render_pdf(_with(blank, jpeg, png), "print")), key=lambda x: int(x.Width))
    for xobject, path in ((photo, jpeg), (logo, png)):
        assert (xobject.ColorSpace, xobject.BitsPerComponent) == (pikepdf.Name.DeviceCMYK, 8)
        expected = cmyk_picture(PILImage.open(path).convert("RGB"))
        assert xobject.read_bytes() == expected.tobytes()
    assert "/SMask" in logo and "/SMask" not in photo


def test_screen_and_print_are_deterministic_cold_warm_and_from_memory(blank: Document, cache: Path) -> None:
    document = _with(blank, COVER, LOGO)
    for variant in ("screen", "print"):
        cold = render_pdf(document, variant)  # type: ignore[arg-type]
        warm = render_pdf(document, variant)  # type: ignore[arg-type]
        _forget_memo()
        from_disk = render_pdf(document, variant)  # type: ignore[arg-type]
        assert cold == warm == from_disk, variant
    assert len(list(cache.glob("*.pic"))) == 3  # the logo for each variant, the cover in CMYK


def test_a_warm_cache_draws_without_decoding(
    blank: Document, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = _with(blank, COVER, LOGO)
    expected = {variant: render_pdf(document, variant) for variant in ("screen", "print")}
    _forget_memo()

    def refuse(*_: object) -> None:
        raise AssertionError("a cached picture was decoded again")

    monkeypatch.setattr(pictures, "_prepare", refuse)
    assert {variant: render_pdf(document, variant) for variant in ("screen", "print")} == expected


# --- the disk cache checks itself ---------------------------------------------------------------------


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def test_a_damaged_entry_is_reported_once_and_the_picture_prepared_again(
    blank: Document, cache: Path, caplog: pytest.LogCaptureFixture
) -> None:
    document = _with(blank, LOGO)
    clean = render_pdf(document, "print")
    (entry,) = cache.glob("*.pic")
    _flip(entry)
    _forget_memo()
    with caplog.at_level(logging.WARNING, logger="zjlab_reports"):
        again = render_pdf(document, "print")
    assert again == clean
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 1 and "picture cache file is damaged" in messages[0]
    (rewritten,) = cache.glob("*.pic")
    assert picture_cache.find_entry(rewritten.name.split(".")[0]) == rewritten.read_bytes()


def test_an_unwritable_cache_is_one_warning_and_the_build_goes_on(
    blank: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    document = _with(blank, LOGO, _save(tmp_path / "other.png", _noise("RGBA", (6, 6))))
    expected = render_pdf(document, "screen")
    _forget_memo()
    blocker = tmp_path / "a-file"
    blocker.write_bytes(b"")
    monkeypatch.setenv("ZJLAB_REPORTS_CACHE", str(blocker))
    with caplog.at_level(logging.WARNING, logger="zjlab_reports"):
        assert render_pdf(document, "screen") == expected
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 1 and "cannot write the picture cache" in messages[0]


def test_an_entry_that_is_not_a_prepared_picture_is_removed_and_prepared_again(
    blank: Document, cache: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A whole entry (its digest matches) that holds no prepared picture is not trusted either."""
    document = _with(blank, LOGO)
    clean = render_pdf(document, "screen")
    (entry,) = cache.glob("*.pic")
    stem = entry.name.split(".")[0]
    entry.unlink()
    picture_cache.store_entry(stem, zlib.compress(b"not a picture"))
    _forget_memo()
    with caplog.at_level(logging.WARNING, logger="zjlab_reports"):
        assert render_pdf(document, "screen") == clean
    assert ["holds no prepared picture" in record.getMessage() for record in caplog.records] == [True]
    (rewritten,) = cache.glob("*.pic")
    assert rewritten.name == entry.name  # the same prepared bytes as the first time, the bad entry gone


# --- a warm process needs no picture decoder ------------------------------------------------------


def test_a_warm_process_imports_no_picture_codec_or_colour_engine(blank: Document, cache: Path) -> None:
    """With the cache warm, drawing the shipped pictures (screen and print) loads no PNG/JPEG plugin
    and no LittleCMS: nothing is decoded or converted."""
    document = _with(blank, COVER, LOGO)
    for variant in ("screen", "print"):
        render_pdf(document, variant)  # type: ignore[arg-type]
    script = (
        "import pickle, sys\n"
        "from zjlab_reports.backends.pdf import render_pdf\n"
        "document = pickle.loads(sys.stdin.buffer.read())\n"
        "for variant in ('screen', 'print'):\n"
        "    render_pdf(document, variant)\n"
        "loaded = {'PIL.PngImagePlugin', 'PIL.JpegImagePlugin', 'PIL.ImageCms'} & set(sys.modules)\n"
        "print(sorted(loaded))\n"
    )
    env = {**os.environ, "ZJLAB_REPORTS_CACHE": str(cache.parent)}
    done = subprocess.run(
        [sys.executable, "-c", script], input=pickle.dumps(document), capture_output=True, env=env, check=True
    )
    assert done.stdout.decode().strip() == "[]", done.stderr.decode()
