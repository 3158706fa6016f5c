"""A parallel build of a batch of profiles as one pipeline: a project, a selection and `-j N` in;
the artifacts (or the diagnostics a serial build gives) out.

Each task of one pool of workers reads one profile file, checks its pictures and, unless some
task has failed by then, composes and renders the documents planned for that profile, all in
the worker: a profile is never pickled, the build's process never holds one (only what loading
needs of it, an `inputs.ProfileRead`: memory stays flat over a batch), and no document waits
for the last profile to be read. Before the workers are forked, the build's process loads the
layouts and themes and imports (warms up) what composing and rendering need, which the workers
inherit.

The guarantees of a serial build hold because the build's process loads the project again
once the workers are done, with what they read in place (`Loader.take`): problems of loading
(a broken profile, an id used twice, a missing picture) are raised exactly as a serial load
raises them, and then only them; else the documents' problems, in plan order. A task whose
profile does not load (or names a picture that cannot be used) makes no document; a failed
task sets the workers' flag, and from then on documents are composed (for their problems)
but no longer rendered.

`build` takes its two-pool path (`Loader.load` reading ahead, then `render_parallel`) where
this one does not apply: fewer than `READ_AHEAD_FROM` profiles, a selection by profile id
(example profiles are found by their ids), a loader that has read the profiles already (a
watching process's), or a problem among the layouts or themes (reported as a serial load
reports it, with the profiles' problems).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path

from msgspec import Struct

from . import spool
from .batch import Arrivals, Made, gathered, made_document, warm_up
from .build import Artifact, Progress, Selection, plan
from .diagnostics import Diagnostic, DiagnosticError, Span, display_path
from .inputs import READ_AHEAD_FROM, Loader, Profile, ProfileRead
from .jobs import Flag, Logged, in_pool, logged, replay
from .loaders import LoadedLayout, LoadedProfile, LoadedTheme, load_profile
from .loaders.images import check_picture
from .model.common import LANGS
from .project import Project
from .shards import Shard, document_key

__all__ = ["Job", "ProfileMade", "build_batch"]

#: What a task made of one profile: what loading needs of it (or its problems), what was
#: logged while reading it, and each of its planned documents (`build.Made`), in plan order.
ProfileMade = tuple[ProfileRead | list[Diagnostic], list[Logged], list[Made]]


class Job(Struct, frozen=True):
    """What every task needs: the profile files; for each, its planned documents (an index
    into `layouts`, a language); the layouts, themes, creation time and selection; the build's
    spool folder (the workers write their files there)."""

    root: Path
    paths: tuple[Path, ...]
    documents: tuple[tuple[tuple[int, str], ...], ...]
    layouts: tuple[LoadedLayout, ...]
    themes: Mapping[str, LoadedTheme]
    created: dt.datetime
    selection: Selection
    spooled: Path


def build_batch(
    project: Project,
    loader: Loader,
    selection: Selection,
    jobs: int,
    shard: Shard | None,
    progress: Progress,
    warnings: list[Diagnostic] | None,
) -> tuple[list[Artifact], list[str]] | None:
    """The artifacts of the selection (or `shard`'s part of it), made by `jobs` workers, and
    the whole plan's document keys when sharded; None where the pipeline does not apply (see
    the module docstring). Raises `DiagnosticError` as a serial build does.
    """
    versions = loader.versions("profile")
    if jobs < 2 or selection.profiles or len(versions) < READ_AHEAD_FROM:
        return None
    try:
        layouts, themes = loader.layouts_alone(selection)
        created = loader.created
    except DiagnosticError:
        return None  # `Loader.load` reports every problem, in its order
    paths = tuple(path for path, _ in versions)
    documents = _documents(len(paths), len(layouts), selection.langs or LANGS, shard)
    job = Job(project.root, paths, documents, layouts, themes, created, selection, spool.folder())
    warm_up(layouts, selection.langs or LANGS, selection)
    results = in_pool(partial(_task, job), range(len(paths)), jobs, Arrivals(progress, _made).arrived)
    replay(record for _, read_log, _ in results for record in read_log)
    for (path, version), (read, _, _) in zip(versions, results, strict=True):
        loader.take(path, version, read)
    inputs = loader.load(selection)  # raises the problems of loading, as a serial load does
    _same_profiles(inputs.profiles, [read for read, _, _ in results])
    artifacts = gathered([document for result in results for document in _made(result)], warnings)
    whole = [document_key(p.id, lay.id, lang) for p, lay, lang in plan(inputs, selection)] if shard else []
    return artifacts, whole


def _documents(
    profiles: int, layouts: int, langs: Sequence[str], shard: Shard | None
) -> tuple[tuple[tuple[int, str], ...], ...]:
    """For each profile, its planned documents (layout index, language): the plan (profiles,
    layouts, languages, in that order) or `shard`'s part of it, by position."""
    each = [(layout, lang) for layout in range(layouts) for lang in langs]
    positions: Sequence[int] = range(profiles * len(each))
    planned: list[list[tuple[int, str]]] = [[] for _ in range(profiles)]
    for position in shard.pick(positions) if shard else positions:
        profile, document = divmod(position, len(each))
        planned[profile].append(each[document])
    return tuple(tuple(documents) for documents in planned)


def _made(result: ProfileMade) -> list[Made]:
    return result[2]


def _task(job: Job, index: int, failed: Flag) -> ProfileMade:
    """In a worker: the `index`-th profile read, its pictures checked, its documents made."""
    spool.use_folder(job.spooled)
    log: list[Logged] = []
    with logged(log):
        profile = _read(job.paths[index])
        read = ProfileRead.of(profile) if isinstance(profile, LoadedProfile) else None
        usable = read is not None and _usable_pictures(job.root, read)
    if not isinstance(profile, LoadedProfile) or read is None or not usable:
        failed.set()  # the build's process tells what is wrong, as a serial load does
        return read or profile, log, []  # type: ignore[return-value]
    made = []
    for layout_index, lang in job.documents[index]:
        layout = job.layouts[layout_index]
        theme = job.themes[layout.layout.theme]
        made.append(made_document(profile, layout, theme, lang, job.root, job.created, job.selection, failed))
    return read, log, made


def _read(path: Path) -> LoadedProfile | list[Diagnostic]:
    """The profile at `path`, or its problems."""
    try:
        return load_profile(path)
    except DiagnosticError as exc:
        return list(exc.diagnostics)


def _usable_pictures(root: Path, read: ProfileRead) -> bool:
    """Whether every picture of the profile can be used."""
    return not any(isinstance(check_picture(root, src, span), Diagnostic) for src, span in read.pictures)


def _same_profiles(loaded: Sequence[Profile], read: Sequence[object]) -> None:
    """Raise when the profiles loaded are not those the workers read and built from: a
    profile file changed while they worked (and was read again here)."""
    taken = {id(item) for item in read}
    changed = [item for item in loaded if id(item) not in taken]
    if changed:
        name = display_path(changed[0].source.path)
        hint = ("a file changed or was removed during the build; build again",)
        raise DiagnosticError([Diagnostic(Span(name), "a profile changed while it was being built", hint)])
