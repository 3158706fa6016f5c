"""Break opportunities: one paragraph (no `\\n`) in; the indices where a line may end out.

A line may end before `text[i]` when `i` is a break opportunity. The rules, a small subset
of Unicode line breaking (UAX #14) plus Chinese kinsoku (GB/T 15834, W3C clreq):

- after a run of spaces (the spaces are dropped at the line end, so they never start a line);
- between two characters when either is East Asian wide (Han, kana, CJK punctuation,
  full-width forms; in Chinese also the curly quotes, `…`, `—`, `·`, `‰`), so Latin words and
  numbers such as `AI`, `2017`, `1,358`, `90.5` stay whole inside Chinese text;
- after `/` (not between digits), after `-`, `‐`, `–` inside words, after `—`; never right
  before `/` or a hyphen, except after a space (`a -5`);
- after a soft hyphen (U+00AD) between letters: the line then shows a hyphen there (see
  `lines`);
- never before a `NO_START` character or after a `NO_END` character (so `……`, `——` and
  runs like `。」` stay together), never next to no-break spaces or joiners (`GLUE`), never
  before a combining mark.
"""

from __future__ import annotations

import re
import unicodedata

from .chain import ZH_FULL_WIDTH, is_zh
from .memo import Memo

__all__ = ["GLUE", "NO_END", "NO_START", "SOFT_HYPHEN", "break_opportunities", "breaks_of"]

NO_START = frozenset("，。、；：？！）」』】〕〉》”’…—·％‰,.;:?!)]}" + "〗〙〛］｝｠〞．")
"""Closing and ending punctuation: a line never starts with one of these."""
NO_END = frozenset("（「『【〔〈《“‘([{" + "〖〘〚［｛｟〝")
"""Opening punctuation: a line never ends with one of these."""
GLUE = frozenset("\u00a0\u202f\u2007\u2060\ufeff")
"""No-break space, narrow no-break space, figure space, word joiners: never break beside."""

_MEMO = Memo(limit=512)  # needed again only while a text is set at other widths
# The only ASCII characters after which a line may end before another ASCII character (no
# ASCII character is wide, and the other rules that allow a break name non-ASCII ones); with
# non-ASCII characters, what a line may end after (`_candidates`).
_ASCII_BREAKER = re.compile("[ /-]")
_BREAKER_OR_WIDER = re.compile(r"[ /-]|[^\x00-\x7f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_HYPHENS = frozenset("-\u2010\u2013")
SOFT_HYPHEN = "\u00ad"
_NO_BREAK_BEFORE = NO_START | GLUE | frozenset("%")
_NO_BREAK_AFTER = NO_END | GLUE | frozenset("￥＄￡\u200d")


def break_opportunities(text: str, lang: str) -> list[int]:
    """Indices `i` (0 < i < len(text)) where a line may end before `text[i]`, ascending.

    `text` is one paragraph: a `\\n` in it is treated as an ordinary character.
    """
    return list(breaks_of(text, lang))


def breaks_of(text: str, lang: str) -> tuple[int, ...]:
    """`break_opportunities`, as a tuple kept for the texts of a batch (bounded)."""
    return _MEMO.get((text, is_zh(lang)), lambda: tuple(_opportunities(text, lang)))


def _opportunities(text: str, lang: str) -> list[int]:
    zh = is_zh(lang)
    found: list[int] = []
    for i in _candidates(text):
        if _never_before(text[i]):
            continue
        if text[i - 1] == " ":
            solid = i - 1  # moved to the last non-space character before i
            while solid >= 0 and text[solid] == " ":
                solid -= 1
            if solid >= 0 and text[solid] not in NO_END:
                found.append(i)
        elif text[i - 1] not in _NO_BREAK_AFTER and _between(text, i, zh):
            found.append(i)
    return found


def _candidates(text: str) -> list[int]:
    """The positions `i` (0 < i < len(text)) worth judging, ascending: those after a space, a
    slash, a hyphen or a non-ASCII character, and those before a non-ASCII character. Between
    two other ASCII characters a line never breaks."""
    if text.isascii():
        return [found.end() for found in _ASCII_BREAKER.finditer(text, 0, len(text) - 1)]
    after = {found.end() for found in _BREAKER_OR_WIDER.finditer(text, 0, len(text) - 1)}
    before = {found.start() for found in _NON_ASCII.finditer(text, 1)}
    return sorted(after | before)


def _never_before(ch: str) -> bool:
    if ch == " " or ch in _NO_BREAK_BEFORE:
        return True
    return unicodedata.category(ch).startswith("M") or "\ufe00" <= ch <= "\ufe0f"


def _between(text: str, i: int, zh: bool) -> bool:
    """Whether two adjacent non-space characters may be split (kinsoku already checked)."""
    before, after = text[i - 1], text[i]
    two_back = text[i - 2] if i >= 2 else ""
    if after in _HYPHENS or after == "/":
        return False
    if before == SOFT_HYPHEN:
        return two_back.isalpha() and after.isalpha() and not (_is_wide(two_back, zh) or _is_wide(after, zh))
    if after == SOFT_HYPHEN:
        return False
    if before == "/":
        return not (two_back.isdigit() and after.isdigit())
    if before in _HYPHENS:
        return two_back.isalnum() and after.isalpha()
    if before == "—":
        return True
    if before == "’" and _is_latin_letter(two_back) and _is_latin_letter(after):
        return False  # an apostrophe, as in don’t
    return _is_wide(before, zh) or _is_wide(after, zh)


def _is_latin_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _is_wide(ch: str, zh: bool) -> bool:
    """East Asian wide or full-width (UAX #11), or full-width punctuation in Chinese."""
    return unicodedata.east_asian_width(ch) in ("W", "F") or (zh and ch in ZH_FULL_WIDTH)
