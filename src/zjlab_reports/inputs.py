"""Loading a project: a project folder in; its checked profiles, layouts, themes and creation time out.

The one way every command loads inputs: `build`, `list` and `validate` go through a `Loader`,
and a watching process keeps one `Loader` and calls `load()` again after each edit:

- a file is read again only when it changed on disk (size, modification time, inode, change
  time); an unchanged file gives the very same object as before (`is`), so a caller can tell
  what changed by identity, and an unchanged broken file gives the same diagnostics without
  being parsed again;
- every picture a layout names is checked (`loaders.images.check_picture`: exists, PNG or
  JPEG, size from the header, colour mode, decodes whole) when the layout is loaded, before
  anything is rendered, and reported at the layout's `src` line; the check is remembered per
  file version, so it is shared by every document and every reload;
- themes are loaded once per theme file for all the layouts that name them;
- a selection naming layouts loads only those layouts (and their themes): each layout file's
  top-level `id:` line is read first, and only files declaring an asked id (or whose id that
  line does not tell) are loaded; when an asked id is declared nowhere, every layout is loaded,
  so that the "no layout" diagnostic lists them all;
- the creation time written into documents is fixed once per `Loader` (`created_time`);
- with `jobs` > 1, a batch of profiles not read yet (`READ_AHEAD_FROM` or more) is read by
  that many processes (`jobs.in_pool`), each handing back the loaded profile pickled; the
  pickles stay in `Inputs.pickled`, so that a parallel build hands them on to its workers
  without pickling again. The results, diagnostics and their order are those of a serial read;
- a `Loader(project, at_rest=True)` (a parallel build's) keeps each profile read so as a
  `ProfileAtRest`: the pickle and what loading needs of it, never the profile's objects, a
  quarter of the memory (about 26 KB a profile rather than 115 KB), which a batch of a
  hundred profiles would otherwise hold in the build's process all build long.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import re
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from msgspec import Struct, field
from msgspec.structs import replace

from .diagnostics import Diagnostic, DiagnosticError, Span
from .loaders import LoadedLayout, LoadedProfile, LoadedTheme, load_layout, load_profile, load_theme
from .loaders.images import check_picture
from .loaders.theme import load_layout_theme
from .loaders.yaml_doc import DataPath
from .model.layout import ImageBlock
from .profiles_held import IdSource, Profile, ProfileAtRest, ProfileRead, pictures_of, unpickled
from .project import FileKind, Project, duplicate_ids, kind_of

__all__ = [
    "FALLBACK_CREATED",
    "READ_AHEAD_FROM",
    "Chosen",
    "IdSource",
    "Inputs",
    "Loaded",
    "Loader",
    "ProfileAtRest",
    "ProfileRead",
    "created_time",
]

#: Used for document dates when SOURCE_DATE_EPOCH is not set: fixed, so output is reproducible.
FALLBACK_CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
_LAST_EPOCH = 253_402_300_799  # 9999-12-31T23:59:59Z
#: How many profiles not read yet make reading them in parallel worth starting processes.
READ_AHEAD_FROM = 8

Loaded = LoadedProfile | LoadedLayout | LoadedTheme
_LOADERS: dict[FileKind, Callable[[Path], Any]] = {
    "profile": load_profile,
    "layout": load_layout,
    "theme": load_theme,
}


def created_time() -> dt.datetime:
    """SOURCE_DATE_EPOCH (seconds, UTC) when set, else `FALLBACK_CREATED`; always UTC-aware.

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


class Chosen(Protocol):
    """Which profiles and layouts are wanted, by id (empty: all) — a build's `Selection`."""

    @property
    def profiles(self) -> tuple[str, ...]: ...

    @property
    def layouts(self) -> tuple[str, ...]: ...


class Inputs(Struct, frozen=True, eq=False):
    """A project's loaded inputs: every file loaded cleanly and cross-checked.

    `themes` holds each theme the layouts name, by theme id; `created` is the documents'
    creation time (UTC). `pickled`: by profile id, the pickle a profile read in parallel
    came from (`pickle.loads` of it gives an equal profile); profiles read here have none.
    """

    root: Path
    profiles: tuple[Profile, ...]
    layouts: tuple[LoadedLayout, ...]
    themes: Mapping[str, LoadedTheme]
    created: dt.datetime
    pickled: Mapping[str, bytes] = field(default_factory=dict)

    def theme(self, layout: LoadedLayout) -> LoadedTheme:
        """The theme `layout` is drawn with."""
        return self.themes[layout.layout.theme]

    def select(self, selection: Chosen) -> Inputs:
        """Only the profiles and layouts `selection` names. Raises `DiagnosticError` for unknown ids."""
        problems = []
        for wanted, have, what in (
            (selection.profiles, [p.id for p in self.profiles], "profile"),
            (selection.layouts, [lay.id for lay in self.layouts], "layout"),
        ):
            problems += [
                Diagnostic(Span("command line"), f"no {what} '{w}'", (f"{what}s: {', '.join(have)}",))
                for w in wanted
                if w not in have
            ]
        if problems:
            raise DiagnosticError(problems)
        return replace(
            self,
            profiles=tuple(p for p in self.profiles if not selection.profiles or p.id in selection.profiles),
            layouts=tuple(
                lay for lay in self.layouts if not selection.layouts or lay.id in selection.layouts
            ),
        )


class Loader:
    """Loads one project's files, re-reading only what changed since the last call.

    `at_rest`: profiles read in parallel are kept (and given) as `ProfileAtRest`.
    """

    def __init__(self, project: Project, *, at_rest: bool = False) -> None:
        self.project, self.at_rest = project, at_rest
        self._files: dict[str, tuple[tuple[int, ...], Any]] = {}
        self._created: dt.datetime | None = None
        #: The absolute path of every picture this loader checked, missing ones included.
        self.pictures_checked: set[str] = set()

    @property
    def created(self) -> dt.datetime:
        """The creation time of every document made with this loader (`created_time()`, once)."""
        if self._created is None:
            self._created = created_time()
        return self._created

    def load(
        self, selection: Chosen | None = None, *, jobs: int = 1, meanwhile: Callable[[], object] | None = None
    ) -> Inputs:
        """Every profile and layout of the project, the themes they name, pictures checked.

        Example profiles (`data/examples/`) are loaded only when `selection` names them. All
        problems of all files are raised together as one `DiagnosticError`, then unknown ids
        in `selection`; the result holds only what `selection` names. `jobs` > 1: a batch of
        profiles is read by that many processes (see the module docstring), and `meanwhile()`
        is called here while they read (e.g. importing what the build needs next).
        """
        problems: list[Diagnostic] = []
        ahead = self._read_ahead(self.project.files("profile"), jobs, meanwhile)
        profiles = self._all("profile", problems)
        asked = set(selection.profiles if selection else ()) - {p.id for p in profiles}
        examples = [path for path in self.project.example_files() if path.stem in asked]
        profiles += [p for path in examples if (p := _collect(partial(self.file, path, "profile"), problems))]
        layouts = self._layouts(selection, problems)
        for profile in profiles:
            problems += self.profile_pictures(profile)
        themes = self._themes(layouts, problems)
        problems += duplicate_ids(profiles, "profile") + duplicate_ids(layouts, "layout")
        created = _collect(lambda: self.created, problems)
        if problems:
            raise DiagnosticError(problems)
        pickled = {p.id: ahead[id(p)] for p in profiles if id(p) in ahead}
        inputs = Inputs(self.project.root, tuple(profiles), tuple(layouts), themes, created, pickled)
        return inputs.select(selection) if selection else inputs

    def layouts_alone(self, selection: Chosen) -> tuple[tuple[LoadedLayout, ...], dict[str, LoadedTheme]]:
        """The layouts `selection` names (all when it names none) and the themes they use,
        checked as `load` checks them (pictures, logos, ids), without reading any profile.

        Raises `DiagnosticError` when something is wrong (in no particular order: `load`
        reports the problems of the whole project in its order).
        """
        problems: list[Diagnostic] = []
        layouts = self._layouts(selection, problems)
        themes = self._themes(layouts, problems)
        problems += duplicate_ids(layouts, "layout")
        problems += [
            Diagnostic(Span("command line"), f"no layout '{w}'") for w in _unknown(selection, layouts)
        ]
        if problems:
            raise DiagnosticError(problems)
        chosen = tuple(lay for lay in layouts if not selection.layouts or lay.id in selection.layouts)
        return chosen, themes

    def _themes(self, layouts: list[LoadedLayout], problems: list[Diagnostic]) -> dict[str, LoadedTheme]:
        """The themes `layouts` name, by theme id; the problems of each layout's pictures, of the
        themes and of their logos go to `problems`, layout by layout."""
        themes: dict[str, LoadedTheme] = {}
        for layout in layouts:
            problems += self.pictures(layout)
            if layout.layout.theme not in themes:
                theme = _collect(partial(self.theme_for, layout), problems)
                if theme is not None:
                    themes[layout.layout.theme] = theme
                    problems += self._logo(theme)
        return themes

    def _read_ahead(
        self, paths: list[Path], jobs: int, meanwhile: Callable[[], object] | None
    ) -> dict[int, bytes]:
        """Read the profiles of `paths` not read yet in their current version in `jobs`
        processes, when there are `READ_AHEAD_FROM` or more; as `file` would, each result (a
        profile or its problems) is kept for `file` to give. Returns, by the `id` of each
        profile read, the pickle it came from.
        """
        stale = [(path, version) for path in paths if self._stale(path, "profile", version := _version(path))]
        if jobs < 2 or len(stale) < READ_AHEAD_FROM:
            return {}
        from .jobs import in_pool

        ahead: dict[int, bytes] = {}

        def arrived(index: int, pickled: bytes) -> None:
            path, version = stale[index]
            result: Any = unpickled(pickled)
            if isinstance(result, LoadedProfile):
                result = ProfileAtRest.kept(result, pickled) if self.at_rest else result
                ahead[id(result)] = pickled
            self._files[_key("profile", path)] = (version, result)

        read = partial(_pickled_profile, [path for path, _ in stale])
        in_pool(read, range(len(stale)), jobs, arrived, meanwhile)
        return ahead

    def versions(self, kind: FileKind) -> list[tuple[Path, tuple[int, ...]]]:
        """Each of the project's files of `kind` with its current version (to `take` it read)."""
        return [(path, _version(path)) for path in self.project.files(kind)]

    def take(self, path: Path, version: tuple[int, ...], read: ProfileRead | list[Diagnostic]) -> None:
        """Keep what another process read of the profile file at `path` in its `version` (what
        loading needs of it, or its problems), for `file` to give as if it had read it."""
        result = read if isinstance(read, ProfileRead) else DiagnosticError(read)
        self._files[_key("profile", path)] = (version, result)

    def _stale(self, path: Path, kind: FileKind, version: tuple[int, ...]) -> bool:
        """Whether `path` must be read (again) to give its `version` as `kind`."""
        known = self._files.get(_key(kind, path))
        return known is None or known[0] != version

    def file(self, path: Path, kind: FileKind | None = None) -> Any:
        """The file at `path` loaded as `kind` (default: told by `kind_of`). Raises `DiagnosticError`."""
        kind = kind or kind_of(path)
        key = _key(kind, path)
        version = _version(path)
        known = self._files.get(key)
        if known is None or known[0] != version:
            known = self._files[key] = (version, _attempt(_LOADERS[kind], path))
        if isinstance(known[1], DiagnosticError):
            raise known[1]
        return known[1]

    def files(self, kind: FileKind) -> list[Any]:
        """The project's files of `kind` that load cleanly (the others are not asked about)."""
        return [loaded for path in self.project.files(kind) if (loaded := _quiet(self.file, path, kind))]

    def theme_for(self, layout: LoadedLayout) -> LoadedTheme:
        """The theme `layout` names, from the project's themes folder. Raises `DiagnosticError`."""
        path = self.project.theme_path(layout.layout.theme)
        if not path.is_file():  # reported at the layout's `theme:` line, with a hint
            return load_layout_theme(path.parent, layout)
        theme: LoadedTheme = self.file(path, "theme")
        return theme

    def pictures(self, layout: LoadedLayout) -> list[Diagnostic]:
        """A diagnostic for every picture `layout` names that cannot be used, at its `src`."""
        problems = []
        for block, at in _pictures_in(layout.layout, ()):
            if block.src is None:  # a profile picture or the logo: checked where it is named
                continue
            span = layout.source.span((*at, "src"))
            checked = self._check_picture(block.src, span)
            if isinstance(checked, Diagnostic):
                problems.append(checked)
        return problems

    def profile_pictures(self, profile: Profile) -> list[Diagnostic]:
        """A diagnostic for every picture of the profile's `images` that cannot be used, at its `src`."""
        problems = []
        pictures = profile.pictures if isinstance(profile, ProfileRead) else pictures_of(profile)
        for src, span in pictures:
            checked = self._check_picture(src, span)
            if isinstance(checked, Diagnostic):
                problems.append(checked)
        return problems

    def _logo(self, theme: LoadedTheme) -> list[Diagnostic]:
        """The theme's logo checked again (a theme file kept from an earlier load may name a
        picture changed since; the check itself is remembered per picture version)."""
        logo = theme.theme.logo
        if logo is None:
            return []
        checked = self._check_picture(logo.path, theme.source.span(("logo", "path")))
        return [checked] if isinstance(checked, Diagnostic) else []

    def _check_picture(self, src: str, span: Span) -> object:
        """`check_picture` of `src` (relative to the project), noted in `pictures_checked`."""
        self.pictures_checked.add(os.path.abspath(self.project.root / src))
        return check_picture(self.project.root, src, span)

    def _all(self, kind: FileKind, problems: list[Diagnostic], paths: list[Path] | None = None) -> list[Any]:
        paths = self.project.files(kind) if paths is None else paths
        loaded = [_collect(partial(self.file, path, kind), problems) for path in paths]
        return [item for item in loaded if item is not None]

    def _layouts(self, selection: Chosen | None, problems: list[Diagnostic]) -> list[Any]:
        """The layouts `selection` names (all when it names none): see the module docstring."""
        paths = self.project.files("layout")
        asked = set(selection.layouts) if selection else set()
        if asked:
            declared = {path: _declared_id(path) for path in paths}
            if asked <= set(declared.values()):
                paths = [path for path in paths if declared[path] in asked or declared[path] is None]
        return self._all("layout", problems, paths)


_ID_LINE = re.compile(r"""^id:[ \t]*(["']?)([A-Za-z0-9_.-]+)\1[ \t]*(?:#.*)?$""", re.MULTILINE)


def _declared_id(path: Path) -> str | None:
    """The id a YAML file's first top-level `id:` line declares; None when no such line tells."""
    try:
        text = path.read_bytes()[:65536].decode("utf-8", "replace")
    except OSError:
        return None
    found = _ID_LINE.search(text)
    return found.group(2) if found else None


def _unknown(selection: Chosen, layouts: list[LoadedLayout]) -> list[str]:
    """The layout ids `selection` asks for that none of `layouts` has."""
    have = {layout.id for layout in layouts}
    return [wanted for wanted in selection.layouts if wanted not in have]


def _key(kind: FileKind, path: Path) -> str:
    return f"{kind}:{os.path.abspath(path)}"


def _pickled_profile(paths: list[Path], index: int, failed: object) -> bytes:
    """In a worker: the profile at `paths[index]` loaded, or its problems, pickled."""
    loaded = _attempt(load_profile, paths[index])
    result = loaded.diagnostics if isinstance(loaded, DiagnosticError) else loaded
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def _version(path: Path) -> tuple[int, ...]:
    """What tells one version of a file from the next; () when it cannot be read."""
    try:
        stat = path.stat()
    except OSError:
        return ()
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns)


def _attempt(loader: Callable[[Path], Any], path: Path) -> Any:
    try:
        return loader(path)
    except DiagnosticError as exc:
        return exc


def _collect(load: Callable[[], Any], problems: list[Diagnostic]) -> Any:
    try:
        return load()
    except DiagnosticError as exc:
        problems.extend(d for d in exc.diagnostics if d not in problems)
        return None


def _quiet(load: Callable[[Path, FileKind], Any], path: Path, kind: FileKind) -> Any:
    try:
        return load(path, kind)
    except DiagnosticError:
        return None


def _pictures_in(node: Any, at: DataPath) -> Iterator[tuple[ImageBlock, DataPath]]:
    """Every image block under `node`, with its data path (YAML keys, as spans are found)."""
    if isinstance(node, ImageBlock):
        yield node, at
    elif isinstance(node, Struct):
        for name, key in zip(node.__struct_fields__, node.__struct_encode_fields__, strict=True):
            yield from _pictures_in(getattr(node, name), (*at, key))
    elif isinstance(node, list | tuple):
        for index, item in enumerate(node):
            yield from _pictures_in(item, (*at, index))
