"""Typesetting: theme roles and bound texts in, measured `TextBox` paragraphs out.

Loads the static font instances one document needs (subset to its characters), turns a theme
role into a `TextStyle` and a font chain, checks every character against the chain (tofu is
a diagnostic, never a box), and sets text into lines with the shared line breaker.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..document import Color, FontFace, Line, Paragraph, TextStyle
from ..fonts import Face, FontError, load_face
from ..loaders.theme import LoadedTheme
from ..records import Immutable, set_field
from ..text import FontChain, layout_lines, measure, missing_chars, widest_piece
from ..text.memo import Memo
from .bind import Bound

__all__ = ["Styled", "Typesetter"]


# One chain per pair of faces for the whole process: its memo (fonts per character, widths,
# broken lines) then serves every document of a batch. Bounded like the memos it holds.
_CHAINS = Memo(limit=64)
# One `Styled` per style and chain for the whole process: the documents of a batch share them
# (and their hash, computed once).
_STYLED = Memo(limit=256)
# The typesetters' tokens: the theme (to check on a hit) and the token, by what they set with.
_SETTINGS = Memo(limit=16)
# Each setting's styles by role, scale and colour, for the documents that share the setting.
_STYLES = Memo(limit=1024)


class Styled(Immutable):
    """A text role made concrete: sizes in points, colour, weight and the fonts to use.

    Hashed once (texts are set and measured by style hundreds of times per document).
    Immutable, and equal by its style and chain, as a frozen dataclass would be; written out,
    because making a dataclass generates and compiles its methods at every start.
    """

    __slots__ = ("_hash", "chain", "style")

    style: TextStyle
    chain: FontChain
    _hash: int

    def __init__(self, style: TextStyle, chain: FontChain) -> None:
        set_field(self, "style", style)
        set_field(self, "chain", chain)
        set_field(self, "_hash", hash((style, chain)))

    def __repr__(self) -> str:
        return f"Styled(style={self.style!r}, chain={self.chain!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Styled)
        return (self.style, self.chain) == (other.style, other.chain)

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[type[Styled], tuple[TextStyle, FontChain]]:
        return Styled, (self.style, self.chain)

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
        self._styles: dict[tuple[str, float, Color | None], Styled] = {}
        self._set: dict[tuple[object, ...], Paragraph] = {}
        self._widest: dict[tuple[str, Styled], float] = {}
        self._setting: object | None = None

    @property
    def setting(self) -> object:
        """A token for what this typesetter sets text with, for keys of memos shared between
        documents: the same object for every typesetter with the same theme (object),
        language, text scale and font instances (which hold the document's character set),
        else another. Loads every role's faces; raises `FontError`."""
        if self._setting is None:
            weights = sorted({role.weight for role in self.theme.theme.typography.roles.values()})
            faces = tuple(self.faces(weight) for weight in weights)
            key = (id(self.theme), self.lang, self.text_scale, faces)
            theme, token = _SETTINGS.get(key, lambda: (self.theme, object()))
            # the entry keeps its theme alive, so no other theme has its id while it lasts
            self._setting = token if theme is self.theme else object()
        return self._setting

    def faces(self, weight: int) -> tuple[Face, Face]:
        """(Latin, East Asian) static instances at `weight`. Raises `FontError`."""
        if weight not in self._faces:
            self._faces[weight] = (
                load_face(self.latin_spec, weight, self.chars),
                load_face(self.ea_spec, weight, self.chars),
            )
        return self._faces[weight]

    def loaded_faces(self) -> tuple[FontFace, ...]:
        """Every face loaded so far (by `faces`), each once, in the order loaded."""
        return tuple(dict.fromkeys(face.face for pair in self._faces.values() for face in pair))

    def style(self, role: str, *, scale: float = 1.0, color: Color | None = None) -> Styled:
        """The role's style, its size multiplied by `scale` (for shrink-to-fit). Raises `FontError`."""
        key = (role, scale, color)
        found = self._styles.get(key)
        if found is None:
            found = self._styles[key] = _STYLES.get(
                (self.setting, *key), lambda: self._style(role, scale, color)
            )
        return found

    def _style(self, role: str, scale: float, color: Color | None) -> Styled:
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
        chain = _CHAINS.get((latin, east_asian), lambda: FontChain(latin=(latin,), east_asian=(east_asian,)))
        return _STYLED.get((text_style, chain), lambda: Styled(text_style, chain))

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

        A column too narrow for a word is still set (words cut between letters, in at least
        one point of width): ask `too_narrow` whether that happened. Set once per document
        for each text, style and width (shrinking and breaking lay text out again and again);
        the lines themselves come from the chain's memo, shared by a batch's documents.
        """
        key = (text, styled, width, align, bullet, indent, space_before)
        found = self._set.get(key)
        if found is None:
            found = self._set[key] = self._paragraph(text, styled, width, align, bullet, indent, space_before)
        return found

    def _paragraph(
        self,
        text: str,
        styled: Styled,
        width: float,
        align: str,
        bullet: str | None,
        indent: float,
        space_before: float,
    ) -> Paragraph:
        lines: tuple[Line, ...] = layout_lines(
            text,
            styled.chain,
            styled.size,
            styled.leading,
            max(width - indent, 1.0),
            self.lang,
            align=align,
            top=self.half_leading(styled),
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

    def too_narrow(self, text: str, styled: Styled, room: float) -> bool:
        """True when `room` points cannot hold `text`'s widest unbreakable piece (or any text)."""
        return room < styled.size * 0.5 or self.widest_word(text, styled) > room + 0.01

    def widest_word(self, text: str, styled: Styled) -> float:
        """The width of the widest piece of `text` that may not be broken, in points."""
        key = (text, styled)
        found = self._widest.get(key)
        if found is None:
            found = self._widest[key] = widest_piece(text, styled.chain, styled.size, self.lang)
        return found

    def half_leading(self, styled: Styled) -> float:
        """Space above the first line's ascender so that the line box is `leading` tall."""
        face = styled.chain.east_asian[0] if self.lang == "zh" else styled.chain.latin[0]
        return (styled.leading - (face.ascent + face.descent) * styled.size) / 2

    def has_every_character(self, role: str) -> bool:
        """Whether the fonts of `role` have every character of the document (`chars`): then
        no text of the document set in `role` can lack one. False when its fonts fail to load."""
        try:
            chain = self.style(role).chain
        except FontError:
            return False
        return not missing_chars(self.chars, chain, self.lang)

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
