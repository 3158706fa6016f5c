"""Graphic blocks: image, rule and spacer in; `Picture`, `Rule` and `Spacer` nodes out.

(A band is not a node: it fills its frame, so the frame draws it; see `frames`.) Pictures are
checked by `loaders.images` (PNG or JPEG, inside the project folder) and are `Figure`s with
their alternative text; rules and spacers are decoration.
"""

from __future__ import annotations

from ...diagnostics import Diagnostic
from ...document import Tag
from ...loaders.images import check_picture
from ...model.layout import ImageBlock, Rule, Spacer
from ..nodes import Picture
from ..nodes import Rule as RuleNode
from ..nodes import Spacer as SpacerNode
from .context import Ctx, Where

__all__ = ["bind_image", "bind_rule", "bind_spacer"]


def bind_image(block: ImageBlock, where: Where, ctx: Ctx) -> Picture | None:
    alt = ctx.binder.template(block.alt, (*where.at, "alt")).text
    checked = check_picture(ctx.root, block.src, ctx.layout.span((*where.at, "src")))
    if isinstance(checked, Diagnostic):
        ctx.problems.append(checked)
        return None
    height = ctx.mm(block.height) if block.height else None
    return Picture(checked.path, checked.ratio, alt, height, Tag("Figure", alt=alt))


def bind_rule(block: Rule, where: Where, ctx: Ctx) -> RuleNode:
    color = ctx.color(block.color, (*where.at, "color"), "accent")
    return RuleNode(color, block.thickness, ctx.mm(block.width) if block.width else None)


def bind_spacer(block: Spacer, where: Where, ctx: Ctx) -> SpacerNode:
    return SpacerNode(ctx.mm(block.height))
