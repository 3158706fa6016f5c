"""The setting a tree is laid out in: the document's typesetter, the text scale of this try,
what was already laid out in this page template (`Done`), and a token for the typesetter that
memos shared by the documents of a process use (`setting_of`).

Layout lays the same subtree in the same region again and again: a grid measures every cell to
choose its columns and then lays it, a heading lays the block after it to see whether they fit
together, a row lays its frames to find the tallest and then stretches them, and each shrink
step and continuation page starts over. Nodes are frozen and a layout depends only on the
node, the region and the environment, so `Done` keeps each result and hands it back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ...document import Color
from ...records import Immutable, set_field
from ..typeset import Styled, Typesetter

__all__ = ["Done", "Env", "setting_of"]

_T = TypeVar("_T")


class Done:
    """Results already computed for one page template (its pages share nodes), by node identity.

    A key holds the node's `id` with the region and text scale; the entry keeps the node
    itself, so the id cannot be reused by another node while the entry lives, and is checked
    on every hit. Bounded by the template: a paginator starts a new one for every template.
    `shapes` holds the nodes' shapes (`shapes.shape_of`) the same way, by `id` alone: asked
    for every node of every page, they skip `get`'s key and closure.
    """

    __slots__ = ("_found", "shapes")

    def __init__(self) -> None:
        self._found: dict[tuple[object, ...], tuple[object, object]] = {}
        self.shapes: dict[int, tuple[object, int]] = {}

    def get(self, what: str, node: object, where: tuple[object, ...], compute: Callable[[], _T]) -> _T:
        """`compute()` for `node` (`what` names the computation, `where` the rest of its
        inputs: region, width, scale), made once."""
        key = (what, id(node), *where)
        found = self._found.get(key)
        if found is not None and found[0] is node:
            return found[1]  # type: ignore[return-value]
        value = compute()
        self._found[key] = (node, value)
        return value

    def __len__(self) -> int:
        return len(self._found)


def setting_of(ts: Typesetter) -> object:
    """A token for what `ts` sets text with, for keys of memos shared between documents: the
    same object for every typesetter with the same theme (object), language, text scale and
    font instances (which hold the document's character set), else another
    (`Typesetter.setting`). Raises `FontError` when a role's fonts cannot be loaded."""
    return ts.setting


class Env(Immutable):
    """`scale` multiplies every text size (below 1 when a frame shrinks its text to fit);
    `done` is shared by every try of one page template (keyed by scale as well); `setting`
    is the typesetter's token (`setting_of`) for memos shared between documents (None: such
    memos are not used). Immutable (`scaled` makes another) and compared by identity, as a
    frozen dataclass with `eq=False` would be; written out, because making a dataclass
    generates and compiles its methods at every start."""

    __slots__ = ("done", "scale", "setting", "ts")

    ts: Typesetter
    scale: float
    done: Done
    setting: object | None

    def __init__(
        self, ts: Typesetter, scale: float = 1.0, done: Done | None = None, setting: object | None = None
    ) -> None:
        set_field(self, "ts", ts)
        set_field(self, "scale", scale)
        set_field(self, "done", Done() if done is None else done)
        set_field(self, "setting", setting)

    def __repr__(self) -> str:
        return f"Env(ts={self.ts!r}, scale={self.scale!r})"

    def scaled(self, scale: float) -> Env:
        """This environment with text scale `scale` (the same `done` and `setting`)."""
        return Env(self.ts, scale, self.done, self.setting)

    def style(self, role: str, color: Color | None = None) -> Styled:
        return self.ts.style(role, scale=self.scale, color=color)
