"""Kept results: a key and a way to make a result in; the result, made once while it stays kept, out.

A batch or a designer's rebuild writes much of what it wrote before: the same font subsets
(the screen and print files of a document, a rebuild after a change elsewhere), the same page
streams. `KeptBytes` keeps results, bounded by their total size: once they hold more than
its limit, the least recently used are forgotten, so a long batch's memory stays flat
(`KeptSized` the same for results of any kind, given their size).
`KeptValues` keeps small results (a shape's operators) the same way, bounded by their count. A
key must name everything the result depends on (a wrong hit is a wrong file).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["KeptBytes", "KeptSized", "KeptValues"]


_Value = TypeVar("_Value")


class KeptValues(Generic[_Value]):
    """Values by key, at most `count` of them (the oldest first out).

    A hit costs one lookup (hashing a key of records is most of the work; no reordering),
    so the oldest, not the least recently used, is forgotten first: a batch's documents draw
    the same few hundred values over and over, far fewer than `count`.
    """

    def __init__(self, count: int) -> None:
        self.count = count
        self._kept: dict[Hashable, _Value] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], _Value]) -> _Value:
        """The value for `key`, made by `make()` unless it is kept."""
        kept = self._kept.get(key)
        if kept is not None:
            return kept
        made = make()
        with self._lock:
            self._kept[key] = made
            while len(self._kept) > self.count:
                del self._kept[next(iter(self._kept))]
        return made

    def __len__(self) -> int:
        return len(self._kept)

    def clear(self) -> None:
        """Forget everything (for tests)."""
        with self._lock:
            self._kept.clear()


class KeptSized(Generic[_Value]):
    """Values by key, at most `limit` of their sizes (`size(value)`) in all, least recently used first out."""

    def __init__(self, limit: int, size: Callable[[_Value], int]) -> None:
        self.limit = limit
        self.size = 0  # the sizes of the values kept now
        self._size_of = size
        self._kept: OrderedDict[Hashable, _Value] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], _Value]) -> _Value:
        """The value for `key`, made by `make()` unless it is kept."""
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        made = make()
        self._keep(key, made)
        return made

    def _keep(self, key: Hashable, made: _Value) -> None:
        """Keep `made` under `key` (unless it alone exceeds `limit`), forgetting the oldest beyond `limit`."""
        size = self._size_of(made)
        if size > self.limit:
            return
        with self._lock:
            if key not in self._kept:
                self._kept[key] = made
                self.size += size
            while self.size > self.limit:
                _, old = self._kept.popitem(last=False)
                self.size -= self._size_of(old)

    def __len__(self) -> int:
        return len(self._kept)

    def clear(self) -> None:
        """Forget everything (for tests)."""
        with self._lock:
            self._kept.clear()
            self.size = 0


class KeptBytes(KeptSized[bytes]):
    """Bytes by key, at most `limit` bytes of them (least recently used first out)."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit, len)
