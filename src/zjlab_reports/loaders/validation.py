"""Schema checking: a `SourceDoc` and a pydantic model class in, a typed model or diagnostics out.

pydantic reports each error with a `loc` path; the `SourceDoc` knows where each path stands in
the file. Joining them gives `file:line:col: message` with a hint, for every error at once.
"""

from __future__ import annotations

from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic, DiagnosticError, did_you_mean
from ..model.stored import ready
from .yaml_source import DataPath, SourceDoc

__all__ = ["HINT_SEPARATOR", "validate"]

#: A model validator may raise `ValueError(f"message{HINT_SEPARATOR}hint")` to carry a hint.
HINT_SEPARATOR = " || hint: "

M = TypeVar("M", bound=BaseModel)

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "list_type": "a list",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
}


def validate(doc: SourceDoc, model: type[M]) -> M:
    """Validate `doc.data` against `model`; raise `DiagnosticError` with every problem.

    Problems the YAML reader left in `doc.problems` are reported along with schema errors.
    """
    ready(model)
    try:
        result = model.model_validate(doc.data, context={"source": doc})
    except ValidationError as exc:
        raise DiagnosticError(doc.problems + _diagnostics(doc, model, exc)) from None
    if doc.problems:
        raise DiagnosticError(doc.problems)
    return result


def _diagnostics(doc: SourceDoc, model: type[BaseModel], exc: ValidationError) -> list[Diagnostic]:
    errors = [e for e in exc.errors(include_url=False) if not _under(doc, e)]
    errors = _one_branch_per_value(doc, errors)
    missing: dict[DataPath, list[str]] = {}
    for error in errors:
        if error["type"] == "missing":
            path = data_path(doc.data, tuple(error["loc"]), error["type"])
            missing.setdefault(path[:-1], []).append(str(path[-1]))
    result = [_missing(doc, parent, names) for parent, names in missing.items()]
    result += [_one(doc, model, e) for e in errors if e["type"] != "missing"]
    return list(dict.fromkeys(result))


def _under(doc: SourceDoc, error: Any) -> bool:
    """True for errors about a value the YAML reader already rejected (a tag, a long text)."""
    path = data_path(doc.data, tuple(error["loc"]), error["type"])
    return any(path[: len(bad)] == bad for bad in doc.rejected)


_SHAPE_ERRORS = frozenset({"string_type", "model_type", "model_attributes_type", "dict_type", "list_type"})


def _one_branch_per_value(doc: SourceDoc, errors: list[Any]) -> list[Any]:
    """For a value that matches no member of a union, keep the errors of the member whose
    shape fits the value (a text for `Literal`, a mapping for a model), not every member's: a
    number for `height: auto | <millimetres>` is judged as a length."""
    paths = [data_path(doc.data, tuple(e["loc"]), e["type"]) for e in errors]
    kept = []
    for error, path in zip(errors, paths, strict=True):
        others = [p for p, e in zip(paths, errors, strict=True) if e is not error and p[: len(path)] == path]
        wrong_shape = error["type"] in _SHAPE_ERRORS or (
            error["type"] == "literal_error" and not isinstance(error.get("input"), str)
        )
        if wrong_shape and others:
            continue
        kept.append(error)
    return kept


def _missing(doc: SourceDoc, parent: DataPath, names: list[str]) -> Diagnostic:
    span = doc.span(parent, key=True)
    if len(names) == 1:
        return Diagnostic(span, f"missing required key '{names[0]}'", (f"add '{names[0]}:' here",))
    listed = ", ".join(f"'{n}'" for n in names)
    return Diagnostic(span, f"missing required keys {listed}", ("add them here; see the JSON Schema",))


def _one(doc: SourceDoc, model: type[BaseModel], error: Any) -> Diagnostic:
    path = data_path(doc.data, tuple(error["loc"]), error["type"])
    kind = error["type"]
    if kind == "extra_forbidden":
        name = str(path[-1])
        allowed = _fields_at(model, doc.data, path[:-1])
        hints = did_you_mean(name, allowed) or _allowed_hint(allowed)
        return Diagnostic(doc.span(path, key=True), f"unknown key '{name}'", hints)
    if kind in _TYPE_WORDS:
        got = _describe(error.get("input"))
        return Diagnostic(doc.span(path), f"expected {_TYPE_WORDS[kind]}, got {got}", _where(path, model))
    if kind == "union_tag_invalid":
        return _unknown_type(doc, path, error)
    special = _SPECIAL.get(kind)
    if special is not None:
        message, hints = special(error, path)
        return Diagnostic(doc.span(path), message, hints)
    message = str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if HINT_SEPARATOR in message:
        text, hint = message.split(HINT_SEPARATOR, 1)
        return Diagnostic(doc.span(path), text, (hint,))
    return Diagnostic(doc.span(path), message, _where(path, model))


def _unknown_type(doc: SourceDoc, path: DataPath, error: Any) -> Diagnostic:
    ctx = error.get("ctx", {})
    tag = ctx.get("tag", "")
    choices = [c.strip(" '") for c in str(ctx.get("expected_tags", "")).split(",")]
    hints = did_you_mean(str(tag), choices) or (f"one of: {', '.join(choices)}",)
    return Diagnostic(doc.span((*path, "type")), f"unknown type '{tag}'", hints)


def _text_length(error: Any, path: DataPath) -> tuple[str, tuple[str, ...]]:
    value = error.get("input")
    limit = error.get("ctx", {}).get("max_length", 0)
    if error["type"] == "string_too_short":
        return "text is empty", ("write the text, or remove the key if it is optional",)
    hint = "shorten the text"
    if limit < 2000:  # a profile text with a documented, shorter limit
        hint += f": {limit:,} characters is what every shipped layout holds here (README, Limits)"
    return f"text is {len(str(value)):,} characters long; the limit is {limit:,}", (hint,)


def _pattern(error: Any, path: DataPath) -> tuple[str, tuple[str, ...]]:
    value = error.get("input")
    return f"'{value}' is not a valid name here", (
        "use lower-case letters, digits and hyphens, starting with a letter (e.g. 'key-figures')",
    )


def _literal(error: Any, path: DataPath) -> tuple[str, tuple[str, ...]]:
    value = str(error.get("input"))
    expected = str(error.get("ctx", {}).get("expected", ""))
    choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",") if c.strip(" '")]
    return f"'{value}' is not one of {expected}", did_you_mean(value, choices) or (f"one of: {expected}",)


def _bad_date(error: Any, path: DataPath) -> tuple[str, tuple[str, ...]]:
    return f"'{error.get('input')}' is not a valid date", ("write a real date as YYYY-MM-DD",)


_SPECIAL = {
    "string_too_short": _text_length,
    "string_too_long": _text_length,
    "string_pattern_mismatch": _pattern,
    "literal_error": _literal,
    "date_from_datetime_inexact": _bad_date,
    "date_parsing": _bad_date,
}


def _where(path: DataPath, model: type[BaseModel] | None = None) -> tuple[str, ...]:
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


def data_path(data: Any, loc: tuple[Any, ...], kind: str = "missing") -> DataPath:
    """Map pydantic's `loc` to a path in the data, skipping union tags pydantic inserts.

    A last step that is not in the data is kept only for errors about keys (`kind` missing
    or extra_forbidden): there it names the key; elsewhere it is a union member's name.
    """
    out: list[str | int] = []
    node = data
    for step in loc:
        if _has_child(node, step):
            out.append(step)
            node = node[step]
        elif isinstance(node, dict) and isinstance(step, str) and step == loc[-1] and kind in _KEY_ERRORS:
            out.append(step)  # a missing or unknown key: the last step
            node = None
        # any other step is a union member name or tag: not a place in the data
    return tuple(out)


_KEY_ERRORS = frozenset({"missing", "extra_forbidden"})


def _has_child(node: Any, step: Any) -> bool:
    if isinstance(node, list):
        return isinstance(step, int) and 0 <= step < len(node)
    return isinstance(node, dict) and isinstance(step, str) and step in node


def _fields_at(model: type[BaseModel], data: Any, path: DataPath) -> list[str]:
    """The keys allowed in the mapping at `path` (for "did you mean" hints)."""
    current: Any = model
    node = data
    for step in path:
        node = node[step] if _has_child(node, step) else None
        current = _step(current, step, node)
        if current is None:
            return []
    current = _pick_model(current, node)
    return _model_keys(current) if current is not None else []


def _model_keys(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def _step(current: Any, step: str | int, node: Any) -> Any:
    current = _pick_model(current, node)
    if isinstance(step, int):
        args = get_args(current)
        return args[0] if args else None
    if isinstance(current, type) and issubclass(current, BaseModel):
        for name, field in current.model_fields.items():
            if step in (name, field.alias):
                return field.annotation
        return None
    if get_origin(current) is dict:
        return get_args(current)[1]
    return None


def _pick_model(annotation: Any, node: Any) -> Any:
    """Resolve Optional/Union/Annotated to the model class that `node` (a dict) fits."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    args = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) in (list, tuple):
        return annotation
    if get_origin(annotation) is dict:
        return annotation
    candidates = []
    for arg in args:
        picked = _pick_model(arg, node)
        is_model = isinstance(picked, type) and issubclass(picked, BaseModel)
        if is_model or (picked is not None and get_origin(picked) in (list, dict, tuple)):
            candidates.append(picked)
    if not candidates:
        return None
    tag = node.get("type") if isinstance(node, dict) else None
    for cand in candidates:
        if isinstance(cand, type) and tag is not None and _literal_tag(cand) == tag:
            return cand
    return candidates[0]


def _literal_tag(model: type[BaseModel]) -> Any:
    field = model.model_fields.get("type")
    if field is None:
        return None
    args = get_args(field.annotation)
    return args[0] if args else None
