"""Contrast measured: a `Document` in; every line of text too close to what lies behind it out.

WCAG 2.1 (success criterion 1.4.3, contrast minimum, level AA): the contrast ratio of two
colours is (L1 + 0.05) / (L2 + 0.05), L the relative luminance of the lighter and the darker;
text needs 4.5:1, large text 3:1 (at least 18 pt, or 14 pt at weight 700 or more).

What lies behind a line is found by walking the items painted before it, topmost first (a
page's items are in paint order; a chart's drawing in its own order, after what lies under the
chart): every filled rectangle or ellipse that overlaps the line's box shows behind part of it,
until one covers the whole box; when none does, the page's background (white when it has
none) shows too. The line is measured against each colour behind it and the worst counts. A
picture behind a line cannot be measured: it is reported as such (`Unmeasured`), not guessed.
Rounded corners count as square; strokes and rules drawn as lines are not backgrounds.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import NamedTuple

from msgspec import Struct

from ...document import Chart, Color, Document, Image, Item, Line, Page, Paragraph, Shape, TextBox, TextStyle
from ...text.memo import Memo

__all__ = [
    "AA_BODY",
    "AA_LARGE",
    "Backdrop",
    "LowContrast",
    "Measured",
    "Unmeasured",
    "contrast_ratio",
    "is_large",
    "luminance",
    "measure",
    "needed_ratio",
]

AA_BODY = 4.5
AA_LARGE = 3.0
WHITE = Color(255, 255, 255)
_ASCENT, _DESCENT = 0.8, 0.2  # of the type size: a line's ink box around its baseline
_EPSILON = 0.01  # points


@functools.lru_cache(maxsize=256)  # a theme has a dozen colours; bounded all the same
def luminance(color: Color) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour: 0 (black) to 1 (white)."""
    r, g, b = (_linear(channel / 255) for channel in (color.r, color.g, color.b))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


@functools.lru_cache(maxsize=1024)  # pairs of theme colours, measured line after line
def contrast_ratio(a: Color, b: Color) -> float:
    """The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def is_large(size: float, weight: int) -> bool:
    """WCAG's large text: at least 18 pt, or at least 14 pt at weight 700 (bold) or more."""
    return size >= 18 or (size >= 14 and weight >= 700)


def needed_ratio(style: TextStyle) -> float:
    """The AA minimum for text in `style`: 3:1 when large, else 4.5:1."""
    return AA_LARGE if is_large(style.size, style.weight) else AA_BODY


class Backdrop(Struct, frozen=True, eq=False):
    """A colour behind text: a shape's fill (`name` the shape's) or the page's background."""

    color: Color
    name: str
    page: bool = False


class LowContrast(Struct, frozen=True, eq=False):
    """A line of text (in `box`, on page `page`, 0-based) whose colour fails on `backdrop`."""

    page: int
    box: TextBox
    style: TextStyle
    backdrop: Backdrop
    ratio: float
    needed: float


class Unmeasured(Struct, frozen=True, eq=False):
    """A line of text in `box` on page `page` that lies over the picture `image`."""

    page: int
    box: TextBox
    image: Image


class Measured(Struct, frozen=True, eq=False):
    """What `measure` found: lines that fail, and lines over pictures (both per line)."""

    failing: tuple[LowContrast, ...]
    unmeasured: tuple[Unmeasured, ...]


class _Rect(NamedTuple):
    """A box on the page, in points (a tuple: made for every line measured)."""

    left: float
    top: float
    right: float
    bottom: float

    @classmethod
    def of(cls, item: Shape | Image) -> _Rect:
        left, right = sorted((item.x, item.x + item.width))
        top, bottom = sorted((item.y, item.y + item.height))
        return cls(left, top, right, bottom)

    def overlaps(self, other: _Rect) -> bool:
        return (
            min(self.right, other.right) - max(self.left, other.left) > _EPSILON
            and min(self.bottom, other.bottom) - max(self.top, other.top) > _EPSILON
        )

    def covers(self, other: _Rect) -> bool:
        return (
            self.left <= other.left + _EPSILON
            and self.top <= other.top + _EPSILON
            and self.right >= other.right - _EPSILON
            and self.bottom >= other.bottom - _EPSILON
        )

    def corners(self) -> tuple[tuple[float, float], ...]:
        return (
            (self.left, self.top),
            (self.right, self.top),
            (self.left, self.bottom),
            (self.right, self.bottom),
        )


def measure(document: Document) -> Measured:
    """Every line of text in `document` measured against what lies behind it."""
    failing: list[LowContrast] = []
    unmeasured: list[Unmeasured] = []
    for number, page in enumerate(document.pages):
        measured = _measured_page(page, number)
        failing += measured.failing
        unmeasured += measured.unmeasured
    return Measured(tuple(failing), tuple(unmeasured))


# Pages measured in this process: compose hands the documents of a batch the same page
# object for a page they show alike (`compose.pages`), measured once here.
_PAGES = Memo(limit=48)


def _measured_page(page: Page, number: int) -> Measured:
    """Every line of text on `page` (page `number` of its document) measured, once per page
    object."""
    return _PAGES.per_object(page, lambda: _measure_page(page, number), number)


def _measure_page(page: Page, number: int) -> Measured:
    failing: list[LowContrast] = []
    unmeasured: list[Unmeasured] = []
    solid: list[_Solid] = []  # what the page paints solid so far, in paint order
    for item in _painted(page.items):
        if isinstance(item, TextBox):
            for paragraph, ink in _lines(item):
                behind, picture = _behind(ink, solid, page)
                if picture is not None:
                    unmeasured.append(Unmeasured(number, item, picture))
                failing += _judged(number, item, paragraph.style, behind)
        area = _filled(item)
        if area is not None:
            solid.append(_Solid(item, area))
    return Measured(tuple(failing), tuple(unmeasured))


def _judged(number: int, box: TextBox, style: TextStyle, behind: list[_Behind]) -> list[LowContrast]:
    """The worst backdrop of a line (the first of the worst), when the line's colour fails on it."""
    worst: _Behind | None = None
    ratio = 0.0
    for backdrop in behind:
        score = contrast_ratio(style.color, backdrop[0])
        if worst is None or score < ratio:
            worst, ratio = backdrop, score
    needed = needed_ratio(style)
    if worst is None or ratio >= needed:
        return []
    return [LowContrast(number, box, style, Backdrop(*worst), ratio, needed)]


def _painted(items: tuple[Item, ...]) -> Iterator[Item]:
    """The page's items in paint order, each chart followed by its drawing."""
    for item in items:
        yield item
        if isinstance(item, Chart):
            yield from _painted(item.drawing)


def _lines(box: TextBox) -> Iterator[tuple[Paragraph, _Rect]]:
    """Each line that shows some ink, with its box on the page (a bullet counts as ink)."""
    for paragraph in box.paragraphs:
        for i, line in enumerate(paragraph.lines):
            bulleted = i == 0 and bool(paragraph.bullet)
            if not line.runs or (not bulleted and not any(run.text.strip() for run in line.runs)):
                continue
            yield paragraph, _ink(box, paragraph, line, bulleted)


def _ink(box: TextBox, paragraph: Paragraph, line: Line, bulleted: bool) -> _Rect:
    left = box.x + paragraph.indent + min(run.x for run in line.runs)
    right = box.x + paragraph.indent + max(run.x + run.width for run in line.runs)
    size = paragraph.style.size
    baseline = box.y + line.baseline
    return _Rect(box.x if bulleted else left, baseline - _ASCENT * size, right, baseline + _DESCENT * size)


class _Solid(Struct, frozen=True, eq=False):
    """An item that paints something solid, and the bounding box of what it paints."""

    item: Item
    area: _Rect


#: A colour behind a line: the `Backdrop` fields (colour, name, whether it is the page's), as
#: a tuple (a `Backdrop` is made only for a line that fails).
_Behind = tuple[Color, str, bool]


def _behind(ink: _Rect, below: list[_Solid], page: Page) -> tuple[list[_Behind], Image | None]:
    """The colours showing behind `ink` (topmost first), and a picture behind it if any."""
    behind: list[_Behind] = []
    picture: Image | None = None
    for solid in reversed(below):
        item, area = solid.item, solid.area
        if not area.overlaps(ink):
            continue
        if isinstance(item, Image):
            picture = picture or item
        elif isinstance(item, Shape) and item.fill is not None:
            behind.append((item.fill, item.name, False))
        if _covers(item, area, ink):
            return behind, picture
    behind.append((page.background or WHITE, "", True))
    return behind, picture


def _filled(item: Item) -> _Rect | None:
    """The bounding box of what `item` paints solid (None: nothing, or only a stroke)."""
    if isinstance(item, Image):
        return _Rect.of(item)
    if isinstance(item, Shape) and item.kind != "line" and item.fill is not None:
        return _Rect.of(item)
    return None


def _covers(item: Item, area: _Rect, ink: _Rect) -> bool:
    if isinstance(item, Shape) and item.kind == "ellipse":
        return all(_in_ellipse(area, x, y) for x, y in ink.corners())
    return area.covers(ink)


def _in_ellipse(area: _Rect, x: float, y: float) -> bool:
    rx, ry = (area.right - area.left) / 2, (area.bottom - area.top) / 2
    if rx <= 0 or ry <= 0:
        return False
    cx, cy = area.left + rx, area.top + ry
    return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1 + 1e-9
