"""Text on a canvas: a run's text, font, size and origin in; one line of text operators on the page out.

ReportLab's `Canvas.drawString` makes a text object per call, measures the string for a width
it does not use, looks the font up by name twice and formats the operators in three layers.
`show_text` writes the same line the canvas writes for a TrueType font at the canvas's default
leading (1.2 x size, as `Canvas.setFont` sets it):

    BT 1 0 0 1 x y Tm /F1+0 size Tf leading TL (codes) Tj T* ET

where the codes are the text's glyphs in the font's subsets (`TTFont.splitString`, which also
records, per document, which glyphs each subset embeds; characters already recorded are looked
up directly) and a new subset starts with its own `Tf`.
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
    shown: list[str] = []
    current = -1
    for subset, codes in _codes(font, text, document):
        if subset != current:
            name = font.getSubsetInternalName(subset, document)
            shown.append(f"{name} {_size(size)}")
            current = subset
        shown.append(f"({escapePDF(codes)}) Tj")
    canvas.addLiteral(f"BT 1 0 0 1 {fp_str(x, y)} Tm {' '.join(shown)} T* ET")


def _codes(font: TTFont, text: str, document: object) -> list[tuple[int, bytes]]:
    """The text's glyph codes per subset, as `TTFont.splitString` gives them.

    Most runs use only characters the document has drawn before, all in the first subset:
    their codes are looked up in the font's assignments for the document directly. A new
    character (which `splitString` assigns a code), one in a later subset, a no-break space
    (drawn as a space) or one the font lacks goes through `splitString`.
    """
    state = font.state.get(document)
    if state is not None:
        assignments = state.assignments
        try:
            codes = bytes([assignments[code] for code in map(ord, text)])
        except (KeyError, ValueError):  # not assigned yet (or never), or a code past 255
            pass
        else:
            return [(0, codes)] if codes else []
    split: list[tuple[int, bytes]] = font.splitString(text, document)
    return split


@functools.lru_cache(maxsize=256)
def _size(size: float) -> str:
    """The size and leading operators of a font size: `size Tf leading TL` (a document uses a few sizes)."""
    return f"{fp_str(size)} Tf {fp_str(size * 1.2)} TL"
