"""Binding: layout templates and profile paths in, reader's text (with where it came from) out.

`{facts.staff}` in a layout text or in a profile text becomes `nearly 3,000 people` or
`近3,000人`; a path to a missing field is a diagnostic at the layout's line, with a hint.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..diagnostics import Diagnostic, Span, did_you_mean
from ..loaders.profile import LoadedProfile
from ..loaders.yaml_source import DataPath, SourceDoc
from ..model.common import TEMPLATE_REF, LookupFailed, Text, lookup
from ..model.profile import Founder, Location, Quantity
from .format import format_date_for, format_quantity

__all__ = ["Binder", "Bound", "field_path"]

_MAX_NESTING = 4


@dataclass(frozen=True)
class Bound:
    """A text ready to set, and its origins: the profile field (if any) and the layout spot."""

    text: str
    layout_span: Span
    field: str | None = None
    profile_span: Span | None = None
    #: The profile fields filled into a template: (field, its span, the text it gave).
    parts: tuple[tuple[str, Span, str], ...] = ()

    def field_of(self, ch: str) -> tuple[str, Span] | None:
        """The profile field (and its span) that put `ch` into this text, if one did."""
        if self.field is not None and self.profile_span is not None:
            return self.field, self.profile_span
        for field, span, text in self.parts:
            if ch in text:
                return field, span
        return None

    def origin(self) -> str:
        """`profile field 'x' (file:line:col)`, or `layout text (file:line:col)`."""
        if self.field is not None:
            return f"profile field '{self.field}' ({self.profile_span})"
        return f"layout text ({self.layout_span})"


def _is_text(value: Any) -> bool:
    """True for the profile values that read as text (not a group of fields)."""
    if isinstance(value, (list, tuple)):
        return all(_is_text(item) for item in value)
    if isinstance(value, (Text, Quantity, dt.date, Founder, Location, str, int, float)):
        return True
    return isinstance(value, BaseModel) and hasattr(value, "name")


def _not_a_text(at: Span, dotted: str, value: Any) -> Diagnostic:
    keys = list(value) if isinstance(value, dict) else list(type(value).model_fields)
    example = f"{{{dotted}.{keys[0]}}}" if keys else "{facts.area}"
    return Diagnostic(
        at, f"'{dotted}' is a group of fields, not a text", (f"name one field of it, e.g. {example}",)
    )


def field_path(dotted: str) -> DataPath:
    """`focus_areas.2.name` -> ('focus_areas', 2, 'name')."""
    return tuple(int(step) if step.isdigit() else step for step in dotted.split("."))


class Binder:
    """Resolves one layout's templates and bindings against one profile in one language."""

    def __init__(self, profile: LoadedProfile, layout: SourceDoc, lang: str):
        self.profile = profile
        self.layout = layout
        self.lang = lang
        self.problems: list[Diagnostic] = []

    def template(self, template: str | Text, at: DataPath) -> Bound:
        """Fill a layout template's `{path}` references; `at` is its place in the layout."""
        raw = template[self.lang] if isinstance(template, Text) else template
        at_span = self.layout.span((*at, self.lang) if isinstance(template, Text) else at)
        refs = TEMPLATE_REF.findall(raw)
        self._check_braces(raw, at_span)
        text = self._fill(raw, at_span, 0)
        if len(refs) == 1 and raw.strip() == "{" + refs[0] + "}":
            return Bound(text, at_span, refs[0], self.profile_span(refs[0]))
        parts = tuple((ref, self.profile_span(ref), self._quiet_text(ref, at_span)) for ref in refs)
        return Bound(text, at_span, parts=parts)

    def _check_braces(self, raw: str, at: Span) -> None:
        """A `{` or `}` that is not part of a `{path}` reference is a mistake in a template."""
        rest = TEMPLATE_REF.sub("", raw)
        if "{" in rest or "}" in rest:
            self.problems.append(
                Diagnostic(
                    at,
                    f"unmatched brace in template {raw!r}",
                    ("write references as {path}, e.g. {facts.area}",),
                )
            )

    def _quiet_text(self, dotted: str, at: Span) -> str:
        """The text a reference gives (its problems are reported by the fill itself)."""
        try:
            value = lookup(self.profile.profile, dotted)
        except LookupFailed:
            return ""
        before = len(self.problems)
        text = self.text_of(value, at, 0)
        del self.problems[before:]
        return text

    def value(self, dotted: str, at: DataPath) -> Any:
        """The profile value at `dotted`, or None after recording a diagnostic at `at`."""
        try:
            return lookup(self.profile.profile, dotted)
        except LookupFailed as exc:
            self.problems.append(
                Diagnostic(
                    self.layout.span(at),
                    f"no profile field '{dotted}'",
                    did_you_mean(exc.failed, exc.choices) or (f"'{exc.failed}' is not in the profile",),
                )
            )
            return None

    def bound(self, value: Any, dotted: str, at: DataPath) -> Bound:
        """A profile value (at `dotted`) as text, keeping its origin."""
        span = self.layout.span(at)
        return Bound(self.text_of(value, span, 0), span, dotted, self.profile_span(dotted))

    def text_of(self, value: Any, at: Span, depth: int) -> str:
        """Any profile value as reader's text in this binder's language."""
        if isinstance(value, Text):
            return self._fill(value[self.lang], at, depth + 1)
        if isinstance(value, Quantity):
            return format_quantity(value, self.lang)
        if isinstance(value, dt.date):
            return format_date_for(value, self.lang)
        if isinstance(value, Founder):
            return self.text_of(value.name, at, depth)
        if isinstance(value, Location):
            return self.text_of(value.city, at, depth)
        if isinstance(value, (list, tuple)):
            parts = [self.text_of(item, at, depth) for item in value]
            return self.join(parts)
        if isinstance(value, BaseModel) and hasattr(value, "name"):
            return self.text_of(value.name, at, depth)
        return str(value)

    def join(self, parts: list[str]) -> str:
        """`a, b and c` / `a、b和c`."""
        if len(parts) <= 1:
            return "".join(parts)
        if self.lang == "zh":
            return "、".join(parts[:-1]) + "和" + parts[-1]
        if len(parts) == 2:
            return f"{parts[0]} and {parts[1]}"
        return ", ".join(parts[:-1]) + f" and {parts[-1]}"

    def _fill(self, raw: str, at: Span, depth: int) -> str:
        if depth > _MAX_NESTING:
            self.problems.append(Diagnostic(at, "references nest too deeply", ("a text refers to itself?",)))
            return raw

        def replace(match: Any) -> str:
            dotted = match.group(1)
            try:
                value = lookup(self.profile.profile, dotted)
            except LookupFailed as exc:
                self.problems.append(
                    Diagnostic(at, f"no profile field '{dotted}'", did_you_mean(exc.failed, exc.choices))
                )
                return match.group(0)
            if value is None:
                self.problems.append(
                    Diagnostic(
                        at,
                        f"profile field '{dotted}' is empty, but this text uses it",
                        ("fill it in the profile, or take it out of this text",),
                    )
                )
                return ""
            if not _is_text(value):
                self.problems.append(_not_a_text(at, dotted, value))
                return ""
            return self.text_of(value, at, depth)

        return TEMPLATE_REF.sub(replace, raw)

    def profile_span(self, dotted: str) -> Span:
        path = field_path(dotted)
        if self.lang and path and path[-1] != self.lang:
            value = self.profile.source.spans.get((*path, self.lang))
            if value is not None:
                return value
        return self.profile.source.span(path)
