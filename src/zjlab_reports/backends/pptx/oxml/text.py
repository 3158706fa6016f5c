"""Text looks (plain values) in; the markup of DrawingML text bodies, paragraphs and run
properties out.

A paragraph is one `a:p` holding its whole text in one run (`a:br` for a line break inside
it), its look in `a:pPr` (alignment, exact leading, space before, bullet or none, hanging
indent) and the same run properties on `a:endParaRPr`, so an emptied paragraph keeps size,
face and language. Run properties carry size, weight, colour, the Latin and East Asian
typefaces, and the language (`lang`) with its alternative (`altLang`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .markup import attr, text

__all__ = [
    "ParagraphLook",
    "RunLook",
    "escape_controls",
    "paragraph",
    "run_properties",
    "runs",
    "text_body",
]

MIN_SIZE, MAX_SIZE = 100, 400000
"""The font sizes DrawingML allows (`ST_TextFontSize`), in hundredths of a point."""
_BREAKS = re.compile("\n|\v")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")
_FRAMED = '<a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="{}"><a:noAutofit/></a:bodyPr>'


class RunLook(NamedTuple):
    """What `a:rPr` says: typefaces, language (BCP 47) and alternative language, and size in
    hundredths of a point, bold, colour `RRGGBB` (each None: inherited from the placeholder)."""

    latin: str
    east_asian: str
    lang: str
    alt_lang: str
    size: int | None = None
    bold: bool | None = None
    color: str | None = None


class ParagraphLook(NamedTuple):
    """What `a:pPr` says: `algn` (l, ctr, r), leading and space before in hundredths of a
    point, the hanging indent in EMU, and the bullet as (character, typeface) or None."""

    align: str
    line_spacing: int
    space_before: int
    indent: int
    bullet: tuple[str, str] | None = None


def text_body(anchor: str | None, paragraphs: str) -> str:
    """A `p:txBody` holding `paragraphs` (markup) that wraps, has no insets and no autofit,
    anchored at `anchor` (t, ctr, b); None: a body that inherits all that from its
    placeholder."""
    body = "<a:bodyPr/>" if anchor is None else _FRAMED.format(attr(anchor))
    return f"<p:txBody>{body}<a:lstStyle/>{paragraphs}</p:txBody>"


def paragraph(content: str, look: ParagraphLook | None, run: RunLook) -> str:
    """An `a:p` showing `content` (one run; `\\n`/`\\v` become `a:br`) in `run`'s look."""
    attributes, children = _run_parts(run)
    properties = "" if look is None else _paragraph_properties(look)
    end = f"<a:endParaRPr{attributes}>{children}</a:endParaRPr>"
    return f"<a:p>{properties}{_runs(content, f'<a:rPr{attributes}>{children}</a:rPr>')}{end}</a:p>"


def runs(content: str, run: RunLook, *, styled_breaks: bool = True) -> str:
    """`content` as runs in `run`'s look, an `a:br` for each `\\n` or `\\v` (in the same look
    unless not `styled_breaks`); control characters escaped as Office does."""
    return _runs(content, run_properties(run, "a:rPr"), styled_breaks=styled_breaks)


def _runs(content: str, properties: str, *, styled_breaks: bool = True) -> str:
    """The runs of `content`, each (and each styled break) with the `a:rPr` `properties`."""
    if "\n" not in content and "\v" not in content:  # the common case: one run
        return f"<a:r>{properties}<a:t>{text(escape_controls(content))}</a:t></a:r>" if content else ""
    line_break = f"<a:br>{properties}</a:br>" if styled_breaks else "<a:br/>"
    return line_break.join(
        f"<a:r>{properties}<a:t>{text(escape_controls(part))}</a:t></a:r>" if part else ""
        for part in _BREAKS.split(content)
    )


def run_properties(look: RunLook, tag: str) -> str:
    """A `tag` element (`a:rPr`, `a:endParaRPr`, `a:defRPr`) saying `look`."""
    attributes, children = _run_parts(look)
    return f"<{tag}{attributes}>{children}</{tag}>"


def _run_parts(look: RunLook) -> tuple[str, str]:
    """The attributes (size, bold, language) and children (fill, faces) of run properties."""
    attributes = ""
    if look.size is not None:
        attributes = f' sz="{min(max(look.size, MIN_SIZE), MAX_SIZE)}"'
    if look.bold is not None:
        attributes += ' b="1"' if look.bold else ' b="0"'
    attributes += f' lang="{attr(look.lang)}" altLang="{attr(look.alt_lang)}"'
    fill = "" if look.color is None else f'<a:solidFill><a:srgbClr val="{attr(look.color)}"/></a:solidFill>'
    faces = f'<a:latin typeface="{attr(look.latin)}"/><a:ea typeface="{attr(look.east_asian)}"/>'
    return attributes, fill + faces


def _paragraph_properties(look: ParagraphLook) -> str:
    indent = -look.indent if look.bullet else 0
    spacing = (
        f'<a:lnSpc><a:spcPts val="{look.line_spacing}"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{look.space_before}"/></a:spcBef>'
    )
    if look.bullet is None:
        bullet = "<a:buNone/>"
    else:
        char, typeface = look.bullet
        bullet = f'<a:buFont typeface="{attr(typeface)}"/><a:buChar char="{attr(char)}"/>'
    return (
        f'<a:pPr algn="{attr(look.align)}" marL="{look.indent}" indent="{indent}">{spacing}{bullet}</a:pPr>'
    )


def escape_controls(content: str) -> str:
    """`content` with each control character XML cannot hold (all but tab and line feed) as
    Office writes it: `_x001B_`."""
    return _CONTROL.sub(_escaped, content) if _CONTROL.search(content) else content


def _escaped(match: re.Match[str]) -> str:
    """A control character XML cannot hold, as Office writes it (`_x001B_`)."""
    return f"_x{ord(match.group(0)):04X}_"
