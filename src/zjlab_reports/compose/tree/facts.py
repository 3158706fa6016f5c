"""Facts shown as figures: key-figure and chart blocks in; a `Grid` of `KeyFigure`s or a `Chart` out.

Both are `Figure`s in the document's structure, with an alternative text that states the
facts in the document's language, built from the facts themselves.
"""

from __future__ import annotations

from typing import Any

from ...diagnostics import Diagnostic, did_you_mean
from ...document import Tag
from ...model.layout import Chart as ChartBlock
from ...model.layout import Figures
from ...model.profile import Fact
from ..bind import Bound
from ..format import format_quantity, number_parts
from ..nodes import Chart, Grid, KeyFigure, Node
from .context import Ctx, Where

__all__ = ["bind_chart", "bind_figures", "fact_at", "to_unit"]

#: Square metres per unit, for units of area; other units convert only to themselves.
_AREA = {"square-metre": 1.0, "hectare": 10_000.0, "mu": 10_000.0 / 15}
_COLON = {"en": ": ", "zh": "："}
_SEPARATOR = {"en": "; ", "zh": "；"}
_STOP = {"en": ".", "zh": "。"}


def to_unit(fact: Fact, unit: str | None) -> float | None:
    """`fact`'s value in `unit` (None: its own unit); None when the units do not convert."""
    if unit is None or unit == fact.unit:
        return fact.value
    if unit in _AREA and fact.unit in _AREA:
        return fact.value * _AREA[fact.unit] / _AREA[unit]
    return None


def fact_at(ctx: Ctx, path: str, at: tuple[Any, ...]) -> Fact | None:
    """The fact at `path`, or None after a diagnostic at `at`."""
    value = ctx.binder.value(path, at)
    if value is None or isinstance(value, Fact):
        return value
    facts = ctx.binder.profile.profile.facts
    ctx.problems.append(
        Diagnostic(
            ctx.layout.span(at),
            f"'{path}' is not a fact",
            did_you_mean(path.removeprefix("facts."), facts) or ("key figures show facts: 'facts.<name>'",),
        )
    )
    return None


def bind_figures(block: Figures, where: Where, ctx: Ctx) -> Grid:
    at = where.at
    look = ctx.look.figure
    number = block.number_style or look.number_role
    roles = (
        ctx.role(look.qualifier_role, (*at, "style")),
        ctx.role(number, (*at, "number-style")),
        ctx.role(number + "-unit", (*at, "number-style")),
        ctx.role(block.label_style or look.label_role, (*at, "label-style")),
    )
    cells: list[Node] = []
    for i, path in enumerate(block.facts):
        fact = fact_at(ctx, path, (*at, "facts", i))
        if fact is not None:
            cells.append(_figure(ctx, fact, path, (*at, "facts", i), roles))
    min_width = ctx.mm(block.min_width or look.min_width)
    return Grid(tuple(cells), min_width, ctx.mm(look.gap), max_columns=block.columns)


def _figure(
    ctx: Ctx, fact: Fact, path: str, at: tuple[Any, ...], roles: tuple[str, str, str, str]
) -> KeyFigure:
    lang = ctx.lang
    parts = number_parts(fact, lang)
    unit = parts.unit
    if fact.also is not None:
        also = format_quantity(fact.also, lang)
        unit = f"{unit}（{also}）" if lang == "zh" else f"{unit} ({also})"
    span, origin = ctx.layout.span(at), ctx.binder.profile_span(path)
    texts = (parts.qualifier.strip(), parts.number, unit, fact.label[lang])
    qualifier, number, unit_text, label = (Bound(text, span, path, origin) for text in texts)
    look = ctx.look.figure
    alt = f"{fact.label[lang]}{_COLON[lang]}{format_quantity(fact, lang)}"
    return KeyFigure(
        qualifier,
        number,
        unit_text,
        label,
        roles,
        bar=ctx.theme.colors["accent"],
        bar_width=ctx.mm(look.bar_width),
        bar_thickness=look.bar_thickness,
        bar_gap=look.bar_gap,
        unit_gap=look.unit_gap,
        tag=Tag("Figure", alt=alt),
    )


def bind_chart(block: ChartBlock, where: Where, ctx: Ctx) -> Chart | None:
    at = where.at
    look = ctx.look.chart
    role = ctx.role(block.style or look.role, (*at, "style"))
    bars = _bars(block, at, ctx)
    if not bars:
        return None
    title = ctx.binder.template(block.title, (*at, "title")) if block.title else None
    return Chart(
        block.kind,
        tuple(bars),
        role,
        color=ctx.theme.chart_colors[0],
        axis=ctx.theme.colors["muted"],
        label_gap=look.label_gap,
        ratio=look.ratio,
        title=title,
        height=ctx.mm(block.height) if block.height else None,
        tag=Tag("Figure", alt=_chart_alt(ctx.lang, title, bars)),
    )


def _bars(block: ChartBlock, at: tuple[Any, ...], ctx: Ctx) -> list[tuple[Bound, Bound, float]]:
    """(label, formatted value, value in the chart's unit) of each fact that converts."""
    unit = block.unit or _first_unit(block, ctx, at)
    bars = []
    for i, path in enumerate(block.facts):
        fact = fact_at(ctx, path, (*at, "facts", i))
        value = to_unit(fact, unit) if fact is not None else None
        if fact is not None and value is None:
            ctx.problems.append(
                Diagnostic(
                    ctx.layout.span((*at, "facts", i)),
                    f"'{path}' is in {fact.unit}, which does not convert to the chart's unit",
                    ("chart facts of one kind, or set 'unit:' to a common unit of area",),
                )
            )
        if fact is None or value is None:
            continue
        span, origin = ctx.layout.span((*at, "facts", i)), ctx.binder.profile_span(path)
        label = Bound(fact.label[ctx.lang], span, path, origin)
        bars.append((label, Bound(format_quantity(fact, ctx.lang), span, path, origin), value))
    return bars


def _chart_alt(lang: str, title: Bound | None, bars: list[tuple[Bound, Bound, float]]) -> str:
    """A sentence stating the chart's data: `Title: A: 1 ha; B: 2 ha.` (in Chinese punctuation)."""
    data = _SEPARATOR[lang].join(f"{label.text}{_COLON[lang]}{shown.text}" for label, shown, _ in bars)
    head = f"{title.text}{_COLON[lang]}" if title is not None and title.text else ""
    return f"{head}{data}{_STOP[lang]}"


def _first_unit(block: ChartBlock, ctx: Ctx, at: tuple[Any, ...]) -> str | None:
    """The unit of the chart's first fact (all others must convert to it)."""
    for path in block.facts:
        value = ctx.binder.value(path, at)
        if isinstance(value, Fact):
            return value.unit
    return None
