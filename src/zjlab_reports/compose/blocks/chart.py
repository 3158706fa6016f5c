"""Charts: facts in, a `Chart` out — its data for native charts and a measured drawing for the rest."""

from __future__ import annotations

from typing import Any

from ...diagnostics import Diagnostic
from ...document import Chart, ChartSeries, Item, Shape
from ...model.layout import Chart as ChartBlock
from ...model.profile import Fact
from ..bind import Bound
from ..format import format_quantity
from ..geometry import MM
from .base import Content, Ctx, Placed, set_paragraphs, text_box
from .figures import _fact

__all__ = ["bind_chart", "place_chart", "to_unit"]

_LABEL_GAP = 6.0  # points between a bar's end and its value label

#: Square metres per unit, for units of area; other units convert only to themselves.
_AREA = {"square-metre": 1.0, "hectare": 10_000.0, "mu": 10_000.0 / 15}


def to_unit(fact: Fact, unit: str | None) -> float | None:
    """`fact`'s value in `unit` (None: its own unit); None when the units do not convert."""
    if unit is None or unit == fact.unit:
        return fact.value
    if unit in _AREA and fact.unit in _AREA:
        return fact.value * _AREA[fact.unit] / _AREA[unit]
    return None


def bind_chart(block: ChartBlock, at: tuple[Any, ...], ctx: Ctx) -> Content:
    content = Content(block, at)
    role = ctx.role(block.style or ("chart" if ctx.kind == "brochure" else "slide-chart"), (*at, "style"))
    bars = []
    for i, path in enumerate(block.facts):
        fact = _fact(ctx, path, (*at, "facts", i))
        if fact is None:
            continue
        value = to_unit(fact, block.unit or block_unit(block, ctx, at))
        if value is None:
            ctx.problems.append(
                Diagnostic(
                    ctx.layout.span((*at, "facts", i)),
                    f"'{path}' is in {fact.unit}, which does not convert to the chart's unit",
                    ("chart facts of one kind, or set 'unit:' to a common unit of area",),
                )
            )
            continue
        span, origin = ctx.layout.span((*at, "facts", i)), ctx.binder.profile_span(path)
        label = content.add(Bound(fact.label[ctx.lang], span, path, origin), role)
        shown = content.add(Bound(format_quantity(fact, ctx.lang), span, path, origin), role)
        bars.append((label, shown, value))
    title = content.add(ctx.binder.template(block.title, (*at, "title")), role) if block.title else None
    content.data.update(bars=bars, title=title, role=role)
    return content


def block_unit(block: ChartBlock, ctx: Ctx, at: tuple[Any, ...]) -> str | None:
    """The unit of the chart's first fact (all others must convert to it)."""
    for path in block.facts:
        value = ctx.binder.value(path, at)
        if isinstance(value, Fact):
            return value.unit
    return None


def place_chart(content: Content, ctx: Ctx, width: float, scale: float) -> Placed:
    block: ChartBlock = content.block
    bars = content.data["bars"]
    if not bars:
        return Placed(0.0, lambda x, y: [])
    styled = ctx.ts.style(content.data["role"], scale=scale)
    height = (block.height * MM) if block.height else width * 0.6
    colors = ctx.theme.chart_colors
    title: Bound | None = content.data["title"]
    series = ChartSeries(title.text if title else "", tuple(v for _, _, v in bars), colors[0])
    labels = ((tuple(s.text for _, s, _ in bars)),)
    categories = tuple(label.text for label, _, _ in bars)

    def draw(x: float, y: float) -> list[Item]:
        drawing = _drawing(ctx, block.kind, bars, styled, x, y, width, height, series.color)
        chart = Chart(
            x,
            y,
            width,
            height,
            block.kind,
            categories,
            (series,),
            labels,
            styled.style,
            tuple(drawing),
            title=title.text if title else "",
            alt=_alt(categories, labels[0]),
            decimals=_decimals(series.values),
            name="chart",
        )
        return [chart]

    return Placed(height, draw, styled.size)


def _decimals(values: tuple[float, ...]) -> int:
    """0 when every value is whole, else 1 (the profile's numbers have at most one decimal)."""
    return 0 if all(float(v).is_integer() for v in values) else 1


def _alt(categories: tuple[str, ...], labels: tuple[str, ...]) -> str:
    return "; ".join(f"{c}: {v}" for c, v in zip(categories, labels, strict=True))


def _drawing(
    ctx: Ctx,
    kind: str,
    bars: list[Any],
    styled: Any,
    x: float,
    y: float,
    width: float,
    height: float,
    color: Any,
) -> list[Item]:
    if kind == "bar":
        return _horizontal(ctx, bars, styled, x, y, width, height, color)
    return _vertical(ctx, bars, styled, x, y, width, height, color)


def _vertical(
    ctx: Ctx, bars: list[Any], styled: Any, x: float, y: float, width: float, height: float, color: Any
) -> list[Item]:
    ts = ctx.ts
    slot = width / len(bars)
    label_sets = [
        set_paragraphs(ts, [label.text], styled, slot * 0.9, align="center") for label, _, _ in bars
    ]
    value_sets = [
        set_paragraphs(ts, [shown.text], styled, slot * 0.95, align="center") for _, shown, _ in bars
    ]
    label_h = max(h for _, h in label_sets)
    value_h = max(h for _, h in value_sets)
    plot_top, plot_bottom = y + value_h + 2.0, y + height - label_h - 4.0
    top_value = max(v for _, _, v in bars) or 1.0
    axis = ctx.theme.colors["muted"]
    items: list[Item] = [
        Shape("line", x, plot_bottom, width, 0.0, stroke=axis, stroke_width=0.75, name="axis")
    ]
    for i, (_, _, value) in enumerate(bars):
        bar_h = max((plot_bottom - plot_top) * value / top_value, 0.5)
        bx = x + i * slot + slot * 0.2
        items.append(
            Shape("rect", bx, plot_bottom - bar_h, slot * 0.6, bar_h, fill=color, name=f"bar-{i + 1}")
        )
        vals, vh = value_sets[i]
        items.append(text_box(x + i * slot, plot_bottom - bar_h - vh - 2.0, slot, vh, vals, f"value-{i + 1}"))
        labs, lh = label_sets[i]
        items.append(text_box(x + i * slot, plot_bottom + 4.0, slot, lh, labs, f"category-{i + 1}"))
    return items


def _horizontal(
    ctx: Ctx, bars: list[Any], styled: Any, x: float, y: float, width: float, height: float, color: Any
) -> list[Item]:
    ts = ctx.ts
    label_w = width * 0.3
    slot = height / len(bars)
    value_w = max(ts.width(shown.text, styled) for _, shown, _ in bars)
    plot_w = max(width - label_w - value_w - _LABEL_GAP, width * 0.2)
    top_value = max(v for _, _, v in bars) or 1.0
    items: list[Item] = []
    for i, (label, shown, value) in enumerate(bars):
        cy = y + i * slot
        labs, lh = set_paragraphs(ts, [label.text], styled, label_w - 8.0, align="right")
        items.append(text_box(x, cy + (slot - lh) / 2, label_w - 8.0, lh, labs, f"category-{i + 1}"))
        bar_w = max(plot_w * value / top_value, 0.5)
        bar_h = slot * 0.55
        items.append(
            Shape("rect", x + label_w, cy + (slot - bar_h) / 2, bar_w, bar_h, fill=color, name=f"bar-{i + 1}")
        )
        vals, vh = set_paragraphs(ts, [shown.text], styled, value_w)
        items.append(
            text_box(
                x + label_w + bar_w + _LABEL_GAP, cy + (slot - vh) / 2, value_w, vh, vals, f"value-{i + 1}"
            )
        )
    return items
