"""Theme loading: a `themes/*.yaml` path in, a `LoadedTheme` with every colour resolved out.

Colour references are followed through the palette (`primary: navy`, `navy: "#0B2E59"`); a
palette colour given as `{rgb, cmyk}` carries its print value to every name that refers to it;
unknown names and reference cycles are reported at the line that names them. Font files
are checked to exist in their packages; role colours must resolve.
"""

from __future__ import annotations

import re
from pathlib import Path

import msgspec
from msgspec import Struct, field

from ..diagnostics import Diagnostic, DiagnosticError, did_you_mean, display_path
from ..document import Color
from ..fonts import FontError, FontSpec, locate
from ..model.theme import PaletteColor, Theme
from .images import check_picture
from .layout import LoadedLayout
from .source import read_source
from .validation import validate
from .yaml_doc import DataPath, SourceDoc

__all__ = ["COLOR_ROLES", "LoadedTheme", "load_layout_theme", "load_theme"]

COLOR_ROLES = (
    "primary",
    "secondary",
    "accent",
    "highlight",
    "background",
    "surface",
    "foreground",
    "muted",
    "on-primary",
)
_HEX = re.compile(r"^#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")


class LoadedTheme(Struct, frozen=True):
    """A theme, its resolved colours (palette names and roles) and its font specs by id."""

    theme: Theme
    source: SourceDoc
    colors: dict[str, Color]
    chart_colors: tuple[Color, ...]
    fonts: dict[str, FontSpec] = field(default_factory=dict)

    def color(self, name: str) -> Color | None:
        """The colour a layout names: a role, a palette name or a hex value; None if unknown."""
        if _HEX.match(name):
            return Color.from_hex(name)
        return self.colors.get(name)


def load_theme(path: Path) -> LoadedTheme:
    """Read, validate and resolve the theme at `path`. Raises `DiagnosticError`."""
    source = read_source(path)
    theme = validate(source, Theme)
    problems: list[Diagnostic] = []
    colors = _resolve_colors(theme, source, problems)
    known = set(theme.color.palette) | set(COLOR_ROLES)  # defined, even if they failed to resolve
    chart = tuple(
        _chart_color(theme, source, colors, known, i, problems) for i in range(len(theme.color.chart))
    )
    fonts = _font_specs(theme, source, problems)
    problems += _role_problems(theme, source, known)
    problems += _component_problems(theme, source)
    if theme.logo is not None:
        checked = check_picture(path.resolve().parent.parent, theme.logo.path, source.span(("logo", "path")))
        problems += [checked] if isinstance(checked, Diagnostic) else []
    if problems:
        raise DiagnosticError(problems)
    return LoadedTheme(theme, source, colors, chart, fonts)


def load_layout_theme(themes: Path, layout: LoadedLayout) -> LoadedTheme:
    """The theme `layout` names, from the folder `themes`. Raises `DiagnosticError`.

    A theme that does not exist is reported at the layout's `theme:` line.
    """
    name = layout.layout.theme
    path = themes / f"{name}.yaml"
    if not path.is_file():
        available = sorted(p.stem for p in themes.glob("*.yaml"))
        hints = did_you_mean(name, available) or (f"themes are files under {display_path(themes)}/",)
        raise DiagnosticError([Diagnostic(layout.source.span(("theme",)), f"no theme '{name}'", hints)])
    return load_theme(path)


Refs = dict[str, tuple[str, DataPath]]


def _resolve_colors(theme: Theme, source: SourceDoc, problems: list[Diagnostic]) -> dict[str, Color]:
    refs: Refs = {}
    cmyk: dict[str, tuple[float, float, float, float]] = {}
    for name, value in theme.color.palette.items():
        if isinstance(value, PaletteColor):
            refs[name] = (value.rgb, ("color", "palette", name, "rgb"))
            cmyk[name] = value.cmyk.fractions()
        else:
            refs[name] = (value, ("color", "palette", name))
    for role in COLOR_ROLES:
        refs[role] = (getattr(theme.color, role.replace("-", "_")), ("color", role))
    colors: dict[str, Color] = {}
    for name in refs:
        found = _follow(name, refs, source, problems)
        if found is not None:
            color, defined_by = found
            colors[name] = msgspec.structs.replace(color, cmyk=cmyk.get(defined_by))
    return colors


def _follow(name: str, refs: Refs, source: SourceDoc, problems: list[Diagnostic]) -> tuple[Color, str] | None:
    """Follow `name` through the references to a hex value and the name that gives it.

    Reports what goes wrong once; None then.
    """
    seen = [name]
    while True:
        value, path = refs[seen[-1]]
        if _HEX.match(value):
            return Color.from_hex(value), seen[-1]
        if value not in refs:
            if len(seen) == 1:  # reported at the entry that names the unknown colour
                problems.append(
                    Diagnostic(
                        source.span(path),
                        f"unknown colour '{value}'",
                        did_you_mean(value, refs) or ("use #RRGGBB or a palette name",),
                    )
                )
            return None
        if value in seen:
            cycle = seen[seen.index(value) :]
            if name == min(cycle):  # each cycle once, at its alphabetically first member
                problems.append(
                    Diagnostic(
                        source.span(refs[name][1]),
                        f"colour reference cycle: {' -> '.join([*cycle, value])}",
                        ("give one of these colours a #RRGGBB value",),
                    )
                )
            return None
        seen.append(value)


def _chart_color(
    theme: Theme,
    source: SourceDoc,
    colors: dict[str, Color],
    known: set[str],
    index: int,
    problems: list[Diagnostic],
) -> Color:
    ref = theme.color.chart[index]
    if _HEX.match(ref):
        return Color.from_hex(ref)
    if ref not in known:
        span = source.span(("color", "chart", index))
        problems.append(Diagnostic(span, f"unknown colour '{ref}'", did_you_mean(ref, known)))
    return colors.get(ref, Color(0, 0, 0))


def _font_specs(theme: Theme, source: SourceDoc, problems: list[Diagnostic]) -> dict[str, FontSpec]:
    specs = {}
    for font_id, font in theme.typography.fonts.items():
        spec = FontSpec(font_id, font.family, font.package, font.file, font.office, font.east_asian)
        try:
            locate(spec)
        except FontError as exc:
            span = source.span(("typography", "fonts", font_id, *([exc.field] if exc.field else [])))
            problems.append(Diagnostic(span, str(exc.message), (exc.hint,) if exc.hint else ()))
            continue
        specs[font_id] = spec
    for kind in ("brochure", "deck"):
        pair = getattr(theme.typography, kind)
        for slot in ("latin", "east-asian"):
            font_id = getattr(pair, slot.replace("-", "_"))
            if font_id not in theme.typography.fonts:
                span = source.span(("typography", kind, slot))
                problems.append(
                    Diagnostic(
                        span, f"unknown font '{font_id}'", did_you_mean(font_id, theme.typography.fonts)
                    )
                )
    return specs


def _role_problems(theme: Theme, source: SourceDoc, known: set[str]) -> list[Diagnostic]:
    problems = []
    for name, role in theme.typography.roles.items():
        if not _HEX.match(role.color) and role.color not in known:
            span = source.span(("typography", "roles", name, "color"))
            hints = did_you_mean(role.color, known)
            problems.append(Diagnostic(span, f"unknown colour '{role.color}'", hints))
    return problems


def _component_problems(theme: Theme, source: SourceDoc) -> list[Diagnostic]:
    """Text roles that `components` name must exist under `typography.roles`."""
    roles = theme.typography.roles
    problems = []
    for kind in ("brochure", "deck"):
        look = getattr(theme.components, kind)
        for path, name in (
            (("text", "heading"), look.text.heading),
            (("text", "body"), look.text.body),
            *((("card", f"{k}-role"), getattr(look.card, f"{k}_role")) for k in ("number", "title", "body")),
            *(
                (("figure", f"{k}-role"), getattr(look.figure, f"{k}_role"))
                for k in ("qualifier", "number", "label")
            ),
            (("figure", "number-role"), look.figure.number_role + "-unit"),
            *(
                (("timeline", f"{k}-role"), getattr(look.timeline, f"{k}_role"))
                for k in ("when", "title", "body")
            ),
            (("chart", "role"), look.chart.role),
        ):
            if name not in roles:
                span = source.span(("components", kind, *path))
                problems.append(Diagnostic(span, f"unknown text role '{name}'", did_you_mean(name, roles)))
    return problems
