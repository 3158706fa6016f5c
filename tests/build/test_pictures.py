"""Pictures in a build: every problem named at the layout line that names the picture, before rendering.

A small layout (brochure or deck) shows one picture; the picture is broken in each way that
matters. `build` and `validate` must both fail with `layouts/pictures.yaml:LINE:COL`, the
picture's path and what is wrong, exit 1, no file written, nothing rendered. An accepted
picture (a 16-bit PNG with alpha) reaches the outputs, and every accepted kind keeps the
screen PDF's PDF/A-2 and the print PDF's PDF/X-4 claims true (which a CMYK JPEG, refused,
would break in the screen PDF). A picture that vanishes after it was
checked is an input that cannot be read — never "cannot write output".
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader

import zjlab_reports.build as build_module
from pdf_rules import pdfa2_problems, pdfx4_problems

LAYOUT = """\
id: pictures
kind: {kind}
theme: zhejiang-lab
title: {{en: Pictures, zh: 图片}}
subject: {{en: Pictures, zh: 图片}}
size: "{size}"
pages:
  - name: only
    frames:
      - name: picture
        x: 10
        width: 120
        y: 10
        height: 100
        blocks:
          - type: image
            src: {src}
            alt: {{en: A test picture, zh: 测试图片}}
            min-ppi: 1  # test pictures are small: print them soft rather than refuse them
      - name: title
        role: title
        x: 10
        width: 120
        y: 115
        height: 20
        blocks:
          - {{type: heading, text: {{en: Pictures, zh: 图片}}}}
"""
SRC_LINE, SRC_COLUMN = 17, 18  # where `{src}` stands in LAYOUT (a deck needs the title frame)


def _noise(mode: str, size: tuple[int, int]) -> Image.Image:
    rng = random.Random(3)
    bands = len(mode)
    return Image.frombytes(mode, size, bytes(rng.randrange(256) for _ in range(size[0] * size[1] * bands)))


def _encoded(mode: str, fmt: str, size: tuple[int, int] = (160, 120)) -> bytes:
    out = io.BytesIO()
    _noise(mode, size).save(out, fmt)
    return out.getvalue()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png(width: int, height: int, depth: int, colour: int, rows: bytes) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    body = _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows)) + _chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def _png16_rgba(width: int, height: int) -> bytes:
    rng = random.Random(5)
    rows = b"".join(b"\0" + bytes(rng.randrange(256) for _ in range(width * 8)) for _ in range(height))
    return _png(width, height, 16, 6, rows)


def _setup(project: Path, kind: str, name: str, data: bytes) -> None:
    (project / "assets").mkdir(exist_ok=True)
    (project / "assets" / name).write_bytes(data)
    size = "A4" if kind == "brochure" else "16:9"
    text = LAYOUT.format(kind=kind, size=size, src=f"assets/{name}")
    assert text.splitlines()[SRC_LINE - 1].index("assets/") == SRC_COLUMN - 1
    (project / "layouts" / "pictures.yaml").write_text(text, encoding="utf-8")


BROKEN = {  # name, kind, bytes, what the message says
    "truncated PNG": ("cut.png", "brochure", lambda: _encoded("RGB", "PNG")[:5000], "is a damaged PNG file"),
    "truncated JPEG": ("cut.jpg", "deck", lambda: _encoded("RGB", "JPEG")[:3000], "is a damaged JPEG file"),
    "PNG claiming 100000 × 100000": (
        "bomb.png",
        "brochure",
        lambda: _png(100_000, 100_000, 8, 2, bytes(64)),  # a valid header; data for 2 rows only
        "is 100000 × 100000 pixels",
    ),
    "CMYK JPEG in a brochure": (
        "cmyk.jpg",
        "brochure",
        lambda: _encoded("CMYK", "JPEG"),
        "has an unsupported colour mode (CMYK)",
    ),
    "GIF named .png": ("anim.png", "brochure", lambda: b"GIF89a" + bytes(64), "is a GIF file"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_picture_is_named_at_its_layout_line(
    own_project: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    name, kind, make, words = BROKEN[case]
    _setup(own_project.project, kind, name, make())
    monkeypatch.chdir(own_project.project)  # diagnostics name files relative to it

    def no_rendering(*args: object) -> bytes:
        raise AssertionError("rendered a document with a broken picture")

    monkeypatch.setattr(build_module, "render_pdf", no_rendering)
    monkeypatch.setattr(build_module, "render_pptx", no_rendering)
    out = tmp_path / "out"
    where = f"layouts/pictures.yaml:{SRC_LINE}:{SRC_COLUMN}: error: image 'assets/{name}' {words}"
    outcome = own_project.run(out, "--layout", "pictures")
    assert outcome.code == 1, outcome.stderr
    assert where in outcome.stderr, outcome.stderr
    assert "cannot write output" not in outcome.stderr and "Traceback" not in outcome.stderr
    assert own_project.snapshot(out) == {}
    checked = own_project.run_validate()
    assert checked.code == 1 and where in checked.stderr, checked.stderr


def test_a_16_bit_png_with_alpha_reaches_a_deck(own_project: Any, tmp_path: Path) -> None:
    data = _png16_rgba(48, 32)
    _setup(own_project.project, "deck", "deep.png", data)
    out = tmp_path / "out"
    outcome = own_project.run(out, "--layout", "pictures", "--lang", "zh")
    assert outcome.code == 0, outcome.stderr
    with zipfile.ZipFile(out / "zhejiang-lab-pictures-zh.pptx") as deck:
        media = [deck.read(n) for n in deck.namelist() if n.startswith("ppt/media/")]
    assert data in media, "the slide holds the picture's own bytes"
    page = PdfReader(out / "zhejiang-lab-pictures-zh.pdf").pages[0]
    images = [obj.get_object() for obj in page["/Resources"]["/XObject"].values()]
    assert any(image.get("/SMask") is not None for image in images), "the handout keeps the alpha"


ACCEPTED = {  # name, bytes: accepted kinds whose colour spaces differ in a PDF
    "greyscale JPEG": ("grey.jpg", lambda: _encoded("L", "JPEG")),
    "palette PNG": ("palette.png", lambda: _encoded("P", "PNG")),
    "greyscale PNG with alpha": ("grey-alpha.png", lambda: _encoded("LA", "PNG")),
    "16-bit PNG with alpha": ("deep.png", lambda: _png16_rgba(48, 32)),
}


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_an_accepted_picture_keeps_both_pdf_claims(own_project: Any, tmp_path: Path, case: str) -> None:
    name, make = ACCEPTED[case]
    _setup(own_project.project, "brochure", name, make())
    out = tmp_path / "out"
    outcome = own_project.run(
        out, "--layout", "pictures", "--lang", "en", "--for", "screen", "--for", "print"
    )
    assert outcome.code == 0, outcome.stderr
    screen = (out / "zhejiang-lab-pictures-en.pdf").read_bytes()
    printed = (out / "zhejiang-lab-pictures-en-print.pdf").read_bytes()
    assert len(PdfReader(io.BytesIO(screen)).pages[0]["/Resources"]["/XObject"]) >= 1
    assert pdfa2_problems(screen) == []
    assert pdfx4_problems(printed, bleed=3 * 72 / 25.4) == []  # the default bleed: 3 mm


@pytest.mark.parametrize("jobs", ["1", "2"])  # -j 2: the error is raised in a worker process
def test_a_picture_gone_while_rendering_is_an_unreadable_input(
    own_project: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    _setup(own_project.project, "brochure", "going.png", _encoded("RGB", "PNG"))
    real_render_pdf = build_module.render_pdf

    def render_pdf(document: Any, *args: Any, **kwargs: Any) -> bytes:
        (own_project.project / "assets" / "going.png").unlink(missing_ok=True)
        return real_render_pdf(document, *args, **kwargs)

    monkeypatch.setattr(build_module, "render_pdf", render_pdf)
    out = tmp_path / "out"
    outcome = own_project.run(out, "--layout", "pictures", "-j", jobs)  # both languages
    assert outcome.code == 1, outcome.stderr
    assert "going.png: error: cannot read an input while rendering: No such file" in outcome.stderr
    assert "cannot write output" not in outcome.stderr
    assert own_project.snapshot(out) == {}
