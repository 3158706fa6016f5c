"""Graphic nodes: a rule, a spacer or a picture and a region in; their fragment out (kept whole)."""

from __future__ import annotations

from ...document import Image, Shape
from ..nodes import Picture, Rule, Spacer
from .regions import Fragment, Laid, Region

__all__ = ["lay_picture", "lay_rule", "lay_spacer", "whole"]


def whole(fragment: Fragment, region: Region) -> Laid:
    """A fragment that cannot break: here if it fits or cannot move on, else moved on whole."""
    if region.fits(fragment.height) or region.fresh or not region.more:
        return Laid(fragment)
    return Laid(None)


def lay_rule(node: Rule, region: Region) -> Laid:
    length = min(node.length, region.width) if node.length else region.width
    bar = Shape("rect", 0.0, 0.0, length, node.thickness, fill=node.color, name="rule")
    return whole(Fragment(region.width, node.thickness, (bar,)), region)


def lay_spacer(node: Spacer, region: Region) -> Laid:
    return Laid(Fragment(region.width, min(node.height, max(region.height, 0.0))))


def lay_picture(node: Picture, region: Region) -> Laid:
    height = node.height if node.height else region.width * node.ratio
    image = Image(0.0, 0.0, region.width, height, node.path, node.alt, name="image", tag=node.tag)
    return whole(Fragment(region.width, height, (image,)), region)
