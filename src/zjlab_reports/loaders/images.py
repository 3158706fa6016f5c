"""Picture files named by layouts and themes: a path in, a checked file (and its shape) out.

A picture must be a PNG or JPEG inside the project folder: a path that leaves it
(`../../etc/passwd`), a missing file, a file that is not a picture or one of more than
`MAX_IMAGE_PIXELS` pixels is a diagnostic.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from ..diagnostics import Diagnostic, Span

__all__ = ["MAX_IMAGE_PIXELS", "Picture", "check_picture"]

MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class Picture:
    """A checked picture: its resolved path and its height/width ratio."""

    path: Path
    ratio: float


def check_picture(root: Path, src: str, span: Span) -> Picture | Diagnostic:
    """`src` (relative to the project folder `root`) checked; a Diagnostic at `span` if unusable."""
    base = root.resolve()
    path = (base / src).resolve()
    if not path.is_relative_to(base):
        return Diagnostic(
            span,
            f"image '{src}' is outside the project folder",
            ("put pictures in the project, e.g. under assets/",),
        )
    if not path.is_file():
        return Diagnostic(
            span, f"image '{src}' does not exist", (f"paths are relative to the project folder {base}",)
        )
    kind, width, height = _shape(path)
    if kind not in ("PNG", "JPEG") or not width or not height:
        return Diagnostic(
            span, f"'{src}' is not a PNG or JPEG picture", ("export the picture as PNG or JPEG",)
        )
    if width * height > MAX_IMAGE_PIXELS:
        megapixels = width * height / 1e6
        return Diagnostic(
            span,
            f"image '{src}' has {megapixels:.0f} megapixels; the limit is {MAX_IMAGE_PIXELS // 1_000_000}",
            ("scale the picture down to at most 40 megapixels (300 dpi at A4 needs about 9)",),
        )
    return Picture(path, height / width)


def _shape(path: Path) -> tuple[str | None, int, int]:
    """(format, width, height) read from the file's header; (None, 0, 0) if it is not a picture."""
    try:
        with PILImage.open(path) as picture:
            return picture.format, picture.size[0], picture.size[1]
    except (
        UnidentifiedImageError,
        OSError,
        PILImage.DecompressionBombError,
        PILImage.DecompressionBombWarning,
    ):
        return None, 0, 0
