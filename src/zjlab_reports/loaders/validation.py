"""Schema checking: a `SourceDoc` and a model class in, a typed model or diagnostics out.

A valid file costs one `msgspec.convert` call: msgspec checks the data against the model's
annotations and builds the model in C. Only when it fails does `Checker` walk the data
against the same types (`msgspec.inspect`) to find *every* problem, not only the first, and
the `SourceDoc`, which knows where each path stands in the file, gives each one its
`file:line:col` and a hint. The walk judges what the annotations say as msgspec does (a test
holds the two to agreement over thousands of mutated files) and runs the models' own
`__post_init__` checks through msgspec once a model's fields are right.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import cache
from typing import Any, TypeVar

import msgspec
from msgspec import inspect as mi

from ..diagnostics import Diagnostic, DiagnosticError, did_you_mean
from ..model.common import FieldProblem, declared_choices
from .yaml_doc import DataPath, SourceDoc

__all__ = ["HINT_SEPARATOR", "Problem", "check", "validate"]

#: A model check may raise `ValueError(f"message{HINT_SEPARATOR}hint")` to carry a hint.
HINT_SEPARATOR = " || hint: "

M = TypeVar("M")


def validate(doc: SourceDoc, model: type[M]) -> M:
    """Validate `doc.data` against `model`; raise `DiagnosticError` with every problem.

    Problems the YAML reader left in `doc.problems` are reported along with schema errors.
    """
    try:
        result = msgspec.convert(doc.data, model)
    except msgspec.ValidationError as exc:
        raise DiagnosticError(doc.problems + _diagnostics(doc, model, exc)) from None
    if doc.problems:
        raise DiagnosticError(doc.problems)
    return result


class Problem(msgspec.Struct, frozen=True):
    """One thing wrong at `path` in the data: its `kind`, message and hints.

    Kinds: `missing` (a required key; `path` ends with it), `unknown` (a key the model does not
    have), `type` (a value of the wrong shape), `value` (a right shape, a wrong value: a bound,
    a length, a pattern, a choice, a model's own check).
    """

    path: DataPath
    kind: str
    message: str
    hints: tuple[str, ...] = ()
    key: bool = False  # the problem is the key at `path`, not its value


def check(data: Any, model: Any) -> list[Problem]:
    """Every problem of `data` as `model`, in document order ([] when msgspec would take it)."""
    return Checker(_choices_of(model)).value(data, _info(model), ())


@cache
def _choices_of(model: Any) -> dict[frozenset[Any], tuple[Any, ...]]:
    return declared_choices(model)


@cache
def _info(model: Any) -> mi.Type:
    return mi.type_info(model)


class Checker:
    """Walks data against `msgspec.inspect` types, collecting every problem; `choices` give
    each `Literal`'s values in the order the model declares them (for messages)."""

    def __init__(self, choices: dict[frozenset[Any], tuple[Any, ...]]):
        self.choices = choices

    def value(self, value: Any, kind: mi.Type, path: DataPath) -> list[Problem]:
        while isinstance(kind, mi.Metadata):
            kind = kind.type
        method = getattr(self, "_" + type(kind).__name__, None)
        if method is None:  # a model uses a type this walk does not know (the fuzz test finds it)
            raise TypeError(f"no check for {kind!r}")
        result: list[Problem] = method(value, kind, path)
        return result

    # -- models -------------------------------------------------------------------------

    def _StructType(self, value: Any, kind: mi.StructType, path: DataPath) -> list[Problem]:
        if not isinstance(value, dict):
            return [_wrong(path, "a mapping of keys", value)]
        names = [f.encode_name for f in kind.fields]
        allowed = [*names, kind.tag_field] if kind.tag_field else names
        problems = []
        for key in value:
            if key not in allowed and kind.forbid_unknown_fields:
                hints = did_you_mean(str(key), allowed) or _allowed_hint(allowed)
                problems.append(Problem((*path, key), "unknown", f"unknown key '{key}'", hints, key=True))
        for spec in kind.fields:
            if spec.encode_name in value:
                problems += self.value(value[spec.encode_name], spec.type, (*path, spec.encode_name))
            elif spec.required:
                problems.append(Problem((*path, spec.encode_name), "missing", "missing"))
        if problems or not hasattr(kind.cls, "__post_init__"):
            return problems
        return self._model_check(value, kind, path)

    def _model_check(self, value: Any, kind: mi.StructType, path: DataPath) -> list[Problem]:
        """The model's own `__post_init__` checks, run by msgspec on fields already right."""
        try:
            msgspec.convert(value, kind.cls)
        except msgspec.ValidationError as exc:
            cause = exc.__cause__
            if isinstance(cause, FieldProblem):
                where = next((f.encode_name for f in kind.fields if f.name == cause.field), cause.field)
                hints = (cause.hint,) if cause.hint else _where((*path, where))
                return [Problem((*path, where), "value", cause.message, hints)]
            message = str(cause) if isinstance(cause, ValueError) else _msgspec_message(exc)
            if HINT_SEPARATOR in message:
                text, hint = message.split(HINT_SEPARATOR, 1)
                return [Problem(path, "value", text, (hint,))]
            return [Problem(path, "value", message, _where(path))]
        return []

    def _UnionType(self, value: Any, kind: mi.UnionType, path: DataPath) -> list[Problem]:
        members = [t for t in kind.types if not isinstance(t, mi.NoneType)]
        if value is None and len(members) < len(kind.types):
            return []
        if members and all(isinstance(t, mi.StructType) and t.tag_field for t in members):
            return self._tagged(value, members, path)
        tried = [self.value(value, t, path) for t in members]
        if any(not problems for problems in tried):
            return []
        fitting = [problems for t, problems in zip(members, tried, strict=True) if _fits(value, t)]
        if fitting:
            return fitting[0]
        if len(members) == 1:
            return tried[0]
        expected = " or ".join(dict.fromkeys(_expected(t) for t in members))
        return [_wrong(path, expected, value)]

    def _tagged(self, value: Any, members: Sequence[Any], path: DataPath) -> list[Problem]:
        if not isinstance(value, dict):
            return [_wrong(path, "a mapping of keys", value)]
        field = members[0].tag_field
        tags = {str(t.tag): t for t in members}
        if field not in value:
            return [Problem((*path, field), "missing", "missing")]
        tag = value[field]
        if not isinstance(tag, str):
            return [_wrong((*path, field), "text", tag)]
        if tag not in tags:
            choices = list(tags)
            hints = did_you_mean(str(tag), choices) or (f"one of: {', '.join(choices)}",)
            return [Problem((*path, field), "value", f"unknown type '{tag}'", hints)]
        return self.value(value, tags[tag], path)

    # -- containers ----------------------------------------------------------------------

    def _ListType(self, value: Any, kind: mi.ListType, path: DataPath) -> list[Problem]:
        if not isinstance(value, list):
            return [_wrong(path, "a list", value)]
        problems = _count(path, len(value), kind.min_length, kind.max_length, "item")
        for index, item in enumerate(value):
            problems += self.value(item, kind.item_type, (*path, index))
        return problems

    def _DictType(self, value: Any, kind: mi.DictType, path: DataPath) -> list[Problem]:
        if not isinstance(value, dict):
            return [_wrong(path, "a mapping of keys", value)]
        problems = _count(path, len(value), kind.min_length, kind.max_length, "entry")
        for key, item in value.items():
            problems += [
                msgspec.structs.replace(p, key=True) for p in self.value(key, kind.key_type, (*path, key))
            ]
            problems += self.value(item, kind.value_type, (*path, key))
        return problems

    # -- plain values --------------------------------------------------------------------

    def _StrType(self, value: Any, kind: mi.StrType, path: DataPath) -> list[Problem]:
        if not isinstance(value, str):
            return [_wrong(path, "text", value)]
        if kind.min_length is not None and len(value) < kind.min_length:
            if not value:
                return [
                    Problem(
                        path,
                        "value",
                        "text is empty",
                        ("write the text, or remove the key if it is optional",),
                    )
                ]
            return [
                Problem(
                    path,
                    "value",
                    f"text is {len(value):,} characters long; at least {kind.min_length:,} are needed",
                    _where(path),
                )
            ]
        if kind.max_length is not None and len(value) > kind.max_length:
            message = f"text is {len(value):,} characters long; the limit is {kind.max_length:,}"
            return [Problem(path, "value", message, ("shorten the text",))]
        if kind.pattern is not None and not re.search(kind.pattern, value):
            hint = "use lower-case letters, digits and hyphens, starting with a letter (e.g. 'key-figures')"
            return [Problem(path, "value", f"'{value}' is not a valid name here", (hint,))]
        return []

    def _IntType(self, value: Any, kind: mi.IntType, path: DataPath) -> list[Problem]:
        if isinstance(value, bool) or not isinstance(value, int):
            return [_wrong(path, "a whole number", value)]
        return _bounds(path, value, kind, "a whole number")

    def _FloatType(self, value: Any, kind: mi.FloatType, path: DataPath) -> list[Problem]:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return [_wrong(path, "a number", value)]
        return _bounds(path, value, kind, "a number")

    def _BoolType(self, value: Any, kind: mi.BoolType, path: DataPath) -> list[Problem]:
        return [] if isinstance(value, bool) else [_wrong(path, "true or false", value)]

    def _NoneType(self, value: Any, kind: mi.NoneType, path: DataPath) -> list[Problem]:
        return [] if value is None else [_wrong(path, "nothing", value)]

    def _AnyType(self, value: Any, kind: mi.AnyType, path: DataPath) -> list[Problem]:
        return []

    def _LiteralType(self, value: Any, kind: mi.LiteralType, path: DataPath) -> list[Problem]:
        if value in kind.values and type(value) in {type(v) for v in kind.values}:
            return []
        values = self.choices.get(frozenset(kind.values), kind.values)
        expected = _choices(values)
        if not isinstance(value, str):
            return [_wrong(path, f"one of {expected}", value)]
        choices = [str(v) for v in values]
        hints = did_you_mean(value, choices) or (f"one of: {expected}",)
        return [Problem(path, "value", f"'{value}' is not one of {expected}", hints)]

    def _DateType(self, value: Any, kind: mi.DateType, path: DataPath) -> list[Problem]:
        if isinstance(value, dt.datetime) or not isinstance(value, (dt.date, str)):
            return [_wrong(path, "a date (YYYY-MM-DD)", value)]
        if isinstance(value, str) and not _is_date(value):
            return [
                Problem(path, "value", f"'{value}' is not a valid date", ("write a real date as YYYY-MM-DD",))
            ]
        return []


def _is_date(text: str) -> bool:
    """Whether msgspec reads `text` as a date (YYYY-MM-DD, a real one)."""
    try:
        msgspec.convert(text, dt.date)
    except msgspec.ValidationError:
        return False
    return True


def _fits(value: Any, kind: Any) -> bool:
    """Whether `value` has the shape of `kind` (so its problems are the ones to report)."""
    while isinstance(kind, mi.Metadata):
        kind = kind.type
    if isinstance(kind, (mi.StructType, mi.DictType)):
        return isinstance(value, dict)
    if isinstance(kind, mi.ListType):
        return isinstance(value, list)
    if isinstance(kind, mi.StrType):
        return isinstance(value, str)
    if isinstance(kind, mi.LiteralType):
        return any(type(value) is type(v) for v in kind.values)
    if isinstance(kind, mi.IntType):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(kind, mi.FloatType):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(kind, mi.BoolType):
        return isinstance(value, bool)
    if isinstance(kind, mi.DateType):
        return isinstance(value, (dt.date, str))
    return False


def _expected(kind: Any) -> str:
    while isinstance(kind, mi.Metadata):
        kind = kind.type
    if isinstance(kind, (mi.StructType, mi.DictType)):
        return "a mapping of keys"
    if isinstance(kind, mi.LiteralType):
        return _choices(kind.values)
    return _WORDS.get(type(kind).__name__, "another value")


_WORDS = {
    "ListType": "a list",
    "StrType": "text",
    "IntType": "a whole number",
    "FloatType": "a number",
    "BoolType": "true or false",
    "DateType": "a date (YYYY-MM-DD)",
}


def _choices(values: Sequence[Any]) -> str:
    quoted = [f"'{v}'" for v in values]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def _bounds(path: DataPath, value: float, kind: Any, what: str) -> list[Problem]:
    for bound, relation, ok in (
        (kind.gt, "greater than", lambda v, b: v > b),
        (kind.ge, "greater than or equal to", lambda v, b: v >= b),
        (kind.lt, "less than", lambda v, b: v < b),
        (kind.le, "less than or equal to", lambda v, b: v <= b),
    ):
        if bound is not None and not ok(value, bound):
            return [
                Problem(
                    path,
                    "value",
                    f"expected {what} {relation} {_num(bound)}, got {_num(value)}",
                    _where(path),
                )
            ]
    step = kind.multiple_of
    if step is not None and value % step:
        return [
            Problem(path, "value", f"expected a multiple of {_num(step)}, got {_num(value)}", _where(path))
        ]
    return []


def _num(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _count(path: DataPath, count: int, least: int | None, most: int | None, noun: str) -> list[Problem]:
    plural = {"item": "items", "entry": "entries"}[noun]

    def many(n: int) -> str:
        return f"{n:,} {noun if n == 1 else plural}"

    if least is not None and count < least:
        return [Problem(path, "value", f"expected at least {many(least)}, found {count:,}", _where(path))]
    if most is not None and count > most:
        return [Problem(path, "value", f"expected at most {many(most)}, found {count:,}", ("remove some",))]
    return []


def _wrong(path: DataPath, expected: str, value: Any) -> Problem:
    return Problem(path, "type", f"expected {expected}, got {_describe(value)}", _where(path))


_AT = re.compile(r" - at `\$(?P<path>[^`]*)`$")
_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]|\[([^\]]+)\]")


def _msgspec_message(exc: msgspec.ValidationError) -> str:
    return _AT.sub("", str(exc))


def _msgspec_path(exc: msgspec.ValidationError) -> DataPath:
    """The path msgspec's message names (`$.pages[0].frames`)."""
    match = _AT.search(str(exc))
    if match is None:
        return ()
    out: list[str | int] = []
    for name, index, key in _STEP.findall(match["path"]):
        out.append(name or (int(index) if index else key.strip("'\"")))
    return tuple(out)


# -- problems to diagnostics --------------------------------------------------------------


def _diagnostics(doc: SourceDoc, model: Any, exc: msgspec.ValidationError) -> list[Diagnostic]:
    problems = [p for p in check(doc.data, model) if not _under(doc, p.path)]
    if not problems and not doc.problems:  # msgspec and the walk disagree: report msgspec's word
        path = _msgspec_path(exc)
        problems = [Problem(path, "value", _msgspec_message(exc), _where(path, model))]
    missing: dict[DataPath, list[str]] = {}
    for problem in problems:
        if problem.kind == "missing":
            missing.setdefault(problem.path[:-1], []).append(str(problem.path[-1]))
    result = [_missing(doc, parent, names) for parent, names in missing.items()]
    for problem in problems:
        if problem.kind != "missing":
            hints = problem.hints if problem.path else _where((), model)
            result.append(Diagnostic(doc.span(problem.path, key=problem.key), problem.message, hints))
    return list(dict.fromkeys(result))


def _under(doc: SourceDoc, path: DataPath) -> bool:
    """True for problems about a value the YAML reader already rejected (a tag, a long text)."""
    return any(path[: len(bad)] == bad for bad in doc.rejected)


def _missing(doc: SourceDoc, parent: DataPath, names: list[str]) -> Diagnostic:
    span = doc.span(parent, key=True)
    if len(names) == 1:
        return Diagnostic(span, f"missing required key '{names[0]}'", (f"add '{names[0]}:' here",))
    listed = ", ".join(f"'{n}'" for n in names)
    return Diagnostic(span, f"missing required keys {listed}", ("add them here; see the JSON Schema",))


def _where(path: DataPath, model: Any = None) -> tuple[str, ...]:
    if path:
        return (f"at '{_dotted(path)}'",)
    kind = model.__name__.lower() if model else "file"
    return (f"a {kind} file is a mapping of keys; see `zjlab-reports schema {kind}`",)


def _dotted(path: DataPath) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _allowed_hint(allowed: list[str]) -> tuple[str, ...]:
    return (f"allowed keys: {', '.join(sorted(allowed))}",) if allowed else ()
