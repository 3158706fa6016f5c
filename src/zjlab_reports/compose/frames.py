"""Frames: a frame's bound blocks in, its items stacked and fitted inside the frame's box out.

Blocks stack from the top (or centre, or bottom) of the frame, `gap` apart. When they are
taller than the frame (or a word is wider than its column), the fit policy decides:
`shrink` scales the frame's text down step by step, never below `min-size`; `continue` keeps
the size and hands what does not fit back as a `Flow`, to be set in the same frame on a
continuation page (text splits between lines). What still does not fit is a diagnostic naming
the frame and the profile fields in it, each with its file:line — text is never clipped and
never leaves the page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..diagnostics import Diagnostic
from ..document import Chart, Item, Shape, TextBox
from ..model.layout import Frame
from .blocks import Content, Ctx, Placed, place_block
from .blocks.base import space_before
from .geometry import MM, Box

__all__ = ["BoundFrame", "Flow", "place_flow", "place_frame"]

_STEP = 0.94

#: A measured block and the space above it, in points.
Spaced = tuple[float, Placed]


@dataclass
class BoundFrame:
    frame: Frame
    at: tuple[Any, ...]
    box: Box
    contents: list[Content]


@dataclass
class Flow:
    """What a `continue` frame could not hold: measured blocks for its next page."""

    bound: BoundFrame
    blocks: list[Spaced]


def place_frame(bound: BoundFrame, ctx: Ctx) -> tuple[list[Item], Flow | None]:
    """The frame's items (fill, bands, fitted blocks) and what flows on. Problems go to ctx."""
    frame = bound.frame
    inner = bound.box.inset(frame.padding * MM)
    stack = [c for c in bound.contents if c.block.type != "band"]
    if not stack:
        return _backgrounds(bound, ctx), None
    if frame.fit.policy == "continue":
        ctx.ts.broke_words = False
        blocks = [(space_before(c.block), _place(c, ctx, inner.width, 1.0)) for c in stack]
        if ctx.ts.broke_words:
            ctx.problems.append(_overflow(bound, ctx, 0.0, inner.height, broke_words=True))
        return place_flow(Flow(bound, blocks), ctx, first=True)
    placed, height = _fit(bound, ctx, stack, inner)
    spaced = [(space_before(c.block), p) for c, p in zip(stack, placed, strict=True)]
    return _backgrounds(bound, ctx) + _stacked(frame, inner, spaced, height), None


def place_flow(flow: Flow, ctx: Ctx, *, first: bool = False) -> tuple[list[Item], Flow | None]:
    """Set as much of `flow` as fits in its frame; return the items and what is left."""
    bound = flow.bound
    inner = bound.box.inset(bound.frame.padding * MM)
    kept, rest = _take(flow.blocks, inner.height, bound.frame.gap * MM)
    if rest and not kept and not first:  # not even one line fits an empty frame
        ctx.problems.append(_overflow(bound, ctx, rest[0][1].height, inner.height, broke_words=False))
        return [], None
    height = _height(kept, bound.frame.gap * MM)
    stacked = _stacked(bound.frame, inner, kept, height)
    if not _inside(stacked, bound.box):
        ctx.problems.append(_overflow(bound, ctx, height, inner.height, broke_words=True))
    items = _backgrounds(bound, ctx) + stacked
    return items, Flow(bound, rest) if rest else None


def _take(blocks: list[Spaced], room: float, gap: float) -> tuple[list[Spaced], list[Spaced]]:
    """The blocks (or first lines of a text block) that fit in `room` points, and the rest."""
    used = 0.0
    kept: list[Spaced] = []
    for i, (before, block) in enumerate(blocks):
        above = before + (gap if kept else 0.0)
        if used + above + block.height <= room + 0.01:
            kept.append((before, block))
            used += above + block.height
            continue
        head, tail = block.split(room - used - above) if block.split else (None, block)
        if head is not None:
            return [*kept, (before, head)], [(0.0, tail), *blocks[i + 1 :]]
        return kept, [(0.0 if kept else before, block), *blocks[i + 1 :]]
    return kept, []


def _height(blocks: list[Spaced], gap: float) -> float:
    return sum(before + block.height for before, block in blocks) + gap * max(len(blocks) - 1, 0)


def _stacked(frame: Frame, inner: Box, blocks: list[Spaced], height: float) -> list[Item]:
    top = inner.y + _valign_offset(frame, inner.height - height)
    items: list[Item] = []
    for before, block in blocks:
        top += before
        items += block.draw(inner.x, top)
        top += block.height + frame.gap * MM
    return _with_role(items, frame)


def _backgrounds(bound: BoundFrame, ctx: Ctx) -> list[Item]:
    """The frame's fill and its bands, under its blocks."""
    box, frame = bound.box, bound.frame
    fills = []
    if frame.fill:
        fills.append((ctx.color(frame.fill, (*bound.at, "fill"), "surface"), 0.0, "fill"))
    fills += [(c.data["fill"], c.block.radius, "band") for c in bound.contents if c.block.type == "band"]
    return [
        Shape(
            "rect",
            box.x,
            box.y,
            box.width,
            box.height,
            fill=color,
            radius=radius,
            name=f"{frame.name}-{what}",
        )
        for color, radius, what in fills
    ]


def _fit(bound: BoundFrame, ctx: Ctx, stack: list[Content], inner: Box) -> tuple[list[Placed], float]:
    frame = bound.frame
    gap = frame.gap * MM
    scale = 1.0
    while True:
        ctx.ts.broke_words = False
        placed = [_place(c, ctx, inner.width, scale) for c in stack]
        spaced = [(space_before(c.block), p) for c, p in zip(stack, placed, strict=True)]
        height = _height(spaced, gap)
        fits = height <= inner.height + 0.01 and not ctx.ts.broke_words
        if fits and _inside(_stacked(frame, inner, spaced, height), bound.box):
            return placed, height
        smallest = min((p.min_size for p in placed), default=1e9)
        next_scale = max(scale * _STEP, scale * frame.fit.min_size / smallest) if smallest < 1e9 else scale
        if frame.fit.policy == "none" or next_scale >= scale - 1e-6:
            ctx.problems.append(_overflow(bound, ctx, height, inner.height, ctx.ts.broke_words))
            return placed, height
        scale = next_scale


def _inside(items: list[Item], box: Box) -> bool:
    """True when every item (and every part of a chart's drawing) lies within `box`."""
    for item in items:
        if isinstance(item, Chart) and not _inside(list(item.drawing), box):
            return False
        left, right = sorted((item.x, item.x + item.width))
        top, bottom = sorted((item.y, item.y + item.height))
        if (
            left < box.x - 0.01
            or top < box.y - 0.01
            or right > box.right + 0.01
            or bottom > box.bottom + 0.01
        ):
            return False
    return True


def _place(content: Content, ctx: Ctx, width: float, scale: float) -> Placed:
    placed = place_block(content, ctx, width, scale)
    assert placed is not None
    return placed


def _valign_offset(frame: Frame, free: float) -> float:
    if free <= 0 or frame.valign == "top":
        return 0.0
    return free / 2 if frame.valign == "middle" else free


def _overflow(bound: BoundFrame, ctx: Ctx, needed: float, has: float, broke_words: bool) -> Diagnostic:
    frame = bound.frame
    fields = []
    for content in bound.contents:
        for text, _ in content.texts:
            if text.field and text.profile_span and (text.profile_span, text.field) not in fields:
                fields.append((text.profile_span, text.field))
    related = tuple((span, f"profile field '{field}' is set in this frame") for span, field in fields[:6])
    policy = {
        "shrink": "even at the smallest size allowed",
        "continue": "even on a continuation page",
        "none": "(fit policy 'none')",
    }[frame.fit.policy]
    what = (
        "a word is wider than its column"
        if broke_words
        else f"it needs {needed / MM:.1f} mm, the frame has {has / MM:.1f} mm"
    )
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
