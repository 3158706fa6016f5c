"""The binding context: what turning one layout's blocks into nodes needs, and where a block is.

`Ctx` holds the binder (profile templates), the theme and its components for the document
kind, the layout's source (for diagnostics) and the problems found so far. `Where` says where
a block stands: its path in the layout, its frame, and the key of its structure groups.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from msgspec.structs import replace

from ...diagnostics import Diagnostic, did_you_mean
from ...document import Color
from ...loaders.theme import LoadedTheme
from ...loaders.yaml_doc import DataPath, SourceDoc
from ...model.theme import Components
from ...records import Immutable, set_field
from ..bind import Binder, Bound
from ..geometry import MM

__all__ = ["Ctx", "Where", "cased", "field_of", "leading_of"]


class Ctx:
    """Everything a block needs to bind itself in one document (one language, one kind).

    Compared by identity. A plain class, not a dataclass: making a dataclass generates and
    compiles its methods at every start."""

    binder: Binder
    theme: LoadedTheme
    layout: SourceDoc
    lang: str
    kind: str
    root: Path
    text_scale: float
    problems: list[Diagnostic]
    #: The level of the last heading bound, in reading order (0: none yet).
    levels: list[int]

    def __init__(
        self,
        binder: Binder,
        theme: LoadedTheme,
        layout: SourceDoc,
        lang: str,
        kind: str,
        root: Path,
        text_scale: float = 1.0,
        problems: list[Diagnostic] | None = None,
        levels: list[int] | None = None,
    ) -> None:
        self.binder, self.theme, self.layout, self.lang, self.kind = binder, theme, layout, lang, kind
        self.root, self.text_scale = root, text_scale
        self.problems = [] if problems is None else problems
        self.levels = [0] if levels is None else levels

    def __repr__(self) -> str:
        return f"Ctx(lang={self.lang!r}, kind={self.kind!r}, root={self.root!r})"

    def with_binder(self, binder: Binder) -> Ctx:
        """This context binding with `binder` (the same theme, problems and heading levels)."""
        return Ctx(
            binder,
            self.theme,
            self.layout,
            self.lang,
            self.kind,
            self.root,
            self.text_scale,
            self.problems,
            self.levels,
        )

    @functools.cached_property
    def look(self) -> Components:
        """The theme's components for this kind of document (looked up once per context)."""
        return getattr(self.theme.theme.components, self.kind)

    def color(self, name: str | None, at: DataPath, default: str) -> Color:
        """A theme colour by name or hex; an unknown name is a diagnostic at `at`."""
        ref = name or default
        found = self.theme.color(ref)
        if found is None:
            self.problems.append(
                Diagnostic(
                    self.layout.span(at), f"unknown colour '{ref}'", did_you_mean(ref, self.theme.colors)
                )
            )
            return Color(0, 0, 0)
        return found

    def role(self, name: str, at: DataPath) -> str:
        """`name` if the theme has that text role (a diagnostic if it is set smaller than the
        theme's `min-size` for the document kind); else a diagnostic and the first role."""
        roles = self.theme.theme.typography.roles
        if name in roles:
            size = roles[name].size * self.text_scale
            if size < self.look.min_size - 0.01:
                self.problems.append(
                    Diagnostic(
                        self.layout.span(at),
                        f"text style '{name}' is {size:g} pt here, smaller than the theme's "
                        f"min-size for a {self.kind} ({self.look.min_size:g} pt)",
                        (f"use a larger style, or lower 'components: {self.kind}: min-size' in the theme",),
                    )
                )
            return name
        self.problems.append(
            Diagnostic(
                self.layout.span(at),
                f"unknown text style '{name}'",
                did_you_mean(name, roles) or (f"styles: {', '.join(roles)}",),
            )
        )
        return next(iter(roles))

    def mm(self, value: float) -> float:
        return value * MM


class Where(Immutable):
    """A block's place: `at` its path in the layout, in frame `frame` (whose role is `role`);
    `key` names its structure groups (unique in the document). Immutable, compared by
    identity (a frozen dataclass with `eq=False`, written out: see `Ctx`)."""

    __slots__ = ("at", "frame", "key", "role")

    at: DataPath
    frame: str
    role: str | None
    key: str

    def __init__(self, at: DataPath, frame: str, role: str | None, key: str) -> None:
        set_field(self, "at", at)
        set_field(self, "frame", frame)
        set_field(self, "role", role)
        set_field(self, "key", key)

    def __repr__(self) -> str:
        return f"Where(at={self.at!r}, frame={self.frame!r}, role={self.role!r}, key={self.key!r})"

    def block(self, index: int) -> Where:
        """The place of this frame's block number `index`."""
        return Where((*self.at, "blocks", index), self.frame, self.role, f"{self.key}/{index}")


def cased(bound: Bound, block: Any) -> Bound:
    """`bound` with the block's letter case applied (`upper`, or `sentence`: a capital first)."""
    case = field_of(block, "case")
    if case == "upper":
        return replace(bound, text=bound.text.upper())
    if case == "sentence" and bound.text:
        return replace(bound, text=bound.text[0].upper() + bound.text[1:])
    return bound


def field_of(block: Any, name: str) -> Any:
    """`getattr(block, name, None)`, without asking a block for an attribute its type cannot
    have (an `AttributeError` raised and caught, for every block of every document). Layout
    blocks forbid extra fields, so their fields and class attributes are all."""
    key = (type(block), name)
    found = _MAY_HAVE.get(key)
    if found is None:
        cls = type(block)
        fields = getattr(cls, "__struct_fields__", None)
        found = _MAY_HAVE[key] = fields is None or name in fields or hasattr(cls, name)
    return getattr(block, name, None) if found else None


#: Per type of block and attribute name: whether the block may have it (bounded by the block
#: types of the layout model and the few names asked).
_MAY_HAVE: dict[tuple[type, str], bool] = {}


def leading_of(ctx: Ctx, role: str) -> float:
    """The leading of `role` at full size, in points (for gaps measured in leadings)."""
    spec = ctx.theme.theme.typography.roles[role]
    ratio = spec.leading_zh if (ctx.lang == "zh" and spec.leading_zh) else spec.leading
    return spec.size * ctx.text_scale * ratio
