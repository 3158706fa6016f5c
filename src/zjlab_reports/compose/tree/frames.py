"""Frames and flows: a page template's frames (and flow) in; `FrameNode`s with their boxes out.

A fixed frame becomes a `FrameNode` of its box's size; the frames with `height: auto` become
the page's flow: a `Stack` of frames as tall as their content (frames marked `beside` join
the one before in a `Row`), to be laid out down the flow's region and on continuation pages;
a flow frame whose profile fields are all empty is left out (not its labels alone). Blocks
become the frames' children; bands become the frame's backgrounds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from msgspec import Struct

from ...diagnostics import Diagnostic
from ...model.layout import Band, Frame, Layout, PageTemplate
from ..geometry import MM, Box, across_mm, frame_box
from ..nodes import FrameNode, Node, Row, Stack, texts_of
from .context import Ctx, Where, field_of
from .facts import bind_chart, bind_figures
from .graphics import bind_image, bind_rule, bind_spacer
from .lists import bind_cards, bind_timeline
from .text import bind_list, bind_text

__all__ = ["FixedFrame", "FlowRegion", "bind_fixed", "bind_flow"]

_BLOCKS: dict[str, Callable[[Any, Where, Ctx], Node | None]] = {
    "heading": bind_text,
    "paragraph": bind_text,
    "list": bind_list,
    "figures": bind_figures,
    "cards": bind_cards,
    "timeline": bind_timeline,
    "chart": bind_chart,
    "image": bind_image,
    "rule": bind_rule,
    "spacer": bind_spacer,
}


class FixedFrame(Struct, frozen=True, eq=False):
    """A frame at a fixed place: its node (as large as `box`), where it is in the layout, and
    its model (fit policy, `repeat`, `role`)."""

    node: FrameNode
    box: Box
    at: tuple[Any, ...]
    frame: Frame

    @property
    def repeated(self) -> bool:
        """Drawn again on continuation pages: marked `repeat`, or the page's title."""
        return self.frame.repeat or self.frame.role == "title"


class FlowRegion(Struct, frozen=True, eq=False):
    """A flow: its frames stacked (`node`), the region they flow down, where it is in the
    layout, and where each of its frames is (by name)."""

    node: Stack
    box: Box
    at: tuple[Any, ...]
    names: dict[str, tuple[Any, ...]]


def _content(holder: Frame, where: Where, ctx: Ctx) -> tuple[Stack, tuple[Any, ...]]:
    """The frame's blocks as a stack, and its bands (colour, radius)."""
    children: list[Node] = []
    before: list[float] = []
    bands = []
    for b, block in enumerate(holder.blocks):
        at = where.block(b)
        if isinstance(block, Band):
            bands.append((ctx.color(block.fill, (*at.at, "fill"), "primary"), block.radius))
            continue
        node = _BLOCKS[block.type](block, at, ctx)
        if node is not None:
            children.append(node)
            before.append(block.space_before * MM)
    return Stack(tuple(children), tuple(before), holder.gap * MM), tuple(bands)


def shows_nothing(holder: Frame, node: FrameNode) -> bool:
    """True for a frame whose blocks refer to the profile but show none of it (every field
    they name is empty): what is left are its labels, so a flow leaves the frame out."""
    if not any(_refers(block) for block in holder.blocks):
        return False
    return not any(bound.field or bound.parts for bound, _ in texts_of(node))


def _refers(block: Any) -> bool:
    """Whether a block shows something from the profile (a list, facts, a `{field}`)."""
    if field_of(block, "bind") or field_of(block, "facts"):
        return True
    texts = [field_of(block, key) for key in ("text", "title")] + list(field_of(block, "items") or [])
    return any("{" in (text if isinstance(text, str) else text.en + text.zh) for text in texts if text)


def _frame_node(holder: Frame, at: tuple[Any, ...], key: str, ctx: Ctx, **place: Any) -> FrameNode:
    """The frame's node: its blocks, padding, fill and bands; `place` sets where it stands."""
    content, bands = _content(holder, Where(at, holder.name, holder.role, key), ctx)
    fill = ctx.color(holder.fill, (*at, "fill"), "surface") if holder.fill else None
    padding = holder.padding * MM
    return FrameNode(content, holder.name, padding, fill, bands, holder.role, holder.valign, **place)


def bind_fixed(layout: Layout, frame: Frame, at: tuple[Any, ...], key: str, ctx: Ctx) -> FixedFrame:
    box = frame_box(layout, frame)
    node = _frame_node(
        frame, at, f"{key}/{frame.name}", ctx, width=box.width, height=box.height, bleed=frame.bleed
    )
    return FixedFrame(node, box, at, frame)


def bind_flow(layout: Layout, template: PageTemplate, at: tuple[Any, ...], key: str, ctx: Ctx) -> FlowRegion:
    """The page's flow: its `height: auto` frames stacked, frames marked `beside` in rows."""
    assert template.flow is not None
    box = frame_box(layout, template.flow)
    gap = (template.flow.gap if template.flow.gap is not None else ctx.look.flow.gap) * MM
    frames: list[Node] = []
    names = {}
    for f, frame in enumerate(template.frames):
        if not frame.flows:
            continue
        frame_at = (*at, "frames", f)
        names[frame.name] = frame_at
        node = _flow_frame(layout, frame, frame_at, box, f"{key}/{frame.name}", ctx)
        if shows_nothing(frame, node):
            continue
        if frame.beside and frames:
            last = frames.pop()
            frames.append(Row((*(last.frames if isinstance(last, Row) else (last,)), node), gap))
        else:
            frames.append(node)
    stack = Stack(tuple(frames), (0.0,) * len(frames), gap, spread=template.flow.spread)
    return FlowRegion(stack, box, (*at, "flow"), names)


def _flow_frame(layout: Layout, frame: Frame, at: tuple[Any, ...], box: Box, key: str, ctx: Ctx) -> FrameNode:
    x, width = _across(layout, frame, at, box, ctx)
    least = frame.min_height * MM if frame.min_height else 0.0
    return _frame_node(frame, at, key, ctx, x=x, width=width, min_height=least)


def _across(layout: Layout, frame: Frame, at: tuple[Any, ...], box: Box, ctx: Ctx) -> tuple[float, float]:
    """(x inside the flow, width) of a flow frame, in points; the flow's width when not placed."""
    if frame.column is None and frame.x is None:
        return 0.0, box.width
    left, width = across_mm(layout, frame)
    x = left * MM - box.x
    if x < -0.01 or x + width * MM > box.width + 0.01:
        ctx.problems.append(
            Diagnostic(
                ctx.layout.span((*at, "name")),
                f"frame '{frame.name}' lies outside the flow: it spans x {left:.1f}–{left + width:.1f} mm, "
                f"the flow {box.x / MM:.1f}–{box.right / MM:.1f} mm",
                ("place it inside the flow's columns, or leave out its 'column' and 'span'",),
            )
        )
        return 0.0, box.width
    return x, width * MM
