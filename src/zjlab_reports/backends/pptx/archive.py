"""Named entries (bytes) in; the bytes of a reproducible zip out, as Python's `zipfile` writes
them, with each picture compressed once per process.

Every entry is deflated (zlib's default level), dated 1980-01-01 00:00, a Unix file with mode
644, `[Content_Types].xml` first and the others sorted by name: the layout `zipfile` gives
(`tests/backends/test_pptx_archive.py` compares the two byte for byte). The zip is written
here rather than by `zipfile` so that an entry's compressed bytes can be reused: the same
cover photograph goes into every deck of a batch, and deflating it was a quarter of a deck's
rendering. Large entries (pictures) are kept compressed in a small memo keyed by their bytes.
"""

from __future__ import annotations

import functools
import struct
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["MEMO_FROM", "deflated", "zipped"]

CONTENT_TYPES = "[Content_Types].xml"
MEMO_FROM = 64 * 1024
"""Entries of at least this many bytes (pictures, in practice) are deflated once per process."""
_MEMO_ENTRIES = 4  # the memo's bound: a deck's few distinct pictures, not a batch's
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


@dataclass(frozen=True)
class _Written:
    """An entry as the central directory lists it."""

    name: bytes
    flags: int
    crc: int
    packed: int
    size: int
    offset: int


def zipped(entries: Mapping[str, bytes]) -> bytes:
    """A zip of `entries` (name -> bytes); the same entries give the same bytes."""
    output = bytearray()
    written = []
    for name in sorted(entries, key=lambda name: (name != CONTENT_TYPES, name)):
        data = entries[name]
        crc, packed = deflated(data)
        if max(len(data), len(packed)) * 1.05 > _LIMIT:
            raise ValueError(f"zip entry {name} is too large ({len(data)} bytes)")
        encoded, flags = _encoded(name)
        entry = _Written(encoded, flags, crc, len(packed), len(data), len(output))
        output += _local_header(entry) + encoded + packed
        written.append(entry)
    start = len(output)
    for entry in written:
        output += _central_header(entry) + entry.name
    count = len(written)
    output += _END.pack(b"PK\x05\x06", 0, 0, count, count, len(output) - start, start, 0)
    return bytes(output)


def deflated(data: bytes) -> tuple[int, bytes]:
    """(CRC-32, raw deflate stream) of `data`; large entries from the memo."""
    if len(data) >= MEMO_FROM:
        return _deflated_once(data)
    return _deflate(data)


@functools.lru_cache(maxsize=_MEMO_ENTRIES)
def _deflated_once(data: bytes) -> tuple[int, bytes]:
    return _deflate(data)


def _deflate(data: bytes) -> tuple[int, bytes]:
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return zlib.crc32(data), compressor.compress(data) + compressor.flush()


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
