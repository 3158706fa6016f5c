"""Contrast reported: what `measure` found, the layout and the theme in; diagnostics out.

Each failure is reported once per document for each frame, text role and pair of colours, at
the layout frame's name (continuation pages map to their template's frame), with the worst
ratio measured, the colours by their theme names, notes at the theme lines that set them, and
a hint. Text over a picture is a warning, once per frame.
"""

from __future__ import annotations

from msgspec import Struct

from ...diagnostics import Diagnostic, Severity, Span
from ...document import Color, TextBox
from ...loaders.layout import LoadedLayout
from ...loaders.theme import COLOR_ROLES, LoadedTheme
from ...loaders.yaml_doc import DataPath
from ...model.theme import PaletteColor
from .measure import AA_BODY, LowContrast, Measured, Unmeasured, luminance

__all__ = ["Where", "reported"]


class Where(Struct, frozen=True, eq=False):
    """What the report needs: the layout, the theme, and each page's template (its index)."""

    layout: LoadedLayout
    theme: LoadedTheme
    templates: tuple[int, ...]

    def frame(self, page: int, box: TextBox) -> Span:
        """The layout frame `box` was set in on `page` (else the page template's name)."""
        index = self.templates[page]
        template = self.layout.layout.pages[index]
        at: DataPath = ("pages", index, "name")
        for f, frame in enumerate(template.frames):
            if frame.name == box.frame:
                at = ("pages", index, "frames", f, "name")
        return self.layout.source.span(at)

    def theme_span(self, path: DataPath) -> Span:
        return self.theme.source.span(path)


def reported(measured: Measured, where: Where) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """The errors (too little contrast) and warnings (text over pictures) for one document."""
    worst: dict[tuple[str, str, str, str, str], LowContrast] = {}
    for found in measured.failing:
        key = (str(where.frame(found.page, found.box)), found.box.frame, found.style.role, *_hexes(found))
        kept = worst.get(key)
        if kept is None or found.ratio / found.needed < kept.ratio / kept.needed:
            worst[key] = found
    errors = [_error(found, where) for found in worst.values()]
    pictures: dict[tuple[str, str], Unmeasured] = {}
    for over in measured.unmeasured:
        pictures.setdefault((str(where.frame(over.page, over.box)), over.box.frame), over)
    return errors, [_warning(over, where) for over in pictures.values()]


def _hexes(found: LowContrast) -> tuple[str, str]:
    return found.style.color.hex, found.backdrop.color.hex


def _error(found: LowContrast, where: Where) -> Diagnostic:
    role = found.style.role
    ref = _role_color(where.theme, role, found.style.color)
    chain = _chain(where.theme, ref) if ref else []
    text = f"'{ref}' (#{found.style.color.hex})" if ref else f"#{found.style.color.hex} (set by the layout)"
    what = "the page background" if found.backdrop.page else f"the fill of '{found.backdrop.name}'"
    back = _named(where.theme, found.backdrop.color)
    on = (
        f"'{back}' (#{found.backdrop.color.hex}, {what})" if back else f"#{found.backdrop.color.hex} ({what})"
    )
    kind = "text under 18 pt (14 pt bold)" if found.needed == AA_BODY else "large text"
    message = (
        f"too little contrast in frame '{found.box.frame or '?'}': text role '{role}' in {text} on {on} "
        f"measures {_shown(found.ratio)}:1; WCAG 2.1 AA needs {found.needed:g}:1 for {kind}"
    )
    notes = _notes(found, ref, chain, where) + _background(found, back, where)
    hints = (_hint(found, ref, chain, where),)
    return Diagnostic(where.frame(found.page, found.box), message, hints, related=notes)


def _hint(found: LowContrast, ref: str, chain: list[tuple[str, DataPath]], where: Where) -> str:
    way = "darken" if luminance(found.style.color) < luminance(found.backdrop.color) else "lighten"
    fill = f"or give frame '{found.box.frame or '?'}' a fill the text stands out on"
    role = found.style.role
    role_at = where.theme_span(("typography", "roles", role, "color"))
    if not ref:
        return f"{way} the colour the layout gives this text, {fill}"
    if not chain:
        return f"{way} the colour of text role '{role}' ({role_at}), {fill}"
    holder, path = chain[-1]
    return (
        f"{way} palette '{holder}' ({where.theme_span(path)}) or give text role '{role}' "
        f"({role_at}) another colour, {fill}"
    )


def _notes(
    found: LowContrast, ref: str, chain: list[tuple[str, DataPath]], where: Where
) -> tuple[tuple[Span, str], ...]:
    """Where the text's colour comes from: the text role's line, each name it goes through."""
    if not ref:
        return ()
    role_at = where.theme_span(("typography", "roles", found.style.role, "color"))
    after = [f"'{name}'" for name, _ in chain[1:]] + [f"#{found.style.color.hex}"]
    steps = [
        (where.theme_span(path), f"'{name}' is {then}")
        for (name, path), then in zip(chain, after, strict=False)
    ]
    return ((role_at, f"text role '{found.style.role}' takes colour '{ref}' here"), *steps)


def _background(found: LowContrast, name: str, where: Where) -> tuple[tuple[Span, str], ...]:
    """Where the background's colour is set, when the theme names it."""
    chain = _chain(where.theme, name) if name else []
    if not chain:
        return ()
    holder, path = chain[-1]
    through = f"'{holder}', " if holder != name else ""
    return ((where.theme_span(path), f"the background '{name}' is {through}#{found.backdrop.color.hex}"),)


def _warning(over: Unmeasured, where: Where) -> Diagnostic:
    frame = over.box.frame or "?"
    return Diagnostic(
        where.frame(over.page, over.box),
        f"text in frame '{frame}' lies over picture '{over.image.name}': its contrast cannot be measured",
        ("check it by eye, or give the frame a solid fill behind the text",),
        severity=Severity.WARNING,
    )


def _shown(ratio: float) -> str:
    """The ratio to two decimals, rounded down (a failing 4.499 never shows as 4.50)."""
    return f"{int(ratio * 100) / 100:.2f}"


def _role_color(theme: LoadedTheme, role: str, color: Color) -> str:
    """The colour name text role `role` gives, when `color` is that colour ("" when not)."""
    style = theme.theme.typography.roles.get(role)
    if style is None:
        return ""
    given = theme.color(style.color)
    return style.color if given is not None and given.hex == color.hex else ""


def _named(theme: LoadedTheme, color: Color) -> str:
    """The theme's name for `color`: a colour role first, then a palette name ("": none)."""
    names = [*COLOR_ROLES, *theme.theme.color.palette]
    return next((name for name in names if name in theme.colors and theme.colors[name].hex == color.hex), "")


def _chain(theme: LoadedTheme, ref: str) -> list[tuple[str, DataPath]]:
    """`ref` and the names it refers through, each with where the theme sets it, down to the
    palette entry that holds the value (empty for a hex value or an unknown name)."""
    chain: list[tuple[str, DataPath]] = []
    name = ref
    while name not in (n for n, _ in chain):
        step = _defined(theme, name)
        if step is None:
            break
        chain.append((name, step[1]))
        name = step[0]
    return chain


def _defined(theme: LoadedTheme, name: str) -> tuple[str, DataPath] | None:
    """What the theme sets colour `name` to (a name or a hex value), and where."""
    brand = theme.theme.color
    if name in COLOR_ROLES:
        return getattr(brand, name.replace("-", "_")), ("color", name)
    entry = brand.palette.get(name)
    if isinstance(entry, PaletteColor):
        return entry.rgb, ("color", "palette", name, "rgb")
    if entry is not None:
        return entry, ("color", "palette", name)
    return None
