"""Named entries (bytes) in; the bytes of a reproducible zip out, as Python's `zipfile` writes
them, each distinct entry compressed once per process.

Every entry is deflated (zlib's default level), dated 1980-01-01 00:00, a Unix file with mode
644, `[Content_Types].xml` first and the others sorted by name: the layout `zipfile` gives
(`tests/backends/test_pptx_archive.py` compares the two byte for byte). The zip is written
here rather than by `zipfile` so that an entry's compressed bytes can be reused: the same
cover photograph goes into every deck of a batch (deflating it was a quarter of a deck's
rendering), and so do the template's masters, layouts and themes and the workbooks' fixed
parts. `DeflateMemo` keeps them, keyed by their bytes, bounded by the bytes it holds; what
it has not seen comes from `deflation`, which keeps large entries on disk between processes.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Mapping
from typing import NamedTuple

from .deflation import deflate, deflate_kept

__all__ = ["CONTENT_TYPES", "MEMO", "DeflateMemo", "deflated", "zipped"]

CONTENT_TYPES = "[Content_Types].xml"
_LIMIT = (1 << 31) - 1  # beyond this `zipfile` switches to ZIP64 records, which we do not write
# The zip format's records (PKWARE's APPNOTE): local file header, central directory header,
# end of central directory; the same values `zipfile` packs.
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20  # "2.0": deflate
_UNIX = 3
_DEFLATED = 8
_UTF8_NAME = 1 << 11
_DOS_DATE = 1 << 5 | 1  # 1980-01-01 (midnight is 0)
_EXTERNAL = 0o100644 << 16  # a regular file, rw-r--r--


class _Written(NamedTuple):
    """An entry as the central directory lists it."""

    name: bytes
    flags: int
    crc: int
    packed: int
    size: int
    offset: int


def zipped(entries: Mapping[str, bytes]) -> bytes:
    """A zip of `entries` (name -> bytes); the same entries give the same bytes."""
    chunks: list[bytes] = []  # joined once at the end: a photograph is copied once, not thrice
    written = []
    offset = 0
    for name in sorted(entries, key=lambda name: (name != CONTENT_TYPES, name)):
        data = entries[name]
        crc, packed = deflated(data)
        if max(len(data), len(packed)) * 1.05 > _LIMIT:
            raise ValueError(f"zip entry {name} is too large ({len(data)} bytes)")
        encoded, flags = _encoded(name)
        entry = _Written(encoded, flags, crc, len(packed), len(data), offset)
        chunks += (_local_header(entry), encoded, packed)
        offset += _LOCAL.size + len(encoded) + len(packed)
        written.append(entry)
    start = offset
    for entry in written:
        chunks += (_central_header(entry), entry.name)
        offset += _CENTRAL.size + len(entry.name)
    count = len(written)
    chunks.append(_END.pack(b"PK\x05\x06", 0, 0, count, count, offset - start, start, 0))
    return b"".join(chunks)


class DeflateMemo:
    """Deflated entries by their bytes: (CRC-32, raw deflate stream). Holds at most `budget`
    bytes (entries and their deflated forms): when full, the least recently used go first, so
    what every deck shares stays while each deck's own slides pass through. `make` deflates
    what the memo does not hold."""

    def __init__(self, budget: int = 16 << 20, make: Callable[[bytes], tuple[int, bytes]] = deflate) -> None:
        self.budget = budget
        self.make = make
        self.held = 0
        self._entries: dict[bytes, tuple[int, bytes]] = {}

    def get(self, data: bytes) -> tuple[int, bytes]:
        """`data` deflated, from the memo when it was deflated before (never kept: an entry
        of more than half the budget)."""
        if 2 * len(data) > self.budget:
            return self.make(data)
        entries = self._entries
        found = entries.pop(data, None)
        if found is None:
            found = self.make(data)
            self.held += len(data) + len(found[1])
        entries[data] = found  # now the most recently used
        while self.held > self.budget:
            oldest = next(iter(entries))
            self.held -= len(oldest) + len(entries.pop(oldest)[1])
        return found

    def clear(self) -> None:
        """Forget everything (for tests)."""
        self._entries.clear()
        self.held = 0


MEMO = DeflateMemo(make=deflate_kept)
"""The process's memo (large entries it has not seen: from the disk cache, see `deflation`)."""


def deflated(data: bytes) -> tuple[int, bytes]:
    """(CRC-32, raw deflate stream) of `data`, deflated once per process (see `DeflateMemo`)."""
    return MEMO.get(data)


def _encoded(name: str) -> tuple[bytes, int]:
    """The name's bytes and flags: ASCII as it is, anything else UTF-8 (flagged so)."""
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8_NAME


def _local_header(entry: _Written) -> bytes:
    return _LOCAL.pack(
        b"PK\x03\x04", _VERSION, 0, entry.flags, _DEFLATED, 0, _DOS_DATE,
        entry.crc, entry.packed, entry.size, len(entry.name), 0,
    )  # fmt: skip


def _central_header(entry: _Written) -> bytes:
    return _CENTRAL.pack(
        b"PK\x01\x02", _VERSION, _UNIX, _VERSION, 0, entry.flags, _DEFLATED, 0, _DOS_DATE,
        entry.crc, entry.packed, entry.size, len(entry.name), 0, 0, 0, 0, _EXTERNAL, entry.offset,
    )  # fmt: skip
