"""Grids: a `Grid` node and a region in; its cells in balanced rows out, broken between rows.

Every cell is measured first; the columns come from the count and the narrowest a cell may be
(fewer when a word would not fit a cell), then are balanced over the rows (7 on 4 columns:
4 + 3, not 6 + 1). A row is as tall as its tallest cell and every card in it is stretched to
that height. Key figures in a grid put their units the same way (all beside or all under).
"""

from __future__ import annotations

import math

from msgspec.structs import replace

from ..nodes import Grid, KeyFigure, Node, Panel
from . import dispatch
from .env import Env
from .figure import unit_fits_beside
from .regions import Fragment, Laid, Region, stacked

__all__ = ["grid_columns", "lay_grid"]


def grid_columns(node: Grid, width: float, env: Env) -> int:
    """How many columns `node`'s cells take in `width` points."""
    count = len(node.cells)
    if node.columns or count == 0:
        return node.columns or 1
    fit = max(1, int((width + node.gap) // (node.min_width + node.gap)))
    columns = min(count, fit, node.max_columns or count)
    while columns > 1 and _breaks_words(node, _cell_width(node, width, columns), env):
        columns -= 1
    rows = math.ceil(count / columns)
    return math.ceil(count / rows)


def _cell_width(node: Grid, width: float, columns: int) -> float:
    return max((width - node.gap * (columns - 1)) / columns, 1.0)


def _breaks_words(node: Grid, width: float, env: Env) -> bool:
    cells = _aligned(node, width, env)
    return any(_measure(cell, width, env).broke_words for cell in cells)


def _measure(cell: Node, width: float, env: Env) -> Fragment:
    fragment = dispatch.lay(cell, Region(width), env).fragment
    assert fragment is not None  # an unbounded region holds anything
    return fragment


def _aligned(node: Grid, width: float, env: Env) -> tuple[Node, ...]:
    """The cells, key figures all with their unit beside the number or all under it (the same
    nodes every time for a width and scale, so that what is laid out of them is reused)."""
    return env.done.get("aligned", node, (width, env.scale), lambda: _align(node.cells, width, env))


def _align(cells: tuple[Node, ...], width: float, env: Env) -> tuple[Node, ...]:
    figures = [cell for cell in cells if isinstance(cell, KeyFigure)]
    if not figures:
        return cells
    beside = all(unit_fits_beside(cell, width, env) for cell in figures)
    return tuple(replace(cell, beside=beside) if isinstance(cell, KeyFigure) else cell for cell in cells)


def lay_grid(node: Grid, region: Region, env: Env) -> Laid:
    if not node.cells:
        return Laid(Fragment(region.width, 0.0))
    columns = grid_columns(node, region.width, env)
    width = _cell_width(node, region.width, columns)
    cells = _aligned(node, width, env)
    measured = [_measure(cell, width, env) for cell in cells]
    parts: list[tuple[float, float, Fragment]] = []
    y = 0.0
    for start in range(0, len(cells), columns):
        row = range(start, min(start + columns, len(cells)))
        height = max(measured[k].height for k in row)
        before = node.gap if parts else 0.0
        if not region.fits(y + before + height) and region.more and (parts or not region.fresh):
            if not parts:
                return Laid(None)
            return Laid(
                stacked(region.width, y, parts), replace(node, cells=node.cells[start:], columns=columns)
            )
        for j, k in enumerate(row):
            cell = measured[k] if measured[k].height >= height else _stretched(cells[k], width, height, env)
            parts.append((j * (width + node.gap), y + before, cell))
        y += before + height
    return Laid(stacked(region.width, y, parts))


def _stretched(cell: Node, width: float, height: float, env: Env) -> Fragment:
    """A card as tall as its row (other cells keep their height)."""
    if isinstance(cell, Panel):
        return _measure(replace(cell, min_height=height), width, env)
    return _measure(cell, width, env)
