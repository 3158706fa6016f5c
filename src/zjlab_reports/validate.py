"""Validation: file paths in, every problem in them (as one DiagnosticError) or a count out.

Files load through the project's `inputs.Loader`, as for a build. Profiles, layouts and themes
are checked on their own (a layout's pictures included); each layout is then composed with
every profile in both languages, with the build's creation time, so
bindings, styles, glyph coverage, text that does not fit and text colours that do not stand
out on their background are caught before a build.
"""

from __future__ import annotations

from pathlib import Path

from .compose import compose
from .diagnostics import Diagnostic, DiagnosticError, Span, display_path
from .inputs import Loader
from .loaders import LoadedLayout, LoadedProfile, LoadedTheme
from .model.common import LANGS
from .project import FileKind, Project, duplicate_ids, kind_of

__all__ = ["validate_paths"]


def validate_paths(
    root: Path, paths: list[Path], warnings: list[Diagnostic] | None = None, loader: Loader | None = None
) -> int:
    """Check `paths` (default: every file of the project). Returns how many were checked.

    Raises `DiagnosticError` with every problem; warnings go to `warnings` when given.
    `loader`: one kept between calls (a watching process) re-reads only changed files.
    """
    loader = loader or Loader(Project(root))
    files = paths or loader.project.all_files()
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
    loaded: dict[FileKind, list] = {"profile": [], "layout": [], "theme": []}
    for path in files:
        kind = kind_of(path)
        try:
            loaded[kind].append(loader.file(path, kind))
        except DiagnosticError as exc:
            problems += exc.diagnostics
    for layout in loaded["layout"]:
        problems += loader.pictures(layout)
    problems += _duplicates(loader, loaded["profile"], "profile")
    problems += _duplicates(loader, loaded["layout"], "layout")
    if not problems:  # compose what loads cleanly
        problems += _compose_checks(loader, loaded["layout"], loaded["profile"], warnings)
    if problems:
        raise DiagnosticError(problems)
    return len(files)


def _compose_checks(
    loader: Loader,
    layouts: list[LoadedLayout],
    profiles: list[LoadedProfile],
    warnings: list[Diagnostic] | None,
) -> list[Diagnostic]:
    profiles = profiles or loader.files("profile")
    layouts = layouts or loader.files("layout")
    problems: list[Diagnostic] = []
    try:
        created = loader.created
    except DiagnosticError as exc:
        return list(exc.diagnostics)
    for layout in layouts:
        theme = _theme(loader, layout, problems)
        if theme is None:
            continue
        for profile in profiles:
            for lang in LANGS:
                try:
                    compose(
                        profile,
                        layout,
                        theme,
                        lang,
                        root=loader.project.root,
                        created=created,
                        warnings=warnings,
                    )
                except DiagnosticError as exc:
                    problems += [d for d in exc.diagnostics if d not in problems]
    return problems


def _duplicates(loader: Loader, given: list, kind: FileKind) -> list[Diagnostic]:
    """Ids used twice among the files given and the project's other files of that kind."""
    every = {item.source.path: item for item in loader.files(kind)}
    every.update({item.source.path: item for item in given})
    return duplicate_ids([every[path] for path in sorted(every)], kind)


def _theme(loader: Loader, layout: LoadedLayout, problems: list[Diagnostic]) -> LoadedTheme | None:
    try:
        return loader.theme_for(layout)
    except DiagnosticError as exc:
        problems += [d for d in exc.diagnostics if d not in problems]
        return None
