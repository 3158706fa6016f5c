"""Text looks (plain values) in; DrawingML text bodies, paragraphs and run properties out.

A paragraph is one `a:p` holding its whole text in one run (`a:br` for a line break inside
it), its look in `a:pPr` (alignment, exact leading, space before, bullet or none, hanging
indent) and the same run properties on `a:endParaRPr`, so an emptied paragraph keeps size,
face and language. Run properties carry size, weight, colour, the Latin and East Asian
typefaces, and the language (`lang`) with its alternative (`altLang`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .elements import Element, insert_in_order, qn, sub

__all__ = [
    "ParagraphLook",
    "RunLook",
    "append_runs",
    "escape_controls",
    "paragraph",
    "restyle",
    "run_properties",
    "set_language",
    "text_body",
]

MIN_SIZE, MAX_SIZE = 100, 400000
"""The font sizes DrawingML allows (`ST_TextFontSize`), in hundredths of a point."""
_BREAKS = re.compile("\n|\v")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")
# The children of a:rPr that follow a:latin and a:ea, and those that precede the fill.
_AFTER_FONTS = ("a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")
_FILLS = ("a:noFill", "a:solidFill", "a:gradFill", "a:blipFill", "a:pattFill", "a:grpFill")
_AFTER_FILL = ("a:effectLst", "a:effectDag", "a:highlight", "a:uLnTx", "a:uLn", "a:uFillTx", "a:uFill")


@dataclass(frozen=True)
class RunLook:
    """What `a:rPr` says: typefaces, language (BCP 47) and alternative language, and size in
    hundredths of a point, bold, colour `RRGGBB` (each None: inherited from the placeholder)."""

    latin: str
    east_asian: str
    lang: str
    alt_lang: str
    size: int | None = None
    bold: bool | None = None
    color: str | None = None


@dataclass(frozen=True)
class ParagraphLook:
    """What `a:pPr` says: `algn` (l, ctr, r), leading and space before in hundredths of a
    point, the hanging indent in EMU, and the bullet as (character, typeface) or None."""

    align: str
    line_spacing: int
    space_before: int
    indent: int
    bullet: tuple[str, str] | None = None


def text_body(shape: Element, anchor: str | None) -> Element:
    """Give `shape` a `p:txBody` that wraps, has no insets and no autofit, anchored at
    `anchor` (t, ctr, b); None: a body that inherits all that from its placeholder.
    Returns the body, to which paragraphs are appended."""
    body = sub(shape, "p:txBody")
    if anchor is None:
        sub(body, "a:bodyPr")
    else:
        zero = {"lIns": "0", "tIns": "0", "rIns": "0", "bIns": "0"}
        sub(sub(body, "a:bodyPr", {"wrap": "square", **zero, "anchor": anchor}), "a:noAutofit")
    sub(body, "a:lstStyle")
    return body


def paragraph(body: Element, text: str, look: ParagraphLook | None, run: RunLook) -> Element:
    """Append an `a:p` showing `text` (one run; `\\n`/`\\v` become `a:br`) in `run`'s look."""
    p = sub(body, "a:p")
    if look is not None:
        _paragraph_properties(p, look)
    append_runs(p, text, run)
    run_properties(p, run, "a:endParaRPr")
    return p


def append_runs(p: Element, text: str, run: RunLook, *, styled_breaks: bool = True) -> None:
    """Append `text` to the paragraph `p` as runs in `run`'s look, an `a:br` for each `\\n` or
    `\\v` (in the same look unless not `styled_breaks`); control characters escaped."""
    for index, part in enumerate(_BREAKS.split(text)):
        if index:
            line_break = sub(p, "a:br")
            if styled_breaks:
                run_properties(line_break, run, "a:rPr")
        if part:
            r = sub(p, "a:r")
            run_properties(r, run, "a:rPr")
            sub(r, "a:t").text = escape_controls(part)


def run_properties(parent: Element, look: RunLook, tag: str) -> Element:
    """Add a `tag` (`a:rPr`, `a:endParaRPr`) to `parent` saying `look`; returns it."""
    rpr = sub(parent, tag)
    _set_attributes(rpr, look)
    if look.color is not None:
        sub(sub(rpr, "a:solidFill"), "a:srgbClr", val=look.color)
    sub(rpr, "a:latin", typeface=look.latin)
    sub(rpr, "a:ea", typeface=look.east_asian)
    return rpr


def restyle(rpr: Element, look: RunLook) -> None:
    """Make an existing run-properties element (`a:rPr`, `a:defRPr`) say `look`, keeping
    children that `look` does not set."""
    _set_attributes(rpr, look)
    replaced = {qn(tag) for tag in ("a:latin", "a:ea", *(_FILLS if look.color is not None else ()))}
    for child in [child for child in rpr if child.tag in replaced]:
        rpr.remove(child)
    if look.color is not None:
        fill = rpr.makeelement(qn("a:solidFill"), {})
        sub(fill, "a:srgbClr", val=look.color)
        insert_in_order(rpr, fill, (*_AFTER_FILL, "a:latin", "a:ea", *_AFTER_FONTS))
    for tag, face in (("a:latin", look.latin), ("a:ea", look.east_asian)):
        insert_in_order(rpr, rpr.makeelement(qn(tag), {"typeface": face}), _AFTER_FONTS)


def set_language(rpr: Element, lang: str, alt_lang: str) -> None:
    """Set the language of a run (`lang`, BCP 47) and its alternative (`altLang`)."""
    rpr.set("lang", lang)
    rpr.set("altLang", alt_lang)


def _paragraph_properties(p: Element, look: ParagraphLook) -> None:
    ppr = sub(p, "a:pPr", algn=look.align, marL=str(look.indent))
    ppr.set("indent", str(-look.indent if look.bullet else 0))
    sub(sub(ppr, "a:lnSpc"), "a:spcPts", val=str(look.line_spacing))
    sub(sub(ppr, "a:spcBef"), "a:spcPts", val=str(look.space_before))
    if look.bullet is None:
        sub(ppr, "a:buNone")
        return
    char, typeface = look.bullet
    sub(ppr, "a:buFont", typeface=typeface)
    sub(ppr, "a:buChar", char=char)


def _set_attributes(rpr: Element, look: RunLook) -> None:
    if look.size is not None:
        rpr.set("sz", str(min(max(look.size, MIN_SIZE), MAX_SIZE)))
    if look.bold is not None:
        rpr.set("b", "1" if look.bold else "0")
    set_language(rpr, look.lang, look.alt_lang)


def escape_controls(text: str) -> str:
    """`text` with each control character XML cannot hold (all but tab and line feed) as
    Office writes it: `_x001B_`."""
    return _CONTROL.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    """A control character XML cannot hold, as Office writes it (`_x001B_`)."""
    return f"_x{ord(match.group(0)):04X}_"
