"""compose: a profile, a layout and a theme (all loaded) and a language in; a measured `Document` out.

The only stage that knows all three inputs. It binds profile fields to the layout's blocks,
loads the fonts the document needs (subset to its characters), checks every character has a
glyph, measures and breaks every text once, fits frames, and reports every problem found as
diagnostics pointing at the layout's, the profile's or the theme's lines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, DiagnosticError
from ..document import Document, DocumentFonts, Item, Outline, Page
from ..fonts import FontError
from ..loaders.layout import LoadedLayout
from ..loaders.profile import LoadedProfile
from ..loaders.theme import LoadedTheme
from ..model.layout import Layout
from .bind import Binder
from .blocks import Ctx, bind_block
from .frames import BoundFrame, Flow, place_flow, place_frame
from .geometry import MM, Box, frame_box, page_size
from .typeset import Typesetter, font_problem

__all__ = ["BCP47", "compose"]

BCP47 = {"en": "en", "zh": "zh-CN"}
MAX_CONTINUATIONS = 20


@dataclass
class _BoundPage:
    index: int
    frames: list[BoundFrame]
    notes: str
    bookmark: str | None
    background: Any


def compose(
    profile: LoadedProfile,
    layout: LoadedLayout,
    theme: LoadedTheme,
    lang: str,
    *,
    root: Path,
    created: dt.datetime,
) -> Document:
    """Lay out `profile` in `layout` with `theme` in `lang` ("en" or "zh").

    `root` is the project folder (images must lie inside it); `created` is the document's
    creation time for metadata. Raises `DiagnosticError` with every problem found.
    """
    ctx = Ctx(Binder(profile, layout.source, lang), theme, layout.source, lang, layout.layout.kind, root)
    pages = [_bind_page(layout, ctx, i) for i in range(len(layout.layout.pages))]
    meta = _metadata(layout, ctx)
    _raise_if(ctx)
    ctx.typesetter = _typesetter(theme, layout.layout, lang, _characters(pages))
    ctx.problems += _coverage(pages, ctx)
    _raise_if(ctx)
    width, height = page_size(layout.layout)
    drawn: list[Page] = []
    outline: list[Outline] = []
    for page in pages:
        if page.bookmark:
            outline.append(Outline(page.bookmark, len(drawn)))
        drawn += _place_page(page, ctx, width, height)
    _raise_if(ctx)
    return Document(
        kind=layout.layout.kind,
        lang=BCP47[lang],
        title=meta["title"],
        author=meta["author"],
        subject=meta["subject"],
        keywords=meta["keywords"],
        created=created,
        pages=tuple(drawn),
        fonts=_fonts(ctx.ts),
        palette=_palette(theme),
        outline=tuple(outline),
        theme_name=theme.theme.meta.name.en,
        bleed=layout.layout.bleed * MM,
    )


def _raise_if(ctx: Ctx) -> None:
    problems = ctx.binder.problems + ctx.problems
    if problems:
        raise DiagnosticError(problems)


def _bind_page(layout: LoadedLayout, ctx: Ctx, index: int) -> _BoundPage:
    template = layout.layout.pages[index]
    at: tuple[Any, ...] = ("pages", index)
    frames = []
    for f, frame in enumerate(template.frames):
        frame_at = (*at, "frames", f)
        box = frame_box(layout.layout, frame)
        _check_on_page(layout, ctx, box, frame_at, frame.name)
        contents = [bind_block(block, (*frame_at, "blocks", b), ctx) for b, block in enumerate(frame.blocks)]
        frames.append(BoundFrame(frame, frame_at, box, contents))
    notes = ctx.binder.template(template.notes, (*at, "notes")).text if template.notes else ""
    bookmark = ctx.binder.template(template.bookmark, (*at, "bookmark")).text if template.bookmark else None
    background = (
        ctx.color(template.background, (*at, "background"), "background") if template.background else None
    )
    return _BoundPage(index, frames, notes, bookmark, background)


def _check_on_page(layout: LoadedLayout, ctx: Ctx, box: Box, at: tuple[Any, ...], name: str) -> None:
    width, height = page_size(layout.layout)
    if box.width <= 0:
        ctx.problems.append(
            Diagnostic(
                layout.source.span((*at, "name")),
                f"frame '{name}' has no width: the grid leaves its columns {box.width / MM:.1f} mm wide",
                ("the page's margins and gutters leave no room for the columns; make them smaller",),
            )
        )
        return
    if box.within(Box(0, 0, width, height)):
        return
    ctx.problems.append(
        Diagnostic(
            layout.source.span((*at, "name")),
            f"frame '{name}' lies outside the page: it spans x {box.x / MM:.1f}–{box.right / MM:.1f} mm, "
            f"y {box.y / MM:.1f}–{box.bottom / MM:.1f} mm on a {width / MM:.0f} × {height / MM:.0f} mm page",
            (
                "positions count from the top-left corner of the type area (inside the margins); "
                "with 'bleed: true' from the page corner",
            ),
        )
    )


def _metadata(layout: LoadedLayout, ctx: Ctx) -> dict[str, Any]:
    profile = ctx.binder.profile.profile
    names = tuple(area.name[ctx.lang] for area in profile.focus_areas)
    return {
        "title": ctx.binder.template(layout.layout.title, ("title",)).text,
        "subject": ctx.binder.template(layout.layout.subject, ("subject",)).text,
        "author": ctx.theme.theme.meta.author[ctx.lang],
        "keywords": (profile.name[ctx.lang], *names),
    }


def _characters(pages: list[_BoundPage]) -> str:
    chars: set[str] = set()
    for page in pages:
        for frame in page.frames:
            for content in frame.contents:
                for bound, _ in content.texts:
                    chars.update(bound.text)
                chars.update(getattr(content.block, "bullet", "") or "")
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


def _coverage(pages: list[_BoundPage], ctx: Ctx) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    for page in pages:
        for frame in page.frames:
            for content in frame.contents:
                for bound, role in content.texts:
                    problems += ctx.ts.coverage(bound, role)
    unique = {(str(d.span), d.message): d for d in problems}
    return list(unique.values())


def _place_page(page: _BoundPage, ctx: Ctx, width: float, height: float) -> list[Page]:
    """The page, then as many continuation pages as its `continue` frames need."""
    name = ctx.layout.data["pages"][page.index]["name"]
    items: list[Item] = []
    flows: list[Flow] = []
    for frame in page.frames:
        placed, flow = place_frame(frame, ctx)
        items += placed
        flows += [flow] if flow else []
    pages = [Page(width, height, tuple(items), name=name, background=page.background, notes=page.notes)]
    while flows and len(pages) <= MAX_CONTINUATIONS:
        items = [item for frame in page.frames if frame.frame.repeat for item in place_frame(frame, ctx)[0]]
        flows = _continue(flows, ctx, items)
        pages.append(Page(width, height, tuple(items), name=f"{name}-continued", background=page.background))
    if flows:
        ctx.problems.append(
            Diagnostic(
                ctx.layout.span(("pages", page.index, "name")),
                f"page '{name}' needs more than {MAX_CONTINUATIONS} continuation pages",
                ("shorten the text or give the frame more room",),
            )
        )
    return pages


def _continue(flows: list[Flow], ctx: Ctx, items: list[Item]) -> list[Flow]:
    """Set each flow's next part into `items`; return what still flows on."""
    rest = []
    for flow in flows:
        placed, more = place_flow(flow, ctx)
        items += placed
        rest += [more] if more else []
    return rest


def _fonts(ts: Typesetter) -> DocumentFonts:
    body_latin, body_ea = ts.faces(400)
    head_latin, head_ea = ts.faces(700)
    return DocumentFonts(head_latin.face, body_latin.face, head_ea.face, body_ea.face)


def _palette(theme: LoadedTheme) -> dict[str, Any]:
    c = theme.colors
    chart = theme.chart_colors
    return {
        "dk1": c["foreground"],
        "lt1": c["background"],
        "dk2": c["primary"],
        "lt2": c["surface"],
        "accent1": chart[0],
        "accent2": chart[1 % len(chart)],
        "accent3": chart[2 % len(chart)],
        "accent4": c["highlight"],
        "accent5": c["secondary"],
        "accent6": c["muted"],
        "hlink": c["secondary"],
        "folHlink": c["muted"],
    }
