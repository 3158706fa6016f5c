"""Graphic blocks: image, band, rule and spacer — layout settings in, pictures and shapes out.

Images are checked by `loaders.images` (PNG or JPEG, inside the project folder).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...diagnostics import Diagnostic
from ...document import Image, Item, Shape
from ...loaders.images import check_picture
from ...model.layout import Band, ImageBlock, Rule, Spacer
from ..geometry import MM
from .base import Content, Ctx, Placed

__all__ = ["bind_graphic", "place_band", "place_image", "place_rule", "place_spacer"]


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
    checked = check_picture(ctx.root, block.src, ctx.layout.span((*at, "src")))
    if isinstance(checked, Diagnostic):
        ctx.problems.append(checked)
        return None
    return checked.path, checked.ratio


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
