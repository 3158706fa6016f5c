"""Typesetting: theme roles and bound texts in, measured `TextBox` paragraphs out.

Loads the static font instances one document needs (subset to its characters), turns a theme
role into a `TextStyle` and a font chain, checks every character against the chain (tofu is
a diagnostic, never a box), and sets text into lines with the shared line breaker.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from ..diagnostics import Diagnostic
from ..document import Color, Line, Paragraph, TextStyle
from ..fonts import Face, FontError, load_face
from ..loaders.theme import LoadedTheme
from ..text import FontChain, break_opportunities, layout_lines, measure, missing_chars
from .bind import Bound

__all__ = ["Styled", "Typesetter"]


@dataclass(frozen=True)
class Styled:
    """A text role made concrete: sizes in points, colour, weight and the fonts to use."""

    style: TextStyle
    chain: FontChain

    @property
    def size(self) -> float:
        return self.style.size

    @property
    def leading(self) -> float:
        return self.style.leading


class Typesetter:
    """Font faces and role styles for one document (kind, language, character set)."""

    def __init__(self, theme: LoadedTheme, kind: str, lang: str, chars: str, *, text_scale: float = 1.0):
        self.theme = theme
        self.lang = lang
        self.text_scale = text_scale  # the layout's factor on every role's size
        pair = getattr(theme.theme.typography, kind)
        self.latin_spec = theme.fonts[pair.latin]
        self.ea_spec = theme.fonts[pair.east_asian]
        self.chars = chars
        self._faces: dict[int, tuple[Face, Face]] = {}
        #: Set when a word had to be broken between letters because it was wider than its
        #: line: frames treat that as not fitting (and shrink), like text that is too tall.
        self.broke_words = False

    def faces(self, weight: int) -> tuple[Face, Face]:
        """(Latin, East Asian) static instances at `weight`. Raises `FontError`."""
        if weight not in self._faces:
            self._faces[weight] = (
                load_face(self.latin_spec, weight, self.chars),
                load_face(self.ea_spec, weight, self.chars),
            )
        return self._faces[weight]

    def style(self, role: str, *, scale: float = 1.0, color: Color | None = None) -> Styled:
        """The role's style, its size multiplied by `scale` (for shrink-to-fit)."""
        spec = self.theme.theme.typography.roles[role]
        latin, east_asian = self.faces(spec.weight)
        size = round(spec.size * scale * self.text_scale, 2)
        leading_ratio = spec.leading_zh if (self.lang == "zh" and spec.leading_zh) else spec.leading
        text_style = TextStyle(
            size=size,
            leading=round(size * leading_ratio, 2),
            color=color or self.theme.colors.get(spec.color) or Color.from_hex(spec.color),
            weight=spec.weight,
            latin=latin.face,
            east_asian=east_asian.face,
            role=role,
        )
        return Styled(text_style, FontChain(latin=(latin,), east_asian=(east_asian,)))

    def width(self, text: str, styled: Styled) -> float:
        """The width of `text` on one line, in points."""
        return measure(text, styled.chain, styled.size, self.lang)

    def paragraph(
        self,
        text: str,
        styled: Styled,
        width: float,
        *,
        align: str = "left",
        bullet: str | None = None,
        indent: float = 0.0,
        space_before: float = 0.0,
    ) -> Paragraph:
        """`text` broken into lines no wider than `width` (minus `indent`) points.

        A column too narrow for a word (or for anything at all) sets `broke_words`, which
        frames treat as not fitting; the text is still set, in at least one point of width.
        """
        top = self.half_leading(styled)
        room = width - indent
        if room < styled.size * 0.5 or self.widest_word(text, styled) > room + 0.01:
            self.broke_words = True
        lines: tuple[Line, ...] = layout_lines(
            text, styled.chain, styled.size, styled.leading, max(room, 1.0), self.lang, align=align, top=top
        )
        return Paragraph(
            text,
            styled.style,
            lines,
            align=align,  # type: ignore[arg-type]
            bullet=bullet,
            indent=indent,
            space_before=space_before,
        )

    def widest_word(self, text: str, styled: Styled) -> float:
        """The width of the widest piece of `text` that may not be broken, in points."""
        widest = 0.0
        for line in text.split("\n"):
            cuts = [0, *break_opportunities(line, self.lang), len(line)]
            for start, end in itertools.pairwise(cuts):
                widest = max(widest, self.width(line[start:end].rstrip(" "), styled))
        return widest

    def half_leading(self, styled: Styled) -> float:
        """Space above the first line's ascender so that the line box is `leading` tall."""
        face = styled.chain.east_asian[0] if self.lang == "zh" else styled.chain.latin[0]
        return (styled.leading - (face.ascent + face.descent) * styled.size) / 2

    def ascent(self, styled: Styled) -> float:
        face = styled.chain.east_asian[0] if self.lang == "zh" else styled.chain.latin[0]
        return face.ascent * styled.size

    def coverage(self, bound: Bound, role: str) -> list[Diagnostic]:
        """A diagnostic per character of `bound` that no font of `role` has."""
        try:
            styled = self.style(role)
        except FontError:
            return []
        missing = sorted(set(missing_chars(bound.text, styled.chain, self.lang)))
        return [_tofu(bound, ch, styled) for ch in missing]


def _tofu(bound: Bound, ch: str, styled: Styled) -> Diagnostic:
    families = [
        styled.style.latin.family if styled.style.latin else "",
        styled.style.east_asian.family if styled.style.east_asian else "",
    ]
    source = bound.field_of(ch)
    where, what = (source[1], f"profile field '{source[0]}'") if source else (bound.layout_span, "this text")
    return Diagnostic(
        where,
        f"character U+{ord(ch):04X} {ch!r} in {what} is in no font ({', '.join(f for f in families if f)})",
        ("replace the character, or add a font that has it to the theme",),
        related=((bound.layout_span, "used by the layout here"),) if source else (),
    )


def font_problem(exc: FontError, theme: LoadedTheme, kind: str) -> Diagnostic:
    """A font that cannot be used, reported at the theme's line for the document kind."""
    span = theme.source.span(("typography", kind))
    return Diagnostic(span, exc.message, (exc.hint,) if exc.hint else ())
