"""Document shapes and images in; PowerPoint autoshapes, connectors and pictures out.

Rectangles, rounded rectangles and ellipses become autoshapes, lines straight connectors, all
with explicit fill and outline (None = none) and no theme shadow. Pictures carry alt text.
"""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.dml.fill import FillFormat
from pptx.dml.line import LineFormat
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.shapes.base import BaseShape
from pptx.shapes.shapetree import SlideShapes

from ...document import Color, Image, Shape
from . import oxml
from .geometry import emu

__all__ = ["add_image", "add_shape"]

MAX_CORNER_ADJUST = 0.5
"""`roundRect`'s adjust value is the corner radius over the shorter side; 0.5 is a stadium."""


def add_shape(shapes: SlideShapes, item: Shape) -> BaseShape:
    """Add `item` as an autoshape (rect, roundRect, ellipse) or straight connector (line)."""
    if item.kind == "line":
        connector = shapes.add_connector(
            MSO_CONNECTOR.STRAIGHT,
            emu(item.x),
            emu(item.y),
            emu(item.x + item.width),
            emu(item.y + item.height),
        )
        _outline(connector.line, item)
        oxml.drop_style_effects(connector.element)
        return _named(connector, item.name)
    autoshape = shapes.add_shape(
        _autoshape_type(item), emu(item.x), emu(item.y), emu(item.width), emu(item.height)
    )
    if autoshape.auto_shape_type == MSO_SHAPE.ROUNDED_RECTANGLE:
        autoshape.adjustments[0] = corner_adjust(item)
    _fill(autoshape.fill, item.fill)
    _outline(autoshape.line, item)
    autoshape.shadow.inherit = False
    oxml.drop_style_effects(autoshape.element)
    return _named(autoshape, item.name)


def add_image(shapes: SlideShapes, item: Image) -> BaseShape:
    """Add the picture scaled into its box, with `item.alt` as its alternative text."""
    picture = shapes.add_picture(str(item.path), emu(item.x), emu(item.y), emu(item.width), emu(item.height))
    oxml.set_alt_text(picture.element, item.alt)
    return _named(picture, item.name)


def corner_adjust(item: Shape) -> float:
    """The `roundRect` adjust value giving corners of `item.radius` points."""
    shorter = min(abs(item.width), abs(item.height))
    if shorter <= 0:
        return 0.0
    return min(MAX_CORNER_ADJUST, item.radius / shorter)


def _autoshape_type(item: Shape) -> MSO_SHAPE:
    if item.kind == "ellipse":
        return MSO_SHAPE.OVAL
    return MSO_SHAPE.ROUNDED_RECTANGLE if item.radius > 0 else MSO_SHAPE.RECTANGLE


def _fill(fill: FillFormat, color: Color | None) -> None:
    if color is None:
        fill.background()
        return
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string(color.hex)


def _outline(line: LineFormat, item: Shape) -> None:
    if item.stroke is None:
        line.fill.background()
        return
    line.color.rgb = RGBColor.from_string(item.stroke.hex)
    if item.stroke_width > 0:
        line.width = emu(item.stroke_width)


def _named(shape: BaseShape, name: str) -> BaseShape:
    if name:
        shape.name = name
    return shape
