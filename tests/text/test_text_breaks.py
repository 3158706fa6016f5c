"""Break opportunities: where a line may end, per the Latin rules and Chinese kinsoku."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zjlab_reports.text import GLUE, NO_END, NO_START, break_opportunities

# The sets the kinsoku checker (shared/checks/kinsoku.py) judges our PDFs by.
CHECKER_NO_START = set("，。、；：？！）」』】〕〉》”’…—·％‰,.;:?!)]}")
CHECKER_NO_END = set("（「『【〔〈《“‘([{")


def pieces(text: str, lang: str) -> list[str]:
    """`text` cut at every break opportunity."""
    cuts = [0, *break_opportunities(text, lang), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(cuts)]


def test_sets_cover_the_checker():
    assert CHECKER_NO_START <= NO_START
    assert CHECKER_NO_END <= NO_END
    assert {"\u00a0", "\u202f"} <= GLUE


def test_english_breaks_after_spaces_only():
    assert pieces("The Lab, in Hangzhou.", "en") == ["The ", "Lab, ", "in ", "Hangzhou."]


def test_spaces_before_closing_or_after_opening_punctuation_do_not_break():
    assert pieces("a ( b ) c", "en") == ["a ", "( b ) ", "c"]


def test_hyphens_and_en_dashes_break_inside_words_only():
    assert pieces("state-of-the-art", "en") == ["state-", "of-", "the-", "art"]
    assert pieces("pre–war", "en") == ["pre–", "war"]
    assert pieces("a -5 b", "en") == ["a ", "-5 ", "b"]
    assert pieces("2017-2022", "en") == ["2017-2022"]


def test_slash_breaks_after_but_not_between_digits():
    assert pieces("and/or", "en") == ["and/", "or"]
    assert pieces("1/2", "en") == ["1/2"]


def test_chinese_breaks_between_han_characters():
    assert pieces("之江实验室", "zh") == ["之", "江", "实", "验", "室"]


def test_kinsoku_keeps_closing_punctuation_with_the_character_before():
    assert pieces("环境优美，占地。」好", "zh") == ["环", "境", "优", "美，", "占", "地。」", "好"]


def test_kinsoku_keeps_opening_punctuation_with_the_character_after():
    assert pieces("称为「《之江》」", "zh") == ["称", "为", "「《之", "江》」"]


def test_ellipsis_and_dash_pairs_never_split():
    assert pieces("等等……好——是", "zh") == ["等", "等……", "好——", "是"]


def test_numbers_and_latin_words_are_units_in_chinese():
    assert pieces("占地90.5公顷（1,358亩）", "zh") == ["占", "地", "90.5", "公", "顷", "（1,358", "亩）"]
    assert pieces("在2017年成立AI实验室", "zh") == ["在", "2017", "年", "成", "立", "AI", "实", "验", "室"]


def test_curly_quotes_are_punctuation_in_chinese():
    assert pieces("称“AI”为", "zh") == ["称", "“AI”", "为"]


def test_apostrophe_between_letters_does_not_break_in_chinese():
    assert pieces("他说don’t好", "zh") == ["他", "说", "don’t", "好"]


@pytest.mark.parametrize("glue", ["\u00a0", "\u202f"])
def test_no_break_spaces_glue(glue):
    assert pieces(f"约90.5{glue}公顷 和 5{glue}km", "zh") == [
        "约",
        f"90.5{glue}公",
        "顷 ",
        "和 ",
        f"5{glue}km",
    ]


def test_leading_spaces_are_no_break_opportunity():
    assert break_opportunities("   abc", "en") == []


def test_combining_marks_stay_with_their_base():
    assert pieces("中e\u0301文", "zh") == ["中", "e\u0301", "文"]


def _every_position_judged(text: str, lang: str) -> list[int]:
    """The rules applied at every position, without the shortcut over plain ASCII."""
    from zjlab_reports.text import breaks

    zh = lang.startswith("zh")
    found = []
    for i in range(1, len(text)):
        solid = text[:i].rstrip(" ")
        if breaks._never_before(text[i]):
            continue
        if text[i - 1] == " ":
            if solid and solid[-1] not in NO_END:
                found.append(i)
        elif text[i - 1] not in breaks._NO_BREAK_AFTER and breaks._between(text, i, zh):
            found.append(i)
    return found


@given(st.text(alphabet=st.sampled_from([*" /-–—.,;:!?()[]{}%'\"\u00ad\u00a0aZ09之，。“”’…·"]), max_size=30))
@settings(max_examples=400, deadline=None)
def test_the_ascii_shortcut_finds_what_every_rule_at_every_position_finds(text):
    for lang in ("en", "zh"):
        assert break_opportunities(text, lang) == _every_position_judged(text, lang)


@given(st.text(alphabet=st.sampled_from([*" /-.,;:!?()[]{}%'\"aZ09"]), max_size=40))
@settings(max_examples=300, deadline=None)
def test_plain_ascii_text_breaks_where_every_rule_at_every_position_says(text):
    for lang in ("en", "zh"):
        assert break_opportunities(text, lang) == _every_position_judged(text, lang)
