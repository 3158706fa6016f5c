"""Graphic blocks: image, band, rule and spacer — layout settings in, pictures and shapes out.

Images must be PNG or JPEG files inside the project folder: a path that leaves it
(`../../etc/passwd`), a missing file or a file that is not a picture is a diagnostic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from ...diagnostics import Diagnostic
from ...document import Image, Item, Shape
from ...model.layout import Band, ImageBlock, Rule, Spacer
from ..geometry import MM
from .base import Content, Ctx, Placed

__all__ = ["bind_graphic", "place_band", "place_image", "place_rule", "place_spacer"]

MAX_IMAGE_PIXELS = 40_000_000


def bind_graphic(block: Any, at: tuple[Any, ...], ctx: Ctx) -> Content:
    content = Content(block, at)
    if isinstance(block, ImageBlock):
        content.data["image"] = _image(block, at, ctx)
        content.data["alt"] = ctx.binder.template(block.alt, (*at, "alt"))
    if isinstance(block, Band):
        content.data["fill"] = ctx.color(block.fill, (*at, "fill"), "primary")
    if isinstance(block, Rule):
        content.data["color"] = ctx.color(block.color, (*at, "color"), "accent")
    return content


def _image(block: ImageBlock, at: tuple[Any, ...], ctx: Ctx) -> tuple[Path, float] | None:
    """(resolved path, height/width ratio), or None after a diagnostic."""
    span = ctx.layout.span((*at, "src"))
    root = ctx.root.resolve()
    path = (root / block.src).resolve()
    if not path.is_relative_to(root):
        ctx.problems.append(
            Diagnostic(
                span,
                f"image '{block.src}' is outside the project folder",
                ("put pictures in the project, e.g. under assets/",),
            )
        )
        return None
    if not path.is_file():
        ctx.problems.append(
            Diagnostic(
                span,
                f"image '{block.src}' does not exist",
                (f"paths are relative to the project folder {root}",),
            )
        )
        return None
    try:
        with PILImage.open(path) as picture:
            kind, (w, h) = picture.format, picture.size
    except (UnidentifiedImageError, OSError, PILImage.DecompressionBombError):
        kind, w, h = None, 0, 0
    if kind not in ("PNG", "JPEG") or not w or not h or w * h > MAX_IMAGE_PIXELS:
        ctx.problems.append(
            Diagnostic(
                span, f"'{block.src}' is not a PNG or JPEG picture", ("export the picture as PNG or JPEG",)
            )
        )
        return None
    return path, h / w


def place_image(content: Content, ctx: Ctx, width: float, scale: float) -> Placed:
    found = content.data.get("image")
    if found is None:
        return Placed(0.0, lambda x, y: [])
    path, ratio = found
    block: ImageBlock = content.block
    height = block.height * MM if block.height else width * ratio
    alt = content.data["alt"].text

    def draw(x: float, y: float) -> list[Item]:
        return [Image(x, y, width, height, path, alt, name="image")]

    return Placed(height, draw)


def place_band(content: Content, ctx: Ctx, width: float, scale: float, *, height: float = 0.0) -> Placed:
    fill = content.data["fill"]
    radius = content.block.radius

    def draw(x: float, y: float) -> list[Item]:
        return [Shape("rect", x, y, width, height, fill=fill, radius=radius, name="band")]

    return Placed(height, draw)


def place_rule(content: Content, ctx: Ctx, width: float, scale: float) -> Placed:
    block: Rule = content.block
    color = content.data["color"]
    length = min(block.width * MM, width) if block.width else width

    def draw(x: float, y: float) -> list[Item]:
        return [Shape("rect", x, y, length, block.thickness, fill=color, name="rule")]

    return Placed(block.thickness, draw)


def place_spacer(content: Content, ctx: Ctx, width: float, scale: float) -> Placed:
    block: Spacer = content.block
    return Placed(block.height * MM, lambda x, y: [])
