"""Repeats over a profile list: cards and timelines in; a `Grid` of cards or a `Timeline` out.

Each card is a list item of the document's structure: an `L` around the cards, an `LI` per
card, its number the item's label (`Lbl`), its title and body the item's body (`LBody`).
Milestones are tagged the same way, their date being the label.
"""

from __future__ import annotations

from typing import Any

from ...diagnostics import Diagnostic
from ...document import Tag
from ...model.layout import Cards
from ...model.layout import Timeline as TimelineBlock
from ...model.profile import Milestone as ProfileMilestone
from ..bind import Bound
from ..nodes import Grid, Milestone, Node, Panel, Stack, Text, Timeline
from .context import Ctx, Where, cased, field_of, leading_of

__all__ = ["bind_cards", "bind_timeline", "profile_list"]


def profile_list(ctx: Ctx, path: str, at: tuple[Any, ...]) -> list[Any]:
    """The profile list at `path` ([] after a diagnostic when it is missing or not a list)."""
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


def _style(block: Cards | TimelineBlock, look: Any, key: str) -> str:
    """The block's `<key>-style`, else the theme's `<key>-role` for the component."""
    return field_of(block, f"{key}_style") or str(getattr(look, f"{key}_role"))


def bind_cards(block: Cards, where: Where, ctx: Ctx) -> Grid:
    at = where.at
    used = [key for key, on in (("number", block.number), ("title", True), ("body", block.body)) if on]
    roles = {k: ctx.role(_style(block, ctx.look.card, k), (*at, f"{k}-style")) for k in used}
    look = ctx.look.card
    fill = ctx.color(block.fill, (*at, "fill"), "surface")
    accent = ctx.color(block.accent, (*at, "accent"), "accent")
    cards: list[Node] = []
    for i, _ in enumerate(profile_list(ctx, block.bind, (*at, "bind"))):
        content = _card_texts(block, where, ctx, roles, i)
        cards.append(
            Panel(
                content,
                f"card-{i + 1}",
                fill,
                look.radius,
                ctx.mm(look.padding),
                accent if look.accent > 0 else None,
                look.accent,
                ctx.mm(block.height) if block.height else 0.0,
            )
        )
    return Grid(tuple(cards), ctx.mm(block.min_width), ctx.mm(look.gap), max_columns=block.columns)


def _card_texts(block: Cards, where: Where, ctx: Ctx, roles: dict[str, str], i: int) -> Stack:
    """A card's number, title and body, tagged as the `i`th item of the cards' list."""
    item = (("L", where.key), ("LI", f"{where.key}/{i}"))
    body = (*item, ("LBody", f"{where.key}/{i}/body"))
    texts: list[tuple[str, Bound, Tag]] = []
    if block.number:
        texts.append(("number", Bound(f"{i + 1:02d}", ctx.layout.span(where.at)), Tag("Lbl", item)))
    for key, field in (("title", block.title), ("body", block.body)):
        if field is None:
            continue
        path = f"{block.bind}.{i}" if field == "." else f"{block.bind}.{i}.{field}"
        value = ctx.binder.value(path, (*where.at, key))
        if value is not None:
            texts.append((key, cased(ctx.binder.bound(value, path, (*where.at, key)), block), Tag("P", body)))
    gaps = {"number": ctx.look.card.number_gap, "title": ctx.look.card.title_gap, "body": 0.0}
    children, before = [], []
    space = 0.0
    for key, bound, tag in texts:
        children.append(Text((bound,), roles[key], f"card-{i + 1}-{key}", tag=tag))
        before.append(space)
        space = leading_of(ctx, roles[key]) * gaps[key]
    return Stack(tuple(children), tuple(before))


def bind_timeline(block: TimelineBlock, where: Where, ctx: Ctx) -> Timeline:
    at = where.at
    roles = tuple(
        ctx.role(_style(block, ctx.look.timeline, k), (*at, f"{k}-style")) for k in ("when", "title", "body")
    )
    look = ctx.look.timeline
    steps = []
    for i, item in enumerate(profile_list(ctx, block.bind, (*at, "bind"))):
        if not isinstance(item, ProfileMilestone):
            ctx.problems.append(
                Diagnostic(
                    ctx.layout.span((*at, "bind")),
                    f"'{block.bind}' is not a list of milestones",
                    ("bind 'milestones'",),
                )
            )
            break
        steps.append(_milestone(block, where, ctx, item, i))
    return Timeline(
        tuple(steps),
        (roles[0], roles[1], roles[2]),
        line=ctx.theme.colors["accent"],
        dot=ctx.theme.colors["accent"],
        dot_fill=ctx.theme.colors["primary"],
        direction=block.direction,
        min_width=ctx.mm(block.min_width or look.min_width),
        gap=ctx.mm(look.gap),
        dot_size=look.dot,
        dot_stroke=look.dot_stroke,
        line_width=look.line,
        line_gap=look.line_gap,
        text_gap=look.text_gap,
        title_gap=look.title_gap,
    )


def _milestone(block: TimelineBlock, where: Where, ctx: Ctx, item: ProfileMilestone, i: int) -> Milestone:
    path = f"{block.bind}.{i}"
    when = Bound(_when(ctx, block, item), ctx.layout.span(where.at), path, ctx.binder.profile_span(path))
    title = ctx.binder.bound(item.title, f"{path}.title", (*where.at, "bind"))
    body = ctx.binder.bound(item.text, f"{path}.text", (*where.at, "bind"))
    groups = (("L", where.key), ("LI", f"{where.key}/{i}"))
    return Milestone(when, title, body, groups)


def _when(ctx: Ctx, block: TimelineBlock, item: ProfileMilestone) -> str:
    at = ctx.layout.span(())
    if item.date is not None:
        return ctx.binder.text_of(item.date, at, 0)
    ref = item.after or item.ahead or ""
    pattern = (block.after if item.after else block.ahead)[ctx.lang]
    value = ctx.binder.value(ref, ())
    return pattern.replace("{when}", ctx.binder.text_of(value, at, 0))
