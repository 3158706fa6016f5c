"""The picture check: every way a picture file can be unusable, named with its path and span.

Accepted: 8-bit PNGs of every colour type (greyscale, palette, RGB, with or without alpha),
16-bit RGB(A) PNGs, greyscale and RGB JPEGs. Refused, each with its reason: a file cut short
anywhere, corrupt data, a header claiming too many pixels (read from the header alone), a
16-bit greyscale PNG, a CMYK JPEG, anything that is not PNG or JPEG.
"""

from __future__ import annotations

import io
import random
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageFile

from zjlab_reports.diagnostics import Diagnostic, Span
from zjlab_reports.loaders import images
from zjlab_reports.loaders.images import MAX_IMAGE_PIXELS, Picture, check_picture

SPAN = Span("layouts/x.yaml", 12, 18)


@pytest.fixture(autouse=True)
def _fresh_memo() -> None:
    images._CHECKED.clear()


def _noise(mode: str, size: tuple[int, int], seed: int = 1) -> Image.Image:
    """A picture of random pixels (so it compresses badly and every byte matters)."""
    rng = random.Random(seed)
    bands = {"1": 1, "L": 1, "LA": 2, "P": 1, "RGB": 3, "RGBA": 4, "CMYK": 4}[mode]
    raw = bytes(rng.randrange(256) for _ in range(size[0] * size[1] * bands))
    base = "L" if mode in ("1", "P") else mode
    picture = Image.frombytes(base, size, raw)
    return picture.convert(mode) if base != mode else picture


def _encode(picture: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    picture.save(out, fmt)
    return out.getvalue()


def _png_chunks(width: int, height: int, depth: int, colour: int, rows: bytes | None) -> bytes:
    """A PNG written by hand: any header, with `rows` (filtered scanlines) as its data."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    data = zlib.compress(rows if rows is not None else b"\0")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def _png16(width: int, height: int, colour: int) -> bytes:
    """A 16-bit PNG: colour type 0 (greyscale) or 6 (RGB + alpha)."""
    samples = {0: 1, 6: 4}[colour]
    rng = random.Random(7)
    row = lambda: b"\0" + bytes(rng.randrange(256) for _ in range(width * samples * 2))  # noqa: E731
    return _png_chunks(width, height, 16, colour, b"".join(row() for _ in range(height)))


def _check(tmp_path: Path, name: str, data: bytes) -> Picture | Diagnostic:
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_bytes(data)
    return check_picture(tmp_path, name, SPAN)


def _refused(result: Picture | Diagnostic, *words: str) -> Diagnostic:
    assert isinstance(result, Diagnostic), f"accepted: {result}"
    assert result.span == SPAN
    for word in words:
        assert word in result.message, result.message
    assert result.hints
    return result


# -- accepted ------------------------------------------------------------------------------------

ACCEPTED = {
    "8-bit RGB PNG": (lambda: _encode(_noise("RGB", (40, 30)), "PNG"), "PNG", "RGB", (40, 30)),
    "8-bit RGBA PNG": (lambda: _encode(_noise("RGBA", (31, 17)), "PNG"), "PNG", "RGBA", (31, 17)),
    "greyscale + alpha PNG": (lambda: _encode(_noise("LA", (8, 64)), "PNG"), "PNG", "LA", (8, 64)),
    "palette PNG": (lambda: _encode(_noise("P", (50, 5)), "PNG"), "PNG", "P", (50, 5)),
    "1-bit PNG": (lambda: _encode(_noise("1", (9, 9)), "PNG"), "PNG", "1", (9, 9)),
    "16-bit PNG with alpha": (lambda: _png16(24, 16, 6), "PNG", "RGBA", (24, 16)),
    "RGB JPEG": (lambda: _encode(_noise("RGB", (64, 48)), "JPEG"), "JPEG", "RGB", (64, 48)),
    "greyscale JPEG": (lambda: _encode(_noise("L", (17, 3)), "JPEG"), "JPEG", "L", (17, 3)),
    "one pixel": (lambda: _encode(_noise("RGB", (1, 1)), "PNG"), "PNG", "RGB", (1, 1)),
}


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_accepted_pictures(tmp_path: Path, case: str) -> None:
    make, fmt, mode, pixels = ACCEPTED[case]
    picture = _check(tmp_path, "assets/picture.bin", make())
    assert isinstance(picture, Picture), picture.render()
    assert (picture.format, picture.mode, picture.pixels) == (fmt, mode, pixels)
    assert picture.path == (tmp_path / "assets/picture.bin").resolve()
    assert picture.ratio == pytest.approx(pixels[1] / pixels[0])


def test_a_cmyk_jpeg_is_refused(tmp_path: Path) -> None:
    """Screen PDFs (PDF/A, sRGB) cannot hold it, PowerPoint mangles it, print converts sRGB itself."""
    problem = _refused(_check(tmp_path, "cmyk.jpg", _encode(_noise("CMYK", (32, 24)), "JPEG")), "'cmyk.jpg'")
    assert "unsupported colour mode (CMYK)" in problem.message
    assert "export it in sRGB" in problem.hints[0]


# -- cut short, corrupt --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
@pytest.mark.parametrize("kept", [0.02, 0.25, 0.5, 0.75, 0.99, -1])
def test_a_truncated_picture_is_refused(tmp_path: Path, fmt: str, kept: float) -> None:
    """Cut anywhere, down to the last byte (a PNG's IEND, a JPEG's end-of-image marker)."""
    for size in ((5, 5), (120, 80), (400, 300)):
        data = _encode(_noise("RGB", size), fmt)
        cut = len(data) - 1 if kept == -1 else int(len(data) * kept)
        images._CHECKED.clear()
        name = f"cut-{size[0]}.{fmt.lower()}"
        problem = _refused(_check(tmp_path, name, data[:cut]), f"'{name}'")
        assert "damaged" in problem.message or "not a PNG or JPEG" in problem.message


def test_corrupt_png_data_is_refused(tmp_path: Path) -> None:
    data = bytearray(_encode(_noise("RGB", (60, 40)), "PNG"))
    start = data.index(b"IDAT") + 4
    data[start + 10 : start + 30] = bytes(20)  # zeros inside the compressed stream
    _refused(_check(tmp_path, "corrupt.png", bytes(data)), "'corrupt.png'", "damaged PNG")


def test_too_large_is_refused_from_the_header_without_decoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_decoding(self: ImageFile.ImageFile) -> None:
        raise AssertionError("a picture that is too large was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    claims = _png_chunks(100_000, 100_000, 8, 2, None)  # 10 gigapixels claimed, 70 bytes of file
    problem = _refused(_check(tmp_path, "bomb.png", claims), "'bomb.png'", "100000 × 100000", "limit is 40")
    assert "10,000 megapixels" in problem.message
    just_over = _png_chunks(8000, 5001, 8, 0, None)
    _refused(_check(tmp_path, "over.png", just_over), "8000 × 5001")
    assert MAX_IMAGE_PIXELS == 8000 * 5000


def test_a_16_bit_greyscale_png_is_refused(tmp_path: Path) -> None:
    """ReportLab draws it as noise (measured: up to 236/255 off), so it never reaches a PDF."""
    _refused(_check(tmp_path, "grey16.png", _png16(20, 10, 0)), "'grey16.png'", "16-bit greyscale")


NOT_PICTURES = {
    "text.png": (b"This is a text file with a .png name.\n", "is not a PNG or JPEG"),
    "empty.png": (b"", "is an empty file"),
    "anim.png": (b"GIF89a" + bytes(40), "is a GIF file"),
    "scan.jpg": (b"II*\x00" + bytes(40), "is a TIFF file"),
    "doc.png": (b"%PDF-1.7\n" + bytes(40), "is a PDF file"),
}


@pytest.mark.parametrize("name", sorted(NOT_PICTURES))
def test_not_a_png_or_jpeg_is_refused(tmp_path: Path, name: str) -> None:
    data, words = NOT_PICTURES[name]
    _refused(_check(tmp_path, name, data), f"'{name}'", words)


def test_a_picture_is_decoded_once_per_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[str] = []
    real = ImageFile.ImageFile.load

    def counting(self: ImageFile.ImageFile) -> object:
        loads.append(str(self.filename))
        return real(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counting)
    good = _encode(_noise("RGB", (30, 20)), "PNG")
    for _ in range(3):
        assert isinstance(_check_existing(tmp_path, "p.png", good), Picture)
    assert len(loads) == 1
    (tmp_path / "p.png").write_bytes(good[: len(good) // 2])  # changed on disk: checked again
    _refused(check_picture(tmp_path, "p.png", SPAN), "damaged")
    assert len(loads) == 2


def _check_existing(tmp_path: Path, name: str, data: bytes) -> Picture | Diagnostic:
    if not (tmp_path / name).exists():
        (tmp_path / name).write_bytes(data)
    return check_picture(tmp_path, name, SPAN)
