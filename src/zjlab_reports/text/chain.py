"""Font fallback: text and a chain of fonts in; the font for each character, as runs, out.

Each character goes to the first font in the chain that has it. `FontChain.latin` faces are
tried first for Latin script (ASCII letters, digits and punctuation, Latin-1 and the Latin
extensions, general punctuation); `FontChain.east_asian` faces first for everything else (Han,
CJK punctuation, full-width forms). In Chinese (`lang` starting with `zh`) the punctuation
whose width depends on context — curly quotes, `…`, `—`, `·`, `‰` — belongs to the CJK font.

Spaces and no-break spaces are neutral: inside a run they stay in that run's font (when it has
them), so `之江 实验室` is not cut into three runs.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Protocol

from ..document import FontFace
from ..records import Immutable
from .memo import Memo

__all__ = ["ZH_FULL_WIDTH", "FontChain", "FontLike", "fonts_per_char", "is_zh", "itemize", "missing_chars"]

# Ambiguous-width punctuation that Chinese typesets full-width, with the CJK font.
ZH_FULL_WIDTH = frozenset("“”‘’…—·‰")
# Characters that take the font of the character before them (when that font has them).
_NEUTRAL = frozenset(" \u00a0\u202f\u2007")
# At most this many characters' fonts (and advances) per chain: some 6 times the characters
# of the shipped default build.
_CHARS_LIMIT = 8192
# Characters never drawn as themselves (hard line breaks, soft hyphens): never reported
# missing, never change the font.
_CONTROL = frozenset("\n\u00ad")


class FontLike(Protocol):
    """What the line breaker needs from a font: its face, coverage and advances.

    `advance` is the width of `text` at `size` points, in points, without kerning.
    `ascent` and `descent` are fractions of the em (descent positive, below the baseline).
    """

    @property
    def face(self) -> FontFace: ...

    @property
    def ascent(self) -> float: ...

    @property
    def descent(self) -> float: ...

    def has(self, ch: str) -> bool: ...

    def advance(self, text: str, size: float) -> float: ...


@functools.lru_cache(maxsize=64)
def is_zh(lang: str) -> bool:
    """True for Chinese language tags (`zh`, `zh-CN`, `zh-Hans`, any case)."""
    return lang.lower().split("-")[0] == "zh"


def _prefers_latin(ch: str, lang: str) -> bool:
    if is_zh(lang) and ch in ZH_FULL_WIDTH:
        return False
    cp = ord(ch)
    return cp < 0x0370 or 0x1E00 <= cp <= 0x1EFF or 0x2000 <= cp <= 0x20CF


class FontChain(Immutable):
    """Fonts to try, in order, per character (see the module docstring for the order).

    `memo` keeps what the line breaker derives from this chain (fonts per character, widths,
    broken lines) for the life of the chain: share one chain between documents (compose
    does) and a batch measures each text once. Raises ValueError when both tuples are empty.

    Immutable, and equal (and hashed) by its fonts, as a frozen dataclass would be; written
    out, because making a dataclass generates and compiles its methods at every start
    (~0.6 ms a class).
    """

    latin: tuple[FontLike, ...]
    east_asian: tuple[FontLike, ...]
    memo: Memo
    #: Each recent text's fonts and advances per character (`lines`): needed again only while
    #: that text is set at other widths, so a few hundred are kept, not a batch's worth.
    glyph_memo: Memo
    # Per character: its font (`font_for`) and each font's advance at 1 pt (`unit_advances`).
    # Bounded by the characters a batch sets; cleared whole past `_CHARS_LIMIT` all the same.
    _found: dict[tuple[str, bool], FontLike | None]
    # Per font (by id: the chain holds its fonts), each character's advance at 1 pt.
    _advances: dict[int, dict[str, float]]

    def __init__(self, latin: tuple[FontLike, ...], east_asian: tuple[FontLike, ...]) -> None:
        if not latin and not east_asian:
            raise ValueError("a FontChain needs at least one font")
        own = self.__dict__
        own["latin"], own["east_asian"] = latin, east_asian
        own["memo"], own["glyph_memo"] = Memo(), Memo(limit=256)
        own["_found"], own["_advances"] = {}, {}

    def __repr__(self) -> str:
        return f"FontChain(latin={self.latin!r}, east_asian={self.east_asian!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, FontChain)
        return (self.latin, self.east_asian) == (other.latin, other.east_asian)

    def __hash__(self) -> int:
        return hash((self.latin, self.east_asian))

    def candidates(self, ch: str, lang: str) -> tuple[FontLike, ...]:
        """All fonts of the chain, in the order they are tried for `ch`."""
        if _prefers_latin(ch, lang):
            return self.latin + self.east_asian
        return self.east_asian + self.latin

    def font_for(self, ch: str, lang: str) -> FontLike | None:
        """The first font in the chain that has `ch`; None when no font has it."""
        key = (ch, is_zh(lang))
        found = self._found
        if key not in found:
            if len(found) >= _CHARS_LIMIT:
                found.clear()
            found[key] = next((font for font in self.candidates(ch, lang) if font.has(ch)), None)
        return found[key]

    def unit_advances(self, fonts: Sequence[FontLike], text: str) -> tuple[float, ...]:
        """`font.advance(ch, 1.0)` for each character of `text` and its font (one of this
        chain's), kept per font and character. Raises ValueError unless there is one font per
        character."""
        if len(fonts) != len(text):
            raise ValueError(f"{len(fonts)} fonts for {len(text)} characters")
        out: list[float] = []
        start = 0
        for end in [*_run_ends(fonts), len(text)]:
            run = text[start:end]
            if run:
                out += map(self._unit_table(fonts[start], run).__getitem__, run)
            start = end
        return tuple(out)

    def _unit_table(self, font: FontLike, chars: str) -> dict[str, float]:
        """`font`'s advances at 1 pt by character, holding (at least) those of `chars`."""
        tables = self._advances
        table = tables.get(id(font))
        if table is None or len(table) >= _CHARS_LIMIT:
            table = tables[id(font)] = {}
        for ch in set(chars).difference(table):
            table[ch] = font.advance(ch, 1.0)
        return table

    def primary(self, lang: str) -> FontLike:
        """The main text font for `lang`: the first East Asian face for Chinese, else Latin."""
        order = self.east_asian + self.latin if is_zh(lang) else self.latin + self.east_asian
        return order[0]


def missing_chars(text: str, chain: FontChain, lang: str) -> list[str]:
    """Characters of `text` that no font in `chain` has, each once, in order of appearance.

    Hard line breaks (`\\n`) and soft hyphens are not drawn as such and never reported;
    spaces are reported only if no font has them (they would be drawn as tofu too).
    """
    return list(chain.memo.get(("missing", text, lang), lambda: tuple(_missing_chars(text, chain, lang))))


def _missing_chars(text: str, chain: FontChain, lang: str) -> list[str]:
    missing: list[str] = []
    for ch in dict.fromkeys(text):
        if ch not in _CONTROL and chain.font_for(ch, lang) is None:
            missing.append(ch)
    return missing


def fonts_per_char(text: str, chain: FontChain, lang: str) -> list[FontLike]:
    """The font each character of `text` is drawn in (a missing character gets the first
    font tried for it, which draws it as tofu)."""
    return list(chain.memo.get(("fonts", text, lang), lambda: tuple(_fonts_per_char(text, chain, lang))))


def _fonts_per_char(text: str, chain: FontChain, lang: str) -> list[FontLike]:
    one = _one_font(text, chain, lang)
    return [one] * len(text) if one is not None else _font_of_each(text, chain, lang)


def _font_of_each(text: str, chain: FontChain, lang: str) -> list[FontLike]:
    """`_fonts_per_char`, character by character."""
    zh = is_zh(lang)
    known = chain._found  # font_for's answers, looked up here without a call per character
    fonts: list[FontLike] = []
    previous: FontLike | None = None
    for ch in text:
        if previous is not None and (ch in _CONTROL or (ch in _NEUTRAL and previous.has(ch))):
            fonts.append(previous)
            continue
        found = known[(ch, zh)] if (ch, zh) in known else chain.font_for(ch, lang)
        previous = found if found is not None else chain.candidates(ch, lang)[0]
        fonts.append(previous)
    return fonts


def _one_font(text: str, chain: FontChain, lang: str) -> FontLike | None:
    """The font of every character of `text` when that is one font, else None.

    When each distinct character on its own gets the same font (its `font_for`, or the first
    font tried for it when none has it), every character of the text gets it, whatever comes
    before it: the rule for spaces and line breaks only ever repeats the font before them.
    """
    one: FontLike | None = None
    for ch in set(text):
        font = chain.font_for(ch, lang) or chain.candidates(ch, lang)[0]
        if one is not None and font is not one:
            return None
        one = font
    return one


def _run_ends(fonts: Sequence[FontLike]) -> list[int]:
    """Where each run of one font in `fonts` ends (but the last run)."""
    return [i for i in range(1, len(fonts)) if fonts[i] is not fonts[i - 1]]


def itemize(text: str, chain: FontChain, lang: str) -> list[tuple[str, FontLike]]:
    """Split `text` into maximal runs of one font each; empty text gives no runs."""
    runs: list[tuple[str, FontLike]] = []
    for ch, font in zip(text, fonts_per_char(text, chain, lang), strict=True):
        if runs and runs[-1][1] is font:
            runs[-1] = (runs[-1][0] + ch, font)
        else:
            runs.append((ch, font))
    return runs
