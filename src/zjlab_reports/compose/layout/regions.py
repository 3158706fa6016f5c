"""Regions and fragments: where a node is laid out, and what comes back.

In: nothing (definitions). Out: `Region` (the room a node gets), `Fragment` (what it drew
there, relative to its own top-left corner, with the facts of how it went) and `Laid` (the
fragment and, when the node broke, the rest to lay out in the next region: WeasyPrint's
`resume_at`, typst's fragments over regions).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from msgspec import Struct
from msgspec.structs import replace

from ...document import Chart, Item, TextBox
from ..nodes import Node

__all__ = ["EPSILON", "Fragment", "Laid", "Region", "changed", "first_text_box", "moved", "stacked"]

EPSILON = 0.01  # points: rounding slack when comparing lengths


class Region(Struct, frozen=True):
    """The room a node is laid out in, in points.

    `height` is what is left of this region. `more`: another region follows, so a node that
    does not fit may break here and go on there, or move there whole. `fresh`: nothing stands
    above in this region, so moving on would not help: the node is placed even if too tall.
    """

    width: float
    height: float = math.inf
    more: bool = False
    fresh: bool = True

    def below(self, used: float) -> Region:
        """The rest of this region under `used` points of content."""
        return Region(self.width, self.height - used, self.more, self.fresh and used <= 0)

    def fits(self, height: float) -> bool:
        return height <= self.height + EPSILON


class Fragment(Struct, frozen=True):
    """What a node drew: items relative to the fragment's top-left corner, and its facts.

    `broke_words`: a word was wider than its column and was cut between letters.
    `overflow`: points by which content stands out of a box that could not grow (0: none).
    `wide`: points by which a line is wider than its column (a glyph wider than the column).
    `smallest`: the smallest type size set in it (inf: no text).
    `trouble`: the name of the first frame in it whose content broke a word or stood out.
    """

    width: float
    height: float
    items: tuple[Item, ...] = ()
    broke_words: bool = False
    overflow: float = 0.0
    smallest: float = math.inf
    trouble: str = ""
    wide: float = 0.0

    def at(self, x: float, y: float) -> list[Item]:
        """The items moved so that the fragment's corner is at (x, y)."""
        if x == 0 and y == 0:
            return list(self.items)
        return [
            replace(item, x=item.x + x, y=item.y + y) if type(item) is not Chart else moved(item, x, y)
            for item in self.items
        ]  # `moved`, without two calls per item (layout moves every item once per level)


class Laid(Struct, frozen=True):
    """A node laid out in a region: its fragment (None: nothing of it fits, it moves on whole)
    and the rest to lay out in the next region (None: it is all here)."""

    fragment: Fragment | None
    rest: Node | None = None


def moved(item: Item, dx: float, dy: float) -> Item:
    """`item` shifted by (dx, dy) points, a chart's drawing with it."""
    if dx == 0 and dy == 0:
        return item
    if isinstance(item, Chart):
        drawing = tuple(moved(part, dx, dy) for part in item.drawing)
        return changed(item, x=item.x + dx, y=item.y + dy, drawing=drawing)
    return changed(item, x=item.x + dx, y=item.y + dy)


#: `item` (a document item or tag) with `changes`: layout moves every item once per level of
#: nesting, and every page item gets its section. msgspec's `replace` itself (a function of
#: ours around it would cost a call and a dict of keywords per item and level).
changed = replace


def stacked(width: float, height: float, parts: Iterable[tuple[float, float, Fragment]]) -> Fragment:
    """One fragment of `width` x `height` made of `parts` (x, y, fragment), facts combined."""
    items: list[Item] = []
    broke, overflow, smallest, trouble, wide = False, 0.0, math.inf, "", 0.0
    for x, y, part in parts:
        items += part.at(x, y)
        broke = broke or part.broke_words
        overflow = max(overflow, part.overflow)
        smallest = min(smallest, part.smallest)
        trouble = trouble or part.trouble
        wide = max(wide, part.wide)
    return Fragment(width, height, tuple(items), broke, overflow, smallest, trouble, wide)


def first_text_box(items: list[Item]) -> int | None:
    """The index of the first text box in `items`, if any."""
    return next((i for i, item in enumerate(items) if isinstance(item, TextBox)), None)
