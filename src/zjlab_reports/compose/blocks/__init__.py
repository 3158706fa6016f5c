"""Blocks: each layout block type bound to the profile (`bind`) and measured into items (`place`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .base import Content, Ctx, Placed
from .cards import bind_cards, bind_timeline, place_cards, place_timeline
from .chart import bind_chart, place_chart
from .figures import bind_figures, place_figures
from .graphics import bind_graphic, place_image, place_rule, place_spacer
from .text import bind_list, bind_text, place_list, place_text

__all__ = ["Content", "Ctx", "Placed", "bind_block", "place_block"]

Binder = Callable[[Any, tuple[Any, ...], Ctx], Content]
Placer = Callable[[Content, Ctx, float, float], Placed]

_HANDLERS: dict[str, tuple[Binder, Placer | None]] = {
    "heading": (bind_text, place_text),
    "paragraph": (bind_text, place_text),
    "list": (bind_list, place_list),
    "figures": (bind_figures, place_figures),
    "cards": (bind_cards, place_cards),
    "timeline": (bind_timeline, place_timeline),
    "chart": (bind_chart, place_chart),
    "image": (bind_graphic, place_image),
    "band": (bind_graphic, None),  # fills its frame: drawn by the frame, not stacked
    "rule": (bind_graphic, place_rule),
    "spacer": (bind_graphic, place_spacer),
}


def bind_block(block: Any, at: tuple[Any, ...], ctx: Ctx) -> Content:
    """Bind one block to the profile; problems go to `ctx.problems`."""
    return _HANDLERS[block.type][0](block, at, ctx)


def place_block(content: Content, ctx: Ctx, width: float, scale: float) -> Placed | None:
    """Measure one bound block at `width` points and text `scale`; None for frame fills."""
    placer = _HANDLERS[content.block.type][1]
    return placer(content, ctx, width, scale) if placer else None
