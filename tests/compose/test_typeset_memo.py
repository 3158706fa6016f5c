"""What a process keeps for the documents of a batch (styles, lines) is keyed by all a paragraph
depends on: the same text set in another language, style, colour, width, alignment, bullet,
indent or space gets its own paragraph, as a fresh process would set it."""

from __future__ import annotations

import itertools

from zjlab_reports.compose import typeset
from zjlab_reports.compose.typeset import Typesetter
from zjlab_reports.document import Color

TEXTS = ("之江实验室 Zhejiang Lab, founded in 2017.", "Intelligent computing — 智能计算")
RED = Color(200, 0, 0)
CASES = list(
    itertools.product(
        ("en", "zh"),
        ("body", "overline"),  # overline: the same leading in both languages
        (None, RED),
        TEXTS,
        (60.0, 150.0),
        ("left", "right"),
        (None, "•"),
        (0.0, 6.0),
        (0.0, 3.0),
    )
)


def _set(ts: Typesetter, role, color, text, width, align, bullet, indent, before):
    styled = ts.style(role, color=color)
    return ts.paragraph(text, styled, width, align=align, bullet=bullet, indent=indent, space_before=before)


def test_paragraphs_set_from_what_the_process_keeps_are_what_a_fresh_process_sets(theme):
    chars = "".join(TEXTS) + "•"
    typesetters = {lang: Typesetter(theme, "brochure", lang, chars) for lang in ("en", "zh")}
    shared = [_set(typesetters[lang], *rest) for lang, *rest in CASES]
    later = {lang: Typesetter(theme, "brochure", lang, chars) for lang in ("en", "zh")}  # another document
    assert [_set(later[lang], *rest) for lang, *rest in CASES] == shared
    for (lang, *rest), kept in zip(CASES, shared, strict=True):
        typeset._CHAINS.clear()
        typeset._STYLED.clear()
        assert _set(Typesetter(theme, "brochure", lang, chars), *rest) == kept


def test_a_role_has_every_character_only_when_no_character_of_the_document_lacks_a_glyph(theme):
    from zjlab_reports.compose.bind import Bound
    from zjlab_reports.diagnostics import Span

    plain = Typesetter(theme, "brochure", "en", "Zhejiang Lab 之江实验室")
    assert plain.has_every_character("body")
    tofu = Typesetter(theme, "brochure", "en", "Zhejiang Lab \ue000")
    assert not tofu.has_every_character("body")
    problems = tofu.coverage(Bound("Lab \ue000", Span("layout.yaml", 3, 5)), "body")
    assert [p.message.split(" in ")[0] for p in problems] == ["character U+E000 '\\ue000'"]
