"""Text on a canvas: a run's text, font, size and origin in; one line of text operators on the page out.

ReportLab's `Canvas.drawString` makes a text object per call, measures the string for a width
it does not use, looks the font up by name twice and formats the operators in three layers.
`show_text` writes the same line the canvas writes for a TrueType font at the canvas's default
leading (1.2 x size, as `Canvas.setFont` sets it):

    BT 1 0 0 1 x y Tm /F1+0 size Tf leading TL (codes) Tj T* ET

where the codes are the text's glyphs in the font's subsets (`TTFont.splitString`, which also
records, per document, which glyphs each subset embeds; characters already recorded are looked
up directly, and new ones recorded by `splitString` over them alone; a no-break space is a
space, as `splitString` draws it) and a new subset starts with its own `Tf`.
"""

from __future__ import annotations

import functools

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

__all__ = ["show_text"]


def show_text(canvas: Canvas, font: TTFont, size: float, x: float, y: float, text: str) -> None:
    """Draw `text` in `font` at `size` (points) with its baseline origin at (`x`, `y`), PDF's y-up."""
    document = canvas._doc
    text = text.replace("\u00a0", " ")  # what `splitString` draws a no-break space as, first
    state = font.state.get(document)
    codes = _known_codes(state, text)
    if codes is None and state is not None:  # characters the document has not drawn yet
        _assign_new(font, state, text, document)
        codes = _known_codes(state, text)
    if codes is not None and state.internalName is not None:  # the font's name on the page is known
        shown = f"/{state.internalName}+0 {_size(size)} ({escapePDF(codes)}) Tj" if codes else ""
    else:
        shown = _shown(font, size, font.splitString(text, document), document)
    canvas._code.append(f"BT 1 0 0 1 {fp_str(x, y)} Tm {shown} T* ET")


def _known_codes(state: object, text: str) -> bytes | None:
    """The text's codes in the font's first subset if every character already has one there
    (most runs: characters the document has drawn before), looked up directly; else None.

    None also for a character the font lacks or one in a later subset: `splitString` deals
    with those (and assigns codes to new characters).
    """
    if state is None:
        return None
    assignments = state.assignments  # type: ignore[attr-defined]
    try:
        return bytes([assignments[code] for code in map(ord, text)])
    except (KeyError, ValueError):  # not assigned yet (or never), or a code past 255
        return None


def _assign_new(font: TTFont, state: object, text: str, document: object) -> None:
    """Give the characters of `text` that have no code yet theirs: `splitString` over them alone,
    in their order in `text`, assigns exactly what it would over the whole text (characters with
    a code leave the font's state as it is), at a fraction of the work for a long run."""
    assignments = state.assignments  # type: ignore[attr-defined]
    font.splitString(
        "".join([character for character in text if ord(character) not in assignments]), document
    )


def _shown(font: TTFont, size: float, split: list[tuple[int, bytes]], document: object) -> str:
    """The operators that show `split` (codes per subset, as `TTFont.splitString` gives them):
    each subset's name and size when it changes, then its codes."""
    shown: list[str] = []
    current = -1
    for subset, codes in split:
        if subset != current:
            name = font.getSubsetInternalName(subset, document)
            shown.append(f"{name} {_size(size)}")
            current = subset
        shown.append(f"({escapePDF(codes)}) Tj")
    return " ".join(shown)


@functools.lru_cache(maxsize=256)
def _size(size: float) -> str:
    """The size and leading operators of a font size: `size Tf leading TL` (a document uses a few sizes)."""
    return f"{fp_str(size)} Tf {fp_str(size * 1.2)} TL"
