"""Font fallback: which font draws which character, runs, and tofu diagnostics."""

from __future__ import annotations

import pytest

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
