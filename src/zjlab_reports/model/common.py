"""Shared model pieces: closed models, bilingual text, languages, and field lookup by path.

In: nothing (definitions). Out: `Closed`, `Text`, `Lang`, `LANGS`, `lookup`, `LookupFailed`.
"""

# No `from __future__ import annotations` here: pydantic would compile and evaluate each
# field's annotation string again for every class that has the field (start-up time).
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

__all__ = [
    "LANGS",
    "Closed",
    "Label",
    "Lang",
    "LookupFailed",
    "Name",
    "Phrase",
    "Sentence",
    "Text",
    "Title",
    "lookup",
]

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")

#: A short human-language string: trimmed, not empty, at most 2,000 characters.
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
#: An identifier: lower-case words joined by hyphens or underscores.
Name = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,63}$")]


class Closed(BaseModel):
    """A model that rejects unknown keys and cannot be changed after loading."""

    #: `defer_build`: a model's validator is built the first time it validates, not when its
    #: class is created, so a command pays only for the models it loads (start-up time).
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Text(Closed):
    """A human-language text in English and Simplified Chinese, side by side."""

    en: Line = Field(description="English")
    zh: Line = Field(description="Simplified Chinese (简体中文)")

    def __getitem__(self, lang: str) -> str:
        return str(getattr(self, lang))


# Shorter texts, for what the shipped layouts set in fixed places or narrow columns: at most
# so many characters in English and half as many in Chinese (a Chinese character is about
# twice as wide). Every shipped layout holds any text within these limits (tests/compose/
# test_counts.py checks the worst case); the README's limits table lists them.
_EN60 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
_ZH30 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30)]
_EN80 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
_ZH40 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
_EN200 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
_ZH100 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
_EN300 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
_ZH150 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=150)]


class Label(Text):
    """A label: at most 60 characters (Chinese 30), e.g. a key figure's label, a city."""

    en: _EN60 = Field(description="English, at most 60 characters")
    zh: _ZH30 = Field(description="Simplified Chinese, at most 30 characters")


class Title(Text):
    """A title or a name: at most 80 characters (Chinese 40)."""

    en: _EN80 = Field(description="English, at most 80 characters")
    zh: _ZH40 = Field(description="Simplified Chinese, at most 40 characters")


class Phrase(Text):
    """A phrase: at most 200 characters (Chinese 100)."""

    en: _EN200 = Field(description="English, at most 200 characters")
    zh: _ZH100 = Field(description="Simplified Chinese, at most 100 characters")


class Sentence(Text):
    """A sentence or two: at most 300 characters (Chinese 150)."""

    en: _EN300 = Field(description="English, at most 300 characters")
    zh: _ZH150 = Field(description="Simplified Chinese, at most 150 characters")


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
