"""Coverage: a source font file (and its digest) in; the characters a subset of it can hold out.

A subset keeps only the requested characters its font maps (`_build`), so a face's cache entry
is keyed on the requested characters the font maps, not on all a document uses: a Chinese
document's Latin faces then stay the same entry whatever hanzi its text gains. The coverage
(the font's best cmap) is read with fontTools once per font file, then kept as a one-line
record in the cache's `sources/` folder, keyed on the file's digest and the build recipe
(`cache.remember`: the record carries a check of its key and text, and a damaged one is read
again from the font), so that a warm build learns it without importing fontTools.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path
from typing import NamedTuple

from ..cache import recall, remember
from ._build import mapped_codes
from ._cache import recipe

__all__ = ["Coverage", "coverage", "covered", "forget_coverage"]

_FOLDER = "sources"
_RANGE = r"[0-9a-f]{1,6}(?:-[0-9a-f]{1,6})?"  # one code point, or first-last
_LINE = re.compile(f",*(?:{_RANGE}(?:,+{_RANGE})*)?,*")  # ranges apart by commas


class Coverage(NamedTuple):
    """Code points as ranges: `starts[i]` to `ends[i]` (inclusive), ascending, apart. Ranges,
    not a set: a CJK font maps ~30k code points in ~450 runs, and a warm build reads them."""

    starts: list[int]
    ends: list[int]

    def maps(self, code: int) -> bool:
        """Whether the code point `code` is in one of the ranges."""
        index = bisect_right(self.starts, code) - 1
        return index >= 0 and code <= self.ends[index]


_KNOWN: dict[tuple[str, str], Coverage] = {}  # (font digest, cache root): what the font maps


def covered(chars: str, codes: Coverage) -> str:
    """The characters of `chars` whose code points are in `codes`, in their order."""
    maps = codes.maps
    return "".join(ch for ch in chars if maps(ord(ch)))


def coverage(source: Path, digest: str, root: Path) -> Coverage:
    """The code points the font file `source` (SHA-256 `digest`) maps: from this process's
    memo, else the record under the cache `root`, else read with fontTools and recorded.
    Raises FontError when fontTools cannot use the file."""
    key = (digest, str(root))
    codes = _KNOWN.get(key)
    if codes is None:
        codes = _KNOWN[key] = _recalled(source, digest, root)
    return codes


def forget_coverage() -> None:
    """Forget the coverages learnt in this process (the records on disk stay). For tests."""
    _KNOWN.clear()


def _recalled(source: Path, digest: str, root: Path) -> Coverage:
    version = f"coverage\0{recipe()}\0{digest}"
    text = recall(root, _FOLDER, version)
    codes = _parsed(text) if text is not None else None
    if codes is None:
        codes = _runs(mapped_codes(source))
        remember(root, _FOLDER, version, _text(codes))
    return codes


def _runs(codes: list[int]) -> Coverage:
    """Ascending code points as a `Coverage`: each run of consecutive ones a range."""
    starts: list[int] = []
    ends: list[int] = []
    for code in codes:
        if ends and code == ends[-1] + 1:
            ends[-1] = code
        else:
            starts.append(code)
            ends.append(code)
    return Coverage(starts, ends)


def _text(codes: Coverage) -> str:
    """A coverage as one line of hexadecimal ranges: `20-7e,a0-17f,3000`."""
    pairs = zip(codes.starts, codes.ends, strict=True)
    return ",".join(f"{first:x}" if first == last else f"{first:x}-{last:x}" for first, last in pairs)


def _parsed(text: str) -> Coverage | None:
    """The coverage a `_text` line holds, or None when it is not one.

    The line's form is checked by one pattern, then its ranges are split off: checking each
    range with a pattern of its own took ~0.5 ms for a CJK font's ~450 ranges, in every
    process that measures Chinese text."""
    if _LINE.fullmatch(text) is None:
        return None
    starts: list[int] = []
    ends: list[int] = []
    end = -2
    for part in text.split(","):
        if not part:
            continue
        first_digits, _, last_digits = part.partition("-")
        first = int(first_digits, 16)
        last = int(last_digits, 16) if last_digits else first
        if last < first or first <= end + 1:  # not ascending, or not apart
            return None
        starts.append(first)
        ends.append(last)
        end = last
    return Coverage(starts, ends)
