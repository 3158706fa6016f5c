"""Timelines: a `Timeline` node and a region in; rows of milestones on a line (or a column) out.

Across: as many milestones a row as fit at the node's `min_width`, balanced over the rows
(7 on rows of 4: 4 + 3); each row has its line, a dot per milestone, the date above the line
and title and body below. Down (when not even two fit a row, or a row is taller than a whole
region): one milestone under another, the dot on a vertical line at the left. Breaks between
rows (or milestones, going down).
"""

from __future__ import annotations

import math

from msgspec import Struct
from msgspec.structs import replace

from ...document import Item, Paragraph, Shape, Tag, TextBox
from ..nodes import Milestone, Timeline
from .env import Env
from .regions import Fragment, Laid, Region, stacked
from .text import stack_height, sticks_out

__all__ = ["lay_timeline", "timeline_columns"]


class _Step(Struct, frozen=True, eq=False):
    """One milestone's texts set at a width: date, title, body, and whether a word broke."""

    when: Paragraph
    title: Paragraph
    body: Paragraph
    title_gap: float
    broke: bool

    @property
    def below(self) -> float:
        """Height of title and body."""
        return stack_height((self.title,)) + self.title_gap + stack_height((self.body,))


def timeline_columns(node: Timeline, width: float) -> int:
    """Milestones a row: as many as fit at `min_width`, balanced; 1 means going down."""
    count = len(node.steps)
    if node.columns:
        return node.columns
    if node.direction == "down" or count == 0:
        return 1
    fit = max(1, int((width + node.gap) // (node.min_width + node.gap)))
    if node.direction == "auto" and fit < 2 and count > 1:
        return 1
    columns = min(count, fit)
    rows = math.ceil(count / columns)
    return math.ceil(count / rows)


def lay_timeline(node: Timeline, region: Region, env: Env) -> Laid:
    if not node.steps:
        return Laid(Fragment(region.width, 0.0))
    columns = timeline_columns(node, region.width)
    across = columns > 1 or node.direction == "across" or len(node.steps) == 1
    lay_group = _row if across else _down
    parts: list[tuple[float, float, Fragment]] = []
    y = 0.0
    row_gap = node.gap * 2 if across else node.gap
    for start in range(0, len(node.steps), columns if across else 1):
        group = node.steps[start : start + (columns if across else 1)]
        fragment = lay_group(node, group, start, columns, region.width, env)
        before = row_gap if parts else 0.0
        if _too_tall_across(node, across, region, y + before + fragment.height, bool(parts)):
            return lay_timeline(replace(node, direction="down", columns=0), region, env)
        if not region.fits(y + before + fragment.height) and region.more and (parts or not region.fresh):
            if not parts:
                return Laid(None)
            rest = replace(node, steps=node.steps[start:], first=node.first + start, columns=columns)
            return Laid(stacked(region.width, y, parts), rest)
        parts.append((0.0, y + before, fragment))
        y += before + fragment.height
    return Laid(stacked(region.width, y, parts))


def _too_tall_across(node: Timeline, across: bool, region: Region, bottom: float, placed: bool) -> bool:
    """A row of milestones taller than a whole region: an `auto` timeline then goes down."""
    return (
        across
        and node.direction == "auto"
        and region.more
        and region.fresh
        and not placed
        and not region.fits(bottom)
    )


def _set(node: Timeline, step: Milestone, width: float, env: Env) -> _Step:
    styles = [env.style(role) for role in node.roles]
    texts = (step.when.text, step.title.text, step.body.text)
    when, title, body = (env.ts.paragraph(t, s, width) for t, s in zip(texts, styles, strict=True))
    broke = any(env.ts.too_narrow(t, s, width) for t, s in zip(texts, styles, strict=True))
    return _Step(when, title, body, styles[1].leading * node.title_gap, broke)


def _row(
    node: Timeline, steps: tuple[Milestone, ...], start: int, columns: int, width: float, env: Env
) -> Fragment:
    col_w = (width - node.gap * (columns - 1)) / columns
    done = [_set(node, step, col_w, env) for step in steps]
    when_h = max(stack_height((s.when,)) for s in done)
    line_y = when_h + node.line_gap + node.dot_size / 2
    text_top = line_y + node.dot_size / 2 + node.text_gap
    height = text_top + max(s.below for s in done)
    end = (len(steps) - 1) * (col_w + node.gap) + col_w
    items: list[Item] = [_line(node, 0.0, line_y, end, 0.0)]
    for i, (step, texts) in enumerate(zip(steps, done, strict=True)):
        x = i * (col_w + node.gap)
        place = _Place(x, line_y, x, col_w, when_h, text_top)
        items += _milestone(node, step, texts, node.first + start + i, place)
    return _fragment(width, height, items, done)


def _down(
    node: Timeline, steps: tuple[Milestone, ...], start: int, columns: int, width: float, env: Env
) -> Fragment:
    (step,) = steps
    text_x = node.dot_size + node.text_gap
    text_w = max(width - text_x, 1.0)
    texts = _set(node, step, text_w, env)
    when_h = stack_height((texts.when,))
    line_y = texts.when.style.leading / 2
    height = when_h + node.line_gap + texts.below
    items: list[Item] = []
    if start + 1 < len(node.steps):  # the line runs down to the next milestone's dot
        items.append(_line(node, node.dot_size / 2, line_y, 0.0, height + node.gap))
    place = _Place(0.0, line_y, text_x, text_w, when_h, when_h + node.line_gap)
    items += _milestone(node, step, texts, node.first + start, place)
    return _fragment(width, height, items, [texts])


class _Place(Struct, frozen=True, eq=False):
    """Where a milestone's parts go: its dot (left edge, centre height), its texts' column,
    the height of the date, and the top of the title."""

    dot_x: float
    line_y: float
    text_x: float
    text_w: float
    when_h: float
    text_top: float


def _milestone(node: Timeline, step: Milestone, texts: _Step, number: int, at: _Place) -> list[Item]:
    """A milestone's date, dot, title and body; dates are the list's labels (`Lbl`)."""
    name = f"milestone-{number + 1}"
    label, text = _tags(step)
    dot = Shape(
        "ellipse",
        at.dot_x,
        at.line_y - node.dot_size / 2,
        node.dot_size,
        node.dot_size,
        fill=node.dot_fill,
        stroke=node.dot,
        stroke_width=node.dot_stroke,
        name=f"{name}-dot",
    )
    title_h, body_h = stack_height((texts.title,)), stack_height((texts.body,))
    body_top = at.text_top + title_h + texts.title_gap
    return [
        _box(at.text_x, 0.0, at.text_w, at.when_h, texts.when, f"{name}-when", label),
        dot,
        _box(at.text_x, at.text_top, at.text_w, title_h, texts.title, f"{name}-title", text),
        _box(at.text_x, body_top, at.text_w, body_h, texts.body, f"{name}-body", text),
    ]


def _tags(step: Milestone) -> tuple[Tag | None, Tag | None]:
    """The date's tag (the item's label) and the title's and body's (its body)."""
    if not step.groups:
        return None, None
    body = (*step.groups, ("LBody", f"{step.groups[-1][1]}/body"))
    return Tag("Lbl", step.groups), Tag("P", body)


def _box(
    x: float, y: float, width: float, height: float, p: Paragraph, name: str, tag: Tag | None
) -> TextBox:
    return TextBox(x, y, width, height, (p,), name=name, tag=tag)


def _line(node: Timeline, x: float, y: float, width: float, height: float) -> Shape:
    return Shape(
        "line", x, y, width, height, stroke=node.line, stroke_width=node.line_width, name="timeline-line"
    )


def _fragment(width: float, height: float, items: list[Item], steps: list[_Step]) -> Fragment:
    sizes = [p.style.size for s in steps for p in (s.when, s.title, s.body)]
    boxes = [item for item in items if isinstance(item, TextBox)]
    wide = max((sticks_out(p, box.width) for box in boxes for p in box.paragraphs), default=0.0)
    return Fragment(width, height, tuple(items), any(s.broke for s in steps), smallest=min(sizes), wide=wide)
