"""Validation: file paths in, every problem in them (as one DiagnosticError) or a count out.

Files load through the project's `inputs.Loader`, as for a build. Profiles, layouts and themes
are checked on their own (a layout's pictures included); each layout is then composed with
every profile in both languages, with the build's creation time, so
bindings, styles, glyph coverage, text that does not fit and text colours that do not stand
out on their background are caught before a build.

Composing needs a font instance per font, weight and character set. By default (`jobs=None`)
a run of `POOL_FROM` documents or more is composed by a pool of all the cores
(`jobs.in_pool`): forking the pool costs ~40-50 ms, a document ~20 ms, so the 12 shipped
documents validate in 0.39-0.42 s on two cores against 0.45-0.52 s one after the other (an
idle machine; while another process keeps the second core busy the pool only costs). Fewer
documents compose one after the other in this process while the font cache holds the
instances they need; on a cold cache (a fresh CI runner, a new profile) each instance is
built with fontTools first, 0.1-0.4 s apiece, so the first document that had to build one
hands the rest to the pool.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path

from .compose import compose
from .diagnostics import Diagnostic, DiagnosticError, Span, display_path
from .fonts import FontError, instances_built, locate
from .inputs import Loader, _pictures_in
from .jobs import Flag, Logged, default_jobs, in_pool, logged, replay
from .loaders import LoadedLayout, LoadedProfile, LoadedTheme
from .model.common import LANGS
from .project import FileKind, Project, duplicate_ids, kind_of

__all__ = ["validate_paths"]


def validate_paths(
    root: Path,
    paths: list[Path],
    warnings: list[Diagnostic] | None = None,
    loader: Loader | None = None,
    named: set[str] | None = None,
    jobs: int | None = 1,
) -> int:
    """Check `paths` (default: every file of the project). Returns how many were checked.

    Raises `DiagnosticError` with every problem; warnings go to `warnings` when given.
    `loader`: one kept between calls (a watching process) re-reads only changed files.
    `named`, when given, gets the absolute path of every picture and font file the loaded files
    name, missing ones included (what the answer depends on besides the files themselves).
    `jobs` > 1: the documents are composed by that many worker processes (`jobs.in_pool`); the
    diagnostics are those of one process, in the same order. `jobs=None`: by all the cores from
    `POOL_FROM` documents on; fewer in this process while the font instances they need are
    cached, by all the cores once one had to be built.
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
    if named is not None:
        named.update(_named_files(loader, loaded))
    problems += _duplicates(loader, loaded["profile"], "profile")
    problems += _duplicates(loader, loaded["layout"], "layout")
    if not problems:  # compose what loads cleanly
        problems += _compose_checks(loader, loaded["layout"], loaded["profile"], warnings, jobs)
    if problems:
        raise DiagnosticError(problems)
    return len(files)


def _compose_checks(
    loader: Loader,
    layouts: list[LoadedLayout],
    profiles: list[LoadedProfile],
    warnings: list[Diagnostic] | None,
    jobs: int | None,
) -> list[Diagnostic]:
    profiles = profiles or loader.files("profile")
    layouts = layouts or loader.files("layout")
    problems: list[Diagnostic] = []
    try:
        created = loader.created
    except DiagnosticError as exc:
        return list(exc.diagnostics)
    steps: list[list[Diagnostic] | int] = []  # a layout's theme problems, or a pair's position
    pairs: list[_Pair] = []
    for layout in layouts:
        theme_problems: list[Diagnostic] = []
        theme = _theme(loader, layout, theme_problems)
        steps.append(theme_problems)
        if theme is None:
            continue
        for profile in profiles:
            for lang in LANGS:
                steps.append(len(pairs))
                pairs.append((profile, layout, theme, lang))
    results = _composed(pairs, loader.project.root, created, jobs)
    for step in steps:
        found, notes = (step, []) if isinstance(step, list) else results[step]
        problems += [d for d in found if d not in problems]  # each once, in the first order found
        if warnings is not None:
            warnings += [note for note in notes if note not in warnings]
    return problems


_Pair = tuple[LoadedProfile, LoadedLayout, LoadedTheme, str]
#: From how many documents `jobs=None` composes them all in worker processes (module docstring).
POOL_FROM = 6
#: A pair's problems (none when it composed) and its warnings.
_Result = tuple[Sequence[Diagnostic], list[Diagnostic]]


def _composed(pairs: list[_Pair], root: Path, created: dt.datetime, jobs: int | None) -> list[_Result]:
    """Each pair composed: here one after the other, or by `jobs` worker processes; with
    `jobs=None`, by every core from `POOL_FROM` pairs on, else here until a pair had to build a
    font instance and the rest by every core."""
    if jobs is None:
        if len(pairs) >= POOL_FROM and default_jobs() > 1:
            return _composed(pairs, root, created, default_jobs())
        return _here_while_warm(pairs, root, created)
    if jobs < 2 or len(pairs) < 3:
        return [_compose(pair, root, created) for pair in pairs]
    results = in_pool(partial(_in_worker, pairs, root, created), range(len(pairs)), jobs)
    replay(record for _, records in results for record in records)
    return [result for result, _ in results]


def _here_while_warm(pairs: list[_Pair], root: Path, created: dt.datetime) -> list[_Result]:
    """The pairs composed here while the font cache holds what they need; from the first pair
    that built a font instance on, the rest as `_composed` spreads them over `default_jobs()`."""
    done: list[_Result] = []
    built = instances_built()
    for index, pair in enumerate(pairs):
        if instances_built() > built:
            return done + _composed(pairs[index:], root, created, default_jobs())
        done.append(_compose(pair, root, created))
    return done


def _in_worker(pairs: list[_Pair], root: Path, created: dt.datetime, index: int, failed: Flag) -> tuple:
    """One pair composed in a worker; what it logged comes back with the result."""
    records: list[Logged] = []
    with logged(records):
        return _compose(pairs[index], root, created), records


def _compose(pair: _Pair, root: Path, created: dt.datetime) -> _Result:
    notes: list[Diagnostic] = []
    try:
        compose(*pair, root=root, created=created, warnings=notes)
    except DiagnosticError as exc:
        return exc.diagnostics, notes
    return (), notes


def _named_files(loader: Loader, loaded: dict[FileKind, list]) -> Iterator[str]:
    """The pictures the loaded files name (and those of the project's themes) and the font files."""
    root = loader.project.root
    for layout in loaded["layout"]:
        yield from (
            os.path.abspath(root / block.src) for block, _ in _pictures_in(layout.layout, ()) if block.src
        )
    for profile in loaded["profile"]:
        yield from (os.path.abspath(root / picture.src) for picture in profile.profile.images.values())
    for theme in [*loaded["theme"], *loader.files("theme")]:
        if theme.theme.logo is not None:
            yield os.path.abspath(root / theme.theme.logo.path)
        for spec in theme.fonts.values():
            with contextlib.suppress(FontError):
                yield str(locate(spec))


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
