"""Shared model pieces: closed models, bilingual text, languages, and field lookup by path.

In: nothing (definitions). Out: `Closed`, `Text`, `Lang`, `LANGS`, `FieldProblem`, `lookup`,
`LookupFailed`.

The models are msgspec `Struct`s: their classes cost microseconds to create and msgspec checks
and builds a whole file's model in C (`msgspec.convert`), so a command that loads a profile, a
layout and a theme pays about a millisecond for it. Constraints msgspec knows (lengths,
bounds, patterns, literals) are `Meta` annotations; the rest are `__post_init__` checks that
raise `ValueError` (a `FieldProblem` when the problem is one field's). `loaders/validation.py`
turns all of them into diagnostics at the file's lines.
"""

# Annotations are evaluated when the class is made (no `from __future__ import annotations`):
# msgspec and the validation walker read them as objects.
from typing import Annotated, Any, ClassVar, Literal, get_args, get_origin, get_type_hints

from msgspec import Meta, Struct
from msgspec.structs import force_setattr

__all__ = [
    "LANGS",
    "Closed",
    "FieldProblem",
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

#: An identifier: lower-case words joined by hyphens or underscores.
Name = Annotated[str, Meta(pattern=r"^[a-z][a-z0-9_-]{0,63}$")]


class Closed(Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A model that rejects unknown keys and cannot be changed after loading.

    Subclasses say `kw_only=True` again (msgspec does not inherit it): fields are given by
    name, so a required field may follow one with a default.
    """


class FieldProblem(ValueError):
    """A `__post_init__` check failed for one field (`field`: its attribute name); `hint`
    says how to mend it."""

    def __init__(self, field: str, message: str, hint: str | None = None):
        super().__init__(message)
        self.field, self.message, self.hint = field, message, hint


class Text(Closed, frozen=True, kw_only=True):
    """A human-language text in English and Simplified Chinese, side by side.

    Each is trimmed of surrounding white space and then must hold 1 to `limits` characters.
    """

    #: Most characters (English, Chinese) after trimming.
    limits: ClassVar[tuple[int, int]] = (2000, 2000)

    en: Annotated[str, Meta(description="English", extra_json_schema={"minLength": 1, "maxLength": 2000})]
    zh: Annotated[
        str,
        Meta(
            description="Simplified Chinese (简体中文)", extra_json_schema={"minLength": 1, "maxLength": 2000}
        ),
    ]

    def __post_init__(self) -> None:
        for lang, limit in zip(LANGS, self.limits, strict=True):
            value = getattr(self, lang)
            trimmed = value.strip()
            if len(trimmed) != len(value):
                force_setattr(self, lang, trimmed)
            if not trimmed:
                raise FieldProblem(
                    lang, "text is empty", "write the text, or remove the key if it is optional"
                )
            if len(trimmed) > limit:
                hint = "shorten the text"
                if limit < 2000:  # a profile text with a documented, shorter limit
                    hint += f": {limit:,} characters is what every shipped layout holds here (README, Limits)"
                raise FieldProblem(
                    lang, f"text is {len(trimmed):,} characters long; the limit is {limit:,}", hint
                )

    def __getitem__(self, lang: str) -> str:
        return str(getattr(self, lang))


def _limit(lang: str, most: int) -> Meta:
    """The schema of a text of at most `most` characters (`Text.__post_init__` checks it,
    after trimming)."""
    return Meta(
        description=f"{lang}, at most {most} characters",
        extra_json_schema={"minLength": 1, "maxLength": most},
    )


# Shorter texts, for what the shipped layouts set in fixed places or narrow columns: at most
# so many characters in English and half as many in Chinese (a Chinese character is about
# twice as wide). Every shipped layout holds any text within these limits (tests/compose/
# test_counts.py checks the worst case); the README's limits table lists them.
_EN60 = Annotated[str, _limit("English", 60)]
_ZH30 = Annotated[str, _limit("Simplified Chinese", 30)]
_EN80 = Annotated[str, _limit("English", 80)]
_ZH40 = Annotated[str, _limit("Simplified Chinese", 40)]
_EN200 = Annotated[str, _limit("English", 200)]
_ZH100 = Annotated[str, _limit("Simplified Chinese", 100)]
_EN300 = Annotated[str, _limit("English", 300)]
_ZH150 = Annotated[str, _limit("Simplified Chinese", 150)]


class Label(Text, frozen=True, kw_only=True):
    """A label: at most 60 characters (Chinese 30), e.g. a key figure's label, a city."""

    limits: ClassVar[tuple[int, int]] = (60, 30)
    en: _EN60
    zh: _ZH30


class Title(Text, frozen=True, kw_only=True):
    """A title or a name: at most 80 characters (Chinese 40)."""

    limits: ClassVar[tuple[int, int]] = (80, 40)
    en: _EN80
    zh: _ZH40


class Phrase(Text, frozen=True, kw_only=True):
    """A phrase: at most 200 characters (Chinese 100)."""

    limits: ClassVar[tuple[int, int]] = (200, 100)
    en: _EN200
    zh: _ZH100


class Sentence(Text, frozen=True, kw_only=True):
    """A sentence or two: at most 300 characters (Chinese 150)."""

    limits: ClassVar[tuple[int, int]] = (300, 150)
    en: _EN300
    zh: _ZH150


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
    if isinstance(node, Struct):
        fields = node.__struct_fields__
        if step in fields:
            return getattr(node, step)
        raise LookupFailed(dotted, step, list(fields))
    raise LookupFailed(dotted, step, [])


def declared_choices(model: type) -> dict[frozenset[Any], tuple[Any, ...]]:
    """The values of every `Literal` under `model`, in the order the model declares them,
    keyed by the set of values (msgspec's schema and type information sort them; people read
    `top`, `middle`, `bottom` better in that order)."""
    found: dict[frozenset[Any], tuple[Any, ...]] = {}
    seen: set[Any] = set()

    def visit(kind: Any) -> None:
        if kind in seen:
            return
        seen.add(kind)
        if get_origin(kind) is Literal:
            found.setdefault(frozenset(get_args(kind)), get_args(kind))
        for arg in get_args(kind):
            if not isinstance(arg, Meta):
                visit(arg)
        if isinstance(kind, type) and issubclass(kind, Struct):
            for hint in get_type_hints(kind, include_extras=True).values():
                visit(hint)

    visit(model)
    return found
