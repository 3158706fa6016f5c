"""Shape descriptions (EMU boxes, colours, names) in; the markup of a slide's shapes and of
the slide (or notes slide) part holding them out.

Text boxes (`p:sp txBox="1"`), placeholders (`p:sp` with `p:ph`), autoshapes (rect,
roundRect, ellipse), straight connectors (`p:cxnSp`), pictures (`p:pic`) and chart frames
(`p:graphicFrame`); `slide` puts them into the shape tree in the order given — the order a
screen reader reads them. Accessibility lives on `p:cNvPr` (see `Label`): `descr`
(alternative text) or Office's decorative mark (`a:extLst/a:ext/adec:decorative`).
Autoshapes and connectors are written as PowerPoint writes them (a shape style), with
explicit fill and outline and no theme effect.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from .elements import NS
from .markup import attr, namespaces, part

__all__ = [
    "DECORATIVE_URI",
    "Box",
    "Label",
    "Outline",
    "ShapeLook",
    "autoshape",
    "chart_frame",
    "connector",
    "picture",
    "placeholder",
    "slide",
    "text_box",
]

DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
"""The extension PowerPoint's "Mark as decorative" writes into `p:cNvPr`."""
_DECORATIVE = (
    f'<a:extLst><a:ext uri="{DECORATIVE_URI}">'
    f'<adec:decorative xmlns:adec="{NS["adec"]}" val="1"/></a:ext></a:extLst>'
)
_GROUP = '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
_NOTES_GROUP = (
    '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
    '<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
)
_SLIDE_ROOTS = ("p:sld", "p:notes")


class Box(NamedTuple):
    """A position and size in EMU, and whether the shape is mirrored (lines drawn leftwards
    or upwards)."""

    x: int
    y: int
    cx: int
    cy: int
    flip_h: bool = False
    flip_v: bool = False


class Outline(NamedTuple):
    """A shape's outline: `RRGGBB` and its width in EMU (0: the default hairline)."""

    color: str
    width: int = 0


class ShapeLook(NamedTuple):
    """An autoshape's preset `geometry` (rect, roundRect, ellipse) and its adjust value
    (None: the preset's), its fill (`RRGGBB`, None: none) and outline (None: none)."""

    geometry: str
    adjust: int | None
    fill: str | None
    line: Outline | None


class Label(NamedTuple):
    """What a shape's `p:cNvPr` says: its id and name, its alternative text (`descr`, which
    screen readers read), or that it is decorative (Office's mark: screen readers skip it;
    a decorative shape has no alternative text)."""

    id: int
    name: str
    alt: str = ""
    decorative: bool = False


def slide(tag: str, name: str, background: str | None, shapes: Iterable[str]) -> bytes:
    """A `p:sld` (or `p:notes`) part named `name`, with a solid `background` (None: the
    master's) and `shapes` (markup) in its shape tree (notes say the tree's origin)."""
    if tag not in _SLIDE_ROOTS:
        raise ValueError(f"not a slide part: {tag}")
    head = f'<p:cSld name="{attr(name)}">' if name else "<p:cSld>"
    if background is not None:
        fill = f'<a:solidFill><a:srgbClr val="{attr(background)}"/></a:solidFill>'
        head += f"<p:bg><p:bgPr>{fill}<a:effectLst/></p:bgPr></p:bg>"
    group = _NOTES_GROUP if tag == "p:notes" else "<p:grpSpPr/>"
    tree = f"<p:spTree>{_GROUP}{group}{''.join(shapes)}</p:spTree>"
    tail = "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>"
    return part(f"<{tag}{namespaces('p', 'a', 'r')}>{head}{tree}</p:cSld>{tail}</{tag}>")


def text_box(label: Label, box: Box, body: str) -> str:
    """A text box shape holding the text body `body` (markup)."""
    nv = _non_visual("p:nvSpPr", label, '<p:cNvSpPr txBox="1"/>')
    shape = f"{_transform('a:xfrm', box)}{_geometry('rect')}<a:noFill/>"
    return f"<p:sp>{nv}<p:spPr>{shape}</p:spPr>{body}</p:sp>"


def placeholder(label: Label, ph: Mapping[str, str], box: Box | None, body: str = "") -> str:
    """A placeholder shape inheriting from the layout's `p:ph` (type, idx...), at `box`
    (None: where the layout has it), holding the text body `body` (markup; "": none)."""
    ph_attributes = "".join(f' {name}="{attr(value)}"' for name, value in ph.items())
    locks = '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
    nv = _non_visual("p:nvSpPr", label, locks, f"<p:ph{ph_attributes}/>")
    shape = "<p:spPr/>" if box is None else f"<p:spPr>{_transform('a:xfrm', box)}</p:spPr>"
    return f"<p:sp>{nv}{shape}{body}</p:sp>"


def autoshape(label: Label, box: Box, look: ShapeLook, lang: str) -> str:
    """An autoshape drawn as `look` says, with an empty centred paragraph in `lang` (so what
    a presenter types into it gets that language)."""
    nv = _non_visual("p:nvSpPr", label, "<p:cNvSpPr/>")
    geometry = _geometry(look.geometry, look.adjust)
    shape = f"{_transform('a:xfrm', box)}{geometry}{_fill(look.fill)}{_line(look.line)}<a:effectLst/>"
    body = (
        '<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/>'
        f'<a:p><a:pPr algn="ctr"/><a:endParaRPr lang="{attr(lang)}"/></a:p></p:txBody>'
    )
    return f"<p:sp>{nv}<p:spPr>{shape}</p:spPr>{_style(1, 3, 'lt1')}{body}</p:sp>"


def connector(label: Label, box: Box, line: Outline | None) -> str:
    """A straight connector across `box` (mirrored by its flips)."""
    nv = _non_visual("p:nvCxnSpPr", label, "<p:cNvCxnSpPr/>")
    shape = f"{_transform('a:xfrm', box)}{_geometry('line')}{_line(line)}"
    return f"<p:cxnSp>{nv}<p:spPr>{shape}</p:spPr>{_style(2, 0, 'tx1')}</p:cxnSp>"


def picture(label: Label, r_id: str, box: Box, crop: tuple[int, int, int, int]) -> str:
    """A picture of the image related as `r_id`; `crop` is (l, t, r, b) in thousandths of
    a percent cut off each edge."""
    nv = _non_visual("p:nvPicPr", label, '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr>')
    left, top, right, bottom = crop
    cut = f'<a:srcRect l="{left}" t="{top}" r="{right}" b="{bottom}"/>' if any(crop) else ""
    blip = f'<a:blip r:embed="{attr(r_id)}"/>{cut}<a:stretch><a:fillRect/></a:stretch>'
    shape = f"<p:spPr>{_transform('a:xfrm', box)}{_geometry('rect')}</p:spPr>"
    return f"<p:pic>{nv}<p:blipFill>{blip}</p:blipFill>{shape}</p:pic>"


def chart_frame(label: Label, r_id: str, box: Box) -> str:
    """A graphic frame showing the chart part related as `r_id`."""
    locks = '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr>'
    nv = _non_visual("p:nvGraphicFramePr", label, locks)
    chart = f'<c:chart xmlns:c="{NS["c"]}" r:id="{attr(r_id)}"/>'
    graphic = f'<a:graphic><a:graphicData uri="{NS["c"]}">{chart}</a:graphicData></a:graphic>'
    return f"<p:graphicFrame>{nv}{_transform('p:xfrm', box)}{graphic}</p:graphicFrame>"


def _non_visual(tag: str, label: Label, kind: str, properties: str = "") -> str:
    """The shape's non-visual properties: `p:cNvPr` (see `Label`), `kind` (its `p:cNv...Pr`
    markup) and `p:nvPr` holding `properties` (markup)."""
    c_nv_pr = f'<p:cNvPr id="{label.id}" name="{attr(label.name)}"'
    if label.decorative:
        c_nv_pr += f">{_DECORATIVE}</p:cNvPr>"
    elif label.alt:
        c_nv_pr += f' descr="{attr(label.alt)}"/>'
    else:
        c_nv_pr += "/>"
    nv_pr = f"<p:nvPr>{properties}</p:nvPr>" if properties else "<p:nvPr/>"
    return f"<{tag}>{c_nv_pr}{kind}{nv_pr}</{tag}>"


def _transform(tag: str, box: Box) -> str:
    flips = (' flipH="1"' if box.flip_h else "") + (' flipV="1"' if box.flip_v else "")
    return f'<{tag}{flips}><a:off x="{box.x}" y="{box.y}"/><a:ext cx="{box.cx}" cy="{box.cy}"/></{tag}>'


def _geometry(preset: str, adjust: int | None = None) -> str:
    adjusts = "<a:avLst/>" if adjust is None else f'<a:avLst><a:gd name="adj" fmla="val {adjust}"/></a:avLst>'
    return f'<a:prstGeom prst="{attr(preset)}">{adjusts}</a:prstGeom>'


def _fill(color: str | None) -> str:
    if color is None:
        return "<a:noFill/>"
    return f'<a:solidFill><a:srgbClr val="{attr(color)}"/></a:solidFill>'


def _line(line: Outline | None) -> str:
    if line is None:
        return "<a:ln><a:noFill/></a:ln>"
    width = f' w="{line.width}"' if line.width else ""
    return f"<a:ln{width}>{_fill(line.color)}</a:ln>"


def _style(line_index: int, fill_index: int, font_color: str) -> str:
    """The shape style PowerPoint gives new shapes, pointing at no theme effect (idx 0):
    LibreOffice draws the theme's shadow otherwise, even under an empty `a:effectLst`."""
    accent = '<a:schemeClr val="accent1"/>'
    return (
        f'<p:style><a:lnRef idx="{line_index}">{accent}</a:lnRef>'
        f'<a:fillRef idx="{fill_index}">{accent}</a:fillRef><a:effectRef idx="0">{accent}</a:effectRef>'
        f'<a:fontRef idx="minor"><a:schemeClr val="{font_color}"/></a:fontRef></p:style>'
    )
