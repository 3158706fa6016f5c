"""Stored validators: a top-level model class in; the class ready to validate, its schema read from disk, out.

pydantic builds a model's validator on first use (`defer_build`) by generating its core schema
in Python: ~25 ms for `Layout`, `Theme` and `Profile` in every process. The schema is plain
data apart from references to our model classes, their validator functions and their default
`Text`s, so the first process stores it in the cache folder (`validators/`) as JSON, those
references written as names, and later processes give the class a validator built from it by
pydantic-core (~1 ms).

No pickle: a stored schema is data. A reference resolves only to a class of `zjlab_reports.model`
or an attribute of one; anything else in a schema (a new kind of default, say) makes `store`
store nothing, and the class is built the usual way. A record is named by the digest of what
determines the schema (the model sources, pydantic's and Python's versions, this module) and
carries the digest of its bytes; a record that fails either check is not used.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

__all__ = ["ready"]

_MODULE_PREFIX = "zjlab_reports.model."
_FOLDER = "validators"
_READY: set[type[BaseModel]] = set()


class _Foreign(Exception):
    """A schema holds something a record cannot name."""


def ready(model: type[BaseModel]) -> None:
    """Make `model` (a top-level model: Layout, Theme, Profile) ready to validate, from its
    stored schema when there is a good one, else by pydantic (and store the schema)."""
    if model in _READY or model.__pydantic_complete__:
        return
    _READY.add(model)
    try:
        root = _cache_root()
        record = root / _FOLDER / f"{model.__module__}.{model.__qualname__}.{_recipe()}.json"
        if _install(model, record):
            return
        model.model_rebuild()
        _store(record, model.__pydantic_core_schema__)
    except OSError:
        model.model_rebuild()


def _install(model: type[BaseModel], record: Path) -> bool:
    try:
        data = record.read_bytes()
    except OSError:
        return False
    body, _, check = data.rpartition(b"\n")
    if hashlib.sha256(body).hexdigest().encode() != check:
        return False
    try:
        schema = json.loads(body, object_hook=_decoded)
    except (ValueError, _Foreign, AttributeError, ImportError, TypeError, KeyError):
        return False
    return _complete(model, schema)


def _complete(model: type[BaseModel], schema: Any) -> bool:
    """What pydantic's `complete_model_class` does after generating the schema."""
    from pydantic._internal._config import ConfigWrapper
    from pydantic_core import SchemaSerializer, SchemaValidator

    inner = schema.get("schema", {}) if schema.get("type") == "definitions" else schema
    if inner.get("cls") is not model or not model.__pydantic_fields_complete__:
        return False
    config = ConfigWrapper(model.model_config, check=False).core_config(title=model.__name__)
    model.__pydantic_core_schema__ = schema
    model.__pydantic_validator__ = SchemaValidator(schema, config)
    model.__pydantic_serializer__ = SchemaSerializer(schema, config)
    model.__pydantic_computed_fields__ = {}
    model.__pydantic_complete__ = True
    return True


def _store(record: Path, schema: Any) -> None:
    try:
        body = json.dumps(_encode(schema), ensure_ascii=False, separators=(",", ":"))
    except _Foreign:
        return
    data = body.encode("utf-8")
    record.parent.mkdir(parents=True, exist_ok=True)
    temporary = record.with_name(f".{record.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data + b"\n" + hashlib.sha256(data).hexdigest().encode())
        os.replace(temporary, record)
    finally:
        temporary.unlink(missing_ok=True)
    model = record.name.rsplit(".", 2)[0]
    for old in record.parent.glob(f"{model}.*.json"):  # made by other versions of the code
        if old != record and old.name.rsplit(".", 2)[0] == model:
            old.unlink(missing_ok=True)


def _encode(value: Any) -> Any:
    """JSON for a core schema: containers and scalars as they are, references as names."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise _Foreign(value)
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, tuple):
        return {"$tuple": [_encode(item) for item in value]}
    return {"$ref": _name(value)}


def _name(value: Any) -> list[str]:
    """[module, attribute path] of a model class, a function or method of one, or a default."""
    if (
        isinstance(value, type)
        and issubclass(value, BaseModel)
        and value.__module__.startswith(_MODULE_PREFIX)
    ):
        return ["class", value.__module__, value.__qualname__]
    if value in (list, dict):
        return ["builtin", value.__name__]
    owner = getattr(value, "__self__", None)
    if isinstance(owner, type) and _resolve(_name(owner)) is owner:  # a classmethod, bound
        return ["method", *_name(owner)[1:], value.__name__]
    qualname = getattr(value, "__qualname__", "")
    module = getattr(value, "__module__", "")
    if callable(value) and module.startswith(_MODULE_PREFIX) and _attribute(module, qualname) is value:
        return ["function", module, qualname]
    if isinstance(value, BaseModel) and _name(type(value)):
        return ["model", *_name(type(value))[1:], json.dumps(value.model_dump(mode="json"))]
    raise _Foreign(value)


def _decoded(value: dict[str, Any]) -> Any:
    """`json.loads`'s hook: each mapping, its items already decoded, back to what it names."""
    if len(value) == 1 and "$tuple" in value:
        return tuple(value["$tuple"])
    if len(value) == 1 and "$ref" in value:
        return _resolve(value["$ref"])
    return value


def _resolve(name: list[str]) -> Any:
    kind, *rest = name
    if kind == "builtin" and rest in (["list"], ["dict"]):
        return {"list": list, "dict": dict}[rest[0]]
    if kind in ("class", "function") and len(rest) == 2:
        return _attribute(*rest)
    if kind == "method" and len(rest) == 3:
        return getattr(_attribute(rest[0], rest[1]), rest[2])
    if kind == "model" and len(rest) == 3:
        cls = _attribute(rest[0], rest[1])
        if isinstance(cls, type) and issubclass(cls, BaseModel):
            return cls.model_construct(**json.loads(rest[2]))
    raise _Foreign(name)


def _attribute(module: str, qualname: str) -> Any:
    if not module.startswith(_MODULE_PREFIX):
        raise _Foreign(module)
    value: Any = importlib.import_module(module)
    for step in qualname.split("."):
        value = getattr(value, step)
    return value


@cache
def _recipe() -> str:
    """The digest of what a schema is made from: the model sources, the versions of pydantic,
    pydantic-core and Python, and this module (which writes and reads the records).

    Once per process (one value): the classes a process validates with are the sources it
    imported, whatever happens to the files later."""
    from pydantic.version import VERSION as PYDANTIC
    from pydantic_core import __version__ as CORE

    sha = hashlib.sha256(f"{PYDANTIC} {CORE} {sys.version}".encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        sha.update(path.name.encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()[:32]


def _cache_root() -> Path:
    from ..fonts._cache import default_cache_dir

    return Path(os.path.abspath(default_cache_dir()))
