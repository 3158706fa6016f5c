"""A zip entry's bytes in; its CRC-32 and raw deflate stream out, large entries kept on disk
between processes.

Deflating a deck's cover photograph (~0.45 MB of JPEG) takes ~11 ms, a third of a process's
first deck, and every process that builds a deck paid it again (the in-process memo,
`archive.DeflateMemo`, serves only that process's later decks). Entries of `LARGE` bytes or
more are kept in `deflated/` of the cache root (`cache.cache_root`), one file per entry,
named by the SHA-256 of the recipe and the entry's bytes: `deflated/<digest>.zz`. The recipe
names zlib's runtime version, the compression settings and this file format, so a change to
any of them misses old files. A file holds the entry's CRC-32, the stream and a CRC-32 of
both, checked on every read: a damaged file is reported once, removed and made again, and
never reaches a deck. Files are written whole (`cache.write_whole`); a cache that cannot be
written is one warning, and decks are built without it.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import struct
import zlib
from pathlib import Path

from zjlab_reports.cache import CacheWarnings, cache_root, write_whole

__all__ = ["LARGE", "deflate", "deflate_kept"]

LARGE = 64 << 10
"""Bytes: entries this large or larger are kept on disk (smaller ones cost less to deflate
than to look up)."""
_CRC = struct.Struct("<L")
_SUFFIX = ".zz"
_FORMAT = "zjlab-deflated 1: crc32(entry) stream crc32(crc32(entry) stream), raw deflate, level 6, wbits -15"
_LOG = logging.getLogger("zjlab_reports.pptx")
_REPORTED: set[str] = set()  # what was already warned about in this process
_WARNINGS = CacheWarnings(_LOG, _REPORTED, "deflated-entry cache", "deflating again", "deflating pictures")


def deflate(data: bytes) -> tuple[int, bytes]:
    """(CRC-32, raw deflate stream at zlib's default level) of `data`, made now."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return zlib.crc32(data), compressor.compress(data) + compressor.flush()


def deflate_kept(data: bytes) -> tuple[int, bytes]:
    """(CRC-32, raw deflate stream) of `data`: from the disk cache for a large entry
    deflated before (by any process), else made now (and kept, if large)."""
    if len(data) < LARGE:
        return deflate(data)
    path = _folder() / f"{_key(data)}{_SUFFIX}"
    found = _read(path)
    if found is not None:
        return found
    made = deflate(data)
    _store(path, made)
    return made


def _key(data: bytes) -> str:
    digest = hashlib.sha256(_recipe().encode())
    digest.update(data)
    return digest.hexdigest()


def _read(path: Path) -> tuple[int, bytes] | None:
    """The (CRC-32, stream) kept at `path`, None if there is none or it is damaged (reported
    and removed)."""
    try:
        held = path.read_bytes()
    except OSError:
        return None
    if len(held) >= 2 * _CRC.size and _CRC.unpack_from(held, len(held) - _CRC.size)[0] == zlib.crc32(
        memoryview(held)[: -_CRC.size]
    ):
        return _CRC.unpack_from(held)[0], held[_CRC.size : -_CRC.size]
    _WARNINGS.damaged(path, "its check does not match")
    return None


def _store(path: Path, made: tuple[int, bytes]) -> None:
    """Keep `made` at `path`; warn once if the cache cannot be written."""
    crc, stream = made
    body = _CRC.pack(crc) + stream
    try:
        write_whole(path, body + _CRC.pack(zlib.crc32(body)))
    except OSError as exc:
        _WARNINGS.unwritable(path.parent, exc)


def _folder() -> Path:
    return cache_root() / "deflated"


@functools.cache
def _recipe() -> str:
    """What makes a file: zlib's version and this module's format and settings."""
    return f"{_FORMAT}\nzlib/{zlib.ZLIB_RUNTIME_VERSION}\n"
