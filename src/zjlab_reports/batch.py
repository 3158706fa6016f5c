"""A parallel build's documents: loaded inputs and a plan in; their artifacts, made by a pool of
worker processes, out.

`render_parallel` makes a `Batch` (each document's profile as a pickle, unpickled by the worker
that makes it) in a pool (`jobs.in_pool`); `made_document` is what a worker does for one
document, here and in a batch's pipeline (`pipeline`); `Arrivals` is what the build's process
does as the results arrive, and `gathered` puts them together as `-j 1` would.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pickle
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from msgspec import Struct

from . import spool
from .build import Artifact, Progress, Selection, compose_document, pdf_variants, render_document
from .diagnostics import Diagnostic, DiagnosticError
from .inputs import Inputs, Profile, ProfileAtRest
from .jobs import Logged, logged, replay
from .loaders import LoadedLayout, LoadedProfile, LoadedTheme
from .project import Project

if TYPE_CHECKING:
    from .jobs import Flag

__all__ = [
    "Arrivals",
    "Batch",
    "Made",
    "Planned",
    "gathered",
    "made_document",
    "packed",
    "preload",
    "render_parallel",
    "unpacked",
    "warm_up",
]

R = TypeVar("R")
#: Every (profile, layout, language) to build, in plan order (`build.plan`).
Planned = list[tuple[Profile, LoadedLayout, str]]


class Batch(Struct, frozen=True, eq=False):
    """What a parallel build needs of its inputs, without a profile object: each planned
    document's (profile id, layout, language), the pickle of its profile (`packed`, one bytes
    object per profile), the themes and the creation time.

    A pickle is a quarter of the memory of the profile it holds, and the workers unpickle
    their own copy anyway (`unpacked`), so a build process that keeps a batch instead of its
    `Inputs` holds about 26 KB a profile rather than 140 KB while the workers run.
    """

    planned: list[tuple[str, LoadedLayout, str]]
    packed: list[bytes]
    themes: Mapping[str, LoadedTheme]
    created: dt.datetime

    @classmethod
    def of(cls, inputs: Inputs, planned: Planned) -> Batch:
        """The batch of `planned` (made from `inputs`)."""
        documents = [(profile.id, layout, lang) for profile, layout, lang in planned]
        return cls(documents, packed(planned, inputs.pickled), inputs.themes, inputs.created)


def packed(planned: Planned, pickled: Mapping[str, bytes]) -> list[bytes]:
    """Each planned document's profile, pickled (once per profile) before the workers start;
    a profile read in parallel keeps the pickle it came from (`pickled`, by profile id).

    A worker composes from its own copy (`unpacked`), dropped when the document is done, and
    so never touches the build process's profile objects: forked, it would otherwise copy the
    memory pages of every profile it reads (reference counts are writes), and its memory would
    grow with the batch (some 5 MB a worker per 100 profiles).
    """
    by_profile: dict[int, bytes] = {}
    for profile, _, _ in planned:
        if id(profile) in by_profile:
            continue
        if isinstance(profile, ProfileAtRest):
            by_profile[id(profile)] = profile.data
        else:
            made = pickled.get(profile.id) or pickle.dumps(profile, protocol=pickle.HIGHEST_PROTOCOL)
            by_profile[id(profile)] = made
    return [by_profile[id(profile)] for profile, _, _ in planned]


def unpacked(data: bytes) -> LoadedProfile:
    """The profile `packed` pickled: a copy of this process's own."""
    profile = pickle.loads(data)  # pickled by this build's own process (`packed`)
    assert isinstance(profile, LoadedProfile)
    return profile


def render_parallel(
    project: Project,
    batch: Batch,
    selection: Selection,
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

    planned = batch.planned
    layouts = list({id(layout): layout for _, layout, _ in planned}.values())
    warm_up(layouts, list(dict.fromkeys(lang for _, _, lang in planned)), selection)
    make = partial(_make, spool.folder(), project.root, batch, selection)
    order = sorted(range(len(planned)), key=lambda i: _weight(planned[i][1]), reverse=True)
    arrivals: Arrivals[Made] = Arrivals(progress, lambda made: [made])
    made = in_pool(make, order, jobs, arrivals.arrived)
    return gathered(made, warnings)


def gathered(made: list[Made], warnings: list[Diagnostic] | None) -> list[Artifact]:
    """The artifacts of every document `made` (in plan order), as `-j 1` gives them: warnings
    go to `warnings` (each once) and what the workers logged is logged here, every document's
    composing, then (if all composed) their rendering. Raises `DiagnosticError` with the
    problems of every document, in plan order."""
    for _, _, _, noted, _ in made:
        if warnings is not None:
            warnings += [warning for warning in noted if warning not in warnings]
    problems = [problem for _, found, *_ in made for problem in found]
    replay(record for *_, (composing, _) in made for record in composing)
    replay(record for *_, (_, rendering) in made for record in ([] if problems else rendering))
    if problems:
        raise DiagnosticError(problems)
    return [artifact for artifacts, *_ in made for artifact in artifacts]


def preload(layouts: Iterable[LoadedLayout]) -> None:
    """Import what the workers making `layouts`' documents need before they start: forked
    workers inherit it."""
    modules = ["compose", "backends.pdf"]
    modules += ["backends.pptx"] if any(layout.layout.kind == "deck" for layout in layouts) else []
    for module in modules:
        importlib.import_module(f".{module}", __package__)


def warm_up(layouts: Sequence[LoadedLayout], langs: Sequence[str], selection: Selection) -> None:
    """Before the workers fork: import what making `layouts`' documents in `langs` needs (`preload`)
    and do once what every worker's first document would do first (`compose.warm`,
    `backends.pdf.warm`, for the PDF variants drawn); forked workers inherit it."""
    from .backends.pdf import warm as warm_pdf
    from .compose import warm

    preload(layouts)
    warm(layouts, langs)
    variants = {variant for layout in layouts for variant in pdf_variants(layout.layout.kind, selection)}
    warm_pdf(sorted(variants))


def _weight(layout: LoadedLayout) -> tuple[bool, int]:
    """How heavy a document is to make, roughly: decks (two files) first, then by pages."""
    return layout.layout.kind == "deck", len(layout.layout.pages)


#: What a worker made of one document: artifacts, problems, stages, warnings, and what it
#: logged while composing and while rendering (`jobs.Logged` records).
Made = tuple[
    list[Artifact],
    list[Diagnostic],
    list[tuple[str, str, float, int]],
    list[Diagnostic],
    tuple[list[Logged], list[Logged]],
]


def _make(spooled: Path, root: Path, batch: Batch, selection: Selection, index: int, failed: Flag) -> Made:
    """The `index`-th planned document of `batch` made (`made_document`) from its own copy of
    the profile, its files written into the build's spool folder `spooled`."""
    spool.use_folder(spooled)
    _, layout, lang = batch.planned[index]
    profile = unpacked(batch.packed[index])
    theme = batch.themes[layout.layout.theme]
    return made_document(profile, layout, theme, lang, root, batch.created, selection, failed)


def made_document(
    profile: LoadedProfile,
    layout: LoadedLayout,
    theme: LoadedTheme,
    lang: str,
    root: Path,
    created: dt.datetime,
    selection: Selection,
    failed: Flag,
) -> Made:
    """In a worker: one document composed and, unless `failed` is set by then, rendered.

    Returns its artifacts, its problems (setting `failed` when there are any), the stages
    it went through, (stage, name, seconds, pages) each, for the progress display, its
    warnings, and what was logged while composing and while rendering it.
    """
    stem = f"{profile.id}-{layout.id}-{lang}"
    started = time.perf_counter()
    warnings: list[Diagnostic] = []
    log: tuple[list[Logged], list[Logged]] = ([], [])
    try:
        with logged(log[0]):
            document = compose_document(profile, layout, theme, lang, root, created, selection, warnings)
    except DiagnosticError as exc:
        failed.set()
        return [], list(exc.diagnostics), [], warnings, log
    stages = _Stages([("compose", stem, time.perf_counter() - started, len(document.pages))])
    if failed.is_set():
        return [], [], stages.done, warnings, log
    with logged(log[1]):
        artifacts = render_document(document, profile.id, layout.id, lang, selection, stages)
    return artifacts, [], stages.done, warnings, log


class _Stages:
    """A `Progress` that keeps what it hears, to be replayed in the build's process."""

    def __init__(self, done: list[tuple[str, str, float, int]]):
        self.done = done

    def started(self, stage: str, name: str) -> None:
        pass

    def finished(self, stage: str, name: str, seconds: float, pages: int) -> None:
        self.done.append((stage, name, seconds, pages))


class Arrivals(Generic[R]):
    """What the build's process does as each worker's result arrives (`documents(result)`:
    the documents it holds, in plan order), while it waits for the others: it writes their
    files to disk (`spool.Blob.sync`: publishing then finds them there), and tells `progress`
    of their stages in plan order, whatever order the results arrive in."""

    def __init__(self, progress: Progress, documents: Callable[[R], list[Made]]):
        self.progress, self.documents, self.next = progress, documents, 0
        self.waiting: dict[int, R] = {}

    def arrived(self, index: int, result: R) -> None:
        for artifacts, *_ in self.documents(result):
            for artifact in artifacts:
                artifact.blob.sync()
        self.waiting[index] = result
        while self.next in self.waiting:
            for made in self.documents(self.waiting.pop(self.next)):
                for stage, name, seconds, pages in made[2]:
                    self.progress.started(stage, name)
                    self.progress.finished(stage, name, seconds, pages)
            self.next += 1
