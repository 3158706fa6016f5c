"""Profile loading: a `data/*.yaml` path in, a checked `Profile` with its `SourceDoc` out.

Beyond the schema, checks what only the whole profile can: references in texts (`{facts.x}`,
`{founders: {name}}`: the fields exist, and one used outside an optional `[...]` is not empty),
fact references (`after`, `ahead`, `goals.horizon`) and focus-area ids in `goals.strengthen`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msgspec import Struct

from ..diagnostics import Diagnostic, DiagnosticError, did_you_mean
from ..model.common import LookupFailed, lookup
from ..model.profile import Profile
from ..model.template import Group, Node, Ref, TemplateSyntaxError, parse_template
from .source import read_source
from .validation import validate
from .yaml_doc import DataPath, SourceDoc

__all__ = ["LoadedProfile", "check_reference", "load_profile"]


class LoadedProfile(Struct, frozen=True):
    """A profile and where each of its values stands in its file."""

    profile: Profile
    source: SourceDoc

    @property
    def id(self) -> str:
        return self.profile.id


def load_profile(path: Path) -> LoadedProfile:
    """Read, validate and cross-check the profile at `path`. Raises `DiagnosticError`."""
    source = read_source(path)
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
    for path, text in _templates(source.data, (), []):
        problems += _template_problems(profile, source, path, text)
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


def _template_problems(profile: Profile, source: SourceDoc, path: DataPath, text: str) -> list[Diagnostic]:
    """The reference problems of one profile text (read leniently: see `model/template.py`)."""
    try:
        nodes = parse_template(text, strict=False)
    except TemplateSyntaxError as exc:
        return [Diagnostic(source.span(path), exc.message, exc.hints)]
    return [Diagnostic(source.span(path), message, hints) for message, hints in _nodes(profile, nodes, None)]


Problem = tuple[str, tuple[str, ...]]


def _nodes(scope: Any, nodes: tuple[Node, ...], item_of: str | None, optional: bool = False) -> list[Problem]:
    """Problems of the references in `nodes`, looked up in `scope` (a list item when `item_of`)."""
    problems: list[Problem] = []
    for node in nodes:
        if isinstance(node, Group):
            problems += _nodes(scope, node.parts, item_of, optional=True)
        elif isinstance(node, Ref):
            problems += _ref(scope, node, item_of, optional)
    return problems


def _ref(scope: Any, ref: Ref, item_of: str | None, optional: bool) -> list[Problem]:
    if ref.path == ".":
        return (
            [] if item_of else [(f"'{{.}}' is the item itself: use it inside {{list: …}} ('{ref.text}')", ())]
        )
    try:
        value = lookup(scope, ref.path)
    except LookupFailed as exc:
        where = (
            f"no field '{ref.path}' in the items of '{item_of}'"
            if item_of
            else f"no profile field '{ref.path}'"
        )
        return [(f"{where} in '{ref.text}'", did_you_mean(exc.failed, exc.choices))]
    if ref.item is not None and isinstance(value, list):
        return [problem for item in value for problem in _nodes(item, ref.item, ref.path)]
    if optional or not (value is None or value == []):
        return []
    return [
        (
            f"profile field '{ref.path}' is empty, but '{ref.text}' uses it",
            ("fill it in, or put the words that need it in [brackets]: they are left out when it is empty",),
        )
    ]


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


def _templates(node: Any, path: DataPath, found: list[tuple[DataPath, str]]) -> list[tuple[DataPath, str]]:
    """`found` and the texts under `node` that may hold references (a `{`), with their paths."""
    if isinstance(node, str):
        if "{" in node:
            found.append((path, node))
    elif isinstance(node, dict):
        for key, value in node.items():
            _templates(value, (*path, key), found)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _templates(value, (*path, index), found)
    return found
