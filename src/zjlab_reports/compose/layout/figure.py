"""Key figures: a `KeyFigure` and a width in; its bar, qualifier, number, unit and label out.

The unit sits beside the number, on its baseline, when both fit the width on one line;
otherwise under it. The figure is kept whole.
"""

from __future__ import annotations

from ...document import Item, Paragraph, Shape, TextBox
from ..nodes import KeyFigure
from .env import Env
from .graphics import whole
from .regions import Fragment, Laid, Region
from .text import stack_height

__all__ = ["lay_key_figure", "unit_fits_beside"]


def unit_fits_beside(node: KeyFigure, width: float, env: Env) -> bool:
    """True when the unit can sit beside the number in `width` points (or there is no unit)."""
    if not node.unit.text:
        return True
    _, number, unit, _ = node.roles
    number_style, unit_style = env.style(number), env.style(unit)
    set_number = env.ts.paragraph(node.number.text, number_style, width)
    number_w = max((line.width for line in set_number.lines), default=0.0)
    gap = number_style.size * node.unit_gap
    unit_w = env.ts.width(node.unit.text, unit_style)
    return len(set_number.lines) == 1 and number_w + gap + unit_w <= width


def lay_key_figure(node: KeyFigure, region: Region, env: Env) -> Laid:
    width = region.width
    qualifier_role, number_role, unit_role, label_role = node.roles
    beside = unit_fits_beside(node, width, env) if node.beside is None else node.beside
    beside = beside and bool(node.unit.text)
    qualifier = _set(env, node.qualifier.text or " ", qualifier_role, width)
    number = _set(env, node.number.text, number_role, width)
    number_w = max((line.width for line in number.lines), default=0.0)
    gap = env.style(number_role).size * node.unit_gap
    unit_width = max(width - number_w - gap, 1.0) if beside else width
    unit = _set(env, node.unit.text, unit_role, unit_width)
    label = _set(env, node.label.text, label_role, width)
    top = node.bar_thickness + node.bar_gap
    items: list[Item] = [
        Shape(
            "rect", 0.0, 0.0, min(node.bar_width, width), node.bar_thickness, fill=node.bar, name="figure-bar"
        )
    ]
    items.append(_box(0.0, top, width, qualifier, "figure-qualifier"))
    top += stack_height((qualifier,))
    number_box = min(number_w + 0.5, width) if beside else width
    items.append(_box(0.0, top, number_box, number, "figure-number", node))
    if beside:
        shift = number.lines[0].baseline - unit.lines[0].baseline if unit.lines and number.lines else 0.0
        items.append(_box(number_w + gap, top + shift, unit_width, unit, "figure-unit"))
        top += stack_height((number,))
    else:
        top += stack_height((number,))
        items.append(_box(0.0, top, width, unit, "figure-unit"))
        top += stack_height((unit,))
    items.append(_box(0.0, top, width, label, "figure-label"))
    top += stack_height((label,))
    texts = (qualifier, number, unit, label)
    broke = any(
        env.ts.too_narrow(t.text, env.style(role), w)
        for t, role, w in zip(texts, node.roles, (width, width, unit_width, width), strict=True)
    )
    smallest = min(p.style.size for p in texts)
    return whole(Fragment(width, top, tuple(items), broke, smallest=smallest), region)


def _set(env: Env, text: str, role: str, width: float) -> Paragraph:
    return env.ts.paragraph(text, env.style(role), width)


def _box(
    x: float, y: float, width: float, paragraph: Paragraph, name: str, node: KeyFigure | None = None
) -> TextBox:
    """A text box; the number's carries the figure's tag, the others are part of its drawing."""
    height = stack_height((paragraph,))
    return TextBox(x, y, width, height, (paragraph,), name=name, tag=node.tag if node else None)
