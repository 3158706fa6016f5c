"""Incremental rebuilds: a project in a warm process in; the documents a change affects, rebuilt, out.

Each document (profile × layout × language) has a fingerprint: a digest of the loaded profile,
layout and theme it is made from (their validated values, not their text: a comment or
spacing change rebuilds nothing) and of the pictures they name. `Rebuilder.refresh` reloads
the project, rebuilds only the documents whose fingerprint changed (or that are new), drops
those that went away, and publishes the whole current set with its manifest. A problem
(a broken save) is reported in the `Round` and leaves the last good outputs in place.

The interface `watch` needs is small (`refresh`, `artifacts`). Loading goes through one
`inputs.Loader` kept for the whole session: a refresh re-reads only the files that changed,
with one creation time for every round.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import msgspec
from msgspec import Struct, field
from msgspec.structs import replace

from .build import SILENT, Artifact, Inputs, Progress, Selection, plan, render, write_build
from .diagnostics import Diagnostic, DiagnosticError
from .inputs import Loader
from .loaders import LoadedLayout, LoadedProfile, LoadedTheme
from .model.layout import ImageBlock
from .project import Project

__all__ = ["DocumentKey", "Rebuilder", "Round"]

#: A document: (profile id, layout id, language).
DocumentKey = tuple[str, str, str]


class Round(Struct):
    """What one refresh did: artifacts rebuilt, documents dropped, problems, wall time (s)."""

    rebuilt: list[Artifact] = field(default_factory=list)
    dropped: list[DocumentKey] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.rebuilt or self.dropped)


class Rebuilder:
    """The warm state of a watched project: its built documents and their fingerprints."""

    def __init__(self, project: Project, out: Path, selection: Selection | None = None) -> None:
        self.project, self.out, self.selection = project, out, selection or Selection()
        self._built: dict[DocumentKey, tuple[str, list[Artifact]]] = {}
        self._order: list[DocumentKey] = []
        self.pictures: set[Path] = set()
        self.loader = Loader(project)

    def artifacts(self) -> list[Artifact]:
        """Every current artifact, in plan order."""
        return [a for key in self._order if key in self._built for a in self._built[key][1]]

    def refresh(self, progress: Progress = SILENT) -> Round:
        """Reload the project; rebuild and publish what changed. Never raises DiagnosticError."""
        started = time.perf_counter()
        result = Round()
        try:
            inputs = self.loader.load(self.selection)
        except DiagnosticError as exc:
            result.diagnostics = list(exc.diagnostics)
            result.seconds = time.perf_counter() - started
            return result
        wanted = self._fingerprints(inputs)
        self._rebuild(inputs, wanted, result, progress)
        result.dropped = [key for key in self._built if key not in wanted]
        for key in result.dropped:
            del self._built[key]
        self._order = list(wanted)
        if result.changed:
            self._publish(result)
        result.seconds = time.perf_counter() - started
        return result

    def _fingerprints(self, inputs: Inputs) -> dict[DocumentKey, str]:
        prints: dict[DocumentKey, str] = {}
        self.pictures = set()
        for profile, layout, lang in plan(inputs, self.selection):
            assert isinstance(profile, LoadedProfile)  # this loader keeps no profile at rest
            theme = inputs.theme(layout)
            pictures = _pictures(self.project.root, layout, theme)
            pictures += [self.project.root / picture.src for picture in profile.profile.images.values()]
            self.pictures |= set(pictures)
            prints[(profile.id, layout.id, lang)] = _fingerprint(profile, layout, theme, lang, pictures)
        return prints

    def _rebuild(
        self, inputs: Inputs, wanted: dict[DocumentKey, str], result: Round, progress: Progress
    ) -> None:
        profiles = {p.id: p for p in inputs.profiles}
        layouts = {lay.id: lay for lay in inputs.layouts}
        for key, fingerprint in wanted.items():
            if self._built.get(key, ("",))[0] == fingerprint:
                continue
            profile, layout, lang = key
            one = replace(inputs, profiles=(profiles[profile],), layouts=(layouts[layout],))
            try:
                artifacts = render(self.project, one, Selection(langs=(lang,)), progress)
            except DiagnosticError as exc:
                result.diagnostics += exc.diagnostics
                continue
            self._built[key] = (fingerprint, artifacts)
            result.rebuilt += artifacts

    def _publish(self, result: Round) -> None:
        try:
            write_build(self.out, self.artifacts())
        except DiagnosticError as exc:  # the folder is as it was (publishing is all or nothing)
            result.diagnostics += exc.diagnostics
            self._built.clear()  # build everything next time


def _pictures(root: Path, layout: LoadedLayout, theme: LoadedTheme) -> list[Path]:
    """The picture files a layout's image blocks and its theme's logo name (relative to `root`)."""
    names = [
        block.src
        for page in layout.layout.pages
        for frame in page.frames
        for block in frame.blocks
        if isinstance(block, ImageBlock) and block.src
    ]
    if theme.theme.logo is not None:
        names.append(theme.theme.logo.path)
    return [root / name for name in names]


def _fingerprint(
    profile: LoadedProfile, layout: LoadedLayout, theme: LoadedTheme, lang: str, pictures: list[Path]
) -> str:
    digest = hashlib.sha256(lang.encode())
    for model in (profile.profile, layout.layout, theme.theme):
        digest.update(msgspec.json.encode(model))
    for picture in pictures:
        try:
            digest.update(hashlib.sha256(picture.read_bytes()).digest())
        except OSError:
            digest.update(b"missing")
    return digest.hexdigest()
