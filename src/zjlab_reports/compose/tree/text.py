"""Text blocks: heading, paragraph and bulleted list in; `Text` nodes out.

A heading is tagged `H1`..`H6` and keeps with what follows it. Its level is the block's
`level`, else 1 in a title frame and 2 elsewhere (1 before any other heading); headings are
bound in reading order, and a given level that skips one (an H3 after an H1) is reported.
A paragraph is tagged `P`; a list `L`, one paragraph per item.
"""

from __future__ import annotations

from typing import Any

from ...diagnostics import Diagnostic
from ...document import Tag
from ...model.common import Text as ProfileText
from ...model.layout import BulletList, Heading
from ...model.layout import Paragraph as ParagraphBlock
from ..bind import Bound
from ..nodes import Text
from .context import Ctx, Where, cased

__all__ = ["bind_list", "bind_text", "heading_level"]


def heading_level(block: Heading, where: Where, ctx: Ctx) -> int:
    """The block's level (reported if it skips one), or its default; recorded as the last."""
    last = ctx.levels[-1]
    level = block.level or (1 if where.role == "title" else min(2, last + 1))
    if level > last + 1:
        after = f"after a level-{last} heading" if last else "as the document's first heading"
        ctx.problems.append(
            Diagnostic(
                ctx.layout.span((*where.at, "level")),
                f"heading level {level} skips a level {after}",
                (f"give it 'level: {last + 1}', or put a level-{level - 1} heading before it",),
            )
        )
    ctx.levels.append(level)
    return level


def bind_text(block: Heading | ParagraphBlock, where: Where, ctx: Ctx) -> Text | None:
    heading = isinstance(block, Heading)
    role = ctx.role(
        block.style or (ctx.look.text.heading if heading else ctx.look.text.body), (*where.at, "style")
    )
    bound = cased(ctx.binder.template(block.text, (*where.at, "text")), block)
    if not bound.text:  # a text made only of optional groups may leave nothing to set
        return None
    color = ctx.color(block.color, (*where.at, "color"), "") if block.color else None
    tag = Tag(f"H{heading_level(block, where, ctx)}") if isinstance(block, Heading) else Tag("P")
    return Text((bound,), role, block.type, color, block.align or "left", heading=heading, tag=tag)


def bind_list(block: BulletList, where: Where, ctx: Ctx) -> Text | None:
    at = where.at
    role = ctx.role(block.style or ctx.look.text.body, (*at, "style"))
    texts = _items(block, at, ctx) if block.items is not None else _bound_items(block, at, ctx)
    texts = [cased(bound, block) for bound in texts if bound.text]
    if not texts:
        return None
    look = ctx.look.bullets
    color = ctx.color(block.color, (*at, "color"), "") if block.color else None
    return Text(
        tuple(texts),
        role,
        "list",
        color,
        block.align or "left",
        bullet=block.bullet,
        bullet_gap=look.bullet_gap,
        gap_em=look.item_gap,
        tag=Tag("L"),
    )


def _items(block: BulletList, at: tuple[Any, ...], ctx: Ctx) -> list[Bound]:
    assert block.items is not None
    return [ctx.binder.template(item, (*at, "items", i)) for i, item in enumerate(block.items)]


def _bound_items(block: BulletList, at: tuple[Any, ...], ctx: Ctx) -> list[Bound]:
    assert block.bind is not None
    value = ctx.binder.value(block.bind, (*at, "bind"))
    items = value if isinstance(value, (list, tuple)) else ([value] if value is not None else [])
    texts = []
    for i, item in enumerate(items):
        if not isinstance(item, (ProfileText, str)) and not hasattr(item, "name"):
            ctx.problems.append(
                Diagnostic(
                    ctx.layout.span((*at, "bind")),
                    f"'{block.bind}' is not a list of texts",
                    ("bind a list such as 'work', 'mission' or 'goals.centres'",),
                )
            )
            break
        texts.append(ctx.binder.bound(item, f"{block.bind}.{i}", (*at, "bind")))
    return texts
