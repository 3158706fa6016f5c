"""What every block shares: the compose context, bound content and placed (measured) blocks.

A block is handled in two steps. `bind` turns it into `Content` (its texts, bound to the
profile, each with the role it will be set in), so compose can gather every character before
loading fonts. `place` measures the content at a width and a text scale and returns `Placed`:
its height, and a function that puts its items at a given top-left corner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ...diagnostics import Diagnostic, did_you_mean
from ...document import Color, Item, Paragraph, TextBox
from ...loaders.theme import LoadedTheme
from ...loaders.yaml_source import DataPath, SourceDoc
from ..bind import Binder, Bound
from ..geometry import MM
from ..typeset import Styled, Typesetter

__all__ = ["Content", "Ctx", "Placed", "set_paragraphs", "split_lines", "stack_height", "text_placed"]


@dataclass
class Ctx:
    """Everything a block needs to bind and place itself in one document."""

    binder: Binder
    theme: LoadedTheme
    layout: SourceDoc
    lang: str
    kind: str
    root: Path
    typesetter: Typesetter | None = None
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def ts(self) -> Typesetter:
        assert self.typesetter is not None, "fonts are loaded after binding"
        return self.typesetter

    def color(self, name: str | None, at: DataPath, default: str) -> Color:
        """A theme colour by name or hex; an unknown name is a diagnostic at `at`."""
        ref = name or default
        found = self.theme.color(ref)
        if found is None:
            self.problems.append(
                Diagnostic(
                    self.layout.span(at), f"unknown colour '{ref}'", did_you_mean(ref, self.theme.colors)
                )
            )
            return Color(0, 0, 0)
        return found

    def role(self, name: str, at: DataPath) -> str:
        """`name` if the theme has that text role; else a diagnostic and the role 'body'."""
        roles = self.theme.theme.typography.roles
        if name in roles:
            return name
        self.problems.append(
            Diagnostic(
                self.layout.span(at),
                f"unknown text style '{name}'",
                did_you_mean(name, roles) or (f"styles: {', '.join(roles)}",),
            )
        )
        return next(iter(roles))


@dataclass
class Content:
    """A block bound to the profile: its texts with their roles, and anything else it needs."""

    block: Any
    at: DataPath
    texts: list[tuple[Bound, str]] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    def add(self, bound: Bound, role: str) -> Bound:
        """Record `bound` (set in `role`), with the block's letter case applied."""
        case = getattr(self.block, "case", None)
        if case == "upper":
            bound = replace(bound, text=bound.text.upper())
        elif case == "sentence" and bound.text:
            bound = replace(bound, text=bound.text[0].upper() + bound.text[1:])
        self.texts.append((bound, role))
        return bound


@dataclass(frozen=True)
class Placed:
    """A measured block: its `height` in points and `draw(x, y)` giving its items there.

    `split(height)`, for blocks that can flow onto a continuation page (text), returns the
    part that fits in `height` points (None when not even a line fits) and the rest.
    """

    height: float
    draw: Callable[[float, float], list[Item]]
    min_size: float = 1e9
    split: Callable[[float], tuple[Placed | None, Placed]] | None = None


def text_placed(paragraphs: tuple[Paragraph, ...], width: float, name: str, source: str) -> Placed:
    """Paragraphs set in a text box `width` points wide, splittable between lines."""
    height = stack_height(paragraphs)
    smallest = min((p.style.size for p in paragraphs), default=1e9)

    def draw(x: float, y: float) -> list[Item]:
        return [text_box(x, y, width, height, paragraphs, name, source)]

    def split(room: float) -> tuple[Placed | None, Placed]:
        head, tail = split_lines(paragraphs, room)
        whole = text_placed(paragraphs, width, name, source)
        if not head:
            return None, whole
        return text_placed(head, width, name, source), text_placed(tail, width, name, source)

    return Placed(height, draw, smallest, split)


def split_lines(
    paragraphs: tuple[Paragraph, ...], room: float
) -> tuple[tuple[Paragraph, ...], tuple[Paragraph, ...]]:
    """The lines that fit in `room` points, and the rest (a paragraph may be cut between lines)."""
    used = 0.0
    for i, paragraph in enumerate(paragraphs):
        leading = paragraph.style.leading
        fits = int((room - used - paragraph.space_before + 0.01) // leading)
        if fits >= len(paragraph.lines):
            used += paragraph.space_before + len(paragraph.lines) * leading
            continue
        if fits <= 0:
            return paragraphs[:i], (replace(paragraph, space_before=0.0), *paragraphs[i + 1 :])
        head, tail = _cut(paragraph, fits)
        return (*paragraphs[:i], head), (tail, *paragraphs[i + 1 :])
    return paragraphs, ()


def _cut(paragraph: Paragraph, count: int) -> tuple[Paragraph, Paragraph]:
    """A paragraph's first `count` lines, and the rest moved up to the top (no bullet).

    Both parts are slices of the paragraph's text (the head keeps what lies between its last
    line and the next, e.g. the space where the line broke), so joined they are the text.
    """
    shift = count * paragraph.style.leading
    cut = paragraph.lines[count].start
    first, rest = paragraph.lines[:count], paragraph.lines[count:]
    moved = tuple(
        replace(line, baseline=line.baseline - shift, start=line.start - cut, end=line.end - cut)
        for line in rest
    )
    head = replace(paragraph, lines=first, text=paragraph.text[:cut])
    tail = replace(paragraph, lines=moved, text=paragraph.text[cut:], bullet=None, space_before=0.0)
    return head, tail


def space_before(block: Any) -> float:
    return float(getattr(block, "space_before", 0.0)) * MM


def set_paragraphs(
    ts: Typesetter,
    texts: list[str],
    styled: Styled,
    width: float,
    *,
    align: str = "left",
    bullet: str | None = None,
    gap: float = 0.0,
) -> tuple[tuple[Paragraph, ...], float]:
    """Set `texts` as paragraphs (with `gap` points between them); return them and their height."""
    indent = 0.0
    if bullet:
        indent = ts.width(bullet, styled) + styled.size * 0.6  # bullet, then a clear gap
    paragraphs = tuple(
        ts.paragraph(
            text, styled, width, align=align, bullet=bullet, indent=indent, space_before=gap if i else 0.0
        )
        for i, text in enumerate(texts)
    )
    return paragraphs, stack_height(paragraphs)


def stack_height(paragraphs: tuple[Paragraph, ...]) -> float:
    """The height of paragraphs set one under another, in points."""
    return sum(p.space_before + len(p.lines) * p.style.leading for p in paragraphs)


def text_box(
    x: float,
    y: float,
    width: float,
    height: float,
    paragraphs: tuple[Paragraph, ...],
    name: str,
    source: str = "",
    role: str | None = None,
) -> TextBox:
    """A `TextBox` whose lines' baselines are offset for stacked paragraphs."""
    return TextBox(x, y, width, height, _offset(paragraphs), role=role, name=name, source=source)


def _offset(paragraphs: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
    """Shift each paragraph's line baselines below the paragraphs above it."""
    top = 0.0
    out = []
    for paragraph in paragraphs:
        top += paragraph.space_before
        lines = tuple(replace(line, baseline=line.baseline + top) for line in paragraph.lines)
        out.append(replace(paragraph, lines=lines))
        top += len(paragraph.lines) * paragraph.style.leading
    return tuple(out)
