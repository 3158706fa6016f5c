"""Pages: a bound page template in; its page, and the continuation pages its flows need, out.

Fixed frames are laid out in their boxes; when their content is too tall (or a word is wider
than its column) the frame's text shrinks in steps, never below the smaller of the theme's
and the frame's `min-size`. Flows (the page's `flow`, and fixed frames with `fit: continue`)
are laid out region after region: what does not fit one page goes on to a continuation page
of the same template, which repeats the frames marked `repeat` and the page's title (titled
`Focus areas (2/3)` by the layout's `continued` pattern when a template spans pages). A flow
shrinks only as a last resort: when something kept whole is taller than its region, a word
is wider than its column, or it would need more than 20 continuation pages. A word wider
than its column at every size down to the floor is cut between letters, at the largest size
that holds (nothing is lost); only text that stands out of its box is an error.

Fitting a frame or a flow (the shrink steps, the pages of a flow) is `fit`'s, which keeps
fits for the documents that follow. Every item is emitted in reading order (backgrounds
first), tagged in a `Sect` named after its page template; frames repeated on continuation
pages are decoration (no tag). Rectangles that touch a page edge run into the print bleed.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from msgspec.structs import replace

from ..diagnostics import Diagnostic, Span
from ..document import Image, Item, Page, Shape
from ..loaders.yaml_doc import SourceDoc
from ..text.memo import Memo
from . import fit
from .fit import MAX_CONTINUATIONS, Fitter, Flowed
from .geometry import MM, Box
from .layout import EPSILON, Done, Fragment, Region, changed
from .layout.shapes import shape_of
from .nodes import FrameNode, Node, Stack, Text, children, texts_of
from .tree import BoundPage, FixedFrame, FlowRegion
from .typeset import Typesetter

__all__ = ["MAX_CONTINUATIONS", "Paginator", "clear_memo"]

# Pages made in this process, shared by its documents: a batch of variants makes the same
# cover, back page and every page whose frames show the same thing again (some 10 kB each).
_PAGES: Memo = Memo(limit=48)


def clear_memo() -> None:
    """Forget the pages, fits, layouts, shapes and texts set in this process (for tests)."""
    _PAGES.clear()
    fit.clear_memo()


class Paginator:
    """Lays out the pages of one document; problems found go to `problems` (each once).
    Compared by identity (a plain class: making a dataclass compiles its methods at start)."""

    def __init__(
        self,
        ts: Typesetter,
        layout: SourceDoc,
        size: tuple[float, float],
        min_size: float,
        continued: str,
        problems: dict[tuple[str, str], Diagnostic] | None = None,
    ) -> None:
        self.ts = ts
        self.layout = layout
        self.size = size
        self.min_size = min_size
        self.continued = continued
        self.problems: dict[tuple[str, str], Diagnostic] = {} if problems is None else problems
        self._fitter = Fitter(ts)

    def __repr__(self) -> str:
        return f"Paginator(size={self.size!r}, min_size={self.min_size!r}, continued={self.continued!r})"

    def pages(self, page: BoundPage) -> tuple[Page, ...]:
        """The page and its continuation pages (the same pages as a document before made of
        a page like it, when that made them with no problem)."""
        done = Done()  # the template's pages and shrink steps share its nodes
        key = self._key(page, done)
        found: tuple[Page, ...] | None = _PAGES.find(key)
        if found is not None:
            return found
        problems = len(self.problems)
        flows = self._flows(page, done)
        count = max((len(parts) for parts in flows.values()), default=1)
        made = tuple(self._page(page, flows, k, count, done) for k in range(count))
        if len(self.problems) == problems:  # a page with a problem is not kept: it is reported
            _PAGES.put(key, made)
        return made

    def _key(self, page: BoundPage, done: Done) -> Hashable:
        """Everything the pages of `page` depend on, but where its texts come from."""
        flow = page.flow
        return (
            (page.name, page.order, page.notes, page.background),
            (flow.box, shape_of(flow.node, done)) if flow is not None else None,
            tuple((i, *_frame_key(frame, done)) for i, frame in page.frames.items()),
            (self.size, self.min_size, self.continued, self._fitter.setting),
        )

    def _page(
        self, page: BoundPage, flows: dict[int | None, tuple[Fragment, ...]], k: int, count: int, done: Done
    ) -> Page:
        items: list[Item] = []
        for entry in page.order:
            if entry in flows:
                parts = flows[entry]
                box = _box_of(page, entry)
                items += parts[k].at(box.x, box.y) if k < len(parts) else []
            elif entry is not None and (k == 0 or page.frames[entry].repeated):
                frame = page.frames[entry]
                items += self._fixed(frame, k, count, done)
        items = [_in_section(item, page.name, self.size) for item in items]
        width, height = self.size
        name = page.name if k == 0 else f"{page.name}-continued"
        notes = page.notes
        return Page(width, height, tuple(items), name=name, background=page.background, notes=notes)

    # -- fixed frames -----------------------------------------------------------------------

    def _fixed(self, frame: FixedFrame, k: int, count: int, done: Done) -> list[Item]:
        """A fixed frame fitted in its box (titled with its position when the page continues)."""
        node = _numbered(frame.node, self.continued, k, count) if frame.frame.role == "title" else frame.node
        region = Region(frame.box.width, frame.box.height)
        fit = frame.frame.fit
        floor = max(fit.min_size or 0.0, self.min_size)
        fixed = self._fitter.fixed(node, region, floor, fit.policy != "none", done)
        fragment = fixed.fragment
        if not fixed.holds:
            self._report(frame.at, frame.frame.name, node, fragment, fit.policy, frame.box.height)
        items = fragment.at(frame.box.x, frame.box.y)
        return items if k == 0 else [_untagged(item) for item in items]

    # -- flows ------------------------------------------------------------------------------

    def _flows(self, page: BoundPage, done: Done) -> dict[int | None, tuple[Fragment, ...]]:
        """The parts of each flow of the page, one per page: the flow region (key None) and
        each fixed frame that continues (key: its index)."""
        flows: dict[int | None, tuple[Fragment, ...]] = {}
        if page.flow is not None:
            flows[None] = self._flow(page.flow.node, page.flow.box, page, page.flow, done)
        for i, frame in page.frames.items():
            if frame.frame.fit.policy == "continue":
                flows[i] = self._flow(frame.node, frame.box, page, frame, done)
        return flows

    def _flow(
        self, root: Node, box: Box, page: BoundPage, where: FlowRegion | FixedFrame, done: Done
    ) -> tuple[Fragment, ...]:
        floor = self.min_size
        if isinstance(where, FixedFrame):
            floor = max(where.frame.fit.min_size or 0.0, floor)
        flowed = self._fitter.flow(root, box, floor, done)
        if flowed.left:
            self._report_pages(page)
        elif not flowed.holds:
            self._report_flow(where, root, flowed, box)
        return flowed.parts

    # -- problems ---------------------------------------------------------------------------

    def _report_pages(self, page: BoundPage) -> None:
        self._add(
            Diagnostic(
                self.layout.span(("pages", page.index, "name")),
                f"page '{page.name}' needs more than {MAX_CONTINUATIONS} continuation pages",
                ("shorten the text or give the frame more room",),
            )
        )

    def _report_flow(self, where: FlowRegion | FixedFrame, root: Node, flowed: Flowed, box: Box) -> None:
        worst = max(flowed.parts, key=lambda part: (part.overflow, part.wide, part.height))
        if isinstance(where, FixedFrame):
            self._report(where.at, where.frame.name, root, worst, "continue", box.height)
            return
        name = worst.trouble or _first_frame(root)
        at = where.names.get(name, where.at)
        self._report(at, name, _frame_named(root, name) or root, worst, "continue", box.height)

    def _report(
        self, at: tuple[Any, ...], name: str, node: Node, part: Fragment, policy: str, has: float
    ) -> None:
        policy_words = {
            "shrink": "even at the smallest size allowed",
            "continue": "even on a continuation page",
            "none": "(fit policy 'none')",
        }[policy]
        needed = max(part.height, has + part.overflow)
        what = f"it needs {needed / MM:.1f} mm, the frame has {has / MM:.1f} mm"
        if part.wide > EPSILON and part.overflow <= EPSILON and part.height <= has + EPSILON:
            what = f"a character is {part.wide / MM:.1f} mm wider than its column"
        self._add(
            Diagnostic(
                self.layout.span((*at, "name")),
                f"text does not fit frame '{name}' {policy_words}: {what}",
                ("shorten the text, make the frame larger, or lower 'fit: min-size'",),
                related=_fields(node),
            )
        )

    def _add(self, problem: Diagnostic) -> None:
        self.problems.setdefault((str(problem.span), problem.message), problem)


def _frame_key(frame: FixedFrame, done: Done) -> tuple[Hashable, ...]:
    """What of a fixed frame its page depends on: its content, box and the fields of its model
    that are read here (fit policy and floor, role, repeated)."""
    model = frame.frame
    fit = (model.fit.policy, model.fit.min_size)
    return (shape_of(frame.node, done), frame.box, fit, model.role, frame.repeated)


def _box_of(page: BoundPage, entry: int | None) -> Box:
    """The box of the page's flow (None) or of its fixed frame `entry`."""
    if entry is None:
        assert page.flow is not None
        return page.flow.box
    return page.frames[entry].box


def _numbered(node: FrameNode, pattern: str, k: int, count: int) -> FrameNode:
    """A title frame whose headings say which page of `count` this is (when more than one)."""
    if count <= 1:
        return node

    def title(text: Node) -> Node:
        if isinstance(text, Text) and text.heading:
            texts = tuple(
                replace(
                    b,
                    text=pattern.replace("{title}", b.text)
                    .replace("{page}", str(k + 1))
                    .replace("{pages}", str(count)),
                )
                for b in text.texts
            )
            return replace(text, texts=texts)
        return text

    content = node.content
    return replace(
        node, content=Stack(tuple(title(c) for c in content.children), content.before, content.gap)
    )


def _untagged(item: Item) -> Item:
    return changed(item, tag=None) if item.tag is not None else item


def _in_section(item: Item, section: str, size: tuple[float, float]) -> Item:
    """The item in its page template's `Sect`; rectangles at a page edge run into the bleed."""
    if item.tag is not None:
        item = changed(item, tag=changed(item.tag, groups=(("Sect", section), *item.tag.groups)))
    if isinstance(item, Shape) and item.kind == "rect" and item.fill is not None and _at_edge(item, size):
        item = changed(item, bleed=True)
    if isinstance(item, Image) and _at_edge(item, size):  # a picture to the page's edge bleeds
        item = changed(item, bleed=True)
    return item


def _at_edge(shape: Shape | Image, size: tuple[float, float]) -> bool:
    width, height = size
    return (
        shape.x <= EPSILON
        or shape.y <= EPSILON
        or shape.x + shape.width >= width - EPSILON
        or shape.y + shape.height >= height - EPSILON
    )


def _fields(node: Node) -> tuple[tuple[Span, str], ...]:
    """Up to six profile fields set in `node`, each with where the profile sets it."""
    found: list[tuple[Span, str]] = []
    for bound, _ in texts_of(node):
        pair = (bound.profile_span, bound.field)
        if bound.field and bound.profile_span and pair not in found:
            found.append(pair)  # type: ignore[arg-type]
    return tuple((span, f"profile field '{name}' is set in this frame") for span, name in found[:6])


def _first_frame(node: Node) -> str:
    if isinstance(node, FrameNode):
        return node.name
    return next((name for child in children(node) if (name := _first_frame(child))), "")


def _frame_named(node: Node, name: str) -> Node | None:
    if isinstance(node, FrameNode) and node.name == name:
        return node
    return next((found for child in children(node) if (found := _frame_named(child, name))), None)
