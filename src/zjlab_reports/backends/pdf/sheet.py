"""The printed sheet: a page's trim size and a variant in; media size, page boxes, bleed and crop marks out.

The screen variant's sheet is the page itself. The print variant's sheet is the trim (the
page as the Document measures it) plus the bleed on every side, plus a slug for crop marks
when they are asked for. All lengths are points; Document coordinates (origin at the trim's
top-left corner, y down) stay valid on the sheet: what runs into the bleed has negative
coordinates or coordinates past the page size. Page boxes are PDF coordinates (origin at the
media's bottom-left corner, y up).
"""

from __future__ import annotations

from msgspec import Struct

from zjlab_reports.document import Page

__all__ = ["MARK_LENGTH", "MARK_OFFSET_PAST_BLEED", "MARK_WIDTH", "MM", "Box", "Sheet"]

MM = 72 / 25.4
MARK_OFFSET_PAST_BLEED = 1 * MM  # crop marks start this far outside the bleed edge
MARK_LENGTH = 5 * MM
MARK_WIDTH = 0.25  # points
_SLUG_PAST_MARKS = 2 * MM
_TOUCH = 0.5  # a shape edge this close to the page edge touches it (points)

Box = tuple[float, float, float, float]  # x0, y0, x1, y1
Rect = tuple[float, float, float, float]  # x, y (top), width, height in Document coordinates
Segment = tuple[float, float, float, float]  # x0, y0, x1, y1 in Document coordinates


class Sheet(Struct, frozen=True):
    """How far the media extends past the trim (`margin`), of which `bleed` is printed image.

    `printed` sheets declare their trim and bleed boxes (even with no bleed); others do not.
    """

    bleed: float = 0.0
    marks: bool = False
    printed: bool = False

    @property
    def margin(self) -> float:
        if not self.marks:
            return self.bleed
        return self.bleed + MARK_OFFSET_PAST_BLEED + MARK_LENGTH + _SLUG_PAST_MARKS

    def media(self, page: Page) -> tuple[float, float]:
        """The media's width and height for `page`."""
        return page.width + 2 * self.margin, page.height + 2 * self.margin

    def boxes(self, page: Page) -> dict[str, Box]:
        """TrimBox and BleedBox of `page` on its media (none unless the sheet is `printed`)."""
        if not self.printed:
            return {}
        m, b = self.margin, self.bleed
        trim = (m, m, m + page.width, m + page.height)
        bleed = (m - b, m - b, m + page.width + b, m + page.height + b)
        return {"/TrimBox": trim, "/BleedBox": bleed}

    def background(self, page: Page) -> Rect:
        """The rectangle a page background fills: the trim plus the bleed."""
        b = self.bleed
        return (-b, -b, page.width + 2 * b, page.height + 2 * b)

    def extend(self, rect: Rect, page: Page) -> Rect:
        """`rect` pushed out by the bleed past every page edge it touches."""
        x, y, width, height = rect
        b = self.bleed
        left, top = x <= _TOUCH, y <= _TOUCH
        right, bottom = x + width >= page.width - _TOUCH, y + height >= page.height - _TOUCH
        x0, y0 = x - b * left, y - b * top
        x1, y1 = x + width + b * right, y + height + b * bottom
        return (x0, y0, x1 - x0, y1 - y0)

    def crop_marks(self, page: Page) -> list[Segment]:
        """Eight hairlines on the trim lines' extensions, outside the bleed (none without marks)."""
        if not self.marks:
            return []
        near, far = self.bleed + MARK_OFFSET_PAST_BLEED, self.bleed + MARK_OFFSET_PAST_BLEED + MARK_LENGTH
        segments = []
        for x, outward_x in ((0.0, -1.0), (page.width, 1.0)):
            for y, outward_y in ((0.0, -1.0), (page.height, 1.0)):
                segments.append((x + outward_x * near, y, x + outward_x * far, y))
                segments.append((x, y + outward_y * near, x, y + outward_y * far))
        return segments
