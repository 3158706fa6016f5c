"""Fitting: a node, its box, the smallest text size allowed and the typesetter in; the node laid
out at the largest text size that fits out (a fragment for a fixed frame, one per page for a flow).

A try that does not fit (too tall, or a word cut between letters) is tried again smaller, in
steps, never below the floor; when words must be cut at any size, the largest size at which
everything holds is kept. A flow is laid out page after page, up to `MAX_CONTINUATIONS`
continuation pages.

A batch fits the same frames again and again (the same heading, logo or card in every variant,
every rebuild of a designer's watch). `Fitter` keeps each fit for the process, bounded (least
recently used out), by everything it depends on: what the node shows (its shape, the same in
two documents that show the same thing: `layout.shapes`), the box, the floor, and the
typesetter's theme, language, text scale and font instances (which hold the document's
character set).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from typing import TypeVar

from msgspec import Struct

from ..text.memo import Memo
from .geometry import Box
from .layout import EPSILON, Done, Env, Fragment, Region, dispatch, lay, setting_of, shapes, text
from .nodes import Node
from .typeset import Typesetter

__all__ = ["MAX_CONTINUATIONS", "Fitter", "Fixed", "Flowed", "clear_memo"]

MAX_CONTINUATIONS = 20
_STEP = 0.94

# Fits made in this process, shared by its documents: some 20 kB each, so a few times the 18
# fits of a brochure (those every document of a batch shares stay: they are used the most).
_FITS = Memo(limit=64)


class Fixed(Struct, frozen=True, eq=False):
    """A fixed frame laid out in its box."""

    fragment: Fragment
    region: Region

    @property
    def fits(self) -> bool:
        return self.holds and not self.fragment.broke_words

    @property
    def holds(self) -> bool:
        return _holds(self.fragment, self.region)

    @property
    def smallest(self) -> float:
        return self.fragment.smallest


class Flowed(Struct, frozen=True, eq=False):
    """A flow laid out over pages: a fragment per page; `left`: something did not fit on the
    last page allowed."""

    parts: tuple[Fragment, ...]
    left: bool
    box: Box

    @property
    def fits(self) -> bool:
        return self.holds and not any(part.broke_words for part in self.parts)

    @property
    def holds(self) -> bool:
        region = Region(self.box.width, self.box.height)
        return not self.left and all(_holds(part, region) for part in self.parts)

    @property
    def smallest(self) -> float:
        return min((part.smallest for part in self.parts), default=math.inf)


_Try = TypeVar("_Try", Fixed, Flowed)


def clear_memo() -> None:
    """Forget the fits, layouts, shapes and texts set in this process (for tests)."""
    _FITS.clear()
    dispatch.clear_memo()
    shapes.clear_shapes()
    text.clear_memo()


class Fitter:
    """Fits nodes with one document's typesetter, sharing fits with every document of the
    process set with the same theme (the same object), language, text scale and fonts."""

    def __init__(self, ts: Typesetter) -> None:
        self.ts = ts
        self.setting = setting_of(ts)  # the token of what `ts` sets with (`setting_of`)

    def fixed(self, node: Node, region: Region, floor: float, shrink: bool, done: Done) -> Fixed:
        """`node` in `region` (a fixed frame's box), shrunk to fit when `shrink`."""
        key = ("fixed", shapes.shape_of(node, done), region, floor, shrink)
        return self._fit(
            key,
            lambda: _shrunk(
                lambda env: Fixed(_one(node, region, env), region), self._env(done), floor, shrink
            ),
        )

    def flow(self, root: Node, box: Box, floor: float, done: Done) -> Flowed:
        """`root` down `box`, page after page (shrunk only when nothing else helps)."""
        key = ("flow", shapes.shape_of(root, done), box.width, box.height, floor)
        return self._fit(
            key, lambda: _shrunk(lambda env: _paginate(root, box, env), self._env(done), floor, True)
        )

    def _env(self, done: Done) -> Env:
        return Env(self.ts, done=done, setting=self.setting)

    def _fit(self, key: tuple[Hashable, ...], compute: Callable[[], _Try]) -> _Try:
        """The fit for `key` in this setting, made once per process (while remembered)."""
        return _FITS.get((*key, self.setting), compute)


def _paginate(root: Node, box: Box, env: Env) -> Flowed:
    """Lay `root` out down `box`, page after page, up to the limit."""
    parts: list[Fragment] = []
    node: Node | None = root
    for page in range(MAX_CONTINUATIONS + 1):
        if node is None:
            break
        laid = lay(node, Region(box.width, box.height, more=page < MAX_CONTINUATIONS), env)
        if laid.fragment is None:  # cannot happen in a fresh region; stop rather than loop
            break
        parts.append(laid.fragment)
        node = laid.rest
    return Flowed(tuple(parts), node is not None, box)


def _one(node: Node, region: Region, env: Env) -> Fragment:
    fragment = lay(node, region, env).fragment
    assert fragment is not None  # a fresh region takes anything
    return fragment


def _holds(fragment: Fragment, region: Region) -> bool:
    """Nothing stands out of its box or region (words may have been cut)."""
    return fragment.overflow <= EPSILON and fragment.wide <= EPSILON and region.fits(fragment.height)


def _shrunk(attempt: Callable[[Env], _Try], full: Env, floor: float, shrink: bool) -> _Try:
    """`attempt` in `full` (the environment at full size), then smaller in steps until it fits
    with no word cut, or its smallest text would go below `floor` points. When words must be
    cut at any size, the largest size at which everything holds is kept; failing that, the
    last try."""
    scale = 1.0
    holding: _Try | None = None
    while True:
        result = attempt(full.scaled(scale))
        if result.fits or not shrink:
            return result
        holding = holding or (result if result.holds else None)
        smallest = result.smallest
        lower = max(scale * _STEP, scale * floor / smallest) if smallest < math.inf else scale
        if lower >= scale - 1e-6:
            return holding or result
        scale = lower
