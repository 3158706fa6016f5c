"""What reading a YAML file gives: a `SourceDoc` (data, the span of every value, problems).

Also what both readers (`yaml_events`, the one-pass reader; `yaml_source`, the exact one)
share: the reader's limits, and the data paths shared by every file read in this process.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic, Span

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "MAX_STRING_CHARS",
    "DataPath",
    "SourceDoc",
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


@dataclass
class SourceDoc:
    """One YAML file read: its data and where each value (and each mapping key) stands."""

    path: str
    data: Any
    spans: dict[DataPath, Span] = field(default_factory=dict)
    key_spans: dict[DataPath, Span] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    #: Paths of values the reader refused (a tag, an overlong text): schema errors about
    #: them would only repeat the problem, so validation leaves them out.
    rejected: list[DataPath] = field(default_factory=list)

    def span(self, path: DataPath, *, key: bool = False) -> Span:
        """The span of the value at `path` (or of its key), else of its nearest ancestor."""
        table = self.key_spans if key else self.spans
        for end in range(len(path), -1, -1):
            found = table.get(path[:end]) or self.spans.get(path[:end])
            if found is not None:
                return found
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
    doc.spans = {shared(path): span for path, span in doc.spans.items()}
    doc.key_spans = {shared(path): span for path, span in doc.key_spans.items()}
    doc.rejected = [shared(path) for path in doc.rejected]
    doc.data = _interned_keys(doc.data)


def _interned_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {sys.intern(key): _interned_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_interned_keys(item) for item in value]
    return value
