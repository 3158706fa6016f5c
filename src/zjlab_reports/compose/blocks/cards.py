"""Cards and timeline: a profile list in, one card (or milestone) per item on an adaptive grid out."""

from __future__ import annotations

import math
from typing import Any

from ...diagnostics import Diagnostic
from ...document import Item, Shape
from ...model.layout import Cards, Timeline
from ...model.profile import Milestone
from ..bind import Bound
from ..geometry import MM
from .base import Content, Ctx, Placed, set_paragraphs, text_box

__all__ = ["bind_cards", "bind_timeline", "grid_columns", "place_cards", "place_timeline"]

_GAP = 5 * MM
_CARD_GAPS = {"number": 0.3, "title": 0.3, "body": 0.0}  # space after each, x its leading
_STEP_GAPS = {"when": 0.0, "title": 0.25, "body": 0.0}


def grid_columns(count: int, width: float, min_width: float, gap: float) -> int:
    """Columns for `count` cards: as many as fit at `min_width`, then balanced over the rows."""
    if count <= 0:
        return 1
    fit = max(1, int((width + gap) // (min_width + gap)))
    columns = min(count, fit)
    rows = math.ceil(count / columns)
    return math.ceil(count / rows)


def _items(ctx: Ctx, path: str, at: tuple[Any, ...]) -> list[Any]:
    value = ctx.binder.value(path, at)
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        ctx.problems.append(
            Diagnostic(
                ctx.layout.span(at),
                f"'{path}' is not a list",
                ("cards show one item of a list each, e.g. 'focus_areas'",),
            )
        )
        return []
    return list(value)


def bind_cards(block: Cards, at: tuple[Any, ...], ctx: Ctx) -> Content:
    content = Content(block, at)
    roles = {
        k: ctx.role(getattr(block, f"{k}_style"), (*at, f"{k}-style")) for k in ("number", "title", "body")
    }
    cards = []
    for i, _item in enumerate(_items(ctx, block.bind, (*at, "bind"))):
        card: dict[str, Bound] = {}
        if block.number:
            card["number"] = content.add(Bound(f"{i + 1:02d}", ctx.layout.span(at)), roles["number"])
        for key, field in (("title", block.title), ("body", block.body)):
            if field is None:
                continue
            path = f"{block.bind}.{i}" if field == "." else f"{block.bind}.{i}.{field}"
            value = ctx.binder.value(path, (*at, key))
            if value is not None:
                card[key] = content.add(ctx.binder.bound(value, path, (*at, key)), roles[key])
        cards.append(card)
    content.data.update(cards=cards, roles=roles)
    return content


def place_cards(content: Content, ctx: Ctx, width: float, scale: float) -> Placed:
    block: Cards = content.block
    cards: list[dict[str, Bound]] = content.data["cards"]
    if not cards:
        return Placed(0.0, lambda x, y: [])
    columns = grid_columns(len(cards), width, block.min_width * MM, _GAP)
    card_w = (width - _GAP * (columns - 1)) / columns
    pad = 4 * MM if ctx.kind == "brochure" else 5 * MM
    styles = {k: ctx.ts.style(r, scale=scale) for k, r in content.data["roles"].items()}
    inner = [_texts(ctx, card, styles, card_w - 2 * pad, _CARD_GAPS) for card in cards]
    content_h = max(sum(h for _, h, _ in parts) for parts in inner)
    card_h = max(block.height * MM if block.height else 0.0, content_h + 2 * pad + 3.0)
    rows = math.ceil(len(cards) / columns)
    height = rows * card_h + (rows - 1) * _GAP
    fill = ctx.color(block.fill, (*content.at, "fill"), "surface")
    accent = ctx.color(block.accent, (*content.at, "accent"), "accent")

    def draw(x: float, y: float) -> list[Item]:
        items: list[Item] = []
        for i, parts in enumerate(inner):
            cx = x + (i % columns) * (card_w + _GAP)
            cy = y + (i // columns) * (card_h + _GAP)
            items.append(Shape("rect", cx, cy, card_w, card_h, fill=fill, radius=3.0, name=f"card-{i + 1}"))
            items.append(Shape("rect", cx, cy, card_w, 3.0, fill=accent, name=f"card-{i + 1}-accent"))
            top = cy + pad + 3.0
            for paragraphs, h, key in parts:
                items.append(text_box(cx + pad, top, card_w - 2 * pad, h, paragraphs, f"card-{i + 1}-{key}"))
                top += h
        return items

    return Placed(height, draw, min(s.size for s in styles.values()))


def _texts(
    ctx: Ctx, texts: dict[str, Bound], styles: dict[str, Any], width: float, gaps: dict[str, float]
) -> list[Any]:
    """Set each text of a card or milestone; (paragraphs, height + gap after, key) for each.

    `gaps` maps each key to set, in order, to the space after it as a fraction of its leading.
    """
    parts = []
    for key, gap in gaps.items():
        if key in texts:
            paragraphs, h = set_paragraphs(ctx.ts, [texts[key].text], styles[key], width)
            parts.append((paragraphs, h + styles[key].leading * gap, key))
    return parts


def bind_timeline(block: Timeline, at: tuple[Any, ...], ctx: Ctx) -> Content:
    content = Content(block, at)
    roles = {
        k: ctx.role(getattr(block, f"{k}_style"), (*at, f"{k}-style")) for k in ("when", "title", "body")
    }
    steps = []
    for i, item in enumerate(_items(ctx, block.bind, (*at, "bind"))):
        if not isinstance(item, Milestone):
            ctx.problems.append(
                Diagnostic(
                    ctx.layout.span((*at, "bind")),
                    f"'{block.bind}' is not a list of milestones",
                    ("bind 'milestones'",),
                )
            )
            return content
        path = f"{block.bind}.{i}"
        steps.append(
            {
                "when": content.add(
                    Bound(_when(ctx, block, item), ctx.layout.span(at), path, ctx.binder.profile_span(path)),
                    roles["when"],
                ),
                "title": content.add(
                    ctx.binder.bound(item.title, f"{path}.title", (*at, "bind")), roles["title"]
                ),
                "body": content.add(
                    ctx.binder.bound(item.text, f"{path}.text", (*at, "bind")), roles["body"]
                ),
            }
        )
    content.data.update(steps=steps, roles=roles)
    return content


def _when(ctx: Ctx, block: Timeline, item: Milestone) -> str:
    at = ctx.layout.span(())
    if item.date is not None:
        return ctx.binder.text_of(item.date, at, 0)
    ref = item.after or item.ahead or ""
    pattern = (block.after if item.after else block.ahead)[ctx.lang]
    value = ctx.binder.value(ref, ())
    return pattern.replace("{when}", ctx.binder.text_of(value, at, 0))


def place_timeline(content: Content, ctx: Ctx, width: float, scale: float) -> Placed:
    steps: list[dict[str, Bound]] = content.data.get("steps", [])
    if not steps:
        return Placed(0.0, lambda x, y: [])
    count = len(steps)
    col_w = (width - _GAP * (count - 1)) / count
    styles = {k: ctx.ts.style(r, scale=scale) for k, r in content.data["roles"].items()}
    columns = [_texts(ctx, step, styles, col_w, _STEP_GAPS) for step in steps]
    when_h = max(parts[0][1] for parts in columns)
    dot = 9.0
    line_y = when_h + 4.0 + dot / 2
    rest_h = max(sum(h for _, h, _ in parts[1:]) for parts in columns)
    height = line_y + dot / 2 + 6.0 + rest_h
    accent = ctx.theme.colors["accent"]
    primary = ctx.theme.colors["primary"]

    def draw(x: float, y: float) -> list[Item]:
        items: list[Item] = [
            Shape("line", x, y + line_y, width, 0.0, stroke=accent, stroke_width=1.5, name="timeline-line")
        ]
        for i, parts in enumerate(columns):
            cx = x + i * (col_w + _GAP)
            items.append(text_box(cx, y, col_w, when_h, parts[0][0], f"milestone-{i + 1}-when"))
            items.append(
                Shape(
                    "ellipse",
                    cx,
                    y + line_y - dot / 2,
                    dot,
                    dot,
                    fill=primary,
                    stroke=accent,
                    stroke_width=2.0,
                    name=f"milestone-{i + 1}-dot",
                )
            )
            top = y + line_y + dot / 2 + 6.0
            for paragraphs, h, key in parts[1:]:
                items.append(text_box(cx, top, col_w, h, paragraphs, f"milestone-{i + 1}-{key}"))
                top += h
        return items

    return Placed(height, draw, min(s.size for s in styles.values()))
