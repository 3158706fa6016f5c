"""Document shapes and images in; PowerPoint autoshapes, connectors and pictures (markup) out.

Rectangles, rounded rectangles and ellipses become autoshapes, lines straight connectors, all
with explicit fill and outline (None = none) and no theme shadow. Pictures show the part of
the image compose chose (`Image.crop`) stretched into their box.
"""

from __future__ import annotations

from ...document import Image, Shape
from . import oxml
from .geometry import emu

__all__ = ["corner_adjust", "crop_rect", "draw_image", "draw_shape"]

MAX_CORNER_ADJUST = 0.5
"""`roundRect`'s adjust value is the corner radius over the shorter side; 0.5 is a stadium."""
ADJUST_SCALE = 100000
"""DrawingML writes adjust values and crops as fractions times 100,000."""
_NAMES = {"rect": "Rectangle", "ellipse": "Oval", "line": "Straight Connector"}


def draw_shape(shape_id: int, item: Shape, lang: str, *, alt: str, decorative: bool) -> str:
    """`item` as an autoshape (rect, roundRect, ellipse) or straight connector (line), with
    alternative text `alt` or marked `decorative`."""
    line = oxml.Outline(item.stroke.hex, emu(item.stroke_width)) if item.stroke else None
    label = oxml.Label(shape_id, item.name or f"{_NAMES[item.kind]} {shape_id - 1}", alt, decorative)
    if item.kind == "line":
        return oxml.connector(label, _line_box(item), line)
    box = oxml.Box(emu(item.x), emu(item.y), emu(item.width), emu(item.height))
    fill = item.fill.hex if item.fill else None
    if item.kind == "ellipse":
        look = oxml.ShapeLook("ellipse", None, fill, line)
    elif item.radius > 0:
        look = oxml.ShapeLook("roundRect", int(corner_adjust(item) * ADJUST_SCALE), fill, line)
    else:
        look = oxml.ShapeLook("rect", None, fill, line)
    return oxml.autoshape(label, box, look, lang)


def draw_image(shape_id: int, item: Image, r_id: str, *, alt: str, decorative: bool) -> str:
    """The picture related as `r_id`, its kept part stretched into the item's box, with
    alternative text `alt` or marked `decorative`."""
    box = oxml.Box(emu(item.x), emu(item.y), emu(item.width), emu(item.height))
    label = oxml.Label(shape_id, item.name or f"Picture {shape_id - 1}", alt, decorative)
    return oxml.picture(label, r_id, box, crop_rect(item.crop))


def corner_adjust(item: Shape) -> float:
    """The `roundRect` adjust value giving corners of `item.radius` points."""
    shorter = min(abs(item.width), abs(item.height))
    if shorter <= 0:
        return 0.0
    return min(MAX_CORNER_ADJUST, item.radius / shorter)


def crop_rect(crop: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    """`Image.crop` (shares of each edge, 0-1) as `a:srcRect` values (thousandths of a percent)."""
    left, top, right, bottom = (round(share * ADJUST_SCALE) for share in crop)
    return left, top, right, bottom


def _line_box(item: Shape) -> oxml.Box:
    """The connector's box: from (x, y) to (x + width, y + height), mirrored when it runs
    leftwards or upwards."""
    begin_x, begin_y = emu(item.x), emu(item.y)
    end_x, end_y = emu(item.x + item.width), emu(item.y + item.height)
    return oxml.Box(
        min(begin_x, end_x),
        min(begin_y, end_y),
        abs(end_x - begin_x),
        abs(end_y - begin_y),
        flip_h=begin_x > end_x,
        flip_v=begin_y > end_y,
    )
