"""Per-process memo: a key and a way to compute its value in; the value, computed once, out.

A batch composes many documents with the same fonts and mostly the same texts; what the line
breaker derives from a text, its fonts and a size (fonts per character, widths, broken lines)
is the same every time. `Memo` keeps it, bounded: when full it forgets the entries least
recently used, so a long batch's memory stays flat while what every document shares (the
texts a batch of variants has in common) stays; what one document alone uses (its own
numbers and names) goes first. Values must be immutable (callers share them).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

__all__ = ["Memo"]

T = TypeVar("T")
_MISSING = object()


class Memo:
    """A bounded map from keys to computed values (least recently used first out).

    The default limit is some 2.5 times what the shipped default build (every layout and
    language of a profile) keeps per font chain.
    """

    __slots__ = ("_limit", "_values")

    def __init__(self, limit: int = 2048) -> None:
        self._limit = limit
        self._values: dict[Hashable, object] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value for `key`, computed by `compute()` the first time (and after it was dropped)."""
        values = self._values
        value = values.pop(key, _MISSING)  # put back below: now the most recently used
        if value is _MISSING:
            value = compute()
            self.put(key, value)
        else:
            values[key] = value
        return value  # type: ignore[return-value]

    def per_object(self, thing: object, compute: Callable[[], T], *key: Hashable) -> T:
        """`compute()` once per object `thing` (by identity; `key`: what else it depends on).
        The entry keeps `thing`, so its id is no other object's while the entry lasts."""
        kept, value = self.get((id(thing), *key), lambda: (thing, compute()))
        return value if kept is thing else compute()

    def find(self, key: Hashable) -> Any:
        """The value kept for `key` (now the most recently used), or None."""
        values = self._values
        value = values.pop(key, _MISSING)
        if value is _MISSING:
            return None
        values[key] = value
        return value

    def put(self, key: Hashable, value: object) -> None:
        """Keep `value` for `key` (the least recently used quarter goes when full)."""
        values = self._values
        if len(values) >= self._limit:
            for old in list(values)[: self._limit // 4]:
                del values[old]
        values[key] = value

    def __len__(self) -> int:
        return len(self._values)

    def clear(self) -> None:
        """Forget everything (for tests)."""
        self._values.clear()
