"""JSON Schemas: a file kind in, the JSON Schema editors use to check and complete it out."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .model.layout import Layout
from .model.profile import Profile
from .model.theme import Theme

__all__ = ["MODELS", "schema_for"]

MODELS: dict[str, type[BaseModel]] = {"profile": Profile, "layout": Layout, "theme": Theme}


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a profile, layout or theme file."""
    schema = MODELS[kind].model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://zhejianglab.example/zjlab-reports/{kind}.schema.json"
    return schema
