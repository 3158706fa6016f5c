"""A parallel build's documents: loaded inputs and a plan in; a `Batch` (each document's profile
as a pickle, unpickled by the worker that makes it) out."""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Mapping
from dataclasses import dataclass

from .inputs import Inputs, Profile, ProfileAtRest
from .loaders import LoadedLayout, LoadedProfile, LoadedTheme

__all__ = ["Batch", "Planned", "packed", "unpacked"]

#: Every (profile, layout, language) to build, in plan order (`build.plan`).
Planned = list[tuple[Profile, LoadedLayout, str]]


@dataclass(frozen=True, eq=False)
class Batch:
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
