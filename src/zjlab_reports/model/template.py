"""Template syntax: a text with `{references}` in, a tree of literal text, references and groups out.

    {path}                  a profile field; a list is joined the language's way (A, B, and C)
    {path|or}               a list joined with "or" (`and`, the default; `comma`: no conjunction)
    {path: item template}   each item of a list set by the item template, then joined
    {.}                     inside an item template: the item itself
    [words {field}]         an optional group: left out when a field directly in it is empty
    \\{ \\} \\[ \\] \\\\          a literal brace, bracket or backslash

Layout texts are read strictly: a stray brace or bracket is an error. Profile texts are read
leniently, as people write prose: a `{` that opens no well-formed reference, a `[...]` that
holds no reference, and a lone `}` or `]` are plain text there. Parsing knows nothing of the profile; compose
(`compose/bind.py`) looks the paths up and formats the values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from msgspec import Struct

__all__ = [
    "LIST_STYLES",
    "Group",
    "Node",
    "Ref",
    "TemplateSyntaxError",
    "parse_template",
    "refs_in",
]

#: List styles a reference may ask for, and the CLDR list pattern type each one uses.
LIST_STYLES = {"and": "standard", "or": "or", "comma": "standard-narrow"}

_PATH = re.compile(r"\.|[A-Za-z_][A-Za-z0-9_.-]*")
_STYLE = re.compile(r"[A-Za-z-]*")
_ESCAPABLE = "{}[]\\"
#: A run of characters that are text in any mode (none of them opens, closes or escapes).
_PLAIN = re.compile(r"[^{}\[\]\\]+")
_SHOWN = 40  # characters of a template quoted in a message


class Ref(Struct, frozen=True):
    """`{path}`, `{path|style}` or `{path|style: item template}`; `text` is how it was written."""

    path: str
    style: str
    item: tuple[Node, ...] | None
    text: str


class Group(Struct, frozen=True):
    """`[...]`: its parts are left out together when a reference directly in it is empty."""

    parts: tuple[Node, ...]
    text: str


Node = str | Ref | Group


class TemplateSyntaxError(ValueError):
    """A template that cannot be read: what is wrong, and hints how to write it."""

    def __init__(self, message: str, hints: tuple[str, ...]):
        super().__init__(message)
        self.message, self.hints = message, hints


def parse_template(text: str, *, strict: bool = True) -> tuple[Node, ...]:
    """The parts of `text`. Raises `TemplateSyntaxError` (never in lenient mode at top level).

    Parsed once per text and mode in a process: the parts are immutable, and a batch binds the
    same layout templates for every document.
    """
    return _parsed(str(text), strict)


@lru_cache(maxsize=4096)
def _parsed(text: str, strict: bool) -> tuple[Node, ...]:
    return _Parser(text, strict).parts(stop="")


def refs_in(nodes: tuple[Node, ...]) -> list[Ref]:
    """Every reference at this level, inside groups too (not inside item templates)."""
    out: list[Ref] = []
    for node in nodes:
        if isinstance(node, Ref):
            out.append(node)
        elif isinstance(node, Group):
            out += refs_in(node.parts)
    return out


def _short(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


class _Parser:
    """A recursive-descent reader over one template string."""

    def __init__(self, text: str, strict: bool):
        self.text, self.strict, self.pos = text, strict, 0

    def parts(self, stop: str) -> tuple[Node, ...]:
        """Read up to (not over) a character in `stop`, or to the end."""
        nodes: list[Node] = []
        literal: list[str] = []
        while self.pos < len(self.text) and self.text[self.pos] not in stop:
            plain = _PLAIN.match(self.text, self.pos)
            if plain:
                literal.append(plain.group())
                self.pos = plain.end()
                continue
            node = self._one()
            if isinstance(node, str):
                literal.append(node)
                continue
            if literal:
                nodes.append("".join(literal))
                literal = []
            nodes.append(node)
        if literal:
            nodes.append("".join(literal))
        return tuple(nodes)

    def _one(self) -> Node:
        ch = self.text[self.pos]
        if ch == "\\" and self.text[self.pos + 1 : self.pos + 2] in tuple(_ESCAPABLE):
            self.pos += 2
            return self.text[self.pos - 1]
        if ch == "{":
            return self._or_text(_Parser._ref)
        if ch == "[":
            return self._or_text(_Parser._group)
        if ch in "}]" and self.strict:
            raise self._stray(ch)
        self.pos += 1
        return ch

    def _or_text(self, read: Callable[[_Parser], Node]) -> Node:
        """A reference or group; leniently, a `{` or `[` that opens none well-formed is text."""
        if self.strict:
            return read(self)
        inner = _Parser(self.text, strict=True)
        inner.pos = self.pos
        try:
            node = read(inner)
        except TemplateSyntaxError:
            self.pos += 1
            return self.text[self.pos - 1]
        self.pos = inner.pos
        return node

    def _ref(self) -> Ref:
        start = self.pos
        self.pos += 1
        path = self._match(_PATH)
        if not path:
            raise self._not_a_reference(start)
        style = "and"
        if self._peek("|"):
            self.pos += 1
            style = self._style(start)
        item = None
        if self._peek(":"):
            self.pos += 1
            while self._peek(" "):
                self.pos += 1
            item = self.parts(stop="}]")
        if not self._peek("}"):
            raise self._unclosed_ref(start)
        self.pos += 1
        return Ref(path, style, item, self.text[start : self.pos])

    def _style(self, start: int) -> str:
        style = self._match(_STYLE)
        if style not in LIST_STYLES:
            raise TemplateSyntaxError(
                f"unknown list style '{style}' in '{_short(self.text[start : self.pos])}'",
                (f"list styles: {', '.join(LIST_STYLES)} (e.g. {{focus_areas|or}})",),
            )
        return style

    def _group(self) -> Group:
        start = self.pos
        self.pos += 1
        parts = self.parts(stop="]}")
        if not self._peek("]"):
            raise TemplateSyntaxError(
                f"unclosed optional group '{_short(self.text[start:])}'",
                ("end the group with ], or write \\[ for a bracket",),
            )
        self.pos += 1
        text = self.text[start : self.pos]
        if not refs_in(parts):
            raise TemplateSyntaxError(
                f"optional group '{_short(text)}' holds no field, so it would never be left out",
                (
                    "[...] holds words that need a field, e.g. [, {location.description}]; "
                    "write \\[ and \\] for brackets",
                ),
            )
        return Group(parts, text)

    def _match(self, pattern: re.Pattern[str]) -> str:
        found = pattern.match(self.text, self.pos)
        value = found.group(0) if found else ""
        self.pos += len(value)
        return value

    def _peek(self, ch: str) -> bool:
        return self.text[self.pos : self.pos + 1] == ch

    def _not_a_reference(self, start: int) -> TemplateSyntaxError:
        end = self.text.find("}", start)
        shown = self.text[start : end + 1] if end >= 0 else self.text[start:]
        return TemplateSyntaxError(
            f"'{_short(shown)}' is not a reference",
            ("write references as {path}, e.g. {facts.area}; write \\{ for a brace",),
        )

    def _unclosed_ref(self, start: int) -> TemplateSyntaxError:
        if self.pos < len(self.text):
            shown = _short(self.text[start : self.pos + 1])
            return TemplateSyntaxError(
                f"unexpected '{self.text[self.pos]}' in reference '{shown}'",
                ("a reference is {path}, {path|style} or {path: item template}",),
            )
        return TemplateSyntaxError(
            f"unclosed reference '{_short(self.text[start:])}'",
            ("end the reference with }, or write \\{ for a brace",),
        )

    def _stray(self, ch: str) -> TemplateSyntaxError:
        opening = "{" if ch == "}" else "["
        return TemplateSyntaxError(
            f"unmatched '{ch}' in template '{_short(self.text)}'",
            (f"nothing opened it with {opening}; write \\{ch} for a literal {ch}",),
        )
