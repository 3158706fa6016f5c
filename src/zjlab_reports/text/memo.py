"""Per-process memo: a key and a way to compute its value in; the value, computed once, out.

A batch composes many documents with the same fonts and mostly the same texts; what the line
breaker derives from a text, its fonts and a size (fonts per character, widths, broken lines)
is the same every time. `Memo` keeps it, bounded: when full it forgets its oldest entries, so
a long batch's memory stays flat. Values must be immutable (callers share them).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

__all__ = ["Memo"]

T = TypeVar("T")


class Memo:
    """A bounded map from keys to computed values (oldest first out)."""

    __slots__ = ("_limit", "_values")

    def __init__(self, limit: int = 4096) -> None:
        self._limit = limit
        self._values: dict[Hashable, object] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value for `key`, computed by `compute()` the first time (and after it was dropped)."""
        values = self._values
        if key in values:
            return values[key]  # type: ignore[return-value]
        value = compute()
        if len(values) >= self._limit:
            for old in list(values)[: self._limit // 4]:
                del values[old]
        values[key] = value
        return value

    def __len__(self) -> int:
        return len(self._values)

    def clear(self) -> None:
        """Forget everything (for tests)."""
        self._values.clear()
