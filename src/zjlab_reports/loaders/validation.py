"""Schema checking: a `SourceDoc` and a pydantic model class in, a typed model or diagnostics out.

pydantic reports each error with a `loc` path; the `SourceDoc` knows where each path stands in
the file. Joining them gives `file:line:col: message` with a hint, for every error at once.
"""

from __future__ import annotations

from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic, DiagnosticError, did_you_mean
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
    try:
        result = model.model_validate(doc.data, context={"source": doc})
    except ValidationError as exc:
        raise DiagnosticError(doc.problems + _diagnostics(doc, model, exc)) from None
    if doc.problems:
        raise DiagnosticError(doc.problems)
    return result


def _diagnostics(doc: SourceDoc, model: type[BaseModel], exc: ValidationError) -> list[Diagnostic]:
    seen: set[tuple[str, str]] = set()
    result = []
    errors = exc.errors(include_url=False)
    missing: dict[DataPath, list[str]] = {}
    for error in errors:
        if error["type"] == "missing":
            path = data_path(doc.data, tuple(error["loc"]))
            missing.setdefault(path[:-1], []).append(str(path[-1]))
    result += [_missing(doc, parent, names) for parent, names in missing.items()]
    for error in errors:
        if error["type"] == "missing":
            continue
        diagnostic = _one(doc, model, error)
        key = (str(diagnostic.span), diagnostic.message)
        if key not in seen:
            seen.add(key)
            result.append(diagnostic)
    return result


def _missing(doc: SourceDoc, parent: DataPath, names: list[str]) -> Diagnostic:
    span = doc.span(parent, key=True)
    if len(names) == 1:
        return Diagnostic(span, f"missing required key '{names[0]}'", (f"add '{names[0]}:' here",))
    listed = ", ".join(f"'{n}'" for n in names)
    return Diagnostic(span, f"missing required keys {listed}", ("add them here; see the JSON Schema",))


def _one(doc: SourceDoc, model: type[BaseModel], error: Any) -> Diagnostic:
    path = data_path(doc.data, tuple(error["loc"]))
    kind = error["type"]
    if kind == "extra_forbidden":
        name = str(path[-1])
        allowed = _fields_at(model, doc.data, path[:-1])
        hints = did_you_mean(name, allowed) or _allowed_hint(allowed)
        return Diagnostic(doc.span(path, key=True), f"unknown key '{name}'", hints)
    if kind in _TYPE_WORDS:
        got = _describe(error.get("input"))
        return Diagnostic(doc.span(path), f"expected {_TYPE_WORDS[kind]}, got {got}", _where(path))
    if kind == "union_tag_invalid":
        ctx = error.get("ctx", {})
        tag = ctx.get("tag", "")
        choices = [c.strip(" '") for c in str(ctx.get("expected_tags", "")).split(",")]
        hints = did_you_mean(str(tag), choices) or (f"one of: {', '.join(choices)}",)
        return Diagnostic(doc.span(path), f"unknown type '{tag}'", hints)
    message = str(error["msg"])
    message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if HINT_SEPARATOR in message:
        text, hint = message.split(HINT_SEPARATOR, 1)
        return Diagnostic(doc.span(path), text, (hint,))
    return Diagnostic(doc.span(path), message, _where(path))


def _where(path: DataPath) -> tuple[str, ...]:
    return (f"at '{_dotted(path)}'",) if path else ()


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


def data_path(data: Any, loc: tuple[Any, ...]) -> DataPath:
    """Map pydantic's `loc` to a path in the data, skipping union tags pydantic inserts."""
    out: list[str | int] = []
    node = data
    for step in loc:
        if _has_child(node, step):
            out.append(step)
            node = node[step]
        elif isinstance(node, dict) and isinstance(step, str) and step == loc[-1]:
            out.append(step)  # a missing or unknown key: the last step
            node = None
        # any other step is a union member name or tag: not a place in the data
    return tuple(out)


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
