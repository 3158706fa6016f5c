"""Picture maths (`compose.pictures`): cover crops, contained boxes, effective ppi, resolution rules.

Property tests over picture and box proportions and focal points: a cover crop leaves a
visible part with the box's proportions that holds the focal point; a contained box keeps the
picture's proportions and fits; ppi follows from pixels, crop and size.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zjlab_reports.compose.pictures import (
    PRINT_PPI,
    PictureSource,
    PlacedPicture,
    contain_box,
    cover_crop,
    effective_ppi,
    printed_size,
    resolution_problems,
)
from zjlab_reports.diagnostics import Severity, Span
from zjlab_reports.document import Image

pixels = st.tuples(st.integers(1, 12000), st.integers(1, 12000))
lengths = st.floats(1.0, 2000.0, allow_nan=False)
shares = st.floats(0.0, 1.0, allow_nan=False)


@given(pixels, lengths, lengths, shares, shares)
def test_a_cover_crop_has_the_box_proportions_and_keeps_the_focal_point(
    size: tuple[int, int], box_w: float, box_h: float, fx: float, fy: float
) -> None:
    left, top, right, bottom = cover_crop(size, (box_w, box_h), (fx, fy))
    assert all(0.0 <= share <= 1.0 for share in (left, top, right, bottom))
    visible_w, visible_h = size[0] * (1 - left - right), size[1] * (1 - top - bottom)
    assert visible_w > 0 and visible_h > 0
    assert math.isclose(visible_h / visible_w, box_h / box_w, rel_tol=1e-6)
    assert left - 1e-9 <= fx <= 1 - right + 1e-9
    assert top - 1e-9 <= fy <= 1 - bottom + 1e-9
    assert (left + right == 0) or (top + bottom == 0)  # only one axis is cut


@given(pixels, lengths, lengths, shares, shares)
def test_a_cover_crop_centres_the_focal_point_where_the_edges_allow(
    size: tuple[int, int], box_w: float, box_h: float, fx: float, fy: float
) -> None:
    left, top, right, bottom = cover_crop(size, (box_w, box_h), (fx, fy))
    for start, end, focus in ((left, right, fx), (top, bottom, fy)):
        kept = 1 - start - end
        centre = start + kept / 2
        if start > 1e-9 and end > 1e-9:  # the window is not against an edge: centred on the point
            assert math.isclose(centre, focus, abs_tol=1e-9)
        elif start <= 1e-9 < end:  # held by the first edge: centring would have passed it
            assert focus <= kept / 2 + 1e-9
        elif end <= 1e-9 < start:  # held by the last edge
            assert focus >= 1 - kept / 2 - 1e-9


def test_cover_crop_examples() -> None:
    # A 3:2 landscape picture in a square box keeps its middle two thirds across.
    assert cover_crop((300, 200), (10, 10), (0.5, 0.5)) == pytest.approx((1 / 6, 0, 1 / 6, 0))
    # The focal point at the right edge pushes the window to the right edge.
    assert cover_crop((300, 200), (10, 10), (1.0, 0.5)) == pytest.approx((1 / 3, 0, 0, 0))
    # A picture of the box's proportions is not cut.
    assert cover_crop((400, 200), (20, 10), (0.1, 0.9)) == pytest.approx((0, 0, 0, 0))
    with pytest.raises(ValueError):
        cover_crop((0, 10), (1, 1), (0.5, 0.5))


@given(st.floats(0.01, 100.0), lengths, lengths, st.sampled_from(["left", "center", "right"]))
def test_a_contained_box_keeps_the_proportions_and_fits(
    ratio: float, box_w: float, box_h: float, align: str
) -> None:
    x, width, height = contain_box(ratio, (box_w, box_h), align)
    assert math.isclose(height / width, ratio, rel_tol=1e-9)
    assert width <= box_w + 1e-6 and height <= box_h + 1e-6
    assert math.isclose(width, box_w, rel_tol=1e-9) or math.isclose(height, box_h, rel_tol=1e-9)
    assert x >= -1e-6 and x + width <= box_w + 1e-6
    expected = {"left": 0.0, "center": (box_w - width) / 2, "right": box_w - width}[align]
    assert math.isclose(x, expected, abs_tol=1e-6)


def test_effective_ppi() -> None:
    # 3000 px across 10 inches: 300 ppi; cutting half of it away halves that.
    assert effective_ppi((3000, 2000), (0, 0, 0, 0), (720, 480)) == pytest.approx(300)
    assert effective_ppi((3000, 2000), (0.25, 0, 0.25, 0), (720, 960)) == pytest.approx(150)
    # The lower of the two directions counts.
    assert effective_ppi((3000, 1000), (0, 0, 0, 0), (720, 720)) == pytest.approx(100)
    with pytest.raises(ValueError):
        effective_ppi((100, 100), (0.5, 0, 0.5, 0), (10, 10))


@given(pixels, lengths, lengths, shares, shares)
def test_cover_ppi_agrees_in_both_directions(
    size: tuple[int, int], box_w: float, box_h: float, fx: float, fy: float
) -> None:
    crop = cover_crop(size, (box_w, box_h), (fx, fy))
    left, top, right, bottom = crop
    across = size[0] * (1 - left - right) / (box_w / 72)
    down = size[1] * (1 - top - bottom) / (box_h / 72)
    assert math.isclose(across, down, rel_tol=1e-6)
    assert math.isclose(effective_ppi(size, crop, (box_w, box_h)), min(across, down), rel_tol=1e-9)


def _placed(width_px: int, inches: float, min_ppi: int = 150, frame: str = "cover-art") -> PlacedPicture:
    image = Image(0, 0, inches * 72, inches * 72, Path("x.png"), "alt", pixels=(width_px, width_px))
    source = PictureSource(
        "picture 'images.cover'", Span("data/p.yaml", 3, 10), Span("layouts/l.yaml", 7, 13), frame, min_ppi
    )
    return PlacedPicture(image, source)


@pytest.mark.parametrize(
    ("width_px", "min_ppi", "severity"),
    [
        (3000, 150, None),
        (2999, 150, Severity.WARNING),
        (1500, 150, Severity.WARNING),
        (1499, 150, Severity.ERROR),
        (1000, 100, Severity.WARNING),
        (999, 100, Severity.ERROR),
        (300, 1, Severity.WARNING),
    ],
)
def test_resolution_rules(width_px: int, min_ppi: int, severity: Severity | None) -> None:
    """10 inches wide: 3000 px is 300 ppi (fine), under it a warning, under min-ppi an error."""
    found = resolution_problems([_placed(width_px, 10, min_ppi)])
    if severity is None:
        assert found == []
        return
    (problem,) = found
    assert problem.severity == severity
    assert str(problem.span) == "data/p.yaml:3:10"  # the picture ...
    assert [str(span) for span, _ in problem.related] == ["layouts/l.yaml:7:13"]  # ... and the frame
    assert "frame 'cover-art'" in problem.message and f"{width_px / 10:.0f} ppi" in problem.message
    assert str(PRINT_PPI) in problem.message
    assert any("3000 × 3000 pixels" in hint for hint in problem.hints)


def test_a_picture_placed_on_many_pages_is_reported_once_at_its_lowest() -> None:
    found = resolution_problems([_placed(2000, 8), _placed(2000, 10), _placed(2000, 9)])
    (problem,) = found
    assert "200 ppi" in problem.message


def test_a_picture_that_bleeds_prints_larger_than_its_box() -> None:
    page = (595.0, 842.0)
    inside = Image(100, 100, 200, 100, Path("x.png"), "alt", pixels=(2000, 1000))
    assert printed_size(inside, page, 8.5) == (200, 100)
    corner = Image(0, 0, 595, 300, Path("x.png"), "alt", pixels=(2000, 1000), bleed=True)
    assert printed_size(corner, page, 8.5) == pytest.approx((595 + 17, 300 + 8.5))
    placed = PlacedPicture(corner, _placed(2000, 10).source, printed_size(corner, page, 8.5))
    assert placed.ppi == pytest.approx(min(2000 / (612 / 72), 1000 / (308.5 / 72)))
