"""Frames: a frame's bound blocks in, its items stacked and fitted inside the frame's box out.

Blocks stack from the top (or centre, or bottom) of the frame, `gap` apart. When they are
taller than the frame, the `shrink` fit policy scales their text down step by step, never
below `min-size`; what still does not fit is a diagnostic naming the frame and the profile
fields in it, each with its file:line — text is never clipped and never leaves the page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..diagnostics import Diagnostic
from ..document import Item, Shape, TextBox
from ..model.layout import Frame
from .blocks import Content, Ctx, Placed, place_block
from .blocks.base import space_before
from .geometry import MM, Box

__all__ = ["BoundFrame", "place_frame"]

_STEP = 0.94


@dataclass
class BoundFrame:
    frame: Frame
    at: tuple[Any, ...]
    box: Box
    contents: list[Content]


def place_frame(bound: BoundFrame, ctx: Ctx) -> list[Item]:
    """The frame's items: its fill, bands, then its blocks, fitted. Problems go to ctx."""
    frame = bound.frame
    inner = bound.box.inset(frame.padding * MM)
    items: list[Item] = []
    if frame.fill:
        items.append(
            Shape(
                "rect",
                bound.box.x,
                bound.box.y,
                bound.box.width,
                bound.box.height,
                fill=ctx.color(frame.fill, (*bound.at, "fill"), "surface"),
                name=f"{frame.name}-fill",
            )
        )
    for content in bound.contents:
        if content.block.type == "band":
            items.append(
                Shape(
                    "rect",
                    bound.box.x,
                    bound.box.y,
                    bound.box.width,
                    bound.box.height,
                    fill=content.data["fill"],
                    radius=content.block.radius,
                    name=f"{frame.name}-band",
                )
            )
    stack = [c for c in bound.contents if c.block.type != "band"]
    if not stack:
        return items
    placed, height = _fit(bound, ctx, stack, inner)
    top = inner.y + _valign_offset(frame, inner.height - height)
    blocks: list[Item] = []
    for content, block in zip(stack, placed, strict=True):
        top += space_before(content.block)
        blocks += block.draw(inner.x, top)
        top += block.height + frame.gap * MM
    return items + _with_role(blocks, frame)


def _fit(bound: BoundFrame, ctx: Ctx, stack: list[Content], inner: Box) -> tuple[list[Placed], float]:
    frame = bound.frame
    scale = 1.0
    while True:
        ctx.ts.broke_words = False
        placed = [_place(c, ctx, inner.width, scale) for c in stack]
        height = _stack_height(stack, placed, frame)
        if height <= inner.height + 0.01 and not ctx.ts.broke_words:
            return placed, height
        smallest = min((p.min_size for p in placed), default=1e9)
        next_scale = max(scale * _STEP, scale * frame.fit.min_size / smallest) if smallest < 1e9 else scale
        if frame.fit.policy == "none" or next_scale >= scale - 1e-6:
            ctx.problems.append(_overflow(bound, ctx, stack, height, inner.height, ctx.ts.broke_words))
            return placed, height
        scale = next_scale


def _place(content: Content, ctx: Ctx, width: float, scale: float) -> Placed:
    placed = place_block(content, ctx, width, scale)
    assert placed is not None
    return placed


def _stack_height(stack: list[Content], placed: list[Placed], frame: Frame) -> float:
    gaps = frame.gap * MM * (len(placed) - 1)
    return sum(p.height for p in placed) + gaps + sum(space_before(c.block) for c in stack)


def _valign_offset(frame: Frame, free: float) -> float:
    if free <= 0 or frame.valign == "top":
        return 0.0
    return free / 2 if frame.valign == "middle" else free


def _overflow(
    bound: BoundFrame, ctx: Ctx, stack: list[Content], needed: float, has: float, broke_words: bool
) -> Diagnostic:
    frame = bound.frame
    fields = []
    for content in stack:
        for text, _ in content.texts:
            if text.field and text.profile_span and (text.profile_span, text.field) not in fields:
                fields.append((text.profile_span, text.field))
    related = tuple((span, f"profile field '{field}' is set in this frame") for span, field in fields[:6])
    policy = "even at the smallest size allowed" if frame.fit.policy == "shrink" else "(fit policy 'none')"
    if broke_words:
        what = "a word is wider than its column"
    else:
        what = f"it needs {needed / MM:.1f} mm, the frame has {has / MM:.1f} mm"
    return Diagnostic(
        ctx.layout.span((*bound.at, "name")),
        f"text does not fit frame '{frame.name}' {policy}: {what}",
        ("shorten the text, make the frame larger, or lower 'fit: min-size'",),
        related=related,
    )


def _with_role(items: list[Item], frame: Frame) -> list[Item]:
    """Give the frame's first text box the frame's role (a deck placeholder: title, body)."""
    if frame.role is None:
        return items
    for i, item in enumerate(items):
        if isinstance(item, TextBox):
            items[i] = replace(item, role=frame.role, name=frame.name)
            break
    return items
