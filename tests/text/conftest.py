"""Fake fonts for the line breaker's tests: monospace, so every width is easy to predict.

`FakeFont` covers the characters its `covers` predicate accepts and advances every character
`em` (or `wide_em` for East Asian wide characters) at the given size. The Latin fake has no
CJK; the East Asian fake has everything except the private use area.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from zjlab_reports.document import FontFace
from zjlab_reports.text import FontChain


@dataclass(frozen=True, eq=False)
class FakeFont:
    face: FontFace
    covers: Callable[[str], bool]
    em: float = 0.5
    wide_em: float = 1.0
    ascent: float = 0.9
    descent: float = 0.25

    def has(self, ch: str) -> bool:
        return self.covers(ch)

    def advance(self, text: str, size: float) -> float:
        return sum(self._em(ch) for ch in text) * size

    def _em(self, ch: str) -> float:
        return self.wide_em if unicodedata.east_asian_width(ch) in ("W", "F") else self.em


def _face(name: str, east_asian: bool = False) -> FontFace:
    return FontFace(name, name, 400, Path(f"/fonts/{name}.ttf"), name, east_asian)


def _latin_covers(ch: str) -> bool:
    return ord(ch) < 0x0370 or 0x2000 <= ord(ch) <= 0x206F


def _ea_covers(ch: str) -> bool:
    return not 0xE000 <= ord(ch) <= 0xF8FF


LATIN = FakeFont(_face("FakeLatin"), _latin_covers, ascent=0.9)
# Full-width punctuation in Chinese: curly quotes, ellipsis and dashes are 1 em in the CJK font.
EAST_ASIAN = FakeFont(_face("FakeCJK", east_asian=True), _ea_covers, em=1.0, ascent=1.1)
CHAIN = FontChain(latin=(LATIN,), east_asian=(EAST_ASIAN,))


@pytest.fixture(scope="session")
def latin() -> FakeFont:
    return LATIN


@pytest.fixture(scope="session")
def east_asian() -> FakeFont:
    return EAST_ASIAN


@pytest.fixture(scope="session")
def chain() -> FontChain:
    return CHAIN


@pytest.fixture(scope="session")
def make_font() -> Callable[..., FakeFont]:
    """Build another fake: `make_font("Name", covers, em=..., ascent=...)`."""

    def make(name: str, covers: Callable[[str], bool], **metrics: float) -> FakeFont:
        return FakeFont(_face(name), covers, **metrics)

    return make
