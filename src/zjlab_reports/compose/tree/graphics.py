"""Graphic blocks: image, rule and spacer in; `Picture` (with its credit line), `Rule` and `Spacer` nodes out.

(A band is not a node: it fills its frame, so the frame draws it; see `frames`.) An image block
shows a profile picture by key (`image: cover`), the organisation's logo (`logo: true`: the
profile's `images.logo`, else the theme's logo if the theme is the same organisation's) or a
file (`src`); files are checked by `loaders.images` (PNG or JPEG, inside the project folder), at
the span that names them. Pictures are `Figure`s with their alternative text; a credit line
is a `Caption`. Rules and spacers are decoration.
"""

from __future__ import annotations

from msgspec import Struct

from ...diagnostics import Diagnostic, Span, did_you_mean
from ...document import Tag
from ...loaders.images import check_picture
from ...model.common import LANGS
from ...model.common import Text as ProfileText
from ...model.layout import ImageBlock, Rule, Spacer
from ..bind import Bound
from ..nodes import Node, Picture, Stack, Text
from ..nodes import Rule as RuleNode
from ..nodes import Spacer as SpacerNode
from ..pictures import PictureSource
from .context import Ctx, Where

__all__ = ["bind_image", "bind_rule", "bind_spacer", "same_organisation"]


class _Named(Struct, frozen=True, eq=False):
    """What an image block names: a label for diagnostics and a name for the drawn picture,
    its file and the span naming it, its alternative text and credit (None: none), its focal
    point."""

    label: str
    name: str
    src: str
    span: Span
    alt: str
    credit: ProfileText | None = None
    focus: tuple[float, float] = (0.5, 0.5)


def bind_image(block: ImageBlock, where: Where, ctx: Ctx) -> Node | None:
    """The block's picture (None: an optional picture the profile lacks, or a problem)."""
    named = _named(block, where, ctx)
    if named is None:
        return None
    checked = check_picture(ctx.root, named.src, named.span)
    if isinstance(checked, Diagnostic):
        ctx.problems.append(checked)
        return None
    alt = ctx.binder.template(block.alt, (*where.at, "alt")).text if block.alt is not None else named.alt
    source = PictureSource(named.label, named.span, ctx.layout.span(where.at), where.frame, block.min_ppi)
    picture = Picture(
        checked.path,
        checked.ratio,
        alt,
        ctx.mm(block.height) if block.height else None,
        Tag("Figure", alt=alt),
        pixels=checked.pixels,
        fit=block.fit,
        focus=named.focus,
        align=block.align or "left",
        name=f"{named.name} ({where.frame})",
        source=source,
    )
    return _with_credit(picture, block, where, named, ctx)


def _named(block: ImageBlock, where: Where, ctx: Ctx) -> _Named | None:
    if block.logo:
        return _logo(block, where, ctx)
    if block.image:
        return _profile_picture(block, where, ctx)
    assert block.src is not None  # the model asks for exactly one of image, logo, src
    return _Named(f"image '{block.src}'", block.src, block.src, ctx.layout.span((*where.at, "src")), "")


def _profile_picture(block: ImageBlock, where: Where, ctx: Ctx) -> _Named | None:
    key = block.image or ""
    profile = ctx.binder.profile
    picture = profile.profile.images.get(key)
    if picture is None:
        if not block.optional:
            ctx.problems.append(_no_picture(key, where, ctx))
        return None
    span = profile.source.span(("images", key, "src"))
    focus = (picture.focus.x, picture.focus.y)
    label = f"picture 'images.{key}'"
    return _Named(label, f"images.{key}", picture.src, span, picture.alt[ctx.lang], picture.credit, focus)


def _no_picture(key: str, where: Where, ctx: Ctx) -> Diagnostic:
    """The same words for every profile that lacks the key (so a layout checked against many
    profiles reports it once), unless a key of this profile is close to it."""
    hints = did_you_mean(key, ctx.binder.profile.profile.images) or (
        f"add 'images: {{{key}: {{src: ..., alt: {{en: ..., zh: ...}}}}}}' to the profile, "
        "or mark the block 'optional: true'",
    )
    return Diagnostic(ctx.layout.span((*where.at, "image")), f"the profile has no picture '{key}'", hints)


def _logo(block: ImageBlock, where: Where, ctx: Ctx) -> _Named | None:
    """The profile's own logo (`images.logo`), else the theme's if the theme is the same
    organisation's (`meta.name` equal to the profile's `name`), else none: a logo says whose
    document it is, so one organisation's logo never lands on another's."""
    profile = ctx.binder.profile
    own = profile.profile.images.get("logo")
    if own is not None:
        span = profile.source.span(("images", "logo", "src"))
        return _Named("the profile's logo 'images.logo'", "images.logo", own.src, span, own.alt[ctx.lang])
    logo = ctx.theme.theme.logo
    if logo is not None and same_organisation(ctx.theme.theme.meta.name, profile.profile.name):
        span = ctx.theme.source.span(("logo", "path"))
        return _Named("the theme's logo", "logo", logo.path, span, logo.alt[ctx.lang])
    if not block.optional:
        ctx.problems.append(_no_logo(where, ctx))
    return None


def same_organisation(theme_name: ProfileText, profile_name: ProfileText) -> bool:
    """Whether a theme's `meta.name` names the profile's organisation: the same name in
    every language, ignoring case and surrounding spaces."""
    return all(theme_name[lang].strip().casefold() == profile_name[lang].strip().casefold() for lang in LANGS)


def _no_logo(where: Where, ctx: Ctx) -> Diagnostic:
    theme = ctx.theme.theme
    add = "add 'images: {logo: {src: ..., alt: {en: ..., zh: ...}}}' to the profile"
    if theme.logo is None:
        message = "the profile has no logo and the theme has none"
    else:
        message = f"the profile has no logo, and the theme's logo is {theme.meta.name.en}'s"
    return Diagnostic(
        ctx.layout.span((*where.at, "logo")), message, (f"{add}, or mark the block 'optional: true'",)
    )


def _with_credit(picture: Picture, block: ImageBlock, where: Where, named: _Named, ctx: Ctx) -> Node:
    """The picture alone, or in a stack with its credit line below or above it."""
    if block.credit == "none" or named.credit is None:
        return picture
    role = ctx.role(block.style or "caption", (*where.at, "style"))
    color = ctx.color(block.color, (*where.at, "color"), "") if block.color else None
    span = ctx.binder.profile.source.span(("images", block.image or "", "credit", ctx.lang))
    bound = Bound(named.credit[ctx.lang], ctx.layout.span((*where.at, "credit")), "credit", span)
    above = block.credit == "above"
    line = Text((bound,), role, "credit", color, block.align or "left", heading=above, tag=Tag("Caption"))
    gap = ctx.mm(1.5)
    children = (line, picture) if above else (picture, line)
    return Stack(children, (0.0, 0.0), gap)


def bind_rule(block: Rule, where: Where, ctx: Ctx) -> RuleNode:
    color = ctx.color(block.color, (*where.at, "color"), "accent")
    return RuleNode(color, block.thickness, ctx.mm(block.width) if block.width else None)


def bind_spacer(block: Spacer, where: Where, ctx: Ctx) -> SpacerNode:
    return SpacerNode(ctx.mm(block.height))
