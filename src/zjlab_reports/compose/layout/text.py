"""Text layout: a `Text` node and a region in; a text box, and the lines left over, out.

Paragraphs are set once at the region's width (`set_text`, giving `Lines`); a region too
short for them all takes whole lines, never fewer than two of a paragraph at the foot of a
region (orphans) nor leaving fewer than two at the head of the next (widows), unless the
region is fresh and there is no other way. Both parts of a split paragraph are slices of its
text: joined, they are the text again.
"""

from __future__ import annotations

from msgspec.structs import replace

from ...document import Paragraph, TextBox
from ...text.memo import Memo
from ..nodes import Lines, Text
from .env import Env
from .regions import EPSILON, Fragment, Laid, Region
from .shapes import shape_of

__all__ = [
    "ORPHANS",
    "WIDOWS",
    "clear_memo",
    "cut_paragraph",
    "lay_lines",
    "lay_text",
    "set_text",
    "split_lines",
    "stack_height",
    "sticks_out",
]

ORPHANS = 2  # fewest lines of a paragraph left at the foot of a region
WIDOWS = 2  # fewest lines of a paragraph carried to the head of the next


def set_text(node: Text, width: float, env: Env) -> Lines:
    """`node`'s paragraphs broken into lines `width` points wide."""
    styled = env.style(node.role, node.color)
    indent = env.ts.width(node.bullet, styled) + styled.size * node.bullet_gap if node.bullet else 0.0
    gap = styled.leading * node.gap_em
    paragraphs = tuple(
        env.ts.paragraph(
            bound.text,
            styled,
            width,
            align=node.align,
            bullet=node.bullet,
            indent=indent,
            space_before=gap if i else 0.0,
        )
        for i, bound in enumerate(node.texts)
    )
    broke = any(env.ts.too_narrow(bound.text, styled, width - indent) for bound in node.texts)
    return Lines(paragraphs, width, node.name, node.tag, broke)


def lay_text(node: Text, region: Region, env: Env) -> Laid:
    return lay_lines(_set_shared(node, region.width, env), region, env)


# Texts set in this process, shared by its documents (a batch sets the same texts again):
# some 2 kB each, a few times the 80 texts of a brochure.
_SET = Memo(limit=512)


def clear_memo() -> None:
    """Forget the texts set in this process (for tests)."""
    _SET.clear()


def _set_shared(node: Text, width: float, env: Env) -> Lines:
    """`set_text`, made once per process for what the node shows, the width, the text scale
    and the typesetter's setting (while remembered)."""
    if env.setting is None:
        return set_text(node, width, env)
    key = (shape_of(node, env.done), width, env.scale, env.setting)
    return _SET.get(key, lambda: set_text(node, width, env))


def lay_lines(node: Lines, region: Region, env: Env) -> Laid:
    """All of `node` when it fits (or cannot go on), else the lines that fit and the rest."""
    height = stack_height(node.paragraphs)
    if region.fits(height) or not region.more:
        return Laid(_fragment(node, node.paragraphs))
    head, tail = split_lines(node.paragraphs, region.height, strict=True)
    if not head and region.fresh:
        head, tail = split_lines(node.paragraphs, region.height, strict=False)
        if not head:  # not even one line fits a whole region: set it all, too tall
            return Laid(_fragment(node, node.paragraphs))
    if not head:
        return Laid(None, node)
    return Laid(_fragment(node, head), replace(node, paragraphs=tail) if tail else None)


def _fragment(node: Lines, paragraphs: tuple[Paragraph, ...]) -> Fragment:
    height = stack_height(paragraphs)
    box = TextBox(0.0, 0.0, node.width, height, _offset(paragraphs), name=node.name, tag=node.tag)
    smallest = min((p.style.size for p in paragraphs), default=float("inf"))
    wide = max((sticks_out(p, node.width) for p in paragraphs), default=0.0)
    return Fragment(node.width, height, (box,), node.broke_words, smallest=smallest, wide=wide)


def sticks_out(paragraph: Paragraph, width: float) -> float:
    """Points by which a line of `paragraph` is wider than `width` (a glyph wider than its
    column, which no cut between letters can help); 0 when every line fits."""
    widest = max((paragraph.indent + line.width for line in paragraph.lines), default=0.0)
    return max(widest - width, 0.0) if widest > width + EPSILON else 0.0


def stack_height(paragraphs: tuple[Paragraph, ...]) -> float:
    """The height of paragraphs set one under another, in points."""
    return sum(p.space_before + len(p.lines) * p.style.leading for p in paragraphs)


def split_lines(
    paragraphs: tuple[Paragraph, ...], room: float, *, strict: bool
) -> tuple[tuple[Paragraph, ...], tuple[Paragraph, ...]]:
    """The lines that fit in `room` points, and the rest; `strict` keeps orphans and widows."""
    used = 0.0
    for i, paragraph in enumerate(paragraphs):
        needed = paragraph.space_before + len(paragraph.lines) * paragraph.style.leading
        if used + needed <= room + EPSILON:
            used += needed
            continue
        take = int((room - used - paragraph.space_before + EPSILON) // paragraph.style.leading)
        if strict:
            take = min(take, len(paragraph.lines) - WIDOWS)
            take = take if take >= ORPHANS else 0
        if take <= 0:
            return paragraphs[:i], (replace(paragraph, space_before=0.0), *paragraphs[i + 1 :])
        head, tail = cut_paragraph(paragraph, take)
        return (*paragraphs[:i], head), (tail, *paragraphs[i + 1 :])
    return paragraphs, ()


def cut_paragraph(paragraph: Paragraph, count: int) -> tuple[Paragraph, Paragraph]:
    """A paragraph's first `count` lines, and the rest moved up to the top (no bullet).

    Both are slices of the paragraph's text: the head keeps what lies between its last line
    and the next (the space where the line broke), so the two joined are the text again.
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


def _offset(paragraphs: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
    """Shift each paragraph's line baselines below the paragraphs above it."""
    top = 0.0
    out = []
    for paragraph in paragraphs:
        top += paragraph.space_before
        if top:
            lines = tuple(replace(line, baseline=line.baseline + top) for line in paragraph.lines)
            paragraph = replace(paragraph, lines=lines)
        out.append(paragraph)
        top += len(paragraph.lines) * paragraph.style.leading
    return tuple(out)
