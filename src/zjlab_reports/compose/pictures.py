"""Picture maths: a picture's pixels, a box and a focal point in; its crop, placed box and ppi out.

Pure functions, no fonts or files: `cover_crop` is CSS `object-fit: cover` with
`object-position` at the focal point (the share cut off each edge so that what is left has the
box's proportions and keeps the focal point in view); `contain_box` is `object-fit: contain`
(the largest box of the picture's proportions inside the frame); `effective_ppi` is how many
of the visible pixels fall on an inch of paper (`printed_size`: a picture that bleeds prints
larger than its box). `resolution_problems` turns placed pictures
into the print variant's diagnostics: under `PRINT_PPI` a warning, under the block's `min-ppi`
an error, each naming the picture's source and the frame it is placed in.
"""

from __future__ import annotations

from typing import Literal

from msgspec import Struct

from ..diagnostics import Diagnostic, Severity, Span
from ..document import Image

__all__ = [
    "PRINT_PPI",
    "Crop",
    "PictureSource",
    "PlacedPicture",
    "contain_box",
    "cover_crop",
    "effective_ppi",
    "printed_size",
    "resolution_problems",
]

#: Pixels per inch a print shop asks of a picture at its printed size.
PRINT_PPI = 300
#: (left, top, right, bottom): the share of the picture cut off each edge, each 0-1.
Crop = tuple[float, float, float, float]


def cover_crop(pixels: tuple[int, int], box: tuple[float, float], focus: tuple[float, float]) -> Crop:
    """The crop that makes a picture of `pixels` (w, h) fill a `box` (w, h) around `focus`.

    `focus` (x, y) is the focal point as shares of the picture's width and height. Only one
    axis is cut: the one where the picture is relatively longer than the box. The window is
    centred on the focal point as far as the picture's edges allow, so the point stays inside.
    Raises ValueError for an empty picture or box.
    """
    (width_px, height_px), (box_w, box_h) = pixels, box
    if min(width_px, height_px) <= 0 or min(box_w, box_h) <= 0:
        raise ValueError(f"a picture of {pixels} pixels cannot fill a box of {box}")
    picture_ratio, box_ratio = height_px / width_px, box_h / box_w
    if picture_ratio > box_ratio:  # taller than the box: cut top and bottom
        kept = box_ratio / picture_ratio
        start = _window(kept, focus[1])
        return (0.0, start, 0.0, max(0.0, 1.0 - kept - start))
    kept = picture_ratio / box_ratio
    start = _window(kept, focus[0])
    return (start, 0.0, max(0.0, 1.0 - kept - start), 0.0)


def _window(kept: float, focus: float) -> float:
    """Where a window `kept` long (share of 1) starts so it is centred on `focus`, inside 0-1."""
    return min(max(focus - kept / 2, 0.0), 1.0 - kept)


def contain_box(ratio: float, box: tuple[float, float], align: str = "center") -> tuple[float, float, float]:
    """(x offset, width, height) of the largest box of `ratio` (height/width) inside `box`.

    The picture keeps to the top of the box; `align` ("left", "center", "right") places it
    across. Raises ValueError for a ratio that is not positive.
    """
    if ratio <= 0:
        raise ValueError(f"a picture's height/width ratio must be positive, not {ratio}")
    box_w, box_h = box
    width = min(box_w, box_h / ratio)
    room = box_w - width
    offset = {"left": 0.0, "center": room / 2, "right": room}.get(align, 0.0)
    return offset, width, width * ratio


def effective_ppi(pixels: tuple[int, int], crop: Crop, size: tuple[float, float]) -> float:
    """Pixels per inch of the visible part of a picture of `pixels` shown at `size` (points).

    The smaller of the two directions (they agree when the crop keeps the box's proportions).
    Raises ValueError for a size or visible part that is empty.
    """
    left, top, right, bottom = crop
    visible_w = pixels[0] * (1.0 - left - right)
    visible_h = pixels[1] * (1.0 - top - bottom)
    if size[0] <= 0 or size[1] <= 0 or visible_w <= 0 or visible_h <= 0:
        raise ValueError(f"no visible picture: {pixels} pixels, crop {crop}, shown {size} points")
    return min(visible_w / (size[0] / 72.0), visible_h / (size[1] / 72.0))


class PictureSource(Struct, frozen=True, eq=False):
    """Where a placed picture comes from: its name for people (`images.cover`, `the logo`),
    the span that names its file, the layout block that places it and its frame, and the
    lowest ppi that block accepts."""

    label: str
    picture: Span
    block: Span
    frame: str
    min_ppi: int


class PlacedPicture(Struct, frozen=True, eq=False):
    """A picture as drawn in a document (`image`), where it comes from, and the size it prints
    at in points (`printed`; None: the image's box; larger when it runs into the bleed)."""

    image: Image
    source: PictureSource
    printed: tuple[float, float] | None = None

    @property
    def ppi(self) -> float:
        size = self.printed or (self.image.width, self.image.height)
        return effective_ppi(self.image.pixels, self.image.crop, size)


def printed_size(image: Image, page: tuple[float, float], bleed: float) -> tuple[float, float]:
    """The size `image` prints at: its box, grown by `bleed` past each page edge it touches
    when it bleeds (the print variant fills that larger box, so its pixels spread further)."""
    if not image.bleed:
        return (image.width, image.height)
    touch = 0.01
    left, top = image.x <= touch, image.y <= touch
    right, bottom = image.x + image.width >= page[0] - touch, image.y + image.height >= page[1] - touch
    return (image.width + bleed * (left + right), image.height + bleed * (top + bottom))


def resolution_problems(placed: list[PlacedPicture]) -> list[Diagnostic]:
    """The print variant's resolution diagnostics: an error under the block's `min-ppi`, a
    warning under `PRINT_PPI`; one per picture and frame (the lowest ppi where it repeats)."""
    lowest: dict[tuple[str, Span], PlacedPicture] = {}
    for one in placed:
        key = (one.source.label, one.source.block)
        if key not in lowest or one.ppi < lowest[key].ppi:
            lowest[key] = one
    found = [_problem(one) for one in lowest.values()]
    return [problem for problem in found if problem is not None]


def _problem(placed: PlacedPicture) -> Diagnostic | None:
    ppi, source = placed.ppi, placed.source
    if ppi >= PRINT_PPI:
        return None
    severity: Literal["error", "warning"] = "error" if ppi < source.min_ppi else "warning"
    image = placed.image
    width, height = placed.printed or (image.width, image.height)
    size = f"{width / 72 * 25.4:.0f} × {height / 72 * 25.4:.0f} mm"
    needed = _pixels_for(image.crop, (width, height), PRINT_PPI)
    hints = [f"for {PRINT_PPI} ppi at this size it needs about {needed[0]} × {needed[1]} pixels"]
    if severity == "error":
        hints.append(f"or let the block accept it: 'min-ppi: {int(ppi)}' (prints visibly soft)")
    return Diagnostic(
        source.picture,
        f"{source.label} prints at {ppi:.0f} ppi in frame '{source.frame}' ({size}); "
        f"print needs {PRINT_PPI}"
        + (f", and under {source.min_ppi} is refused" if severity == "error" else ""),
        tuple(hints),
        Severity.ERROR if severity == "error" else Severity.WARNING,
        ((source.block, f"placed here, in frame '{source.frame}'"),),
    )


def _pixels_for(crop: Crop, size: tuple[float, float], ppi: int) -> tuple[int, int]:
    """The whole picture's pixels that would give `ppi` at `size` (points) with `crop`."""
    left, top, right, bottom = crop
    width = size[0] / 72 * ppi / max(1e-9, 1 - left - right)
    height = size[1] / 72 * ppi / max(1e-9, 1 - top - bottom)
    return round(width), round(height)
