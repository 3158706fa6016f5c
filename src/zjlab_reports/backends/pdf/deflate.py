"""Flate compression of stream data: bytes in; what `zlib.compress` makes of them out, made once per content.

Streams a batch or a rebuild writes again (font subsets, unchanged pages) are compressed once:
the results are kept (`kept`, at most `LIMIT` bytes) by a digest of the whole input (BLAKE2b,
256 bits; computing it costs a small fraction of compressing).
"""

from __future__ import annotations

import hashlib
import zlib

from .kept import KeptBytes

__all__ = ["LIMIT", "deflated"]

#: The most bytes of compressed data kept: a brochure's fonts and pages take ~25 KB in English,
#: ~95 KB in Chinese; small, so a batch's memory stays flat (100 against 10 brochures).
LIMIT = 256 * 1024

_COMPRESSED = KeptBytes(LIMIT)


def deflated(data: bytes) -> bytes:
    """`zlib.compress(data)` (default level), kept by content."""
    return _COMPRESSED.get(hashlib.blake2b(data).digest(), lambda: zlib.compress(data))
