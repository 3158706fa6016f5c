"""Profile loading: a `data/*.yaml` path in, a checked `Profile` with its `SourceDoc` out.

Beyond the schema, checks what only the whole profile can: `{facts.x}` references in texts,
fact references (`after`, `ahead`, `goals.horizon`) and focus-area ids in `goals.strengthen`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, DiagnosticError, did_you_mean
from ..model.common import TEMPLATE_REF, LookupFailed, lookup
from ..model.profile import Profile
from .validation import validate
from .yaml_source import DataPath, SourceDoc, read_yaml

__all__ = ["LoadedProfile", "check_reference", "load_profile"]


@dataclass(frozen=True)
class LoadedProfile:
    """A profile and where each of its values stands in its file."""

    profile: Profile
    source: SourceDoc

    @property
    def id(self) -> str:
        return self.profile.id


def load_profile(path: Path) -> LoadedProfile:
    """Read, validate and cross-check the profile at `path`. Raises `DiagnosticError`."""
    source = read_yaml(path)
    profile = validate(source, Profile)
    problems = list(_reference_problems(profile, source))
    if problems:
        raise DiagnosticError(problems)
    return LoadedProfile(profile, source)


def check_reference(profile: Profile, dotted: str) -> tuple[str, tuple[str, ...]] | None:
    """None when `dotted` names a profile field, else (message, hints)."""
    try:
        lookup(profile, dotted)
    except LookupFailed as exc:
        return f"no profile field '{dotted}'", did_you_mean(exc.failed, exc.choices)
    return None


def _reference_problems(profile: Profile, source: SourceDoc) -> list[Diagnostic]:
    problems = []
    for path, text in _strings(source.data, ()):
        for ref in TEMPLATE_REF.findall(text):
            problems += _check(profile, source, path, ref)
    for index, milestone in enumerate(profile.milestones):
        for key in ("after", "ahead"):
            ref = getattr(milestone, key)
            if ref is not None:
                problems += _check_fact(profile, source, ("milestones", index, key), ref)
    for key in ("horizon", "staff_target"):
        problems += _check_fact(profile, source, ("goals", key), getattr(profile.goals, key))
    ids = [area.id for area in profile.focus_areas]
    for index, area_id in enumerate(profile.goals.strengthen):
        if area_id not in ids:
            span = source.span(("goals", "strengthen", index))
            problems.append(
                Diagnostic(span, f"no focus area with id '{area_id}'", did_you_mean(area_id, ids))
            )
    return problems


def _check(profile: Profile, source: SourceDoc, path: DataPath, ref: str) -> list[Diagnostic]:
    problem = check_reference(profile, ref)
    if problem is None:
        return []
    message, hints = problem
    return [Diagnostic(source.span(path), f"{message} in '{{{ref}}}'", hints)]


def _check_fact(profile: Profile, source: SourceDoc, path: DataPath, ref: str) -> list[Diagnostic]:
    name = ref.removeprefix("facts.")
    if ref.startswith("facts.") and name in profile.facts:
        return []
    return [
        Diagnostic(
            source.span(path),
            f"'{ref}' is not a fact",
            did_you_mean(name, profile.facts) or ("write facts.<name>, a key under 'facts'",),
        )
    ]


def _strings(node: Any, path: DataPath) -> list[tuple[DataPath, str]]:
    if isinstance(node, str):
        return [(path, node)]
    if isinstance(node, dict):
        return [pair for key, value in node.items() for pair in _strings(value, (*path, key))]
    if isinstance(node, list):
        return [pair for i, value in enumerate(node) for pair in _strings(value, (*path, i))]
    return []
