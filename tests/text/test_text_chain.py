"""Font fallback: which font draws which character, runs, and tofu diagnostics."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zjlab_reports.text import FontChain, itemize, missing_chars


def test_font_for_prefers_latin_for_ascii_and_cjk_font_for_han(chain, latin, east_asian):
    assert chain.font_for("A", "zh") is latin
    assert chain.font_for("7", "zh") is latin
    assert chain.font_for(",", "zh") is latin
    assert chain.font_for("中", "en") is east_asian
    assert chain.font_for("，", "zh") is east_asian
    assert chain.font_for("（", "en") is east_asian


@pytest.mark.parametrize("ch", ["“", "”", "‘", "’", "…", "—", "·"])
def test_ambiguous_punctuation_follows_the_language(chain, latin, east_asian, ch):
    assert chain.font_for(ch, "zh") is east_asian
    assert chain.font_for(ch, "zh-CN") is east_asian
    assert chain.font_for(ch, "en") is latin


def test_font_for_falls_back_along_the_chain(make_font, east_asian):
    ascii_only = make_font("AsciiOnly", lambda ch: ch.isascii())
    chain = FontChain(latin=(ascii_only,), east_asian=(east_asian,))
    assert chain.font_for("é", "en") is east_asian
    assert chain.font_for("a", "en") is ascii_only


def test_font_for_is_none_when_no_font_has_the_char(chain):
    assert chain.font_for("\ue000", "zh") is None


def test_empty_chain_is_refused():
    with pytest.raises(ValueError, match="at least one font"):
        FontChain(latin=(), east_asian=())


def test_itemize_splits_into_runs_of_one_font(chain, latin, east_asian):
    runs = itemize("之江实验室，AI研究2017年", chain, "zh")
    assert [(text, font) for text, font in runs] == [
        ("之江实验室，", east_asian),
        ("AI", latin),
        ("研究", east_asian),
        ("2017", latin),
        ("年", east_asian),
    ]


def test_itemize_keeps_spaces_in_the_run_they_follow(chain, latin, east_asian):
    runs = itemize("之江 实验室 AI 研究", chain, "zh")
    assert runs == [("之江 实验室 ", east_asian), ("AI ", latin), ("研究", east_asian)]


def test_itemize_gives_a_space_the_next_font_in_line_when_the_previous_lacks_it(make_font, latin):
    no_space = make_font("NoSpace", lambda ch: ch != "\u202f", em=1.0)
    chain = FontChain(latin=(latin,), east_asian=(no_space,))
    runs = itemize("五\u202f个", chain, "zh")
    assert runs == [("五", no_space), ("\u202f", latin), ("个", no_space)]


def test_itemize_of_empty_text_is_empty(chain):
    assert itemize("", chain, "zh") == []


def test_itemize_never_loses_text(chain):
    text = "The Lab（之江实验室）was founded in 2017.\n“AI”……"
    assert "".join(run for run, _ in itemize(text, chain, "zh")) == text


def test_missing_chars_reports_chars_no_font_has_once_each(chain):
    assert missing_chars("a\ue000中\ue001\ue000", chain, "zh") == ["\ue000", "\ue001"]


def test_missing_chars_ignores_line_breaks_and_covered_spaces(chain):
    assert missing_chars("之江\n实验室 AI\u00a0x\u202fy", chain, "zh") == []


def test_missing_chars_reports_a_space_no_font_has(make_font):
    no_nnbsp = make_font("NoNarrowSpace", lambda ch: ch != "\u202f")
    chain = FontChain(latin=(no_nnbsp,), east_asian=())
    assert missing_chars("5\u202fkm", chain, "en") == ["\u202f"]


# Characters for the shortcut's properties: ASCII, spaces and breaks (neutral), Han,
# ambiguous punctuation, a character only the Latin fake lacks (é, below) and one no font has.
_MIXED = [*"ab Z7,.", "\u00a0", "\n", "\u00ad", *"之江，", *"“”…—", "é", "\ue000"]


def _chains(chain, make_font, east_asian):
    """`chain`, and one whose Latin font lacks `é` (so it falls back along the chain)."""
    no_accents = make_font("NoAccents", lambda ch: ord(ch) < 0x0370 and ch != "é")
    return [chain, FontChain(latin=(no_accents,), east_asian=(east_asian,))]


@given(st.text(alphabet=st.sampled_from(_MIXED), max_size=24), st.sampled_from(["en", "zh"]))
@settings(max_examples=300, deadline=None)
def test_the_one_font_shortcut_gives_each_character_the_font_the_rule_gives(
    chain, make_font, east_asian, text, lang
):
    from zjlab_reports.text.chain import _font_of_each, _fonts_per_char

    for each in _chains(chain, make_font, east_asian):
        assert _fonts_per_char(text, each, lang) == _font_of_each(text, each, lang)


@given(st.text(alphabet=st.sampled_from(_MIXED), max_size=24))
@settings(max_examples=200, deadline=None)
def test_unit_advances_are_each_characters_advance_in_its_font(chain, text):
    from zjlab_reports.text.chain import _font_of_each

    fonts = _font_of_each(text, chain, "zh")
    assert chain.unit_advances(fonts, text) == tuple(
        f.advance(ch, 1.0) for f, ch in zip(fonts, text, strict=True)
    )


def test_unit_advances_need_one_font_per_character(chain, latin):
    with pytest.raises(ValueError, match="2 fonts for 3 characters"):
        chain.unit_advances([latin, latin], "abc")
