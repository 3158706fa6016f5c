"""Node shapes: a layout node in; its shape out, a number equal for two nodes exactly when they
lay out alike (every field a layout reads is equal), for the keys of memos shared between the
documents of a process.

A batch of variants shows mostly the same subtrees (the same heading, card or milestone in
another order, beside other numbers). A shape is interned bottom-up: a node's own fields, its
children by their shapes and each bound text by its text alone (its spans say where it comes
from, which no layout reads; a picture's `source` likewise), looked up in a table of shapes
that hands out a new number for every new combination. A key of small numbers is hashed in
constant time, however deep the tree under it; and a node's shape is found once per page
template (`Done`).

The table is bounded (forgotten whole when full). A number is never handed out twice, so a
forgotten shape only costs a miss: the same subtree seen again gets a new number, and so does
every node above it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable
from operator import attrgetter

from ..bind import Bound
from ..nodes import (
    Chart,
    FrameNode,
    Grid,
    KeyFigure,
    Lines,
    Milestone,
    Node,
    Panel,
    Picture,
    Row,
    Rule,
    Spacer,
    Stack,
    Text,
    Timeline,
)
from .env import Done

__all__ = ["clear_shapes", "shape_of"]

# Shapes seen in this process: a brochure has some 180 nodes, and a batch adds a few dozen new
# ones per document. A plain table, forgotten whole when full (a lookup hashes its key once;
# the next document then gives its nodes new numbers, which only costs the memos keyed by
# shapes their hits for that document).
_SHAPES: dict[Hashable, int] = {}
_LIMIT = 4096
_NUMBERS = itertools.count(1)


def shape_of(node: Node, done: Done | None = None) -> int:
    """`node`'s shape: equal for two nodes exactly when every field a layout reads is equal
    (found once per `done`, the page template's results; None: for this call only)."""
    done = done if done is not None else Done()
    found = done.shapes.get(id(node))
    if found is not None and found[0] is node:
        return found[1]
    number = _interned(node, done)
    done.shapes[id(node)] = (node, number)
    return number


def clear_shapes() -> None:
    """Forget the shapes of this process (for tests); numbers already given stay unique."""
    _SHAPES.clear()


def _interned(node: Node, done: Done) -> int:
    leaves, deep = _FIELDS[type(node)]
    own = (type(node), leaves(node), *[_part(value, done) for value in deep(node)])
    number = _SHAPES.get(own)
    if number is None:
        if len(_SHAPES) >= _LIMIT:
            _SHAPES.clear()
        number = _SHAPES[own] = next(_NUMBERS)
    return number


def _part(value: object, done: Done) -> Hashable:
    """A value that holds nodes or bound texts as it goes into its node's shape."""
    kind = type(value)
    if kind in _NODES:
        return shape_of(value, done)  # type: ignore[arg-type]
    if kind is tuple:
        return tuple([_part(item, done) for item in value])  # type: ignore[attr-defined]
    if kind is Bound:
        return value.text  # type: ignore[attr-defined]
    if kind is Milestone:
        leaves, deep = _FIELDS[Milestone]
        return (Milestone, leaves(value), *[_part(item, done) for item in deep(value)])
    return value  # a number, string, colour, tag, path, set paragraph


_Getter = Callable[[object], tuple[object, ...]]


def _fields_of(kind: type) -> tuple[_Getter, _Getter]:
    """Getters of the fields of node type `kind` that layout reads (all but a picture's
    source): those that hold plain values, part of the shape as they are, and those whose
    type names a node, a bound text or a milestone, whose shapes or texts are.

    The types are read as written (`nodes` keeps its annotations as strings), not resolved:
    resolving every node type's annotations (`msgspec.structs.fields`) took ~2 ms of each
    process's start; a test checks that both give the same getters."""
    written = _written_types(kind)
    laid = [name for name in kind.__struct_fields__ if (kind, name) != (Picture, "source")]  # type: ignore[attr-defined]
    deep = [name for name in laid if any(word in written[name] for word in _HOLDERS)]
    leaves = [name for name in laid if name not in deep]
    return _getter(leaves), _getter(deep)


def _written_types(kind: type) -> dict[str, str]:
    """Each field's type annotation of the Struct `kind` as its source writes it (a string)."""
    written: dict[str, str] = {}
    for klass in reversed(kind.__mro__):
        written.update({name: str(note) for name, note in vars(klass).get("__annotations__", {}).items()})
    return written


def _getter(names: list[str]) -> _Getter:
    """A getter of the fields `names` as a tuple."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda node: (one(node),)
    return lambda node: ()


#: The words in the type of a field that holds what is shaped (`Node` in `FrameNode` too); a
#: field whose type names a new node type otherwise is part of the shape as it is: compared
#: with every field, where texts come from too, so it costs hits, never a wrong one.
_HOLDERS = ("Node", "Stack", "Bound", "Milestone")
_NODES = frozenset(
    (Text, Lines, Rule, Spacer, Picture, KeyFigure, Timeline, Chart, Stack, Panel, Grid, FrameNode, Row)
)
_FIELDS: dict[type, tuple[_Getter, _Getter]] = {kind: _fields_of(kind) for kind in (*_NODES, Milestone)}
