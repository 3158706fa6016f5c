"""Line layout: text, fonts and a box width in; positioned `document.Line`s out.

Breaks the text with `break_lines`, then places each line: runs get x offsets for the
alignment, lines get baselines. All lengths are points, measured from the text box's
top-left corner, y downwards.
"""

from __future__ import annotations

from ..document import Line, Run
from .chain import FontChain
from .lines import MeasuredLine, break_lines

__all__ = ["layout_lines"]

_SLACK_SHARE = {"left": 0.0, "center": 0.5, "right": 1.0}


def layout_lines(
    text: str,
    chain: FontChain,
    size: float,
    leading: float,
    width: float,
    lang: str,
    *,
    align: str = "left",
    top: float = 0.0,
    first_indent: float = 0.0,
) -> tuple[Line, ...]:
    """Break `text` to `width` points at `size` points and place the lines.

    The first baseline is `top` plus the ascent of the chain's main font for `lang` (the
    first East Asian face for Chinese, else the first Latin face) times `size`, whatever
    fonts the line holds, so that every paragraph of a style sits on the same grid; each
    further baseline is `leading` points lower. Lines are aligned within `width` (the first line
    within `width - first_indent`, starting `first_indent` points in); a line wider than its
    room (one oversized character) starts at its left edge. Raises ValueError for an unknown
    `align` or non-positive size or width.
    """
    if align not in _SLACK_SHARE:
        raise ValueError(f"align must be left, center or right, got {align!r}")
    key = ("lines", text, size, leading, width, lang, align, top, first_indent)
    return chain.memo.get(
        key, lambda: _layout(text, chain, size, leading, width, lang, align, top, first_indent)
    )


def _layout(
    text: str,
    chain: FontChain,
    size: float,
    leading: float,
    width: float,
    lang: str,
    align: str,
    top: float,
    first_indent: float,
) -> tuple[Line, ...]:
    measured = break_lines(text, chain, size, width, lang, first_indent=first_indent)
    baseline = top + chain.primary(lang).ascent * size
    lines = []
    for number, line in enumerate(measured):
        indent = first_indent if number == 0 else 0.0
        left = indent + max(width - indent - line.width, 0.0) * _SLACK_SHARE[align]
        lines.append(_place(line, left, baseline + number * leading))
    return tuple(lines)


def _place(line: MeasuredLine, left: float, baseline: float) -> Line:
    """A `document.Line` whose runs start `left` points from the box's left edge."""
    runs = []
    x = left
    for run in line.runs:
        runs.append(Run(run.text, run.font.face, x, run.width))
        x += run.width
    return Line(tuple(runs), baseline, line.width, line.start, line.end)
