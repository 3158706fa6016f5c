"""Layout loading: a `layouts/*.yaml` path in, a validated `Layout` with its `SourceDoc` out.

Checks that need the theme or a profile (style and colour names, bindings, geometry that
depends on measured text) happen in compose, which reports them at the layout's lines.
"""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct

from ..diagnostics import Diagnostic, DiagnosticError
from ..model.layout import Layout
from .source import read_source
from .validation import validate
from .yaml_doc import SourceDoc

__all__ = ["LoadedLayout", "load_layout", "untitled_slides"]


class LoadedLayout(Struct, frozen=True):
    """A layout and where each of its values stands in its file."""

    layout: Layout
    source: SourceDoc

    @property
    def id(self) -> str:
        return self.layout.id


def load_layout(path: Path) -> LoadedLayout:
    """Read and validate the layout at `path`. Raises `DiagnosticError`."""
    source = read_source(path)
    layout = validate(source, Layout)
    problems = untitled_slides(layout, source)
    if problems:
        raise DiagnosticError(problems)
    return LoadedLayout(layout, source)


def untitled_slides(layout: Layout, source: SourceDoc) -> list[Diagnostic]:
    """A deck's page templates without a `role: title` frame: every slide needs a title
    (screen readers announce it, PowerPoint's outline and accessibility checker list it)."""
    if layout.kind != "deck":
        return []
    return [
        Diagnostic(
            source.span(("pages", index, "name")),
            f"deck page '{page.name}' has no frame with `role: title`",
            ("give the frame holding the slide's heading `role: title` (it becomes the slide's title)",),
        )
        for index, page in enumerate(layout.pages)
        if not any(frame.role == "title" for frame in page.frames)
    ]
