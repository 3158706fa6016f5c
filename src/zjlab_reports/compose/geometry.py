"""Page geometry: a layout's size, margins, grid and frames (millimetres) in, boxes in points out."""

from __future__ import annotations

from msgspec import Struct

from ..model.layout import Flow, Frame, Layout

__all__ = ["MM", "Box", "across_mm", "frame_box", "grid_columns_mm", "page_size"]

MM = 72 / 25.4  # points per millimetre


class Box(Struct, frozen=True):
    """A rectangle in points, origin at the page's top-left corner, y downwards."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def inset(self, by: float) -> Box:
        """The box shrunk by `by` points on every side."""
        return Box(self.x + by, self.y + by, max(self.width - 2 * by, 0), max(self.height - 2 * by, 0))

    def within(self, other: Box, tolerance: float = 0.01) -> bool:
        return (
            self.x >= other.x - tolerance
            and self.y >= other.y - tolerance
            and self.right <= other.right + tolerance
            and self.bottom <= other.bottom + tolerance
        )

    def overlaps(self, other: Box) -> bool:
        return (
            self.x < other.right - 0.01
            and other.x < self.right - 0.01
            and self.y < other.bottom - 0.01
            and other.y < self.bottom - 0.01
        )


def page_size(layout: Layout) -> tuple[float, float]:
    """(width, height) of the layout's pages in points."""
    width, height = layout.page_mm()
    return round(width * MM, 3), round(height * MM, 3)


def frame_box(layout: Layout, frame: Frame | Flow) -> Box:
    """Where a fixed frame (or a flow region) stands on the page, in points."""
    assert frame.y is not None and frame.height != "auto", "frames in a flow have no box of their own"
    x, width = across_mm(layout, frame)
    y = (0.0 if frame.bleed else layout.margins.top) + frame.y
    return Box(round(x * MM, 3), round(y * MM, 3), round(width * MM, 3), round(float(frame.height) * MM, 3))


def across_mm(layout: Layout, frame: Frame | Flow) -> tuple[float, float]:
    """(x from the page's left edge, width) of a frame or flow, in millimetres."""
    if frame.column is not None and frame.span is not None:
        return grid_columns_mm(layout, frame.column, frame.span)
    origin = 0.0 if frame.bleed else layout.margins.left
    return origin + (frame.x or 0.0), frame.width or 0.0


def grid_columns_mm(layout: Layout, column: int, span: int) -> tuple[float, float]:
    """(x from the page's left edge, width) of `span` grid columns from `column`, in mm."""
    margins, grid = layout.margins, layout.grid
    area = layout.page_mm()[0] - margins.left - margins.right
    width = (area - grid.gutter * (grid.columns - 1)) / grid.columns
    return margins.left + (column - 1) * (width + grid.gutter), span * width + (span - 1) * grid.gutter
