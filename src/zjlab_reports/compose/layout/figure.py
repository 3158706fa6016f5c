"""Key figures: a `KeyFigure` and a width in; its bar, qualifier, number, unit and label out.

The unit sits beside the number, on its baseline, when both fit the width on one line;
otherwise under it. The figure is kept whole.
"""

from __future__ import annotations

from msgspec import Struct

from ...document import Item, Paragraph, Shape, TextBox
from ..nodes import KeyFigure
from .env import Env
from .graphics import whole
from .regions import Fragment, Laid, Region
from .text import stack_height, sticks_out

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


class _Set(Struct, frozen=True, eq=False):
    """A figure's texts set at their widths: the unit `beside` the number, or under it."""

    qualifier: Paragraph
    number: Paragraph
    unit: Paragraph
    label: Paragraph
    beside: bool
    unit_x: float
    broke: bool

    @property
    def number_width(self) -> float:
        return max((line.width for line in self.number.lines), default=0.0)


def lay_key_figure(node: KeyFigure, region: Region, env: Env) -> Laid:
    texts = _set_texts(node, region.width, env)
    items, height = _draw(node, texts, region.width)
    smallest = min(p.style.size for p in (texts.qualifier, texts.number, texts.unit, texts.label))
    boxes = [item for item in items if isinstance(item, TextBox)]
    wide = max((sticks_out(p, box.width) for box in boxes for p in box.paragraphs), default=0.0)
    return whole(
        Fragment(region.width, height, tuple(items), texts.broke, smallest=smallest, wide=wide), region
    )


def _set_texts(node: KeyFigure, width: float, env: Env) -> _Set:
    qualifier_role, number_role, unit_role, label_role = node.roles
    beside = unit_fits_beside(node, width, env) if node.beside is None else node.beside
    beside = beside and bool(node.unit.text)
    number = _set(env, node.number.text, number_role, width)
    number_w = max((line.width for line in number.lines), default=0.0)
    unit_x = number_w + env.style(number_role).size * node.unit_gap if beside else 0.0
    widths = (width, width, max(width - unit_x, 1.0), width)
    texts = (node.qualifier.text or " ", node.number.text, node.unit.text, node.label.text)
    broke = any(
        env.ts.too_narrow(text, env.style(role), room)
        for text, role, room in zip(texts, node.roles, widths, strict=True)
    )
    return _Set(
        _set(env, texts[0], qualifier_role, width),
        number,
        _set(env, texts[2], unit_role, widths[2]),
        _set(env, texts[3], label_role, width),
        beside,
        unit_x,
        broke,
    )


def _draw(node: KeyFigure, texts: _Set, width: float) -> tuple[list[Item], float]:
    """The bar, then qualifier, number (with its unit beside or under it) and label."""
    items: list[Item] = [
        Shape(
            "rect", 0.0, 0.0, min(node.bar_width, width), node.bar_thickness, fill=node.bar, name="figure-bar"
        )
    ]
    top = node.bar_thickness + node.bar_gap
    items.append(_box(0.0, top, width, texts.qualifier, "figure-qualifier"))
    top += stack_height((texts.qualifier,))
    number_box = min(texts.number_width + 0.5, width) if texts.beside else width
    items.append(_box(0.0, top, number_box, texts.number, "figure-number", node))
    number_h = stack_height((texts.number,))
    if texts.beside:  # on the number's baseline
        lines = texts.number.lines, texts.unit.lines
        shift = lines[0][0].baseline - lines[1][0].baseline if all(lines) else 0.0
        items.append(_box(texts.unit_x, top + shift, width - texts.unit_x, texts.unit, "figure-unit"))
        top += number_h
    else:
        items.append(_box(0.0, top + number_h, width, texts.unit, "figure-unit"))
        top += number_h + stack_height((texts.unit,))
    items.append(_box(0.0, top, width, texts.label, "figure-label"))
    return items, top + stack_height((texts.label,))


def _set(env: Env, text: str, role: str, width: float) -> Paragraph:
    return env.ts.paragraph(text, env.style(role), width)


def _box(
    x: float, y: float, width: float, paragraph: Paragraph, name: str, node: KeyFigure | None = None
) -> TextBox:
    """A text box; the number's carries the figure's tag, the others are part of its drawing."""
    height = stack_height((paragraph,))
    return TextBox(x, y, width, height, (paragraph,), name=name, tag=node.tag if node else None)
