"""Binding: layout templates and profile paths in, reader's text (with where it came from) out.

`{facts.staff}` in a layout text or in a profile text becomes `nearly 3,000 people` or
`近3,000人`; `{founders: [the {description} ]{name}}` sets each founder and joins them the
language's way (CLDR list patterns: `A, B, and C`, `A、B和C`); `[...]` is left out when a
field in it is empty. The syntax is read by `model/template.py`; a path to a missing field,
or a mistake in the syntax, is a diagnostic at the layout's line, with a hint.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from msgspec import Struct

from ..diagnostics import Diagnostic, Span, did_you_mean
from ..loaders.profile import LoadedProfile
from ..loaders.yaml_doc import DataPath, SourceDoc
from ..model.common import LookupFailed, Text, lookup
from ..model.profile import Location, Quantity
from ..model.template import LIST_STYLES, Group, Node, Ref, TemplateSyntaxError, parse_template
from .format import format_date_for, format_list_for, format_quantity

__all__ = ["Binder", "Bound", "field_path"]

_MAX_NESTING = 4
_EMPTY_HINT = (
    "fill it in the profile, or put the words that need it in [brackets]: they are left out when it is empty"
)
Parts = list[tuple[str, Span, str]]
_UNSEEN = object()


class Bound(Struct, frozen=True, eq=False):
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


class _Scope(Struct, frozen=True, eq=False):
    """Where references are looked up: the profile, or (in an item template) one list item."""

    value: Any
    list_path: str | None = None  # the list, inside an item template
    index: int = 0

    def dotted(self, path: str) -> str:
        """The reference's full path from the profile's root (`founders.1.name`)."""
        if self.list_path is None:
            return path
        item = f"{self.list_path}.{self.index}"
        return item if path == "." else f"{item}.{path}"


def _is_text(value: Any) -> bool:
    """True for the profile values that read as text (not a group of fields)."""
    kind = _kind(type(value))
    if kind == "list":
        return all(_is_text(item) for item in value)
    if kind == "model":  # a founder, a focus area
        return hasattr(value, "name")
    return kind != "other"


def _kind(cls: type) -> str:
    """How values of type `cls` read as text (see `Binder.text_of`): `text`, `quantity`, `date`,
    `location`, `list`, `model` (a group of fields, text when it has a name), `scalar` (str,
    int, float) or `other`. Kept per type: `isinstance` against a tuple of types, for every value, adds up."""
    kind = _KIND_OF.get(cls)
    if kind is None:
        kind = _KIND_OF[cls] = next((kind for kind, types in _KINDS if issubclass(cls, types)), "other")
    return kind


#: `_kind` per type: bounded by the types of the profile model (a few dozen).
_KIND_OF: dict[type, str] = {}
_KINDS: tuple[tuple[str, type | tuple[type, ...]], ...] = (
    ("text", Text),
    ("quantity", Quantity),
    ("date", dt.date),
    ("location", Location),
    ("list", (list, tuple)),
    ("model", Struct),
    ("scalar", (str, int, float)),
)


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, (list, tuple)) and not value)


def _not_a_text(at: Span, dotted: str, value: Any) -> Diagnostic:
    if isinstance(value, (list, tuple)):
        keys = list(value[0].__struct_fields__) if value and isinstance(value[0], Struct) else []
        example = f"{{{dotted}: {{{keys[0]}}}}}" if keys else "{milestones: {title}}"
        return Diagnostic(
            at, f"'{dotted}' is a list of groups of fields", (f"say how to set each item, e.g. {example}",)
        )
    keys = list(value) if isinstance(value, dict) else list(value.__struct_fields__)
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
        self._reported: set[tuple[str, Span]] = set()  # empty item fields, reported once per text
        self._spans: dict[str, Span] = {}  # profile_span per field, for this document
        self._values: dict[str, Any] = {}  # profile values per field, for this document

    def template(self, template: str | Text, at: DataPath) -> Bound:
        """Fill a layout template; `at` is its place in the layout. Empty groups are left out."""
        raw = template[self.lang] if isinstance(template, Text) else template
        at_span = self.layout.span((*at, self.lang) if isinstance(template, Text) else at)
        try:
            nodes = parse_template(raw)
        except TemplateSyntaxError as exc:
            self.problems.append(Diagnostic(at_span, exc.message, exc.hints))
            return Bound(raw, at_span)
        parts: Parts = []
        text = self._render(nodes, _Scope(self.profile.profile), at_span, 0, parts, optional=False)
        only = nodes[0] if len(nodes) == 1 else None
        if isinstance(only, Ref) and only.item is None and only.path != ".":
            return Bound(text or "", at_span, only.path, self.profile_span(only.path))
        return Bound((text or "").strip(), at_span, parts=tuple(parts))

    def value(self, dotted: str, at: DataPath) -> Any:
        """The profile value at `dotted`, or None after recording a diagnostic at `at`."""
        try:
            return self._find(dotted)
        except LookupFailed as exc:
            self.problems.append(
                Diagnostic(
                    self.layout.span(at),
                    f"no profile field '{dotted}'",
                    did_you_mean(exc.failed, exc.choices) or (f"'{exc.failed}' is not in the profile",),
                )
            )
            return None

    def _find(self, dotted: str) -> Any:
        """The profile value at `dotted`, kept per document. Raises `LookupFailed`."""
        found = self._values.get(dotted, _UNSEEN)
        if found is _UNSEEN:
            found = self._values[dotted] = lookup(self.profile.profile, dotted)
        return found

    def bound(self, value: Any, dotted: str, at: DataPath) -> Bound:
        """A profile value (at `dotted`) as text, keeping its origin."""
        span = self.layout.span(at)
        return Bound(self.text_of(value, span, 0), span, dotted, self.profile_span(dotted))

    def text_of(self, value: Any, at: Span, depth: int, style: str = "and") -> str:
        """Any profile value as reader's text in this binder's language; lists joined in `style`."""
        kind = _kind(type(value))
        if kind == "text":
            return self._fill(value[self.lang], at, depth + 1)
        if kind == "quantity":
            return format_quantity(value, self.lang)
        if kind == "date":
            return format_date_for(value, self.lang)
        if kind == "location":
            return self.text_of(value.city, at, depth)
        if kind == "list":
            return self.join([self.text_of(item, at, depth) for item in value], style)
        if kind == "model" and hasattr(value, "name"):  # a founder, a focus area
            return self.text_of(value.name, at, depth)
        return str(value)

    def join(self, parts: list[str], style: str = "and") -> str:
        """The non-empty `parts` as a list in this language: `a, b, and c` / `a、b和c` (CLDR)."""
        kept = [part for part in parts if part]
        return format_list_for(kept, LIST_STYLES[style], self.lang)

    def profile_span(self, dotted: str) -> Span:
        """Where the profile sets `dotted` (in this language, for a text in both)."""
        found = self._spans.get(dotted)
        if found is None:
            found = self._spans[dotted] = self._profile_span(dotted)
        return found

    def _profile_span(self, dotted: str) -> Span:
        path = field_path(dotted)
        if self.lang and path and path[-1] != self.lang:
            value = self.profile.source.spans.get((*path, self.lang))
            if value is not None:
                return value
        return self.profile.source.span(path)

    # -- templates ------------------------------------------------------------------------

    def _fill(self, raw: str, at: Span, depth: int) -> str:
        """A profile text with its references filled (read leniently: see `model/template.py`)."""
        if depth > _MAX_NESTING:
            self.problems.append(Diagnostic(at, "references nest too deeply", ("a text refers to itself?",)))
            return raw
        try:
            nodes = parse_template(raw, strict=False)
        except TemplateSyntaxError as exc:  # only inside an item template
            self.problems.append(Diagnostic(at, exc.message, exc.hints))
            return raw
        return self._render(nodes, _Scope(self.profile.profile), at, depth, [], optional=False) or ""

    def _render(
        self, nodes: tuple[Node, ...], scope: _Scope, at: Span, depth: int, parts: Parts, optional: bool
    ) -> str | None:
        """The text of `nodes`; None when `optional` and a reference directly in them is empty."""
        out: list[str] = []
        found: Parts = []
        for node in nodes:
            if isinstance(node, str):
                out.append(node)
            elif isinstance(node, Group):
                out.append(self._render(node.parts, scope, at, depth, found, optional=True) or "")
                continue
            else:
                text = self._ref(node, scope, at, depth, found)
                if text is None and optional:
                    return None
                if text is None:
                    self._empty(at, scope, node.path)
                out.append(text or "")
        parts += found
        return "".join(out)

    def _ref(self, ref: Ref, scope: _Scope, at: Span, depth: int, parts: Parts) -> str | None:
        """A reference's text; None when its field is empty, "" after reporting a problem."""
        found, value = self._lookup(ref, scope, at)
        dotted = scope.dotted(ref.path)
        if not found:
            return ""
        if (ref.item is not None or ref.style != "and") and not isinstance(value, (list, tuple, type(None))):
            self.problems.append(self._not_a_list(at, ref, dotted))
            return ""
        if ref.item is not None and value is not None:
            before = len(self.problems)
            text = self._items(ref, value, dotted, at, depth, parts)
            if not text and len(self.problems) > before:
                return ""  # the items' problems are reported: the list is not empty
        elif _is_empty(value):
            return None
        elif not _is_text(value):
            self.problems.append(_not_a_text(at, dotted, value))
            return ""
        else:
            text = self.text_of(value, at, depth, ref.style)
            parts.append((dotted, self.profile_span(dotted), text))
        return text or None

    def _items(self, ref: Ref, items: list[Any], dotted: str, at: Span, depth: int, parts: Parts) -> str:
        """Each item set by the reference's item template, joined; items that give no text left out."""
        assert ref.item is not None
        if depth > _MAX_NESTING:
            self.problems.append(Diagnostic(at, "item templates nest too deeply", ()))
            return ""
        texts = [
            self._render(ref.item, _Scope(item, dotted, i), at, depth + 1, parts, optional=False) or ""
            for i, item in enumerate(items)
        ]
        return self.join(texts, ref.style)

    def _lookup(self, ref: Ref, scope: _Scope, at: Span) -> tuple[bool, Any]:
        """(True, the value) for the reference in `scope`, or (False, None) after a diagnostic."""
        if ref.path == ".":
            if scope.list_path is None:
                self.problems.append(
                    Diagnostic(at, "'{.}' is the item itself: use it inside {list: …}", ("e.g. {work: {.}}",))
                )
                return False, None
            return True, scope.value
        try:
            return True, self._find(ref.path) if scope.list_path is None else lookup(scope.value, ref.path)
        except LookupFailed as exc:
            self.problems.append(self._missing(at, ref, scope, exc))
            return False, None

    def _missing(self, at: Span, ref: Ref, scope: _Scope, exc: LookupFailed) -> Diagnostic:
        hints = did_you_mean(exc.failed, exc.choices)
        if scope.list_path is None:
            return Diagnostic(at, f"no profile field '{ref.path}'", hints)
        fields = ", ".join(exc.choices)
        return Diagnostic(
            at,
            f"no field '{ref.path}' in the items of '{scope.list_path}'",
            hints or (f"inside {{{scope.list_path}: …}}, {{name}} is a field of each item: {fields}",),
        )

    def _not_a_list(self, at: Span, ref: Ref, dotted: str) -> Diagnostic:
        how = "an item template" if ref.item is not None else f"the list style '{ref.style}'"
        return Diagnostic(
            at,
            f"'{dotted}' is not a list, so {how} does not apply to it",
            (f"write {{{ref.path}}}, or name a list such as {{founders: {{name}}}}",),
        )

    def _empty(self, at: Span, scope: _Scope, path: str) -> None:
        """Report an empty field used outside an optional group (an item's field: once per text)."""
        if scope.list_path is None:
            message = f"profile field '{path}' is empty, but this text uses it"
        else:
            key = (f"{scope.list_path}.{path}", at)
            if key in self._reported:
                return
            self._reported.add(key)
            message = f"profile field '{scope.dotted(path)}' is empty, but this text uses it"
        self.problems.append(Diagnostic(at, message, (_EMPTY_HINT,)))
