"""The build driver: a project and a selection in; artifacts and `manifest.json` in a folder out.

Every profile × layout × language selected is composed and rendered in memory first; only when
all succeeded are the files written, each to a temporary file beside its target and renamed
into place, the manifest last, under a lock so that concurrent builds into one folder never
interleave. A failed build leaves the folder exactly as it was and no temporary files behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import importlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .diagnostics import Diagnostic, DiagnosticError, Span
from .loaders import LoadedLayout, LoadedProfile, LoadedTheme, load_layout, load_profile
from .loaders.theme import load_layout_theme
from .model.common import LANGS
from .project import Project, duplicate_ids
from .shards import Shard, document_key, manifest_bytes

if TYPE_CHECKING:
    from .backends.pdf import Variant
    from .document import Document
    from .jobs import Flag

__all__ = [
    "SILENT",
    "Artifact",
    "Progress",
    "Selection",
    "build",
    "created_time",
    "load_inputs",
    "plan",
    "write_build",
]

#: Used for document dates when SOURCE_DATE_EPOCH is not set: fixed, so output is reproducible.
FALLBACK_CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
_LAST_EPOCH = 253_402_300_799  # 9999-12-31T23:59:59Z


@dataclass(frozen=True)
class Selection:
    """Which documents to build; empty tuples mean all.

    `variants` are the PDF variants of each brochure ("screen": sRGB, PDF/A-2u; "print": CMYK
    with bleed, PDF/X-4, named `…-print.pdf`); a deck's handout PDF is always "screen".
    `marks` adds crop marks to print PDFs.
    """

    profiles: tuple[str, ...] = ()
    layouts: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    variants: tuple[Variant, ...] = ("screen",)
    marks: bool = False


@dataclass(frozen=True)
class Artifact:
    path: str
    profile: str
    layout: str
    kind: str
    format: str
    lang: str
    pages: int
    data: bytes
    variant: str = ""  # PDFs: "screen" or "print"
    conformance: tuple[str, ...] = ()  # PDFs: the standards the file claims

    def manifest_entry(self) -> dict[str, object]:
        entry: dict[str, object] = {
            "path": self.path,
            "profile": self.profile,
            "layout": self.layout,
            "kind": self.kind,
            "format": self.format,
            "lang": self.lang,
            "pages": self.pages,
            "sha256": hashlib.sha256(self.data).hexdigest(),
            "bytes": len(self.data),
        }
        if self.variant:
            entry |= {"variant": self.variant, "conformance": list(self.conformance)}
        return entry


class Progress(Protocol):
    """What a build reports as it goes, for a progress display.

    `stage` is "compose" (`name`: the document's stem, e.g. `zhejiang-lab-deck-16x9-en`) or
    "render" (`name`: the artifact's file name). `finished` gives the stage's wall time in
    seconds and the document's page count.
    """

    def started(self, stage: str, name: str) -> None: ...

    def finished(self, stage: str, name: str, seconds: float, pages: int) -> None: ...


class _Silent:
    def started(self, stage: str, name: str) -> None:
        pass

    def finished(self, stage: str, name: str, seconds: float, pages: int) -> None:
        pass


#: A `Progress` that reports nothing.
SILENT: Progress = _Silent()


@dataclass(frozen=True)
class Inputs:
    profiles: list[LoadedProfile]
    layouts: list[LoadedLayout]
    themes: dict[str, LoadedTheme]


def created_time() -> dt.datetime:
    """SOURCE_DATE_EPOCH (seconds, UTC) when set, else `FALLBACK_CREATED`.

    Raises `DiagnosticError` when it is not a whole number of seconds between 1970 and 9999.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return FALLBACK_CREATED
    if not raw.isdigit() or int(raw) > _LAST_EPOCH:
        raise DiagnosticError(
            [
                Diagnostic(
                    Span("SOURCE_DATE_EPOCH"),
                    f"SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 (UTC), not {raw!r}",
                    ("use a commit's time: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct); or unset it",),
                )
            ]
        )
    return dt.datetime.fromtimestamp(int(raw), dt.UTC)


def load_inputs(project: Project, selection: Selection) -> Inputs:
    """Load every selected profile and layout and the themes they use; all problems at once."""
    problems: list[Diagnostic] = []
    profiles = [_collect(load_profile, path, problems) for path in project.files("profile")]
    asked = set(selection.profiles) - {p.id for p in profiles if p}  # example profiles, by file name
    profiles += [
        _collect(load_profile, path, problems) for path in project.example_files() if path.stem in asked
    ]
    layouts = [_collect(load_layout, path, problems) for path in project.files("layout")]
    themes: dict[str, LoadedTheme] = {}
    for layout in layouts:
        if layout is not None and layout.layout.theme not in themes:
            theme = _load_theme(project, layout, problems)
            if theme is not None:
                themes[layout.layout.theme] = theme
    problems += duplicate_ids([p for p in profiles if p], "profile")
    problems += duplicate_ids([lay for lay in layouts if lay], "layout")
    if problems:
        raise DiagnosticError(problems)
    chosen = Inputs([p for p in profiles if p], [lay for lay in layouts if lay], themes)
    return _select(chosen, selection)


def _collect(loader, path: Path, problems: list[Diagnostic]):
    try:
        return loader(path)
    except DiagnosticError as exc:
        problems.extend(exc.diagnostics)
        return None


def _load_theme(project: Project, layout: LoadedLayout, problems: list[Diagnostic]) -> LoadedTheme | None:
    try:
        return load_layout_theme(project.root / "themes", layout)
    except DiagnosticError as exc:
        problems.extend(d for d in exc.diagnostics if d not in problems)
        return None


def _select(inputs: Inputs, selection: Selection) -> Inputs:
    problems = []
    for wanted, have, what in (
        (selection.profiles, [p.id for p in inputs.profiles], "profile"),
        (selection.layouts, [lay.id for lay in inputs.layouts], "layout"),
    ):
        problems += [
            Diagnostic(Span("command line"), f"no {what} '{w}'", (f"{what}s: {', '.join(have)}",))
            for w in wanted
            if w not in have
        ]
    if problems:
        raise DiagnosticError(problems)
    return Inputs(
        [p for p in inputs.profiles if not selection.profiles or p.id in selection.profiles],
        [lay for lay in inputs.layouts if not selection.layouts or lay.id in selection.layouts],
        inputs.themes,
    )


def plan(
    inputs: Inputs, selection: Selection, shard: Shard | None = None
) -> list[tuple[LoadedProfile, LoadedLayout, str]]:
    """Every (profile, layout, language) to build, in a stable order; only `shard`'s part of it."""
    langs = selection.langs or LANGS
    planned = [(p, lay, lang) for p in inputs.profiles for lay in inputs.layouts for lang in langs]
    return shard.pick(planned) if shard else planned


Planned = list[tuple[LoadedProfile, LoadedLayout, str]]


def render(
    project: Project,
    inputs: Inputs,
    selection: Selection,
    progress: Progress = SILENT,
    *,
    jobs: int = 1,
    shard: Shard | None = None,
    warnings: list[Diagnostic] | None = None,
) -> list[Artifact]:
    """Compose every planned document, then (only if all succeeded) render them in memory.

    `jobs` > 1 spreads the documents over that many processes (`render_parallel`): the same
    artifacts and diagnostics, in the same order. Raises `DiagnosticError` with the problems
    of every document; warnings (text whose contrast cannot be measured) go to `warnings`
    when given, each once.
    """
    planned = plan(inputs, selection, shard)
    if jobs > 1 and len(planned) > 1:
        return render_parallel(project, inputs, selection, planned, jobs, progress, warnings)
    from .compose import compose

    created = created_time()
    composed: list[tuple[Document, str, str, str]] = []
    problems: list[Diagnostic] = []
    for profile, layout, lang in planned:
        theme = inputs.themes[layout.layout.theme]
        stem = f"{profile.id}-{layout.id}-{lang}"
        progress.started("compose", stem)
        started = time.perf_counter()
        try:
            document = compose(
                profile, layout, theme, lang, root=project.root, created=created, warnings=warnings
            )
        except DiagnosticError as exc:
            problems += exc.diagnostics
            continue
        progress.finished("compose", stem, time.perf_counter() - started, len(document.pages))
        composed.append((document, profile.id, layout.id, lang))
    if problems:
        raise DiagnosticError(problems)
    return [artifact for entry in composed for artifact in _render(*entry, selection, progress)]


def render_parallel(
    project: Project,
    inputs: Inputs,
    selection: Selection,
    planned: Planned,
    jobs: int,
    progress: Progress,
    warnings: list[Diagnostic] | None = None,
) -> list[Artifact]:
    """`render` by a pool of `jobs` processes (`jobs.in_pool`), decks and long documents first.

    Each worker composes a document and renders it unless some document has failed by then;
    `progress` hears of each document's stages in plan order, as soon as it and those before it
    have arrived. The problems of every document are raised together, in plan order.
    """
    from .jobs import in_pool

    _preload(planned)
    make = partial(_make, project.root, inputs, selection, planned, created_time())
    order = sorted(range(len(planned)), key=lambda i: _weight(planned[i][1]), reverse=True)
    made = in_pool(make, order, jobs, _InOrder(progress).arrived)
    for *_, noted in made:
        if warnings is not None:
            warnings += [warning for warning in noted if warning not in warnings]
    problems = [problem for _, found, *_ in made for problem in found]
    if problems:
        raise DiagnosticError(problems)
    return [artifact for artifacts, *_ in made for artifact in artifacts]


def _preload(planned: Planned) -> None:
    """Import what the workers need before they start: forked workers inherit it."""
    modules = ["compose", "backends.pdf"]
    modules += ["backends.pptx"] if any(layout.layout.kind == "deck" for _, layout, _ in planned) else []
    for module in modules:
        importlib.import_module(f".{module}", __package__)


def _weight(layout: LoadedLayout) -> tuple[bool, int]:
    """How heavy a document is to make, roughly: decks (two files) first, then by pages."""
    return layout.layout.kind == "deck", len(layout.layout.pages)


#: What a worker made of one document: artifacts, problems, stages, warnings.
Made = tuple[list[Artifact], list[Diagnostic], list[tuple[str, str, float, int]], list[Diagnostic]]


def _make(
    root: Path,
    inputs: Inputs,
    selection: Selection,
    planned: Planned,
    created: dt.datetime,
    index: int,
    failed: Flag,
) -> Made:
    """The `index`-th planned document composed and, unless `failed` is set by then, rendered.

    Returns its artifacts, its problems (setting `failed` when there are any), the stages
    it went through, (stage, name, seconds, pages) each, for the progress display, and its
    warnings.
    """
    from .compose import compose

    profile, layout, lang = planned[index]
    stem = f"{profile.id}-{layout.id}-{lang}"
    started = time.perf_counter()
    warnings: list[Diagnostic] = []
    theme = inputs.themes[layout.layout.theme]
    try:
        document = compose(profile, layout, theme, lang, root=root, created=created, warnings=warnings)
    except DiagnosticError as exc:
        failed.set()
        return [], list(exc.diagnostics), [], warnings
    stages = _Stages([("compose", stem, time.perf_counter() - started, len(document.pages))])
    if failed.is_set():
        return [], [], stages.done, warnings
    return _render(document, profile.id, layout.id, lang, selection, stages), [], stages.done, warnings


class _Stages:
    """A `Progress` that keeps what it hears, to be replayed in the build's process."""

    def __init__(self, done: list[tuple[str, str, float, int]]):
        self.done = done

    def started(self, stage: str, name: str) -> None:
        pass

    def finished(self, stage: str, name: str, seconds: float, pages: int) -> None:
        self.done.append((stage, name, seconds, pages))


class _InOrder:
    """Tells `progress` of the documents' stages in plan order, whatever order they arrive in."""

    def __init__(self, progress: Progress):
        self.progress, self.next = progress, 0
        self.waiting: dict[int, Made] = {}

    def arrived(self, index: int, made: Made) -> None:
        self.waiting[index] = made
        while self.next in self.waiting:
            for stage, name, seconds, pages in self.waiting.pop(self.next)[2]:
                self.progress.started(stage, name)
                self.progress.finished(stage, name, seconds, pages)
            self.next += 1


def _render(
    document: Document, profile: str, layout: str, lang: str, selection: Selection, progress: Progress
) -> list[Artifact]:
    """Every file of one document: its PDF variants (decks: the screen handout) and a deck's PPTX."""
    stem = f"{profile}-{layout}-{lang}"
    pages = len(document.pages)
    variants: tuple[Variant, ...] = ("screen",) if document.kind == "deck" else selection.variants
    out = []
    for variant in variants:
        name = f"{stem}-print.pdf" if variant == "print" else f"{stem}.pdf"
        progress.started("render", name)
        started = time.perf_counter()
        data = render_pdf(document, variant, marks=selection.marks and variant == "print")
        progress.finished("render", name, time.perf_counter() - started, pages)
        claims = _conformance(variant)
        out.append(Artifact(name, profile, layout, document.kind, "pdf", lang, pages, data, variant, claims))
    if document.kind == "deck":
        name = f"{stem}.pptx"
        progress.started("render", name)
        started = time.perf_counter()
        data = render_pptx(document)
        progress.finished("render", name, time.perf_counter() - started, pages)
        out.append(Artifact(name, profile, layout, "deck", "pptx", lang, pages, data))
    return out


def render_pdf(document: Document, variant: Variant = "screen", marks: bool = False) -> bytes:
    """`backends.pdf.render_pdf`, imported on first use."""
    from .backends.pdf import render_pdf as render

    return render(document, variant, marks)


def render_pptx(document: Document) -> bytes:
    """`backends.pptx.render_pptx`, imported on first use: a build without decks never loads python-pptx."""
    from .backends.pptx import render_pptx as render

    return render(document)


def _conformance(variant: Variant) -> tuple[str, ...]:
    from .backends.pdf import conformance

    return conformance(variant)


def build(
    project: Project,
    out: Path,
    selection: Selection,
    progress: Progress = SILENT,
    *,
    jobs: int = 1,
    shard: Shard | None = None,
    warnings: list[Diagnostic] | None = None,
) -> list[Artifact]:
    """Build the selection (or `shard`'s part of it) into `out` atomically; return what was written.

    `jobs`: how many processes compose and render. A shard's manifest also says which part
    of which plan it holds, so that `shards.merge_manifests` can join the parts. Warnings
    found go to `warnings` when given.
    """
    inputs = load_inputs(project, selection)
    artifacts = render(project, inputs, selection, progress, jobs=jobs, shard=shard, warnings=warnings)
    whole = [document_key(p.id, lay.id, lang) for p, lay, lang in plan(inputs, selection)] if shard else []
    write_build(out, artifacts, shard.describe(whole) if shard else None)
    return artifacts


def write_build(out: Path, artifacts: list[Artifact], shard: dict[str, object] | None = None) -> None:
    """Write `artifacts` and their `manifest.json` into `out` all or nothing, under the lock.

    `shard`: what a shard's manifest says about its part (`Shard.describe`).
    """
    out.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, object] = {"artifacts": [a.manifest_entry() for a in artifacts]}
    if shard:
        manifest["shard"] = shard
    with _locked(out):
        publish(out, [(a.path, a.data) for a in artifacts] + [("manifest.json", manifest_bytes(manifest))])


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    with open(folder / ".zjlab-reports.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def publish(folder: Path, files: list[tuple[str, bytes]]) -> None:
    """Write `files` into `folder` all or nothing.

    Each file is written to a temporary file beside its target; then each existing target is
    kept as a hard link (a backup) and the temporary files are renamed into place. If any
    step fails, renamed targets are restored from their backups and every temporary file is
    removed, so the folder is exactly as it was; the error is raised again.
    """
    staged: list[tuple[str, Path]] = []
    backups: dict[str, Path] = {}
    placed: list[str] = []
    try:
        for name, data in files:
            staged.append((name, _stage(folder, name, data)))
        for name, _ in staged:
            if (folder / name).exists():
                backups[name] = _backup(folder, name)
        for name, temp in staged:
            os.replace(temp, folder / name)
            placed.append(name)
    except BaseException:
        _roll_back(folder, placed, backups)
        for _, temp in staged:
            temp.unlink(missing_ok=True)
        raise
    for backup in backups.values():
        backup.unlink(missing_ok=True)


def _backup(folder: Path, name: str) -> Path:
    """A second name for the existing `folder/name` (a hard link; a copy where links fail)."""
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".bak", dir=folder)
    os.close(fd)
    backup = Path(temp)
    backup.unlink()
    try:
        os.link(folder / name, backup)
    except OSError:
        shutil.copy2(folder / name, backup)
    return backup


def _roll_back(folder: Path, placed: list[str], backups: dict[str, Path]) -> None:
    """Put back what a failed publish replaced; remove the backups."""
    for name in reversed(placed):
        if name in backups:
            os.replace(backups.pop(name), folder / name)
        else:
            (folder / name).unlink(missing_ok=True)
    for backup in backups.values():
        backup.unlink(missing_ok=True)


def _stage(folder: Path, name: str, data: bytes) -> Path:
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Path(temp)
