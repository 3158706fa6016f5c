"""Immutable plain records: the base of the classes compose, text, fonts and the PDF backend make
by the thousand (faces, font chains, styles, layout settings, places, drawn shapes).

They are written out rather than as dataclasses, because making a dataclass generates and
compiles its methods in every process that imports it. What a frozen dataclass also gives,
`Immutable` gives once for all of them: a field is set in `__init__` only (`set_field`, or the
instance's `__dict__`), and assigning or deleting one afterwards raises `AttributeError`.
"""

from __future__ import annotations

__all__ = ["Immutable", "set_field"]

#: How an immutable record sets a field, in its `__init__`.
set_field = object.__setattr__


class Immutable:
    """A record whose fields cannot be assigned or deleted once made (see the module docstring)."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r} of {_named(self)}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r} of {_named(self)}")


def _named(record: object) -> str:
    name = type(record).__name__
    return f"{'an' if name[0] in 'AEIOU' else 'a'} {name}"
