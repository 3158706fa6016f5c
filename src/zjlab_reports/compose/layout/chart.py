"""Charts: a `Chart` node and a width in; a `document.Chart` (data plus a measured drawing) out.

The drawing (bars, axis, labels as shapes and text boxes) is what backends without native
charts draw; PowerPoint makes a native chart from the data. Kept whole.
"""

from __future__ import annotations

from ...document import Chart, ChartSeries, Item, Paragraph, Shape, TextBox
from ..nodes import Chart as ChartNode
from ..typeset import Styled
from .env import Env
from .graphics import whole
from .regions import Fragment, Laid, Region
from .text import stack_height, sticks_out

__all__ = ["lay_chart"]


def lay_chart(node: ChartNode, region: Region, env: Env) -> Laid:
    width = region.width
    height = node.height if node.height else width * node.ratio
    styled = env.style(node.role)
    values = tuple(value for _, _, value in node.bars)
    series = ChartSeries(node.title.text if node.title else "", values, node.color)
    labels = (tuple(shown.text for _, shown, _ in node.bars),)
    draw = _horizontal if node.kind == "bar" else _vertical
    drawing = draw(node, env, styled, width, height)
    chart = Chart(
        0.0,
        0.0,
        width,
        height,
        node.kind,
        tuple(label.text for label, _, _ in node.bars),
        (series,),
        labels,
        styled.style,
        tuple(drawing),
        title=node.title.text if node.title else "",
        alt=node.tag.alt if node.tag else "",
        decimals=0 if all(float(v).is_integer() for v in values) else 1,
        name="chart",
        tag=node.tag,
    )
    inside = all(_within(item, width, height) for item in drawing)
    boxes = [item for item in drawing if isinstance(item, TextBox)]
    wide = max((sticks_out(p, box.width) for box in boxes for p in box.paragraphs), default=0.0)
    broke = _too_narrow(node, env, styled, width, height)
    overflow = 0.0 if inside else 1.0
    fragment = Fragment(width, height, (chart,), broke, overflow, styled.size, wide=wide)
    return whole(fragment, region)


def _within(item: Item, width: float, height: float) -> bool:
    left, right = sorted((item.x, item.x + item.width))
    top, bottom = sorted((item.y, item.y + item.height))
    return left >= -0.01 and top >= -0.01 and right <= width + 0.01 and bottom <= height + 0.01


def _vertical(node: ChartNode, env: Env, styled: Styled, width: float, height: float) -> list[Item]:
    ts = env.ts
    slot = width / len(node.bars)
    labels = [ts.paragraph(label.text, styled, slot * 0.9, align="center") for label, _, _ in node.bars]
    values = [ts.paragraph(shown.text, styled, slot * 0.95, align="center") for _, shown, _ in node.bars]
    label_h = max(stack_height((p,)) for p in labels)
    value_h = max(stack_height((p,)) for p in values)
    plot_top, plot_bottom = value_h + 2.0, height - label_h - 4.0
    top_value = max(v for _, _, v in node.bars) or 1.0
    items: list[Item] = [
        Shape("line", 0.0, plot_bottom, width, 0.0, stroke=node.axis, stroke_width=0.75, name="axis")
    ]
    for i, (_, _, value) in enumerate(node.bars):
        bar_h = max((plot_bottom - plot_top) * value / top_value, 0.5)
        items.append(
            Shape(
                "rect",
                i * slot + slot * 0.2,
                plot_bottom - bar_h,
                slot * 0.6,
                bar_h,
                fill=node.color,
                name=f"bar-{i + 1}",
            )
        )
        vh = stack_height((values[i],))
        items.append(_box(i * slot, plot_bottom - bar_h - vh - 2.0, slot, values[i], f"value-{i + 1}"))
        items.append(_box(i * slot, plot_bottom + 4.0, slot, labels[i], f"category-{i + 1}"))
    return items


def _horizontal(node: ChartNode, env: Env, styled: Styled, width: float, height: float) -> list[Item]:
    ts = env.ts
    label_w = width * 0.3
    slot = height / len(node.bars)
    # value labels take what they need, up to what leaves the bars a fifth of the width;
    # a longer one wraps there
    room = width - label_w - node.label_gap - width * 0.2
    value_w = min(max(ts.width(shown.text, styled) for _, shown, _ in node.bars), room)
    plot_w = width - label_w - value_w - node.label_gap
    top_value = max(v for _, _, v in node.bars) or 1.0
    items: list[Item] = []
    for i, (label, shown, value) in enumerate(node.bars):
        cy = i * slot
        labs = ts.paragraph(label.text, styled, label_w - 8.0, align="right")
        lh = stack_height((labs,))
        items.append(_box(0.0, cy + (slot - lh) / 2, label_w - 8.0, labs, f"category-{i + 1}"))
        bar_w = max(plot_w * value / top_value, 0.5)
        bar_h = slot * 0.55
        items.append(
            Shape(
                "rect", label_w, cy + (slot - bar_h) / 2, bar_w, bar_h, fill=node.color, name=f"bar-{i + 1}"
            )
        )
        vals = ts.paragraph(shown.text, styled, value_w)
        vh = stack_height((vals,))
        items.append(
            _box(label_w + bar_w + node.label_gap, cy + (slot - vh) / 2, value_w, vals, f"value-{i + 1}")
        )
    return items


def _box(x: float, y: float, width: float, paragraph: Paragraph, name: str) -> TextBox:
    return TextBox(x, y, width, stack_height((paragraph,)), (paragraph,), name=name)


def _too_narrow(node: ChartNode, env: Env, styled: Styled, width: float, height: float) -> bool:
    """True when a category or value label has a word wider than its room."""
    if node.kind == "bar":
        rooms = [(label.text, width * 0.3 - 8.0) for label, _, _ in node.bars]
    else:
        slot = width / len(node.bars)
        rooms = [(label.text, slot * 0.9) for label, _, _ in node.bars]
        rooms += [(shown.text, slot * 0.95) for _, shown, _ in node.bars]
    return any(env.ts.too_narrow(text, styled, room) for text, room in rooms)
