"""Flate compression of stream data: bytes in; what `zlib.compress` makes of them out, made once per content.

A batch or a designer's rebuild writes the same streams again: the font subsets of a document
drawn for screen and then for print, the pages a change did not touch. `deflated` keeps what
it compressed, keyed by a digest of the whole input (BLAKE2b, 256 bits: computing it costs a
small fraction of compressing), and forgets the least recently used results once they hold
more than `LIMIT` bytes, so a long batch's memory stays flat.
"""

from __future__ import annotations

import hashlib
import threading
import zlib
from collections import OrderedDict

__all__ = ["LIMIT", "Deflater", "deflated"]

#: The most bytes of compressed data kept (about forty brochures' fonts and pages).
LIMIT = 2 * 1024 * 1024


class Deflater:
    """Compresses bytes, keeping up to `limit` bytes of results (least recently used first out)."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self.size = 0  # bytes of compressed data kept
        self._kept: OrderedDict[bytes, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, data: bytes) -> bytes:
        """`zlib.compress(data)` (default level), from memory if this content was compressed before."""
        key = hashlib.blake2b(data).digest()
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        compressed = zlib.compress(data)
        self._keep(key, compressed)
        return compressed

    def _keep(self, key: bytes, compressed: bytes) -> None:
        """Remember `compressed` under `key`, forgetting the oldest results beyond `limit` bytes."""
        if len(compressed) > self.limit:
            return
        with self._lock:
            if key not in self._kept:
                self._kept[key] = compressed
                self.size += len(compressed)
            while self.size > self.limit:
                _, old = self._kept.popitem(last=False)
                self.size -= len(old)


#: The process's deflater.
deflated = Deflater()
