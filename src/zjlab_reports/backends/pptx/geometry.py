"""Document geometry (points) in; EMU lengths and text boxes widened for PowerPoint's wrapping out.

1 pt = 12700 EMU. Compose measured every line with our own font metrics; PowerPoint re-wraps
with the presenter's fonts, so each text box gets a small safety margin on its free side(s).
"""

from __future__ import annotations

from typing import Literal

__all__ = ["EMU_PER_POINT", "centipoints", "emu", "widened"]

EMU_PER_POINT = 12700
EMU_PER_CENTIPOINT = 127
WIDEN_RATIO = 0.02
"""Extra width for PowerPoint's own wrapping, as a fraction of the box width..."""
WIDEN_POINTS = 2.0
"""...plus this many points."""


def emu(points: float) -> int:
    """A length in points as whole EMU (rounded, not truncated like `pptx.util.Pt`)."""
    return round(points * EMU_PER_POINT)


def centipoints(points: float) -> int:
    """A size or spacing in points as the hundredths of a point DrawingML stores: the EMU
    length (rounded) divided down, as PowerPoint and python-pptx count them."""
    return emu(points) // EMU_PER_CENTIPOINT


def widened(
    x: float, width: float, align: Literal["left", "center", "right"], page_width: float
) -> tuple[float, float]:
    """Return `(x, width)` in points of a text box widened by 2% of its width + 2 pt.

    Left-aligned text keeps its left edge, centred text its centre, right-aligned text its
    right edge. The box never grows past the page edge, and never shrinks below `width`.
    """
    wanted = width * (1 + WIDEN_RATIO) + WIDEN_POINTS
    if align == "center":
        centre = x + width / 2
        half = max(width / 2, min(wanted / 2, centre, page_width - centre))
        return centre - half, 2 * half
    if align == "right":
        right = x + width
        new_width = max(width, min(wanted, right))
        return right - new_width, new_width
    return x, max(width, min(wanted, page_width - x))
