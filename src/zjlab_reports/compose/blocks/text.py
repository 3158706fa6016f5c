"""Text blocks: heading, paragraph and bulleted list — bound texts in, measured text boxes out."""

from __future__ import annotations

from typing import Any

from ...diagnostics import Diagnostic
from ...model.common import Text
from ...model.layout import BulletList, Heading
from ...model.layout import Paragraph as ParagraphBlock
from .base import Content, Ctx, Placed, set_paragraphs, text_placed

__all__ = ["bind_list", "bind_text", "place_list", "place_text"]


def bind_text(block: Heading | ParagraphBlock, at: tuple[Any, ...], ctx: Ctx) -> Content:
    default = "heading" if block.type == "heading" else "body"
    content = Content(block, at)
    role = ctx.role(block.style or default, (*at, "style"))
    bound = ctx.binder.template(block.text, (*at, "text"))
    if bound.text:  # a text made only of optional groups may leave nothing to set
        content.add(bound, role)
    return content


def place_text(content: Content, ctx: Ctx, width: float, scale: float) -> Placed:
    block = content.block
    if not content.texts:
        return Placed(0.0, lambda x, y: [])
    ((bound, role),) = content.texts
    color = ctx.color(block.color, (*content.at, "color"), "") if block.color else None
    styled = ctx.ts.style(role, scale=scale, color=color)
    paragraphs, _ = set_paragraphs(ctx.ts, [bound.text], styled, width, align=block.align or "left")
    return text_placed(paragraphs, width, block.type, bound.origin())


def bind_list(block: BulletList, at: tuple[Any, ...], ctx: Ctx) -> Content:
    content = Content(block, at)
    role = ctx.role(block.style or "body", (*at, "style"))
    if block.items is not None:
        for i, item in enumerate(block.items):
            bound = ctx.binder.template(item, (*at, "items", i))
            if bound.text:
                content.add(bound, role)
        return content
    assert block.bind is not None
    value = ctx.binder.value(block.bind, (*at, "bind"))
    items = value if isinstance(value, (list, tuple)) else ([value] if value is not None else [])
    for i, item in enumerate(items):
        if not isinstance(item, (Text, str)) and not hasattr(item, "name"):
            ctx.problems.append(_not_texts(ctx, at, block.bind))
            break
        content.add(ctx.binder.bound(item, f"{block.bind}.{i}", (*at, "bind")), role)
    return content


def _not_texts(ctx: Ctx, at: tuple[Any, ...], path: str) -> Any:
    return Diagnostic(
        ctx.layout.span((*at, "bind")),
        f"'{path}' is not a list of texts",
        ("bind a list such as 'work', 'mission' or 'goals.centres'",),
    )


def place_list(content: Content, ctx: Ctx, width: float, scale: float) -> Placed:
    block = content.block
    if not content.texts:
        return Placed(0.0, lambda x, y: [])
    role = content.texts[0][1]
    color = ctx.color(block.color, (*content.at, "color"), "") if block.color else None
    styled = ctx.ts.style(role, scale=scale, color=color)
    texts = [bound.text for bound, _ in content.texts]
    gap = styled.leading * 0.35
    align = block.align or "left"
    paragraphs, _ = set_paragraphs(ctx.ts, texts, styled, width, bullet=block.bullet, gap=gap, align=align)
    return text_placed(paragraphs, width, "list", content.texts[0][0].origin())
