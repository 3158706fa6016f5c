"""What reading a YAML file gives: a `SourceDoc` (data, the span of every value and key, problems).

Also what both readers (`yaml_events`, the one-pass reader; `yaml_source`, the exact one)
share: the reader's limits, and the data paths shared by every file read in this process.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from typing import Any

from ..diagnostics import Diagnostic, Span

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "MAX_STRING_CHARS",
    "DataPath",
    "SourceDoc",
    "Spans",
    "position",
    "share_paths",
    "shared",
]

MAX_FILE_BYTES = 1_048_576
MAX_NODES = 20_000
MAX_DEPTH = 64
MAX_STRING_CHARS = 5_000

DataPath = tuple[str | int, ...]
#: Every data path read in this process, each once: the files of a batch (a hundred profile
#: variants) share their paths and keys instead of keeping a copy each. Emptied when full.
_PATHS: dict[DataPath, DataPath] = {}
_PATHS_LIMIT = 16_384


def position(mark: Any) -> int:
    """A PyYAML mark's line and column (from 0) as `Spans` keeps them: one int, counted from 1."""
    return (mark.line + 1) << 32 | (mark.column + 1)


class Spans(Mapping[DataPath, Span]):
    """Where each value (or each mapping key) of one file stands, by data path.

    Kept as one int a position (`position`), not one `Span`: a file has hundreds to
    thousands of positions (a layout some 1,800) and a build asks for about a hundred, so a
    `Span` is made when asked for. Reading, keeping and pickling a file cost less so. A
    `Span` made is kept (`made`, never pickled): a long layout's nodes ask for thousands, again
    at every document, and making each anew gave the collector work that grew with the pages.
    """

    __slots__ = ("file", "made", "packed")

    def __init__(self, file: str) -> None:
        self.file = file
        #: By data path, its `position`.
        self.packed: dict[DataPath, int] = {}
        #: By `position`, the `Span` made of it (`span`).
        self.made: dict[int, Span] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        return _spans, (self.file, self.packed)

    def __getitem__(self, path: DataPath) -> Span:
        return self.span(self.packed[path])

    def __contains__(self, path: object) -> bool:
        return path in self.packed

    def __iter__(self) -> Iterator[DataPath]:
        return iter(self.packed)

    def __len__(self) -> int:
        return len(self.packed)

    def __repr__(self) -> str:
        return f"Spans({self.file!r}, {len(self.packed)} positions)"

    def span(self, packed: int) -> Span:
        """The `Span` of a `position` in this file (the same object each time)."""
        made = self.made.get(packed)
        if made is None:
            made = self.made[packed] = Span(self.file, packed >> 32, packed & 0xFFFF_FFFF)
        return made


def _spans(file: str, packed: dict[DataPath, int]) -> Spans:
    """A `Spans` unpickled: its positions, none made yet."""
    spans = Spans(file)
    spans.packed = packed
    return spans


class SourceDoc:
    """One YAML file read: its data and where each value (and each mapping key) stands.

    `rejected`: paths of values the reader refused (a tag, an overlong text): schema errors
    about them would only repeat the problem, so validation leaves them out.
    """

    __slots__ = ("data", "key_spans", "path", "problems", "rejected", "spans")

    def __init__(self, path: str, data: Any) -> None:
        self.path = path
        self.data = data
        self.spans = Spans(path)
        self.key_spans = Spans(path)
        self.problems: list[Diagnostic] = []
        self.rejected: list[DataPath] = []

    def __repr__(self) -> str:
        return f"SourceDoc({self.path!r}, {len(self.problems)} problems)"

    def __eq__(self, other: object) -> bool:
        """Equal when read from the same file into the same data, positions and problems."""
        if not isinstance(other, SourceDoc):
            return NotImplemented
        return self._compared() == other._compared()

    __hash__ = None  # type: ignore[assignment]  # (mutable: its problems are added to)

    def _compared(self) -> tuple[object, ...]:
        return (self.path, self.data, self.spans, self.key_spans, self.problems, self.rejected)

    def span(self, path: DataPath, *, key: bool = False) -> Span:
        """The span of the value at `path` (or of its key), else of its nearest ancestor."""
        table = (self.key_spans if key else self.spans).packed
        values = self.spans.packed
        for end in range(len(path), -1, -1):
            found = table.get(path[:end]) or values.get(path[:end])
            if found is not None:
                return self.spans.span(found)
        return Span(self.path)


def shared(path: DataPath) -> DataPath:
    """`path`, or the equal one read before (see `_PATHS`)."""
    found = _PATHS.get(path)
    if found is not None:
        return found
    if len(_PATHS) >= _PATHS_LIMIT:  # full: start again (what is loaded keeps its tuples)
        _PATHS.clear()
    _PATHS[path] = path
    return path


def share_paths(doc: SourceDoc) -> None:
    """Make `doc`, unpickled in this process, share its data paths and mapping keys with the
    files read here, as a file read here does (`_PATHS`, interned keys): a build's process
    keeps every profile of a batch, and its own copies of them cost some 25 KB a profile."""
    for spans in (doc.spans, doc.key_spans):
        spans.packed = {shared(path): packed for path, packed in spans.packed.items()}
    doc.rejected = [shared(path) for path in doc.rejected]
    doc.data = _interned_keys(doc.data)


def _interned_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {sys.intern(key): _interned_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_interned_keys(item) for item in value]
    return value
