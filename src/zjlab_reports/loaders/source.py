"""Reading a project file: its path in, its `SourceDoc` out, from the cache when the same bytes
were read before.

Parsing YAML is the first thing every command does, and importing PyYAML and reading a
profile, a layout and a theme cost some 20 ms of a process that builds one brochure in about
two hundred. Files change far less often than they are built, so what `read_yaml` made of a
file that it read without a problem is kept in the cache folder (`parsed/`), named by the
digest of the file's bytes and of the reader's own code, as msgpack: the data (dates as an
extension type), and the position of every value and key. A later process that reads the same
bytes decodes that record (a fraction of a millisecond) and imports no YAML code at all.

A file with problems (a duplicate key, a tag, an overlong text...) is never kept: the reader
reads it again each time, so its diagnostics come from one place. A record that fails its
check (a digest of its body, written after it) is not used; `rm -rf` of the cache is safe.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import sys
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import msgspec

from .. import cache as store
from ..diagnostics import Diagnostic, DiagnosticError, Span, display_path
from .yaml_doc import MAX_FILE_BYTES, SourceDoc, share_paths

__all__ = ["FOLDER", "read_source"]

FOLDER = "parsed"
_DATE = 1  # msgpack extension type of a `datetime.date` (its ISO text)
_READER = ("yaml_doc.py", "yaml_events.py", "yaml_parse.py", "yaml_source.py", "source.py")


def read_source(path: Path) -> SourceDoc:
    """The `SourceDoc` of the YAML file at `path`: `yaml_source.read_yaml`'s, kept per content.

    Raises `DiagnosticError` as `read_yaml` does.
    """
    name = display_path(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise DiagnosticError([Diagnostic(Span(name), f"cannot read file: {exc.strerror}")]) from None
    record = _record_path(data)
    doc = _recalled(record, name) if record is not None else None
    if doc is not None:
        return doc
    from .yaml_source import read_yaml

    doc = read_yaml(path, data=data)
    if record is not None and not doc.problems and not doc.rejected:
        _keep(record, doc)
    return doc


def _record_path(data: bytes) -> Path | None:
    try:
        root = store.cache_root()
    except OSError:
        return None
    digest = hashlib.sha256(_reader_version().encode() + b"\0" + data).hexdigest()
    return root / FOLDER / f"{digest[:40]}.msgpack"


@cache
def _reader_version() -> str:
    """A digest of what decides what the reader makes of a file: its code, PyYAML's (its
    `__init__.py`, which holds its version, found without importing it) and Python's version."""
    digest = hashlib.sha256(sys.version.encode())
    spec = find_spec("yaml")
    sources = [Path(spec.origin)] if spec is not None and spec.origin else []
    here = Path(__file__).parent
    for path in [*sources, *(here / module for module in _READER)]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _recalled(record: Path, name: str) -> SourceDoc | None:
    try:
        raw = record.read_bytes()
    except OSError:
        return None
    body, check = raw[:-32], raw[-32:]
    if len(raw) < 32 or hashlib.sha256(body).digest() != check:
        return None
    try:
        data, doc_spans, key_spans = _DECODER.decode(body)
        doc = SourceDoc(name, data)
        doc.spans.packed, doc.key_spans.packed = doc_spans, key_spans
    except (msgspec.DecodeError, ValueError, TypeError):
        return None
    share_paths(doc)
    return doc


def _keep(record: Path, doc: SourceDoc) -> None:
    try:
        body = msgspec.msgpack.encode(
            (
                _dates_marked(doc.data),
                doc.spans.packed,
                doc.key_spans.packed,
            )
        )
    except (OverflowError, TypeError, msgspec.EncodeError):  # an integer beyond 64 bits, say
        return
    with contextlib.suppress(OSError):  # a cache not written only costs later processes the parsing
        store.write_whole(record, body + hashlib.sha256(body).digest())


def _dates_marked(value: Any) -> Any:
    """`value` with each date as a msgpack extension (msgspec would write it as text)."""
    if isinstance(value, dict):
        return {key: _dates_marked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_dates_marked(item) for item in value]
    if isinstance(value, dt.datetime):
        raise TypeError("the reader refuses date-times")
    if isinstance(value, dt.date):
        return msgspec.msgpack.Ext(_DATE, value.isoformat().encode())
    return value


def _ext(code: int, data: memoryview) -> Any:
    if code != _DATE:
        raise ValueError(f"unknown extension {code}")
    return dt.date.fromisoformat(bytes(data).decode())


#: A record: the data, then the positions of values and of keys by data path (tuples, as kept).
_DECODER = msgspec.msgpack.Decoder(
    tuple[Any, dict[tuple[str | int, ...], int], dict[tuple[str | int, ...], int]], ext_hook=_ext
)
