"""Boxes: a stack, a card (panel), a frame or a row of frames and a region in; fragments out.

A `Stack` breaks between its children (and inside those that break), WeasyPrint style: each
child is asked to lay out in the room left; what does not fit, and every child after it, is
the stack's rest. A child that ends with a heading keeps with the next: when not even the
first part of the next child fits after it, it moves on with it. A frame lays out its content
inside its padding, on its fill and bands (a frame with a fill moves on whole rather than
break, unless it is taller than a whole region); cards and rows of frames are kept whole.
"""

from __future__ import annotations

import math
from typing import Any

from msgspec.structs import replace

from ...document import Chart, Item, Shape, TextBox
from ..nodes import FrameNode, Node, Panel, Row, Stack, is_sticky
from . import dispatch
from .env import Env
from .graphics import whole
from .regions import EPSILON, Fragment, Laid, Region, changed, stacked

__all__ = ["lay_frame", "lay_panel", "lay_row", "lay_stack"]

_SHARE = {"top": 0.0, "middle": 0.5, "bottom": 1.0}


def lay_stack(node: Stack, region: Region, env: Env) -> Laid:
    parts: list[tuple[float, float, Fragment]] = []
    y = 0.0
    for i, child in enumerate(node.children):
        before = node.before[i] + (node.gap if parts else 0.0)
        room = _room(node, i, region, y)
        laid = dispatch.lay(child, room, env)
        if laid.fragment is None or (
            laid.rest is None
            and _moves_with_next(node, i, room, region, y + (before + laid.fragment.height), env)
        ):
            if not parts:
                return Laid(None)
            return Laid(stacked(region.width, y, parts), _rest(node, i, child))
        parts.append((0.0, y + before, laid.fragment))
        y += before + laid.fragment.height
        if laid.rest is not None:
            return Laid(stacked(region.width, y, parts), _rest(node, i, laid.rest))
    if node.spread and region.height < math.inf:
        parts, y = _spread(node, parts, region.height)
    return Laid(stacked(region.width, y, parts))


def _room(node: Stack, i: int, region: Region, y: float) -> Region:
    """The room child `i` of the stack gets in `region`, `y` points down (its children above)."""
    before = node.before[i] + (node.gap if i else 0.0)
    return Region(region.width, region.height - y - before, region.more, region.fresh and not i)


def _spread(node: Stack, parts: list[tuple[float, float, Fragment]], room: float) -> tuple[list[Any], float]:
    """Share the room left between the gaps, except those after a heading (kept close)."""
    opens = [i for i in range(1, len(parts)) if not is_sticky(node.children[i - 1])]
    used = parts[-1][1] + parts[-1][2].height if parts else 0.0
    if not opens or room <= used:
        return parts, used
    share = (room - used) / len(opens)
    moved = [
        (x, top + share * sum(1 for i in opens if i <= k), part) for k, (x, top, part) in enumerate(parts)
    ]
    return moved, room


def _moves_with_next(node: Stack, i: int, room: Region, region: Region, below: float, env: Env) -> bool:
    """True when child `i` (laid in `room`, its foot `below` points down the stack's `region`)
    keeps with the next, which has no room after it here. The next child's room is the one
    `lay_stack` then gives it (`_room`, to the last bit), so it is laid out once."""
    if not (is_sticky(node.children[i]) and i + 1 < len(node.children) and room.more and not room.fresh):
        return False
    return dispatch.lay(node.children[i + 1], _room(node, i + 1, region, below), env).fragment is None


def _rest(node: Stack, i: int, first: Node) -> Stack:
    """The stack from child `i` on, `first` in its place, with no space above it (never spread)."""
    return Stack((first, *node.children[i + 1 :]), (0.0, *node.before[i + 1 :]), node.gap)


def lay_panel(node: Panel, region: Region, env: Env) -> Laid:
    """A card: kept whole, at least `min_height` tall."""
    inner = Region(max(region.width - 2 * node.padding, 1.0))
    content = dispatch.lay(node.content, inner, env).fragment
    assert content is not None  # an unbounded region holds anything
    top = node.padding + node.accent_height
    height = max(content.height + top + node.padding, node.min_height)
    items: list[Item] = [
        Shape("rect", 0.0, 0.0, region.width, height, fill=node.fill, radius=node.radius, name=node.name)
    ]
    if node.accent is not None and node.accent_height > 0:
        items.append(
            Shape(
                "rect",
                0.0,
                0.0,
                region.width,
                node.accent_height,
                fill=node.accent,
                name=f"{node.name}-accent",
            )
        )
    body = stacked(region.width, height, [(node.padding, top, content)])
    fragment = replace(body, items=(*items, *body.items))
    return whole(fragment, region)


def lay_frame(node: FrameNode, region: Region, env: Env) -> Laid:
    """A frame `x` points into the region: backgrounds, then its content inside the padding."""
    width = node.width if node.width is not None else region.width - node.x
    pad = node.padding
    outer = node.height if node.height is not None else region.height
    inner = Region(max(width - 2 * pad, 1.0), outer - 2 * pad, region.more, region.fresh)
    laid = dispatch.lay(node.content, inner, env)
    if laid.fragment is None or (laid.rest is not None and _moves_whole(node, region)):
        return Laid(None)
    content = laid.fragment
    natural = content.height + 2 * pad
    height = node.height if node.height is not None else max(natural, node.min_height)
    offset = max(height - natural, 0.0) * _SHARE[node.valign]
    overflow = max(content.overflow, natural - outer, 0.0)  # stands out of its box, or its region
    body = stacked(region.width, height, [(node.x + pad, pad + offset, content)])
    items = [*_backgrounds(node, width, height), *_with_role(_in_frame(body.items, node.name), node)]
    trouble = content.trouble or (node.name if overflow > EPSILON or content.wide > EPSILON else "")
    fragment = replace(body, items=tuple(items), overflow=overflow, trouble=trouble)
    rest = None
    if laid.rest is not None:
        assert isinstance(laid.rest, Stack)  # a stack's rest is a stack
        rest = replace(node, content=laid.rest)
    return Laid(fragment, rest)


def _moves_whole(node: FrameNode, region: Region) -> bool:
    """A frame on a fill or band is kept whole: rather than break, it moves on to the next
    region (where, if it is taller than a whole region, it breaks after all)."""
    return (node.fill is not None or bool(node.bands)) and region.more and not region.fresh


def _backgrounds(node: FrameNode, width: float, height: float) -> list[Item]:
    """The frame's fill and its bands, under its content (decoration)."""
    fills = [(node.fill, 0.0, "fill")] if node.fill is not None else []
    fills += [(color, radius, "band") for color, radius in node.bands]
    return [
        Shape(
            "rect",
            node.x,
            0.0,
            width,
            height,
            fill=color,
            radius=radius,
            name=f"{node.name}-{what}",
            bleed=node.bleed,
        )
        for color, radius, what in fills
    ]


def _in_frame(items: tuple[Item, ...], name: str) -> list[Item]:
    """The items with their text boxes (a chart's labels too) marked as set in frame `name`."""
    out: list[Item] = []
    for item in items:
        if isinstance(item, TextBox) and not item.frame:
            item = changed(item, frame=name)
        elif isinstance(item, Chart):
            item = changed(item, drawing=tuple(_in_frame(item.drawing, name)))
        out.append(item)
    return out


def _with_role(items: list[Item], node: FrameNode) -> list[Item]:
    """Give the frame's first text box the frame's role (a deck placeholder: title, body)."""
    if node.role is None:
        return items
    for i, item in enumerate(items):
        if isinstance(item, TextBox):
            items[i] = changed(item, role=node.role, name=node.name)
            break
    return items


def lay_row(node: Row, region: Region, env: Env) -> Laid:
    """Frames side by side, each stretched to the tallest; kept whole. A row taller than a
    whole region becomes a stack of its frames (each keeps its columns), which may break."""
    loose = Region(region.width)
    heights = [_height(lay_frame(frame, loose, env)) for frame in node.frames]
    tallest = max(heights, default=0.0)
    if region.more and region.fresh and not region.fits(tallest):
        return lay_stack(Stack(node.frames, (0.0,) * len(node.frames), node.gap), region, env)
    parts = [
        (0.0, 0.0, _fragment(lay_frame(replace(f, min_height=tallest), loose, env))) for f in node.frames
    ]
    return whole(stacked(region.width, tallest, parts), region)


def _height(laid: Laid) -> float:
    return _fragment(laid).height


def _fragment(laid: Laid) -> Fragment:
    assert laid.fragment is not None  # an unbounded region holds anything
    return laid.fragment
