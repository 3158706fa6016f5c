"""Picture files named by layouts, themes and profiles: a path in, a checked picture (or what is wrong) out.

`check_picture` is the one check every picture goes through, called by whoever names it with
the span of the name (a layout's `src`, a theme's `logo.path`, a profile's picture), so the
problem is reported where the user wrote the path, before anything is rendered:

- the path must stay inside the project folder and name a file;
- the file must be a PNG or a JPEG (told by its first bytes, whatever its name says);
- its header must claim at most `MAX_IMAGE_PIXELS` pixels — read from the header alone, so a
  PNG claiming 100000 × 100000 pixels is refused without decoding a byte of it;
- its colour mode must be one both backends draw correctly (`ACCEPTED_MODES`);
- every pixel must decode: a truncated or corrupt file is refused here, not met by a renderer.

Pillow reads and decodes the files: its format plugins check chunk CRCs, zlib streams and JPEG
markers far better than a parser of our own would. Results are remembered per file version
(path, size, modification time, inode), so a picture used by many documents or reloaded by a
watching process is decoded once; a picture that passed is also remembered on disk, in the
cache folder (`checked-pictures/`, one self-checking record per file version, see `cache.recall`),
so a later process neither decodes it again nor imports Pillow.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from ..cache import cache_root, file_version, recall, remember
from ..diagnostics import Diagnostic, Span

if TYPE_CHECKING:
    from PIL import ImageFile

__all__ = ["ACCEPTED_MODES", "MAX_IMAGE_PIXELS", "Picture", "check_picture"]

MAX_IMAGE_PIXELS = 40_000_000

#: Pillow modes by format that every output draws as the file means. Refused, each for a
#: reason: a 16-bit greyscale PNG (Pillow mode "I;16"), which reportlab draws as noise
#: (measured); a CMYK JPEG, which a screen PDF cannot hold (PDF/A-2 with an sRGB output
#: intent allows no DeviceCMYK), PowerPoint converts by a crude formula or does not show, and
#: print PDFs do not need: they convert sRGB pictures to CMYK through the print profile.
ACCEPTED_MODES = {"PNG": {"1", "L", "LA", "P", "PA", "RGB", "RGBA"}, "JPEG": {"L", "RGB"}}
_MODE_HINTS = {
    "CMYK": "export it in sRGB: print PDFs convert pictures to CMYK through the print profile themselves",
}

_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
    b"%PDF": "PDF",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
    b"BM": "BMP",
}
_FORMATS = ("PNG", "JPEG")
_IEND = b"\x00\x00\x00\x00IEND\xaeB`\x82"  # length 0, type, CRC
_EXPORT = "export the picture as PNG or JPEG (8 bits per channel, RGB or greyscale)"


class Picture(Struct, frozen=True):
    """A checked picture: its resolved path, format, Pillow mode and size in pixels."""

    path: Path
    format: str
    mode: str
    pixels: tuple[int, int]

    @property
    def ratio(self) -> float:
        """Height over width."""
        return self.pixels[1] / self.pixels[0]


class _Problem(Struct, frozen=True):
    """What is wrong with a file, before it is placed at the span that names it."""

    message: str
    hints: tuple[str, ...]


_Stamp = tuple[str, int, int, int]
_CHECKED: dict[_Stamp, Picture | _Problem] = {}
#: The version of the check, in every record on disk: a changed check misses old records.
_RECORD = "check-1"


def check_picture(root: Path, src: str, span: Span) -> Picture | Diagnostic:
    """`src` (relative to the project folder `root`) checked; a Diagnostic at `span` if unusable.

    Never raises for a bad file: every problem with it is the returned Diagnostic, whose
    message names `src`.
    """
    base = root.resolve()
    path = (base / src).resolve()
    if not path.is_relative_to(base):
        return Diagnostic(
            span,
            f"image '{src}' is outside the project folder",
            ("put pictures in the project, e.g. under assets/",),
        )
    try:
        stat = path.stat()
    except OSError:
        stat = None
    if stat is None or not path.is_file():
        return Diagnostic(
            span, f"image '{src}' does not exist", (f"paths are relative to the project folder {base}",)
        )
    stamp = (str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino)
    checked = _CHECKED.get(stamp)
    if checked is None:
        checked = _CHECKED[stamp] = _remembered(path, stat) or _inspect_and_remember(path, stat)
    if isinstance(checked, _Problem):
        return Diagnostic(span, f"image '{src}' {checked.message}", checked.hints)
    return checked


def _remembered(path: Path, stat: os.stat_result) -> Picture | None:
    """The picture as an earlier process checked it (this very file version), if it passed."""
    text = recall(_cache_root(), "checked-pictures", file_version(path, stat))
    fields = text.split("\t") if text else []
    if len(fields) != 5 or fields[0] != _RECORD or fields[1] not in _FORMATS:
        return None
    if fields[2] not in ACCEPTED_MODES[fields[1]] or not (fields[3].isdigit() and fields[4].isdigit()):
        return None
    return Picture(path, fields[1], fields[2], (int(fields[3]), int(fields[4])))


def _inspect_and_remember(path: Path, stat: os.stat_result) -> Picture | _Problem:
    checked = _inspect(path)
    if isinstance(checked, Picture):
        width, height = checked.pixels
        text = "\t".join((_RECORD, checked.format, checked.mode, str(width), str(height)))
        remember(_cache_root(), "checked-pictures", file_version(path, stat), text)
    return checked


def _cache_root() -> Path:
    return Path(os.path.abspath(cache_root()))


def _inspect(path: Path) -> Picture | _Problem:
    """The picture at `path`, read from its header and then decoded whole; or what is wrong."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        return _Problem(f"cannot be read: {exc.strerror or exc}", ("check the file's permissions",))
    kind = next((name for magic, name in _SIGNATURES.items() if head.startswith(magic)), None)
    if kind not in _FORMATS:
        what = "is an empty file, not" if not head else f"is a {kind} file, not" if kind else "is not"
        return _Problem(f"{what} a PNG or JPEG picture", (_EXPORT,))
    from PIL import JpegImagePlugin, PngImagePlugin  # only for a picture not checked before

    opener = PngImagePlugin.PngImageFile if kind == "PNG" else JpegImagePlugin.JpegImageFile
    try:
        with opener(os.fspath(path)) as picture:
            return _header_problem(picture, kind) or _decoded(picture, path, kind)
    except (OSError, SyntaxError, ValueError, EOFError) as exc:  # Pillow's ways of saying "corrupt"
        return _damaged(kind, exc)


def _header_problem(picture: ImageFile.ImageFile, kind: str) -> _Problem | None:
    """Size and mode, from the header only (nothing is decoded yet)."""
    width, height = picture.size
    if width * height > MAX_IMAGE_PIXELS:
        return _Problem(
            f"is {width} × {height} pixels ({width * height / 1e6:,.0f} megapixels); "
            f"the limit is {MAX_IMAGE_PIXELS // 1_000_000}",
            ("scale the picture down to at most 40 megapixels (300 dpi at A4 needs about 9)",),
        )
    if picture.mode not in ACCEPTED_MODES[kind]:
        hint = _MODE_HINTS.get(picture.mode, _EXPORT)
        return _Problem(f"has an unsupported colour mode ({_mode_name(picture.mode)})", (hint,))
    return None


def _decoded(picture: ImageFile.ImageFile, path: Path, kind: str) -> Picture:
    """Decode every pixel (raises what Pillow raises for a damaged file), then describe it.

    A JPEG is decoded at 1/8 scale: every entropy-coded block is still read and checked, the
    inverse transforms (most of the time) are skipped.
    """
    size, mode = picture.size, picture.mode
    if kind == "JPEG":
        picture.draft(mode, (max(1, size[0] // 8), max(1, size[1] // 8)))
    picture.load()
    if kind == "PNG" and not _has_end(path):  # Pillow reads pixels without it; others may not
        raise EOFError("no IEND chunk after the picture data")
    return Picture(path, kind, mode, size)


def _has_end(path: Path) -> bool:
    """Whether a PNG file holds its whole closing IEND chunk (in its last 4 KiB, where it belongs)."""
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - 4096))
        return _IEND in handle.read()


def _damaged(kind: str, exc: BaseException) -> _Problem:
    reason = str(exc) or type(exc).__name__
    if "truncated" in reason.lower() or isinstance(exc, EOFError):
        reason = f"the file ends early ({reason})"
    return _Problem(
        f"is a damaged {kind} file: {reason}",
        ("the file may be cut short or corrupt: export or download it again",),
    )


def _mode_name(mode: str) -> str:
    names = {"I;16": "16-bit greyscale", "I;16B": "16-bit greyscale", "I": "32-bit integer", "F": "float"}
    names |= {"CMYK": "CMYK"}
    return names.get(mode, mode)
