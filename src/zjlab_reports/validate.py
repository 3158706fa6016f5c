"""Validation: file paths in, every problem in them (as one DiagnosticError) or a count out.

Profiles, layouts and themes are checked on their own; each layout is then composed with
every profile in both languages, so bindings, styles, glyph coverage, text that does not
fit and text colours that do not stand out on their background are caught before a build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar

from .compose import compose
from .diagnostics import Diagnostic, DiagnosticError, Span, display_path
from .loaders import LoadedLayout, LoadedProfile, LoadedTheme, load_layout, load_profile, load_theme
from .loaders.theme import load_layout_theme
from .loaders.yaml_source import SourceDoc
from .model.common import LANGS
from .project import FileKind, Project, duplicate_ids, kind_of


class _Loaded(Protocol):
    """A loaded profile or layout: what duplicate-id checks need."""

    @property
    def id(self) -> str: ...

    @property
    def source(self) -> SourceDoc: ...


T = TypeVar("T", bound=_Loaded)

__all__ = ["validate_paths"]


def validate_paths(root: Path, paths: list[Path], warnings: list[Diagnostic] | None = None) -> int:
    """Check `paths` (default: every file of the project). Returns how many were checked.

    Raises `DiagnosticError` with every problem; warnings go to `warnings` when given."""
    project = Project(root)
    files = paths or project.all_files()
    if not files:
        raise DiagnosticError(
            [
                Diagnostic(
                    Span(display_path(root)),
                    "no YAML files to validate",
                    ("run in the project folder, or pass --project DIR",),
                )
            ]
        )
    problems: list[Diagnostic] = []
    loaded: dict[str, list] = {"profile": [], "layout": [], "theme": []}
    for path in files:
        kind = kind_of(path)
        loader = {"profile": load_profile, "layout": load_layout, "theme": load_theme}[kind]
        try:
            loaded[kind].append(loader(path))
        except DiagnosticError as exc:
            problems += exc.diagnostics
    problems += _duplicates(project, loaded["profile"], "profile", load_profile)
    problems += _duplicates(project, loaded["layout"], "layout", load_layout)
    if not problems:  # compose what loads cleanly
        problems += _compose_checks(project, loaded["layout"], loaded["profile"], warnings)
    if problems:
        raise DiagnosticError(problems)
    return len(files)


def _compose_checks(
    project: Project,
    layouts: list[LoadedLayout],
    profiles: list[LoadedProfile],
    warnings: list[Diagnostic] | None,
) -> list[Diagnostic]:
    if not profiles:
        profiles = _project_files(project, "profile", load_profile)
    if not layouts:
        layouts = _project_files(project, "layout", load_layout)
    problems: list[Diagnostic] = []
    themes: dict[str, LoadedTheme | None] = {}
    for layout in layouts:
        theme = _theme(project, layout, themes, problems)
        if theme is None:
            continue
        for profile in profiles:
            for lang in LANGS:
                try:
                    created = dt.datetime(2000, 1, 1)
                    compose(
                        profile, layout, theme, lang, root=project.root, created=created, warnings=warnings
                    )
                except DiagnosticError as exc:
                    problems += [d for d in exc.diagnostics if d not in problems]
    return problems


def _duplicates(
    project: Project, given: list[T], kind: FileKind, loader: Callable[[Path], T]
) -> list[Diagnostic]:
    """Ids used twice among the files given and the project's other files of that kind."""
    every = {item.source.path: item for item in _project_files(project, kind, loader)}
    every.update({item.source.path: item for item in given})
    return duplicate_ids([every[path] for path in sorted(every)], kind)


def _project_files(project: Project, kind: FileKind, loader: Callable[[Path], T]) -> list[T]:
    """The project's files of `kind` that load cleanly (the others are not asked about)."""
    out = []
    for path in project.files(kind):
        try:
            out.append(loader(path))
        except DiagnosticError:
            continue
    return out


def _theme(
    project: Project, layout: LoadedLayout, cache: dict[str, LoadedTheme | None], problems: list[Diagnostic]
) -> LoadedTheme | None:
    name = layout.layout.theme
    if name not in cache:
        try:
            cache[name] = load_layout_theme(project.root / "themes", layout)
        except DiagnosticError as exc:
            problems += [d for d in exc.diagnostics if d not in problems]
            cache[name] = None
    return cache[name]
