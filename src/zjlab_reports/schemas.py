"""JSON Schemas: a file kind in, the JSON Schema editors use to check and complete it out."""

from __future__ import annotations

from typing import Any

import msgspec

from .model.common import declared_choices
from .model.layout import Layout
from .model.profile import Profile
from .model.theme import Theme

__all__ = ["MODELS", "schema_for"]

MODELS: dict[str, type[msgspec.Struct]] = {"profile": Profile, "layout": Layout, "theme": Theme}


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a profile, layout or theme file: msgspec's, with the
    file's own model at the top (editors show its title and description for the file)."""
    model = MODELS[kind]
    generated = _in_declared_order(msgspec.json.schema(model), declared_choices(model))
    definitions = generated["$defs"]
    root = definitions.pop(model.__name__)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://zhejianglab.example/zjlab-reports/{kind}.schema.json",
        **root,
    }
    if definitions:
        schema["$defs"] = definitions
    return schema


def _in_declared_order(node: Any, choices: dict[frozenset[Any], tuple[Any, ...]]) -> Any:
    """`node` with each `enum` in the order its model declares it (msgspec sorts them)."""
    if isinstance(node, dict):
        out = {key: _in_declared_order(value, choices) for key, value in node.items()}
        if isinstance(out.get("enum"), list):
            out["enum"] = list(choices.get(frozenset(out["enum"]), out["enum"]))
        return out
    if isinstance(node, list):
        return [_in_declared_order(item, choices) for item in node]
    return node
