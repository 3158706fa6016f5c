"""Text: a paragraph, a font chain, a size and a width in; measured, broken lines out.

The one line breaker every backend shares. compose breaks each paragraph here, once, with
real font metrics; the PDF backend draws the lines as given. Chinese follows the kinsoku
rules of GB/T 15834 and W3C clreq: no line starts with closing punctuation (`NO_START`) or
ends with opening punctuation (`NO_END`); Latin words and numbers stay whole.

- `chain`: `FontLike` (what a font must offer), `FontChain`, `itemize`, `missing_chars`;
- `breaks`: where a line may end;
- `lines`: greedy filling into `MeasuredLine`s, `measure` and `widest_piece`;
- `layout`: `layout_lines`, which places them as `document.Line`s.
"""

from .breaks import GLUE, NO_END, NO_START, SOFT_HYPHEN, break_opportunities
from .chain import FontChain, FontLike, itemize, missing_chars
from .layout import layout_lines
from .lines import MeasuredLine, MeasuredRun, break_lines, measure, shown, widest_piece

__all__ = [
    "GLUE",
    "NO_END",
    "NO_START",
    "SOFT_HYPHEN",
    "FontChain",
    "FontLike",
    "MeasuredLine",
    "MeasuredRun",
    "break_lines",
    "break_opportunities",
    "itemize",
    "layout_lines",
    "measure",
    "missing_chars",
    "shown",
    "widest_piece",
]
