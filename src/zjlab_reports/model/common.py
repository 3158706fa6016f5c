"""Shared model pieces: closed models, bilingual text, languages, and field lookup by path.

In: nothing (definitions). Out: `Closed`, `Text`, `Lang`, `LANGS`, `lookup`, `LookupFailed`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

__all__ = ["LANGS", "Closed", "Lang", "LookupFailed", "Name", "Text", "lookup"]

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")

#: A short human-language string: trimmed, not empty, at most 2,000 characters.
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
#: An identifier: lower-case words joined by hyphens or underscores.
Name = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,63}$")]


class Closed(BaseModel):
    """A model that rejects unknown keys and cannot be changed after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Text(Closed):
    """A human-language text in English and Simplified Chinese, side by side."""

    en: Line = Field(description="English")
    zh: Line = Field(description="Simplified Chinese (简体中文)")

    def __getitem__(self, lang: str) -> str:
        return str(getattr(self, lang))


class LookupFailed(LookupError):
    """`lookup` found no field at the `failed` step of the path; `choices` are what exists there."""

    def __init__(self, path: str, failed: str, choices: list[str]):
        super().__init__(f"no field '{failed}' in '{path}'")
        self.path, self.failed, self.choices = path, failed, choices


def lookup(root: Any, dotted: str) -> Any:
    """The value at `dotted` (`facts.staff`, `focus_areas.0.name`) under `root`.

    Raises `LookupFailed` naming the first step that does not exist.
    """
    node = root
    for step in dotted.split("."):
        node = _child(node, step, dotted)
    return node


def _child(node: Any, step: str, dotted: str) -> Any:
    if isinstance(node, dict):
        if step in node:
            return node[step]
        raise LookupFailed(dotted, step, [str(k) for k in node])
    if isinstance(node, (list, tuple)):
        if step.isdigit() and int(step) < len(node):
            return node[int(step)]
        raise LookupFailed(dotted, step, [str(i) for i in range(len(node))])
    if isinstance(node, BaseModel):
        fields = type(node).model_fields
        if step in fields:
            return getattr(node, step)
        raise LookupFailed(dotted, step, list(fields))
    raise LookupFailed(dotted, step, [])
