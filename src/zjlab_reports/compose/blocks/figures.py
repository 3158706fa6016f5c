"""Key figures: facts in, callouts out — qualifier, big number with its unit, and label, on a grid."""

from __future__ import annotations

from typing import Any

from ...diagnostics import Diagnostic, did_you_mean
from ...document import Item, Shape
from ...model.layout import Figures
from ...model.profile import Fact
from ..bind import Bound
from ..format import format_quantity, number_parts
from ..geometry import MM
from .base import Content, Ctx, Placed, set_paragraphs, text_box

__all__ = ["bind_figures", "place_figures"]

_GAP = 6 * MM
_BAR = (10 * MM, 2.0)  # accent bar above each figure: width, thickness (points)


def bind_figures(block: Figures, at: tuple[Any, ...], ctx: Ctx) -> Content:
    content = Content(block, at)
    roles = {
        "qualifier": ctx.role("overline" if ctx.kind == "brochure" else "slide-overline", (*at, "style")),
        "number": ctx.role(block.number_style, (*at, "number-style")),
        "unit": ctx.role(block.number_style + "-unit", (*at, "number-style")),
        "label": ctx.role(block.label_style, (*at, "label-style")),
    }
    cells = []
    for i, path in enumerate(block.facts):
        fact = _fact(ctx, path, (*at, "facts", i))
        if fact is not None:
            cells.append(_bind_cell(ctx, content, fact, path, (*at, "facts", i), roles))
    content.data.update(cells=cells, roles=roles)
    return content


def _fact(ctx: Ctx, path: str, at: tuple[Any, ...]) -> Fact | None:
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


def _bind_cell(
    ctx: Ctx, content: Content, fact: Fact, path: str, at: tuple[Any, ...], roles: dict[str, str]
) -> dict[str, Bound]:
    lang = ctx.lang
    parts = number_parts(fact, lang)
    unit = parts.unit
    if fact.also is not None:
        also = format_quantity(fact.also, lang)
        unit = f"{unit}（{also}）" if lang == "zh" else f"{unit} ({also})"
    span = ctx.layout.span(at)
    origin = ctx.binder.profile_span(path)
    texts = {
        "qualifier": parts.qualifier.strip(),
        "number": parts.number,
        "unit": unit,
        "label": fact.label[lang],
    }
    cell = {}
    for key, text in texts.items():
        cell[key] = content.add(Bound(text, span, path, origin), roles[key])
    return cell


def _columns(block: Figures, count: int) -> int:
    if block.columns:
        return block.columns
    return min(count, 4) or 1


def place_figures(content: Content, ctx: Ctx, width: float, scale: float) -> Placed:
    block: Figures = content.block
    cells: list[dict[str, Bound]] = content.data["cells"]
    if not cells:
        return Placed(0.0, lambda x, y: [])
    columns = _columns(block, len(cells))
    cell_w = (width - _GAP * (columns - 1)) / columns
    roles = content.data["roles"]
    tries = [_place_cell(ctx, cell, roles, cell_w, scale, allow_beside=True) for cell in cells]
    if all(beside for _, beside in tries):
        placed = [p for p, _ in tries]
    else:  # one unit goes under its number: put every unit there, so the cells line up
        placed = [_place_cell(ctx, cell, roles, cell_w, scale, allow_beside=False)[0] for cell in cells]
    rows = [placed[i : i + columns] for i in range(0, len(placed), columns)]
    row_heights = [max(p.height for p in row) for row in rows]
    height = sum(row_heights) + _GAP * (len(rows) - 1)

    def draw(x: float, y: float) -> list[Item]:
        items: list[Item] = []
        top = y
        for row, row_h in zip(rows, row_heights, strict=True):
            for col, cell in enumerate(row):
                items += cell.draw(x + col * (cell_w + _GAP), top)
            top += row_h + _GAP
        return items

    return Placed(height, draw, min(p.min_size for p in placed))


def _place_cell(
    ctx: Ctx, cell: dict[str, Bound], roles: dict[str, str], width: float, scale: float, *, allow_beside: bool
) -> tuple[Placed, bool]:
    """One callout; and whether its unit sits beside the number (else under it)."""
    ts = ctx.ts
    styles = {key: ts.style(role, scale=scale) for key, role in roles.items()}
    accent = ctx.theme.colors["accent"]
    bar_h = _BAR[1] + 3.0
    qual, qual_h = set_paragraphs(ts, [cell["qualifier"].text or " "], styles["qualifier"], width)
    num, num_h = set_paragraphs(ts, [cell["number"].text], styles["number"], width)
    unit_w = ts.width(cell["unit"].text, styles["unit"])
    number_w = max((line.width for p in num for line in p.lines), default=0.0)
    gap = styles["number"].size * 0.18
    fits = number_w + gap + unit_w <= width and len(num[0].lines) == 1
    beside = bool(cell["unit"].text) and fits and allow_beside
    unit_width = width - number_w - gap if beside else width
    unit, unit_h = set_paragraphs(ts, [cell["unit"].text], styles["unit"], unit_width)
    label, label_h = set_paragraphs(ts, [cell["label"].text], styles["label"], width)
    number_block = num_h if beside else num_h + unit_h
    height = bar_h + qual_h + number_block + label_h
    source = cell["number"].origin()

    def draw(x: float, y: float) -> list[Item]:
        items: list[Item] = [
            Shape("rect", x, y, min(_BAR[0], width), _BAR[1], fill=accent, name="figure-bar")
        ]
        top = y + bar_h
        items.append(text_box(x, top, width, qual_h, qual, "figure-qualifier", source))
        top += qual_h
        # beside its unit, the number's box ends where the number does: the boxes never overlap
        number_box = min(number_w + 0.5, width) if beside else width
        items.append(text_box(x, top, number_box, num_h, num, "figure-number", source))
        if beside:
            # share the number's baseline
            shift = (num[0].lines[0].baseline - unit[0].lines[0].baseline) if unit[0].lines else 0.0
            items.append(
                text_box(x + number_w + gap, top + shift, unit_width, unit_h, unit, "figure-unit", source)
            )
            top += num_h
        else:
            items.append(text_box(x, top + num_h, width, unit_h, unit, "figure-unit", source))
            top += num_h + unit_h
        items.append(text_box(x, top, width, label_h, label, "figure-label", source))
        return items

    sizes = [s.size for s in styles.values()]
    return Placed(height, draw, min(sizes)), beside or not cell["unit"].text
