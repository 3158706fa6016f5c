"""Line breaking: text, fonts, size and width in; measured lines of font runs out.

Greedy first-fit, like Word and PowerPoint: each line takes as many words (or CJK characters)
as fit. `\\n` forces a new line. Lines end only at break opportunities (see `breaks`); a word
wider than a whole line is cut between characters as a last resort, preferring cuts that keep
kinsoku, so no text is lost and no line is wider than the width — except a single character
wider than the width, which then sits alone on its line.

Widths are sums of `FontLike.advance` over a line's runs, in points. Spaces where a line
breaks are dropped from both lines; `MeasuredLine.start`/`end` index the input text, so
`text[line.end:next_line.start]` is exactly what was dropped (spaces, and the `\\n`).
A line's runs show `shown(text, start, end)`: its slice with soft hyphens (U+00AD) left out,
except one that ends a broken line, which shows as a hyphen.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from msgspec import Struct

from .breaks import GLUE, NO_END, NO_START, SOFT_HYPHEN, breaks_of
from .chain import FontChain, FontLike, _fonts_per_char, is_zh

__all__ = ["MeasuredLine", "MeasuredRun", "break_lines", "measure", "shown", "widest_piece"]

_EPSILON = 1e-9


class MeasuredRun(NamedTuple):
    """Text in one font and its advance width in points (a tuple: text, font, width)."""

    text: str
    font: FontLike
    width: float


class MeasuredLine(Struct, frozen=True):
    """One line: its runs, and where it sits in the input text (`text[start:end]`)."""

    runs: tuple[MeasuredRun, ...]
    start: int
    end: int

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def width(self) -> float:
        """Advance width in points (trailing spaces are not part of the line)."""
        return sum((run.width for run in self.runs), 0.0)


class _Paragraph(Struct, frozen=True):
    """One paragraph with the font of each character, measured at `size` points.

    `advances` are each character's advance at 1 pt in its font and `starts` where each run
    of one font begins (0 first), both from `_glyphs`.
    """

    text: str
    fonts: Sequence[FontLike]
    advances: Sequence[float]
    starts: Sequence[int]
    size: float

    def runs(self, start: int, end: int) -> tuple[MeasuredRun, ...]:
        runs: list[MeasuredRun] = []
        for run_start, i in self._pieces(start, end):
            chunk = _shown(self.text[run_start:i], line_end=i == end < len(self.text))
            font = self.fonts[run_start]
            if chunk:
                runs.append(MeasuredRun(chunk, font, font.advance(chunk, self.size)))
        return tuple(runs)

    def width(self, start: int, end: int) -> float:
        """The width of the line `text[start:end]`, as the sum of its runs' widths.

        Summed from the advances per character, so it is the runs' width for fonts whose
        advance is the sum of their characters' (`Face`, exactly: the same additions); text
        with a soft hyphen, which may show as a hyphen, is measured run by run.
        """
        if SOFT_HYPHEN in self.text:
            return sum((run.width for run in self.runs(start, end)), 0.0)
        size, advances = self.size, self.advances
        if len(self.starts) == 1:  # one font: one run (the same sum as below)
            return 0.0 + size * sum(advances[start:end]) if start < end else 0.0
        total = 0.0
        for run_start, i in self._pieces(start, end):
            total += size * sum(advances[run_start:i])
        return total

    def _pieces(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """(start, end) of the runs of one font within `text[start:end]`, in order."""
        starts = self.starts
        k = bisect.bisect_right(starts, start)
        while k < len(starts) and starts[k] < end:
            yield start, starts[k]
            start, k = starts[k], k + 1
        if start < end:
            yield start, end


def shown(text: str, start: int, end: int) -> str:
    """What a line holding `text[start:end]` shows: soft hyphens left out, except the one
    that ends a line broken there (not at the end of `text` or before a `\\n`), drawn as a
    hyphen."""
    return _shown(text[start:end], line_end=end < len(text) and text[end] != "\n")


def _shown(piece: str, *, line_end: bool) -> str:
    if SOFT_HYPHEN not in piece:
        return piece
    hyphen = "-" if line_end and piece.endswith(SOFT_HYPHEN) else ""
    return piece.replace(SOFT_HYPHEN, "") + hyphen


def break_lines(
    text: str,
    chain: FontChain,
    size: float,
    width: float,
    lang: str,
    *,
    first_indent: float = 0.0,
) -> list[MeasuredLine]:
    """Break `text` into lines no wider than `width` points at `size` points.

    The first line (only) is `first_indent` points narrower. Empty text, and each empty
    paragraph between `\\n`s, gives one empty line. Raises ValueError unless size and width
    are positive.
    """
    if size <= 0 or width <= 0:
        raise ValueError(f"size and width must be positive, got size={size}, width={width}")
    lines: list[MeasuredLine] = []
    for offset, paragraph in _paragraphs(text, chain, size, lang):
        available = width - first_indent if not lines else width
        for start, end in _fill(paragraph, lang, available, width):
            runs = paragraph.runs(start, end)
            lines.append(MeasuredLine(runs, offset + start, offset + end))
    return lines


def measure(text: str, chain: FontChain, size: float, lang: str) -> float:
    """Width in points of `text` set on one line (the widest line if it holds `\\n`s).

    Spaces count, trailing ones too; empty text measures 0.
    """
    return chain.memo.get(("measure", text, size, lang), lambda: _measure(text, chain, size, lang))


def _measure(text: str, chain: FontChain, size: float, lang: str) -> float:
    return max(p.width(0, len(p.text)) for _, p in _paragraphs(text, chain, size, lang))


def widest_piece(text: str, chain: FontChain, size: float, lang: str) -> float:
    """The width in points of the widest piece of `text` that may not be broken (a word, a
    number, a CJK character with its kinsoku neighbours), trailing spaces left out: the
    narrowest column that sets `text` without cutting inside a piece."""
    return chain.memo.get(("widest", text, size, lang), lambda: _widest(text, chain, size, lang))


def _widest(text: str, chain: FontChain, size: float, lang: str) -> float:
    widest = 0.0
    for _, paragraph in _paragraphs(text, chain, size, lang):
        line = paragraph.text
        cuts = [0, *breaks_of(line, lang), len(line)]
        for start, end in itertools.pairwise(cuts):
            end = _strip_spaces(line, start, end)
            widest = max(widest, _piece_width(paragraph, start, end, chain, lang))
    return widest


def _piece_width(paragraph: _Paragraph, start: int, end: int, chain: FontChain, lang: str) -> float:
    """`measure` of the piece `text[start:end]`: measured in place, where its characters have
    the fonts they have alone (a piece never starts with a space), but a soft hyphen at its
    end would show as a hyphen in place, so text with one is measured alone."""
    if SOFT_HYPHEN in paragraph.text:
        return measure(paragraph.text[start:end], chain, paragraph.size, lang)
    return paragraph.width(start, end)


def _paragraphs(text: str, chain: FontChain, size: float, lang: str) -> Iterator[tuple[int, _Paragraph]]:
    offset = 0
    for chunk in text.split("\n"):
        fonts, advances, starts = _glyphs(chunk, chain, lang)
        yield offset, _Paragraph(chunk, fonts, advances, starts, size)
        offset += len(chunk) + 1


_Glyphs = tuple[tuple[FontLike, ...], tuple[float, ...], tuple[int, ...]]


def _glyphs(text: str, chain: FontChain, lang: str) -> _Glyphs:
    """Each character's font and advance at 1 pt, and where each run of one font starts."""
    return chain.glyph_memo.get((text, lang), lambda: _glyphs_of(text, chain, lang))


def _glyphs_of(text: str, chain: FontChain, lang: str) -> _Glyphs:
    fonts = _fonts_per_char(text, chain, lang)
    advances = chain.unit_advances(fonts, text)
    starts = tuple(i for i, font in enumerate(fonts) if i == 0 or font is not fonts[i - 1])
    return tuple(fonts), advances, starts


def _fill(paragraph: _Paragraph, lang: str, first: float, rest: float) -> list[tuple[int, int]]:
    """Greedy first-fit: (start, end) of each line, the first `first` wide, the others `rest`."""
    text = paragraph.text
    token_ends = [*breaks_of(text, lang), len(text)]
    lines: list[tuple[int, int]] = []
    start, k = 0, 0
    fitting: tuple[int, int] | None = None  # (end, next start) after the last token that fits
    while k < len(token_ends):
        available = rest if lines else first
        token_start = token_ends[k - 1] if k else 0
        end = _strip_spaces(text, max(start, token_start), token_ends[k])
        if paragraph.width(start, end) <= available + _EPSILON:
            fitting, k = (end, token_ends[k]), k + 1
        elif fitting is not None:
            lines.append((start, fitting[0]))
            start, fitting = fitting[1], None
        else:
            cut = _force_cut(paragraph, start, end, available)
            lines.append((start, cut))
            # A lone character wider than the line ends its token (end == start + 1).
            start, k = (token_ends[k], k + 1) if cut == end else (cut, k)
    if fitting is not None:
        lines.append((start, fitting[0]))
    return _no_orphan(paragraph, lines, token_ends, rest) if is_zh(lang) else lines


def _no_orphan(
    paragraph: _Paragraph, lines: list[tuple[int, int]], token_ends: list[int], width: float
) -> list[tuple[int, int]]:
    """Chinese typesetting avoids a last line of one lone character (孤字): when the last line
    holds a single character (closing punctuation aside), move the previous line's last
    break-separated piece down to keep it company, if both lines still fit."""
    if len(lines) < 2:
        return lines
    (prev_start, prev_end), (last_start, last_end) = lines[-2], lines[-1]
    if len(paragraph.text[last_start:last_end].rstrip("".join(NO_START))) != 1:
        return lines
    cuts = [c for c in token_ends if prev_start + 1 < c < prev_end]
    if not cuts or paragraph.width(cuts[-1], last_end) > width + _EPSILON:
        return lines
    return [
        *lines[:-2],
        (prev_start, _strip_spaces(paragraph.text, prev_start, cuts[-1])),
        (cuts[-1], last_end),
    ]


def _strip_spaces(text: str, lower: int, end: int) -> int:
    """`end` moved left past trailing spaces, but not below `lower`."""
    while end > lower and text[end - 1] == " ":
        end -= 1
    return end


def _force_cut(paragraph: _Paragraph, start: int, end: int, available: float) -> int:
    """Where to cut text[start:end], which is too wide: the last fitting cut that keeps
    kinsoku if there is one, else the last fitting cut, else after one character."""
    best, preferred = start + 1, None
    for cut in range(start + 1, end):
        if paragraph.width(start, cut) > available + _EPSILON:
            break
        best = cut
        if _keeps_kinsoku(paragraph.text, cut):
            preferred = cut
    return best if preferred is None else preferred


def _keeps_kinsoku(text: str, cut: int) -> bool:
    before, after = text[cut - 1], text[cut]
    return not (after in NO_START or after in GLUE or after == " " or before in NO_END)
