"""Font subsets: a registered TrueType font in; the font, making each subset file once per character list out.

ReportLab embeds a font as subsets of up to 256 characters each, in the order the document
first uses them, and builds every subset's font file (`TTFontFace.makeSubset`) per document.
A document drawn again (its print file after its screen file, a rebuild) asks for the same
subsets: `keep_subsets` makes the font take them from a memo keyed by the font's registered
name (which holds a digest of its file) and the subset's characters in order, at most
`LIMIT` bytes of them.
"""

from __future__ import annotations

from reportlab.pdfbase.ttfonts import TTFont

from .kept import KeptBytes

__all__ = ["LIMIT", "keep_subsets"]

#: The most bytes of subset font files kept: a brochure's take ~20 KB in English, ~115 KB in
#: Chinese; small, so a batch's memory stays flat (100 against 10 brochures).
LIMIT = 256 * 1024

_SUBSETS = KeptBytes(LIMIT)


def keep_subsets(font: TTFont) -> None:
    """Make `font` take its subset files from the memo (made by ReportLab the first time)."""
    make = font.face.makeSubset
    name = font.fontName

    def subset_file(subset: list[int]) -> bytes:
        characters = tuple(subset)
        made: bytes = _SUBSETS.get((name, characters), lambda: make(list(characters)))
        return made

    font.face.makeSubset = subset_file  # this font's own attribute; the class is untouched
