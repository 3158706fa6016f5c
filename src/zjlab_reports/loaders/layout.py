"""Layout loading: a `layouts/*.yaml` path in, a validated `Layout` with its `SourceDoc` out.

Checks that need the theme or a profile (style and colour names, bindings, geometry that
depends on measured text) happen in compose, which reports them at the layout's lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model.layout import Layout
from .validation import validate
from .yaml_source import SourceDoc, read_yaml

__all__ = ["LoadedLayout", "load_layout"]


@dataclass(frozen=True)
class LoadedLayout:
    """A layout and where each of its values stands in its file."""

    layout: Layout
    source: SourceDoc

    @property
    def id(self) -> str:
        return self.layout.id


def load_layout(path: Path) -> LoadedLayout:
    """Read and validate the layout at `path`. Raises `DiagnosticError`."""
    source = read_yaml(path)
    return LoadedLayout(validate(source, Layout), source)
