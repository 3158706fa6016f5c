"""Profiles a build's process holds without their objects: a loaded profile in; what loading needs
of it (`ProfileRead`), or that and its pickle (`ProfileAtRest`), out.

A profile's objects take about 115 KB; a batch of a hundred profiles would otherwise be held in
the build's process all build long. What `inputs.Loader` needs of a profile to check a project
(its id and where it stands, for duplicate ids; its pictures, checked at every load) is a few
hundred bytes.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator

from msgspec import Struct

from .diagnostics import DiagnosticError, Span
from .loaders import LoadedProfile
from .loaders.yaml_doc import DataPath, share_paths

__all__ = ["IdSource", "Profile", "ProfileAtRest", "ProfileRead", "pictures_of", "unpickled"]


class IdSource(Struct, frozen=True, eq=False):
    """Of a profile at rest's `SourceDoc`, what `project.duplicate_ids` asks: its file's path
    and the span of its `id:` value."""

    path: str
    id_span: Span

    def span(self, path: DataPath) -> Span:
        """The span of the `id` value (the one path this source knows)."""
        if path != ("id",):
            raise KeyError(path)
        return self.id_span


class ProfileRead(Struct, frozen=True, eq=False):
    """A profile another process read and builds from (a batch's worker, see `pipeline`): what
    loading needs of it here, never the profile's objects.

    `id`, `source` (for duplicate ids) and `pictures` (each picture's `src` and span, checked
    at every load).
    """

    id: str
    source: IdSource
    pictures: tuple[tuple[str, Span], ...]

    @classmethod
    def of(cls, profile: LoadedProfile) -> ProfileRead:
        """What loading needs of `profile`."""
        source = IdSource(profile.source.path, profile.source.span(("id",)))
        return cls(profile.id, source, tuple(pictures_of(profile)))


class ProfileAtRest(ProfileRead, frozen=True, eq=False):
    """A profile a reader process loaded, kept as the pickle it sent (see the module docstring).

    What a `ProfileRead` holds is at hand without unpickling; `data` is the pickle, which
    `loaded()` unpickles.
    """

    data: bytes

    @classmethod
    def kept(cls, profile: LoadedProfile, data: bytes) -> ProfileAtRest:
        """`profile` at rest as `data` (its pickle)."""
        read = ProfileRead.of(profile)
        return cls(read.id, read.source, read.pictures, data)

    def loaded(self) -> LoadedProfile:
        """The profile itself (a new copy at each call)."""
        profile = unpickled(self.data)
        assert isinstance(profile, LoadedProfile)  # only profiles that loaded are kept at rest
        return profile


#: A profile as `Inputs` holds it: loaded; at rest (a `Loader(at_rest=True)`'s); or read and
#: built from in another process (`Loader.take`).
Profile = LoadedProfile | ProfileRead


def unpickled(pickled: bytes) -> LoadedProfile | DiagnosticError:
    """What `_pickled_profile` handed back (made by this build's own workers), sharing its
    data paths with the files read here (memory flat over a batch: `share_paths`)."""
    result = pickle.loads(pickled)
    if not isinstance(result, LoadedProfile):
        return DiagnosticError(result)
    share_paths(result.source)
    return result


def pictures_of(profile: LoadedProfile) -> Iterator[tuple[str, Span]]:
    """Each picture of the profile's `images`: its `src` and where that stands."""
    for key, picture in profile.profile.images.items():
        yield picture.src, profile.source.span(("images", key, "src"))
