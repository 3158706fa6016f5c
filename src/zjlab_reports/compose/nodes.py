"""The layout tree: nothing in (definitions); the typed nodes binding makes of a layout out.

`tree` builds these from a layout's frames and blocks and the profile; `layout` measures them
into regions. A node holds what it shows (bound texts, with where each came from), its text
roles and colours (already resolved), its lengths in points (from the layout and the theme's
components) and the structure tag of what it draws (`document.Tag`; None for decoration).
Nothing here depends on fonts or on a text scale, so one tree serves every shrink step.

Nodes are frozen: a layout that breaks a node between regions returns the rest as a new node
(`Stack` of the children left, `Grid` from row `first`, `Lines` already set). What of a node
its layout depends on (all but where its texts come from) is its shape (`layout.shapes`), so
that two documents of a batch can share the layout of a frame they show alike. Nodes are
compared by identity (`eq=False`): shapes compare what layouts read, nothing compares two
nodes field by field, and every generated method costs start-up time (~0.1 ms each).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from msgspec import Struct

from ..document import Align, Color, Paragraph, Tag
from .bind import Bound
from .pictures import PictureSource

__all__ = [
    "Chart",
    "FrameNode",
    "Grid",
    "KeyFigure",
    "Lines",
    "Milestone",
    "Node",
    "Panel",
    "Picture",
    "Row",
    "Rule",
    "Spacer",
    "Stack",
    "Text",
    "Timeline",
    "children",
    "is_sticky",
    "texts_of",
]


class Text(Struct, frozen=True, eq=False):
    """Paragraphs in one text role: a heading, a paragraph, or a list (one paragraph per item).

    `bullet` starts each paragraph of a list, `indent_em` after it (x the size); `gap_em` is
    the space between paragraphs (x the leading). A `heading` keeps with what follows it.
    """

    texts: tuple[Bound, ...]
    role: str
    name: str
    color: Color | None = None
    align: Align = "left"
    bullet: str | None = None
    bullet_gap: float = 0.6
    gap_em: float = 0.0
    heading: bool = False
    tag: Tag | None = None


class Lines(Struct, frozen=True, eq=False):
    """Paragraphs already set `width` points wide: the rest of a `Text` broken between lines."""

    paragraphs: tuple[Paragraph, ...]
    width: float
    name: str
    tag: Tag | None = None
    broke_words: bool = False


class Rule(Struct, frozen=True, eq=False):
    """A bar `thickness` points high, `length` points long (None: the region's width)."""

    color: Color
    thickness: float
    length: float | None = None


class Spacer(Struct, frozen=True, eq=False):
    height: float


class Picture(Struct, frozen=True, eq=False):
    """A PNG or JPEG; `ratio` is its height over its width; `height` None: from the ratio
    (or, to `cover`, the rest of a fixed frame).

    `fit`: `cover` fills the box and crops around `focus` (shares of width and height);
    `contain` shows it all, placed across by `align`. `pixels` is its size in pixels; `name`
    names the drawn picture; `source` says where it comes from (for resolution checks).
    """

    path: Path
    ratio: float
    alt: str
    height: float | None = None
    tag: Tag | None = None
    pixels: tuple[int, int] = (0, 0)
    fit: Literal["cover", "contain"] = "contain"
    focus: tuple[float, float] = (0.5, 0.5)
    align: Align = "left"
    name: str = "image"
    source: PictureSource | None = None


class KeyFigure(Struct, frozen=True, eq=False):
    """A key figure: accent bar, qualifier, big number with its unit beside (or under) it, label.

    `roles` name the text roles of qualifier, number, unit and label. `beside` None lets the
    figure put its unit beside the number when it fits; a grid sets it for a row of figures.
    The number carries `tag` (a `Figure` whose alt text states the fact); the rest is drawn
    as decoration of that figure.
    """

    qualifier: Bound
    number: Bound
    unit: Bound
    label: Bound
    roles: tuple[str, str, str, str]
    bar: Color
    bar_width: float
    bar_thickness: float
    bar_gap: float
    unit_gap: float
    tag: Tag | None = None
    beside: bool | None = None


class Milestone(Struct, frozen=True, eq=False):
    """One step of a timeline; `groups` are its list item's structure (`L`, `LI`)."""

    when: Bound
    title: Bound
    body: Bound
    groups: tuple[tuple[str, str], ...] = ()


class Timeline(Struct, frozen=True, eq=False):
    """Milestones along a line, in balanced rows at least `min_width` wide, or one under another.

    `roles` are the text roles of date, title and body; lengths are points. `columns` (0:
    chosen from the width) and `first` (the number of the first step) are kept by the rest of
    a timeline broken between rows.
    """

    steps: tuple[Milestone, ...]
    roles: tuple[str, str, str]
    line: Color
    dot: Color
    dot_fill: Color
    direction: Literal["auto", "across", "down"]
    min_width: float
    gap: float
    dot_size: float
    dot_stroke: float
    line_width: float
    line_gap: float
    text_gap: float
    title_gap: float
    columns: int = 0
    first: int = 0


class Chart(Struct, frozen=True, eq=False):
    """A bar or column chart: a bar per fact (`label`, formatted `shown`, `value`)."""

    kind: Literal["bar", "column"]
    bars: tuple[tuple[Bound, Bound, float], ...]
    role: str
    color: Color
    axis: Color
    label_gap: float
    ratio: float
    title: Bound | None = None
    height: float | None = None
    tag: Tag | None = None


class Stack(Struct, frozen=True, eq=False):
    """Children one under another: `before[i]` points above child i, `gap` between children.

    A stack breaks between its children (and inside those that break); a child that keeps
    with the next (`is_sticky`) moves on with it. A `spread` stack that fits its region whole
    shares the room left over between its gaps (the rest of a broken stack never spreads).
    """

    children: tuple[Node, ...]
    before: tuple[float, ...]
    gap: float = 0.0
    spread: bool = False


class Panel(Struct, frozen=True, eq=False):
    """A card: `content` inside `padding` on a `fill` with rounded corners and an accent bar.

    At least `min_height` tall; kept whole (never broken between regions).
    """

    content: Stack
    name: str
    fill: Color | None
    radius: float
    padding: float
    accent: Color | None
    accent_height: float
    min_height: float = 0.0


class Grid(Struct, frozen=True, eq=False):
    """Cells on as many balanced rows as they need, each row as tall as its tallest cell.

    `columns` 0 chooses the count from `min_width` (never more than `max_columns`, if set);
    breaks between rows (the rest keeps the columns chosen).
    """

    cells: tuple[Node, ...]
    min_width: float
    gap: float
    max_columns: int = 0
    columns: int = 0


class FrameNode(Struct, frozen=True, eq=False):
    """A frame: `content` inside `padding`, on its `fill` and `bands` (colour, corner radius).

    In a region it stands `x` points in and is `width` wide (None: the region's width); its
    height is `height` (fixed frames), else its content's, at least `min_height`. `role` is
    given to its first text box (a deck placeholder). `bleed` marks its fills as bleeding.
    """

    content: Stack
    name: str
    padding: float = 0.0
    fill: Color | None = None
    bands: tuple[tuple[Color, float], ...] = ()
    role: str | None = None
    valign: Literal["top", "middle", "bottom"] = "top"
    x: float = 0.0
    width: float | None = None
    height: float | None = None
    min_height: float = 0.0
    bleed: bool = False


class Row(Struct, frozen=True, eq=False):
    """Frames side by side, as tall as the tallest; kept whole unless taller than a whole
    region (then stacked, `gap` apart)."""

    frames: tuple[FrameNode, ...]
    gap: float = 0.0


Node = (
    Text
    | Lines
    | Rule
    | Spacer
    | Picture
    | KeyFigure
    | Timeline
    | Chart
    | Stack
    | Panel
    | Grid
    | FrameNode
    | Row
)


def is_sticky(node: Node) -> bool:
    """True when `node` ends with a heading: it keeps with what follows it."""
    match node:
        case Text():
            return node.heading
        case Stack():
            return bool(node.children) and is_sticky(node.children[-1])
        case FrameNode():
            return is_sticky(node.content)
        case _:
            return False


def texts_of(node: Node) -> Iterator[tuple[Bound, str]]:
    """Every bound text in `node`, with the text role it is set in, in reading order."""
    match node:
        case Text():
            yield from ((bound, node.role) for bound in node.texts)
        case KeyFigure():
            yield from zip((node.qualifier, node.number, node.unit, node.label), node.roles, strict=True)
        case Timeline():
            for step in node.steps:
                yield from zip((step.when, step.title, step.body), node.roles, strict=True)
        case Chart():
            for label, shown, _ in node.bars:
                yield from ((label, node.role), (shown, node.role))
            if node.title is not None:
                yield node.title, node.role
        case _:
            for child in children(node):
                yield from texts_of(child)


def children(node: Node) -> tuple[Node, ...]:
    """The nodes inside `node` (none for a leaf)."""
    match node:
        case Stack():
            return node.children
        case Grid():
            return node.cells
        case Row():
            return node.frames
        case FrameNode() | Panel():
            return (node.content,)
        case _:
            return ()
