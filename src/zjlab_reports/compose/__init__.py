"""compose: a profile, a layout and a theme (all loaded) and a language in; a measured `Document` out.

The only stage that knows all three inputs, in four steps, each a module or package:

1. `tree` binds the layout's pages to the profile: frames, flows and blocks become the typed
   nodes of `nodes` (texts bound through `bind`, numbers and dates formatted by `format`);
2. `typeset` loads the fonts the document needs (subset to its characters) and checks that
   every character has a glyph;
3. `layout` measures nodes into regions (`lay(node, region) -> fragment + rest`), and
   `pages` places fixed frames and paginates flows onto continuation pages;
4. here, the pages, outline, fonts and metadata become the `Document`, and `contrast`
   checks every text colour against what lies behind it (WCAG 2.1 AA).

`compose_placed` also returns the pictures as drawn, each with where it comes from, for the
print variant's resolution check (`pictures.resolution_problems`).

Every problem found is a diagnostic pointing at the layout's, the profile's or the theme's lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from msgspec import Struct
from msgspec.structs import replace

from ..diagnostics import Diagnostic, DiagnosticError
from ..document import Color, Document, DocumentFonts, FontFace, Image, Outline, Page
from ..fonts import FontError
from ..loaders.layout import LoadedLayout
from ..loaders.profile import LoadedProfile
from ..loaders.theme import COLOR_ROLES, LoadedTheme
from ..model.layout import Layout
from ..model.profile import Profile
from ..text import SOFT_HYPHEN
from ..text.memo import Memo
from .bind import Binder, Bound
from .contrast import check_contrast
from .format import babel_version
from .geometry import MM, Box, frame_box, page_size
from .nodes import Node, Picture, Text, children, texts_of
from .pages import Paginator
from .pictures import PictureSource, PlacedPicture, printed_size
from .tree import BoundPage, Ctx, bind_pages
from .tree.graphics import same_organisation
from .typeset import Typesetter, font_problem
from .warmup import read_templates

__all__ = ["BCP47", "Composed", "compose", "compose_placed", "warm"]

BCP47 = {"en": "en", "zh": "zh-CN"}


def compose(
    profile: LoadedProfile,
    layout: LoadedLayout,
    theme: LoadedTheme,
    lang: str,
    *,
    root: Path,
    created: dt.datetime,
    warnings: list[Diagnostic] | None = None,
) -> Document:
    """Lay out `profile` in `layout` with `theme` in `lang` ("en" or "zh").

    `root` is the project folder (images must lie inside it); `created` is the document's
    creation time for metadata. Raises `DiagnosticError` with every problem found; what is
    worth saying but no error (text over a picture, whose contrast cannot be measured) is
    added to `warnings` when given, each once.
    """
    return compose_placed(
        profile, layout, theme, lang, root=root, created=created, warnings=warnings
    ).document


def warm(layouts: Sequence[LoadedLayout], langs: Sequence[str]) -> None:
    """Do once, in this process, what composing the first document of any of `layouts` in any
    of `langs` would do first, whatever the profile and theme (`warmup`): check the layouts'
    frames on the page, read their templates and find the installed Babel's version (the
    key of the stored number and date formats).

    A build calls it before it forks the processes that compose, which then inherit the work
    instead of each doing it. Raises nothing for bad input: what is wrong is reported by
    `compose`, as without it. Memory: bounded by the memos it fills.
    """
    for layout in layouts:
        _on_page_problems(layout)
        read_templates(layout, langs)
    babel_version()


class Composed(Struct, frozen=True, eq=False):
    """A composed document and every picture drawn in it, with where each comes from."""

    document: Document
    pictures: tuple[PlacedPicture, ...]


class Listener(Protocol):
    """Told what a document will be as soon as compose knows it, so that a renderer waiting
    for it can start (`ahead`): `begin`, then `page` for each page in order. Nothing is told
    of a document whose problems are found before its pages are laid out; one whose problems
    are found later has been told some or all of its pages (the caller learns of the problems
    and tells the listener, if it must)."""

    def begin(self, header: Document, faces: tuple[FontFace, ...], pictures: tuple[Path, ...]) -> None:
        """Before pagination: the document without its pages and outline (`pages` and
        `outline` empty), every font face it sets text in and every picture file it shows,
        each once."""

    def page(self, page: Page, bookmarked: bool) -> None:
        """The document's next page, as it is laid out; `bookmarked`: an outline entry points
        at it."""


def compose_placed(
    profile: LoadedProfile,
    layout: LoadedLayout,
    theme: LoadedTheme,
    lang: str,
    *,
    root: Path,
    created: dt.datetime,
    warnings: list[Diagnostic] | None = None,
    listener: Listener | None = None,
) -> Composed:
    """`compose`, and the pictures as placed (for resolution checks). Raises `DiagnosticError`.

    `listener`, when given, is told the document as it is made (see `Listener`).
    """
    model = layout.layout
    ctx = Ctx(
        Binder(profile, layout.source, lang), theme, layout.source, lang, model.kind, root, model.text_scale
    )
    _check_on_page(layout, ctx)
    pages = bind_pages(layout, ctx)
    meta = _metadata(layout, ctx)
    _raise_if(ctx.binder.problems + ctx.problems)
    found = _Found.of(pages)
    texts = found.texts
    ts = _typesetter(theme, model, lang, _characters(found, model.continued[lang]))
    _raise_if(_coverage(texts, ts))
    header = Document(
        kind=model.kind,
        lang=BCP47[lang],
        title=meta["title"],
        author=meta["author"],
        subject=meta["subject"],
        keywords=meta["keywords"],
        created=created,
        pages=(),
        fonts=_fonts(ts),
        palette=palette(theme),
        outline=(),
        theme_name=theme.theme.meta.name.en,
        bleed=layout.layout.bleed * MM,
    )
    if listener is not None:
        listener.begin(header, ts.loaded_faces(), tuple(found.pictures))
    paginator = Paginator(ts, layout.source, page_size(model), ctx.look.min_size, model.continued[lang])
    drawn: list[Page] = []
    outline: list[Outline] = []
    templates: list[int] = []  # each page's template
    for page in pages:
        if page.bookmark:
            outline.append(Outline(page.bookmark, len(drawn)))
        made = paginator.pages(page)
        if listener is not None:
            bookmarked = {entry.page for entry in outline}
            for index, each in enumerate(made, start=len(drawn)):
                listener.page(each, index in bookmarked)
        drawn += made
        templates += [page.index] * len(made)
    _raise_if(list(paginator.problems.values()))
    document = replace(header, pages=tuple(drawn), outline=tuple(outline))
    errors, notes = check_contrast(document, layout, theme, tuple(templates))
    _raise_if(errors)
    if warnings is not None:
        warnings += [note for note in notes if note not in warnings]
    return Composed(document, _placed(document, found.sources))


class _Found:
    """What composing needs to know of the bound pages' nodes, found in one walk over them.

    `texts`: every bound text with its role, in reading order (`texts_of`); `bullets`: every
    list's bullet; `sources`: where each picture comes from, by the name it is drawn under
    (the first picture of that name in reading order); `pictures`: every picture file, once.
    """

    __slots__ = ("bullets", "pictures", "sources", "texts")

    def __init__(self) -> None:
        self.texts: list[tuple[Bound, str]] = []
        self.bullets: set[str] = set()
        self.sources: dict[str, PictureSource] = {}
        self.pictures: dict[Path, None] = {}

    @classmethod
    def of(cls, pages: list[BoundPage]) -> _Found:
        found = cls()
        for page in pages:
            for node in page.nodes():
                found.visit(node)
        return found

    def visit(self, node: Node) -> None:
        """Take in `node` and every node inside it, depth first, in reading order."""
        if isinstance(node, Text):
            role = node.role
            self.texts += [(bound, role) for bound in node.texts]
            if node.bullet:
                self.bullets.add(node.bullet)
        elif isinstance(node, Picture):
            self.pictures[node.path] = None
            if node.source is not None:
                self.sources.setdefault(node.name, node.source)
        else:
            inside = children(node)
            if inside:
                for child in inside:
                    self.visit(child)
            else:  # a key figure, timeline or chart: its texts; or a leaf without any
                self.texts += texts_of(node)


def _placed(document: Document, sources: dict[str, PictureSource]) -> tuple[PlacedPicture, ...]:
    return tuple(
        PlacedPicture(item, sources[item.name], printed_size(item, (page.width, page.height), document.bleed))
        for page in document.pages
        for item in page.items
        if isinstance(item, Image) and item.name in sources
    )


def palette(theme: LoadedTheme) -> dict[str, Color]:
    """The brand's colour roles (`primary`, `accent`, ...) and chart colours (`chart-1`, ...)."""
    roles = {role: theme.colors[role] for role in COLOR_ROLES}
    return roles | {f"chart-{i + 1}": color for i, color in enumerate(theme.chart_colors)}


def _raise_if(problems: list[Diagnostic]) -> None:
    if problems:
        raise DiagnosticError(problems)


def _check_on_page(layout: LoadedLayout, ctx: Ctx) -> None:
    """Every frame and flow lies on the page and has some width (checked once per loaded
    layout)."""
    ctx.problems += _on_page_problems(layout)


def _on_page_problems(layout: LoadedLayout) -> list[Diagnostic]:
    """`_off_page_problems`, found once per loaded layout."""
    return _ON_PAGE.per_object(layout, lambda: _off_page_problems(layout))


# The layouts checked in this process (a batch composes each layout again and again).
_ON_PAGE = Memo(limit=16)


def _off_page_problems(layout: LoadedLayout) -> list[Diagnostic]:
    """A diagnostic per frame or flow of `layout` off the page or without width."""
    model = layout.layout
    problems: list[Diagnostic] = []
    width, height = page_size(model)
    for index, template in enumerate(model.pages):
        placed: list[tuple[Any, tuple[Any, ...]]] = [
            (frame, ("pages", index, "frames", f))
            for f, frame in enumerate(template.frames)
            if not frame.flows
        ]
        if template.flow is not None:
            placed.append((template.flow, ("pages", index, "flow")))
        for thing, at in placed:
            box = frame_box(model, thing)
            name = getattr(thing, "name", "flow")
            problem = _off_page(layout, box, (width, height), at, name)
            if problem is not None:
                problems.append(problem)
    return problems


def _off_page(
    layout: LoadedLayout, box: Box, size: tuple[float, float], at: tuple[Any, ...], name: str
) -> Diagnostic | None:
    key = "name" if name != "flow" else "y"
    if box.width <= 0:
        return Diagnostic(
            layout.source.span((*at, key)),
            f"frame '{name}' has no width: the grid leaves its columns {box.width / MM:.1f} mm wide",
            ("the page's margins and gutters leave no room for the columns; make them smaller",),
        )
    if box.within(Box(0, 0, *size)):
        return None
    return Diagnostic(
        layout.source.span((*at, key)),
        f"frame '{name}' lies outside the page: it spans x {box.x / MM:.1f}–{box.right / MM:.1f} mm, "
        f"y {box.y / MM:.1f}–{box.bottom / MM:.1f} mm on a {size[0] / MM:.0f} × {size[1] / MM:.0f} mm page",
        (
            "positions count from the top-left corner of the type area (inside the margins); "
            "with 'bleed: true' from the page corner",
        ),
    )


def _metadata(layout: LoadedLayout, ctx: Ctx) -> dict[str, Any]:
    profile = ctx.binder.profile.profile
    names = tuple(area.name[ctx.lang] for area in profile.focus_areas)
    return {
        "title": ctx.binder.template(layout.layout.title, ("title",)).text,
        "subject": ctx.binder.template(layout.layout.subject, ("subject",)).text,
        "author": _author(profile, ctx),
        "keywords": (profile.name[ctx.lang], *names),
    }


def _author(profile: Profile, ctx: Ctx) -> str:
    """The theme's author for its own organisation's documents, else the profile's name."""
    meta = ctx.theme.theme.meta
    return meta.author[ctx.lang] if same_organisation(meta.name, profile.name) else profile.name[ctx.lang]


def _characters(found: _Found, continued: str) -> str:
    """Every character the document may set: its texts and bullets (`found` in its bound
    pages), and page positions."""
    chars: set[str] = set(continued) | set("0123456789")
    for bound, _ in found.texts:
        chars.update(bound.text)
    for bullet in found.bullets:
        chars.update(bullet)
    if SOFT_HYPHEN in chars:
        chars.add("-")  # shown where a line breaks at a soft hyphen
    return "".join(sorted(chars))


def _typesetter(theme: LoadedTheme, layout: Layout, lang: str, chars: str) -> Typesetter:
    kind = layout.kind
    typesetter = Typesetter(theme, kind, lang, chars, text_scale=layout.text_scale)
    try:
        for weight in sorted({role.weight for role in theme.theme.typography.roles.values()}):
            typesetter.faces(weight)
    except FontError as exc:
        raise DiagnosticError([font_problem(exc, theme, kind)]) from None
    return typesetter


def _coverage(texts: list[tuple[Bound, str]], ts: Typesetter) -> list[Diagnostic]:
    """A diagnostic per character no font has, per text (`texts`: each with its role, in
    reading order); `ts.chars` holds every text's characters (`_characters`), so a role whose
    fonts have them all needs no look at its texts."""
    problems: list[Diagnostic] = []
    complete: dict[str, bool] = {}
    for bound, role in texts:
        if role not in complete:
            complete[role] = ts.has_every_character(role)
        if not complete[role]:
            problems += ts.coverage(bound, role)
    unique = {(str(d.span), d.message): d for d in problems}
    return list(unique.values())


def _fonts(ts: Typesetter) -> DocumentFonts:
    body_latin, body_ea = ts.faces(400)
    head_latin, head_ea = ts.faces(700)
    return DocumentFonts(head_latin.face, body_latin.face, head_ea.face, body_ea.face)
