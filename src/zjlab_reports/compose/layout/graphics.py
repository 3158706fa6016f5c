"""Graphic nodes: a rule, a spacer or a picture and a region in; their fragment out (kept whole).

A picture's box is the region's width by its height (None: the rest of a fixed region when it
covers, else the width times the picture's ratio). `cover` fills the box, cut around the focal
point (`pictures.cover_crop`); `contain` shows all of it, as large as the box allows.
"""

from __future__ import annotations

import math

from ...document import Image, Shape
from ..nodes import Picture, Rule, Spacer
from ..pictures import contain_box, cover_crop
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
    width, height = region.width, _height(node, region)
    return whole(Fragment(width, height, (_image(node, width, height),)), region)


def _height(node: Picture, region: Region) -> float:
    if node.height:
        return node.height
    fills = node.fit == "cover" and not region.more and math.isfinite(region.height) and region.height > 1
    return region.height if fills else region.width * node.ratio


def _image(node: Picture, width: float, height: float) -> Image:
    if node.fit == "cover" and min(node.pixels) > 0:
        crop = cover_crop(node.pixels, (width, height), node.focus)
        return Image(0.0, 0.0, width, height, node.path, node.alt, node.name, crop, node.pixels, tag=node.tag)
    x, shown_w, shown_h = contain_box(node.ratio, (width, height), node.align)
    return Image(x, 0.0, shown_w, shown_h, node.path, node.alt, node.name, pixels=node.pixels, tag=node.tag)
