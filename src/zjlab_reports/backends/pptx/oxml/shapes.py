"""Shape descriptions (EMU boxes, colours, names) in; the elements of a slide's shape tree out.

Text boxes (`p:sp txBox="1"`), placeholders (`p:sp` with `p:ph`), autoshapes (rect,
roundRect, ellipse), straight connectors (`p:cxnSp`), pictures (`p:pic`) and chart frames
(`p:graphicFrame`), each appended to the tree in the order asked — the order a screen reader
reads them. Accessibility lives on `p:cNvPr`: `descr` (alternative text) or Office's
decorative mark (`a:extLst/a:ext/adec:decorative`). Autoshapes and connectors are written as
PowerPoint writes them (a shape style), with explicit fill and outline and no theme effect.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .elements import NS, Element, new_root, qn, sub

__all__ = [
    "DECORATIVE_URI",
    "Box",
    "Outline",
    "ShapeLook",
    "autoshape",
    "chart_frame",
    "connector",
    "describe",
    "mark_decorative",
    "picture",
    "placeholder",
    "shape_tree",
    "slide_root",
    "text_box",
]

DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
"""The extension PowerPoint's "Mark as decorative" writes into `p:cNvPr`."""


@dataclass(frozen=True)
class Box:
    """A position and size in EMU, and whether the shape is mirrored (lines drawn leftwards
    or upwards)."""

    x: int
    y: int
    cx: int
    cy: int
    flip_h: bool = False
    flip_v: bool = False


@dataclass(frozen=True)
class Outline:
    """A shape's outline: `RRGGBB` and its width in EMU (0: the default hairline)."""

    color: str
    width: int = 0


@dataclass(frozen=True)
class ShapeLook:
    """An autoshape's preset `geometry` (rect, roundRect, ellipse) and its adjust value
    (None: the preset's), its fill (`RRGGBB`, None: none) and outline (None: none)."""

    geometry: str
    adjust: int | None
    fill: str | None
    line: Outline | None


def slide_root(tag: str, name: str, background: str | None) -> Element:
    """A `p:sld` (or `p:notes`) with its `p:cSld`, named `name`, with a solid background."""
    root = new_root(tag, "a", "r")
    c_sld = sub(root, "p:cSld", {"name": name} if name else None)
    if background is not None:
        bg_pr = sub(sub(c_sld, "p:bg"), "p:bgPr")
        sub(sub(bg_pr, "a:solidFill"), "a:srgbClr", val=background)
        sub(bg_pr, "a:effectLst")
    sub(sub(root, "p:clrMapOvr"), "a:masterClrMapping")
    return root


def shape_tree(root: Element, *, notes: bool = False) -> Element:
    """The slide's `p:spTree` with its group properties (empty; notes say their origin)."""
    c_sld = root.find(qn("p:cSld"))
    assert c_sld is not None
    tree = sub(c_sld, "p:spTree")
    _non_visual(tree, "p:nvGrpSpPr", 1, "", "p:cNvGrpSpPr")
    group = sub(tree, "p:grpSpPr")
    if notes:
        xfrm = sub(group, "a:xfrm")
        sub(xfrm, "a:off", x="0", y="0")
        sub(xfrm, "a:ext", cx="0", cy="0")
        sub(xfrm, "a:chOff", x="0", y="0")
        sub(xfrm, "a:chExt", cx="0", cy="0")
    return tree


def text_box(tree: Element, shape_id: int, name: str, box: Box) -> Element:
    """A text box shape (its text body is added by the caller)."""
    sp = sub(tree, "p:sp")
    _non_visual(sp, "p:nvSpPr", shape_id, name, "p:cNvSpPr", {"txBox": "1"})
    sp_pr = sub(sp, "p:spPr")
    _transform(sp_pr, "a:xfrm", box)
    _geometry(sp_pr, "rect")
    sub(sp_pr, "a:noFill")
    return sp


def placeholder(tree: Element, shape_id: int, name: str, ph: Mapping[str, str], box: Box | None) -> Element:
    """A placeholder shape inheriting from the layout's `p:ph` (type, idx...), at `box`
    (None: where the layout has it)."""
    sp = sub(tree, "p:sp")
    nv = _non_visual(sp, "p:nvSpPr", shape_id, name, "p:cNvSpPr")
    sub(nv.find(qn("p:cNvSpPr")), "a:spLocks", noGrp="1")
    sub(nv.find(qn("p:nvPr")), "p:ph", ph)
    sp_pr = sub(sp, "p:spPr")
    if box is not None:
        _transform(sp_pr, "a:xfrm", box)
    return sp


def autoshape(tree: Element, shape_id: int, name: str, box: Box, look: ShapeLook, lang: str) -> Element:
    """An autoshape drawn as `look` says, with an empty centred paragraph in `lang` (so what
    a presenter types into it gets that language)."""
    sp = sub(tree, "p:sp")
    _non_visual(sp, "p:nvSpPr", shape_id, name, "p:cNvSpPr")
    sp_pr = sub(sp, "p:spPr")
    _transform(sp_pr, "a:xfrm", box)
    _geometry(sp_pr, look.geometry, look.adjust)
    _fill(sp_pr, look.fill)
    _line(sp_pr, look.line)
    sub(sp_pr, "a:effectLst")
    _style(sp, 1, 3, "lt1")
    body = sub(sp, "p:txBody")
    sub(body, "a:bodyPr", rtlCol="0", anchor="ctr")
    sub(body, "a:lstStyle")
    p = sub(body, "a:p")
    sub(p, "a:pPr", algn="ctr")
    sub(p, "a:endParaRPr", lang=lang)
    return sp


def connector(tree: Element, shape_id: int, name: str, box: Box, line: Outline | None) -> Element:
    """A straight connector across `box` (mirrored by its flips)."""
    cxn = sub(tree, "p:cxnSp")
    _non_visual(cxn, "p:nvCxnSpPr", shape_id, name, "p:cNvCxnSpPr")
    sp_pr = sub(cxn, "p:spPr")
    _transform(sp_pr, "a:xfrm", box)
    _geometry(sp_pr, "line")
    _line(sp_pr, line)
    _style(cxn, 2, 0, "tx1")
    return cxn


def picture(
    tree: Element, shape_id: int, name: str, r_id: str, box: Box, crop: tuple[int, int, int, int]
) -> Element:
    """A picture of the image related as `r_id`; `crop` is (l, t, r, b) in thousandths of
    a percent cut off each edge."""
    pic = sub(tree, "p:pic")
    nv = _non_visual(pic, "p:nvPicPr", shape_id, name, "p:cNvPicPr")
    sub(nv.find(qn("p:cNvPicPr")), "a:picLocks", noChangeAspect="1")
    blip_fill = sub(pic, "p:blipFill")
    sub(blip_fill, "a:blip", {"r:embed": r_id})
    if any(crop):
        sub(blip_fill, "a:srcRect", dict(zip("ltrb", map(str, crop), strict=True)))
    sub(sub(blip_fill, "a:stretch"), "a:fillRect")
    sp_pr = sub(pic, "p:spPr")
    _transform(sp_pr, "a:xfrm", box)
    _geometry(sp_pr, "rect")
    return pic


def chart_frame(tree: Element, shape_id: int, name: str, r_id: str, box: Box) -> Element:
    """A graphic frame showing the chart part related as `r_id`."""
    frame = sub(tree, "p:graphicFrame")
    nv = _non_visual(frame, "p:nvGraphicFramePr", shape_id, name, "p:cNvGraphicFramePr")
    sub(nv.find(qn("p:cNvGraphicFramePr")), "a:graphicFrameLocks", noGrp="1")
    _transform(frame, "p:xfrm", box)
    data = sub(sub(frame, "a:graphic"), "a:graphicData", uri=NS["c"])
    chart = data.makeelement(qn("c:chart"), {qn("r:id"): r_id}, nsmap={"c": NS["c"]})
    data.append(chart)
    return frame


def describe(shape: Element, text: str) -> None:
    """Give the shape alternative text (`p:cNvPr/@descr`), which screen readers read."""
    _c_nv_pr(shape).set("descr", text)


def mark_decorative(shape: Element) -> None:
    """Mark the shape decorative, as PowerPoint does: screen readers skip it. Drops any
    alternative text."""
    c_nv_pr = _c_nv_pr(shape)
    c_nv_pr.attrib.pop("descr", None)
    ext = sub(sub(c_nv_pr, "a:extLst"), "a:ext", uri=DECORATIVE_URI)
    mark = ext.makeelement(qn("adec:decorative"), {"val": "1"}, nsmap={"adec": NS["adec"]})
    ext.append(mark)


def _c_nv_pr(shape: Element) -> Element:
    found = shape.find(f"./*/{qn('p:cNvPr')}")
    if found is None:
        raise ValueError(f"not a shape element: {shape.tag}")
    return found


def _non_visual(
    shape: Element,
    tag: str,
    shape_id: int,
    name: str,
    kind: str,
    kind_attributes: Mapping[str, str] | None = None,
) -> Element:
    nv = sub(shape, tag)
    sub(nv, "p:cNvPr", id=str(shape_id), name=name)
    sub(nv, kind, kind_attributes)
    sub(nv, "p:nvPr")
    return nv


def _transform(parent: Element, tag: str, box: Box) -> None:
    flips = {name: "1" for name, flip in (("flipH", box.flip_h), ("flipV", box.flip_v)) if flip}
    xfrm = sub(parent, tag, flips)
    sub(xfrm, "a:off", x=str(box.x), y=str(box.y))
    sub(xfrm, "a:ext", cx=str(box.cx), cy=str(box.cy))


def _geometry(sp_pr: Element, preset: str, adjust: int | None = None) -> None:
    av_lst = sub(sub(sp_pr, "a:prstGeom", prst=preset), "a:avLst")
    if adjust is not None:
        sub(av_lst, "a:gd", name="adj", fmla=f"val {adjust}")


def _fill(parent: Element, color: str | None) -> None:
    if color is None:
        sub(parent, "a:noFill")
    else:
        sub(sub(parent, "a:solidFill"), "a:srgbClr", val=color)


def _line(sp_pr: Element, line: Outline | None) -> None:
    if line is None:
        sub(sub(sp_pr, "a:ln"), "a:noFill")
        return
    ln = sub(sp_pr, "a:ln", {"w": str(line.width)} if line.width else None)
    _fill(ln, line.color)


def _style(shape: Element, line_index: int, fill_index: int, font_color: str) -> None:
    """The shape style PowerPoint gives new shapes, pointing at no theme effect (idx 0):
    LibreOffice draws the theme's shadow otherwise, even under an empty `a:effectLst`."""
    style = sub(shape, "p:style")
    for tag, index in (("a:lnRef", line_index), ("a:fillRef", fill_index), ("a:effectRef", 0)):
        sub(sub(style, tag, idx=str(index)), "a:schemeClr", val="accent1")
    sub(sub(style, "a:fontRef", idx="minor"), "a:schemeClr", val=font_color)
