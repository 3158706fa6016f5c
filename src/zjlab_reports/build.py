"""The build driver: a project and a selection in; artifacts and `manifest.json` in a folder out.

Inputs are loaded by `inputs.Loader` (the one loader `build`, `list`, `validate` and `watch`
share). Every profile × layout × language selected is composed and rendered in memory first
(by `jobs` processes, or one shard of the plan); only when all succeeded are the files
published (`publish`): crash-consistently, under a lock, the folder then holding exactly this
build's files with the manifest. A build first finishes or removes what an interrupted one
left (saying so), and a failed build leaves the folder as it was.
"""

from __future__ import annotations

import datetime as dt
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from msgspec import Struct

from . import spool
from .cache import trim_daily
from .diagnostics import Diagnostic, DiagnosticError, Severity, Span, display_path
from .inputs import Inputs, Loader, Profile, ProfileAtRest, created_time
from .loaders import LoadedLayout, LoadedProfile, LoadedTheme
from .model.common import LANGS
from .project import Project
from .publish import MANIFEST, HandedOver, prepare, publish
from .publish import warm as warm_publishing
from .shards import Shard, document_key, manifest_bytes

if TYPE_CHECKING:
    from .ahead import Ahead
    from .backends.pdf import Drawing, Variant
    from .compose import Listener
    from .document import Document

__all__ = [
    "SILENT",
    "Artifact",
    "Inputs",
    "Progress",
    "Selection",
    "build",
    "compose_document",
    "created_time",
    "load_inputs",
    "plan",
    "render",
    "render_document",
    "write_build",
]


class Selection(Struct, frozen=True, eq=False):
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


class Artifact(Struct, frozen=True, eq=False):
    path: str
    profile: str
    layout: str
    kind: str
    format: str
    lang: str
    pages: int
    blob: spool.Blob  # the file's bytes, kept on disk until published (`spool`)
    variant: str = ""  # PDFs: "screen" or "print"
    conformance: tuple[str, ...] = ()  # PDFs: the standards the file claims

    @property
    def data(self) -> bytes:
        """The file's bytes (read from the spool)."""
        return self.blob.read()

    def manifest_entry(self) -> dict[str, object]:
        entry: dict[str, object] = {
            "path": self.path,
            "profile": self.profile,
            "layout": self.layout,
            "kind": self.kind,
            "format": self.format,
            "lang": self.lang,
            "pages": self.pages,
            "sha256": self.blob.sha256,
            "bytes": self.blob.size,
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


def load_inputs(project: Project, selection: Selection) -> Inputs:
    """Every selected profile and layout and the themes they use; all problems at once.

    A one-off `Loader(project).load(selection)`; keep a `Loader` to load again cheaply.
    """
    return Loader(project).load(selection)


def plan(
    inputs: Inputs, selection: Selection, shard: Shard | None = None
) -> list[tuple[Profile, LoadedLayout, str]]:
    """Every (profile, layout, language) to build, in a stable order; only `shard`'s part of it."""
    langs = selection.langs or LANGS
    planned = [(p, lay, lang) for p in inputs.profiles for lay in inputs.layouts for lang in langs]
    return shard.pick(planned) if shard else planned


def render(
    project: Project,
    inputs: Inputs,
    selection: Selection,
    progress: Progress = SILENT,
    *,
    jobs: int = 1,
    shard: Shard | None = None,
    warnings: list[Diagnostic] | None = None,
    ahead: Ahead | None = None,
) -> list[Artifact]:
    """Compose every planned document and render it in memory while no document has failed.

    `jobs` > 1 spreads the documents over that many processes (`render_parallel`): the same
    artifacts and diagnostics, in the same order. `ahead`: a renderer started for one
    document (`_ahead`; its starter closes it), used if the plan is one document. Raises
    `DiagnosticError` with the problems of every document; warnings (text whose contrast
    cannot be measured) go to `warnings` when given, each once.
    """
    planned = plan(inputs, selection, shard)
    if jobs > 1 and len(planned) > 1:
        from .batch import Batch, render_parallel

        return render_parallel(project, Batch.of(inputs, planned), selection, jobs, progress, warnings)
    if ahead is not None and len(planned) == 1:
        ahead.expect(planned[0][1].layout.kind)
    else:
        ahead = None
    return _one_by_one(project, inputs, planned, selection, progress, warnings, ahead)


def _ahead(project: Project, selection: Selection, shard: Shard | None) -> Ahead | None:
    """A renderer started now, before anything is loaded, where the selection is one document
    by the project's files (one profile, layout and language): the backend's imports and
    warm-up run beside loading and composing (`ahead`). None where it is not, or cannot be."""
    counts = (
        len(selection.profiles) or len(project.files("profile")),
        len(selection.layouts) or len(project.files("layout")),
        len(selection.langs) or len(LANGS),
    )
    if shard is not None or counts != (1, 1, 1):
        return None
    from .ahead import start

    return start(selection)


def _one_by_one(
    project: Project,
    inputs: Inputs,
    planned: list[tuple[Profile, LoadedLayout, str]],
    selection: Selection,
    progress: Progress,
    warnings: list[Diagnostic] | None,
    ahead: Ahead | None,
) -> list[Artifact]:
    artifacts: list[Artifact] = []
    problems: list[Diagnostic] = []
    for planned_profile, layout, lang in planned:
        profile = planned_profile.loaded() if isinstance(planned_profile, ProfileAtRest) else planned_profile
        assert isinstance(profile, LoadedProfile)  # a profile read elsewhere is built there (`pipeline`)
        theme = inputs.theme(layout)
        stem = f"{profile.id}-{layout.id}-{lang}"
        progress.started("compose", stem)
        started = time.perf_counter()
        try:
            document = compose_document(
                profile,
                layout,
                theme,
                lang,
                project.root,
                inputs.created,
                selection,
                warnings,
                ahead,
            )
        except DiagnosticError as exc:
            problems += exc.diagnostics
            continue
        progress.finished("compose", stem, time.perf_counter() - started, len(document.pages))
        if not problems:  # rendered at once: a batch never holds more than one Document
            made = None
            if ahead is not None:  # publishing is warmed while the renderer works
                made = ahead.render(
                    document, profile.id, layout.id, lang, selection, progress, warm_publishing
                )
            if made is None:  # no renderer, or it could not: render here
                made = render_document(document, profile.id, layout.id, lang, selection, progress)
            artifacts += made
    if problems:
        raise DiagnosticError(problems)
    return artifacts


def compose_document(
    profile: LoadedProfile,
    layout: LoadedLayout,
    theme: LoadedTheme,
    lang: str,
    root: Path,
    created: dt.datetime,
    selection: Selection,
    warnings: list[Diagnostic] | None,
    listener: Listener | None = None,
) -> Document:
    """The document; building for print, its pictures' resolution is checked too.

    Raises `DiagnosticError` with the compose problems, or with the pictures that print under
    their block's `min-ppi`; pictures under 300 ppi (and compose's notes) go to `warnings`.
    `listener` is told the document as compose makes it (`compose.Listener`).
    """
    from .compose import compose_placed
    from .compose.pictures import resolution_problems

    placed = compose_placed(
        profile, layout, theme, lang, root=root, created=created, warnings=warnings, listener=listener
    )
    if "print" not in selection.variants or placed.document.kind == "deck":
        return placed.document
    found = resolution_problems(list(placed.pictures))
    errors = [d for d in found if d.severity == Severity.ERROR]
    if errors:
        raise DiagnosticError(errors)
    if warnings is not None:
        warnings += [d for d in found if d not in warnings]
    return placed.document


def render_document(
    document: Document,
    profile: str,
    layout: str,
    lang: str,
    selection: Selection,
    progress: Progress,
    drawn: Drawing | None = None,
) -> list[Artifact]:
    """Every file of one document: its PDF variants (decks: the screen handout) and a deck's PPTX.

    `drawn`: one variant's PDF with every page of `document` drawn already (`pdf_variants`
    gives the variants and their order; `ahead` draws the first as the pages come); it is
    finished instead of drawn again.
    """
    stem = f"{profile}-{layout}-{lang}"
    pages = len(document.pages)
    out = []
    for variant in pdf_variants(document.kind, selection):
        name = f"{stem}-print.pdf" if variant == "print" else f"{stem}.pdf"
        progress.started("render", name)
        started = time.perf_counter()
        if drawn is not None and drawn.variant == variant:
            data = drawn.finish(document)
        else:
            data = render_pdf(document, variant, marks=selection.marks and variant == "print")
        progress.finished("render", name, time.perf_counter() - started, pages)
        claims = _conformance(variant)
        blob = spool.put(data)
        out.append(Artifact(name, profile, layout, document.kind, "pdf", lang, pages, blob, variant, claims))
    if document.kind == "deck":
        name = f"{stem}.pptx"
        progress.started("render", name)
        started = time.perf_counter()
        data = render_pptx(document)
        progress.finished("render", name, time.perf_counter() - started, pages)
        out.append(Artifact(name, profile, layout, "deck", "pptx", lang, pages, spool.put(data)))
    return out


def pdf_variants(kind: str, selection: Selection) -> tuple[Variant, ...]:
    """The PDF variants a document of `kind` is drawn in: a deck's handout is a screen PDF."""
    return ("screen",) if kind == "deck" else selection.variants


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
    loader: Loader | None = None,
) -> list[Artifact]:
    """Build the selection (or `shard`'s part of it) into `out`; return what was written.

    `jobs`: how many processes compose and render. A shard's manifest also says which part
    of which plan it holds, so that `shards.merge_manifests` can join the parts. Warnings
    found go to `warnings` when given. `loader`: one kept between builds (a watching process)
    re-reads only changed files. The artifacts' files are the published ones (handed over to
    publishing: see `write_build`). Raises `DiagnosticError` for bad input, an output folder
    that is not ours, an input that cannot be read while rendering, or an output that cannot
    be written.
    """
    prepare(out)  # recover from an interrupted build; refuse a folder that is not ours
    pipelined = loader is None and jobs > 1  # a batch of profiles: one pool (`pipeline`)
    loader = loader or Loader(project, at_rest=jobs > 1)  # workers unpickle profiles anyway
    ahead = _ahead(project, selection, shard) if pipelined else None
    try:
        try:
            made = None
            if pipelined and ahead is None:
                from .pipeline import build_batch  # None where the pipeline does not apply

                made = build_batch(project, loader, selection, jobs, shard, progress, warnings)
            if made is None:
                made = _loaded_then_made(project, loader, selection, jobs, shard, progress, warnings, ahead)
        except OSError as exc:
            raise DiagnosticError([_unreadable(project, exc)]) from None
        artifacts, whole = made
        write_build(out, artifacts, shard.describe(whole) if shard else None, handed_over=True)
    finally:
        if ahead is not None:  # ended after publishing, which its exit (~2 ms) runs beside
            ahead.close()
    return artifacts


def _loaded_then_made(
    project: Project,
    loader: Loader,
    selection: Selection,
    jobs: int,
    shard: Shard | None,
    progress: Progress,
    warnings: list[Diagnostic] | None,
    ahead: Ahead | None = None,
) -> tuple[list[Artifact], list[str]]:
    """The artifacts of the selection (or `shard`'s part) and, sharded, the whole plan's
    document keys: every input loaded first (a batch of profiles read by `jobs` processes),
    then the documents made (by `jobs` processes; one document by `ahead`'s renderer, when
    one was started)."""
    meanwhile = partial(_preload, []) if jobs > 1 else None  # while a batch of profiles is read
    inputs = loader.load(selection, jobs=jobs, meanwhile=meanwhile)
    whole = [document_key(p.id, lay.id, lang) for p, lay, lang in plan(inputs, selection)] if shard else []
    planned = plan(inputs, selection, shard)
    if jobs > 1 and len(planned) > 1:
        from .batch import Batch, render_parallel

        if ahead is not None:  # the selection was not one document after all
            ahead.close()
        batch = Batch.of(inputs, planned)
        del inputs, planned  # keep no more of the profiles than the batch's pickles
        return render_parallel(project, batch, selection, jobs, progress, warnings), whole
    made = render(
        project, inputs, selection, progress, jobs=jobs, shard=shard, warnings=warnings, ahead=ahead
    )
    return made, whole


def _preload(layouts: list[LoadedLayout]) -> None:
    """`batch.preload`, imported on first use."""
    from .batch import preload

    preload(layouts)


def write_build(
    out: Path, artifacts: list[Artifact], shard: dict[str, object] | None = None, *, handed_over: bool = False
) -> None:
    """Publish `artifacts` and their `manifest.json` as the content of `out` (see `publish`);
    then trim the cache, once a day at most (`cache.trim_daily`).

    `shard`: what a shard's manifest says about its part (`Shard.describe`). `handed_over`:
    the artifacts' files are published as they are (linked into place, not copied), so they
    must not be published again (a watching process, which publishes an unchanged document
    in every round, copies them). Raises `DiagnosticError` naming `out` when it cannot be
    written or is not a build folder.
    """
    manifest: dict[str, object] = {"artifacts": [a.manifest_entry() for a in artifacts]}
    if shard:
        manifest["shard"] = shard
    files = [(a.path, HandedOver(a.blob, a.blob.synced) if handed_over else a.blob) for a in artifacts]
    publish(out, [*files, (MANIFEST, manifest_bytes(manifest))])
    trim_daily()  # a build, or a watching process's rebuild, keeps the cache bounded


def _unreadable(project: Project, exc: OSError) -> Diagnostic:
    """An input (a picture, a font file) that went missing or bad after it was checked."""
    name = display_path(exc.filename) if exc.filename else display_path(project.root)
    return Diagnostic(
        Span(name),
        f"cannot read an input while rendering: {exc.strerror or exc}",
        ("a file changed or was removed during the build; build again",),
    )
