"""The layout tree's binding: a layout, the profile and the theme in; bound pages of nodes out.

Each page template becomes a `BoundPage`: its fixed frames and its flow as nodes (see
`compose.nodes`), its notes and bookmark filled, and its reading order. A template with
`repeat: <list>` becomes one bound page per item. Frames are bound in reading order, so
heading levels follow it. Problems go to `Ctx.problems` and the binder's; every text is
bound here, before any font is loaded.

- `context`: `Ctx`, `Where`;  `scope`: `{item…}` on repeated pages;
- `text`: headings, paragraphs, lists;  `lists`: cards and timelines over a profile list;
- `facts`: key figures and charts;  `graphics`: pictures, rules, spacers;
- `frames`: fixed frames and flows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from ...document import Color
from ...loaders.layout import LoadedLayout
from ...model.layout import Frame, PageTemplate
from ..nodes import Node
from .context import Ctx, Where
from .frames import FixedFrame, FlowRegion, bind_fixed, bind_flow
from .lists import profile_list
from .scope import ItemBinder

__all__ = ["BoundPage", "Ctx", "FixedFrame", "FlowRegion", "Where", "bind_pages"]


class BoundPage(Struct, frozen=True, eq=False):
    """A page template bound to the profile (one item of it, for `repeat` templates).

    `frames` are its fixed frames by their index in the template; `order` lists the frames in
    reading order: such an index, or None for the flow.
    """

    name: str
    index: int
    frames: dict[int, FixedFrame]
    flow: FlowRegion | None
    order: tuple[int | None, ...]
    notes: str
    bookmark: str | None
    background: Color | None

    def nodes(self) -> Iterator[Node]:
        """Every frame's node, in reading order (the flow's frames where the flow stands)."""
        for entry in self.order:
            if entry is None:
                assert self.flow is not None
                yield self.flow.node
            else:
                yield self.frames[entry].node


def bind_pages(layout: LoadedLayout, ctx: Ctx) -> list[BoundPage]:
    """Every page template bound, in order (a `repeat` template once per item)."""
    pages = []
    for index, template in enumerate(layout.layout.pages):
        if template.repeat is None:
            pages.append(_bind_page(layout, template, index, ctx, template.name))
            continue
        items = profile_list(ctx, template.repeat, ("pages", index, "repeat"))
        for i in range(len(items)):
            scoped = ctx.with_binder(ItemBinder(ctx.binder, template.repeat, i))
            page = _bind_page(layout, template, index, scoped, f"{template.name}#{i + 1}")
            pages.append(page if i == 0 else replace(page, bookmark=None))
    return pages


def _bind_page(layout: LoadedLayout, template: PageTemplate, index: int, ctx: Ctx, key: str) -> BoundPage:
    """Bind the page's frames in reading order (so heading levels follow it)."""
    at: tuple[Any, ...] = ("pages", index)
    order = _order(template)
    frames: dict[int, FixedFrame] = {}
    flow = None
    for entry in order:
        if entry is None:
            flow = bind_flow(layout.layout, template, at, key, ctx)
        else:
            frame_at = (*at, "frames", entry)
            frames[entry] = bind_fixed(layout.layout, template.frames[entry], frame_at, key, ctx)
    notes = ctx.binder.template(template.notes, (*at, "notes")).text if template.notes else ""
    bookmark = ctx.binder.template(template.bookmark, (*at, "bookmark")).text if template.bookmark else None
    background = (
        ctx.color(template.background, (*at, "background"), "background") if template.background else None
    )
    return BoundPage(template.name, index, frames, flow, order, notes, bookmark, background)


def _order(template: PageTemplate) -> tuple[int | None, ...]:
    """Reading order: frames that only paint a background first, then the frames as listed,
    the flow (None) where its first frame stands."""
    frames = template.frames
    decoration = [i for i, frame in enumerate(frames) if not frame.flows and _decoration(frame)]
    order: list[int | None] = list(decoration)
    for i, frame in enumerate(frames):
        if frame.flows:
            if None not in order:
                order.append(None)
        elif i not in decoration:
            order.append(i)
    return tuple(order)


def _decoration(frame: Frame) -> bool:
    """A frame that holds only a fill or bands."""
    return all(block.type == "band" for block in frame.blocks) and bool(frame.blocks or frame.fill)
