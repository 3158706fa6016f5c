"""Greedy line filling with the fake monospace fonts: Latin 0.5 em, CJK 1 em, at 10 pt."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zjlab_reports.text import FontChain, MeasuredRun, break_lines, measure

SIZE = 10.0
EM = SIZE  # one CJK character; a Latin character is EM / 2


def texts(chain: FontChain, text: str, ems: float, lang: str, **kwargs: float) -> list[str]:
    return [line.text for line in break_lines(text, chain, SIZE, ems * EM, lang, **kwargs)]


def test_english_fills_greedily_and_drops_the_space_at_each_break(chain):
    # 10 em = 20 Latin characters per line.
    text = "The Lab has abundant funds, perfect conditions and a pleasant environment."
    assert texts(chain, text, 10, "en") == [
        "The Lab has abundant",
        "funds, perfect",
        "conditions and a",
        "pleasant",
        "environment.",
    ]


def test_line_offsets_index_the_input_and_gaps_hold_only_dropped_spaces(chain):
    text = "one two  three"
    lines = break_lines(text, chain, SIZE, 3.5 * EM, "en")
    assert [(line.start, line.end) for line in lines] == [(0, 7), (9, 14)]
    assert [line.text for line in lines] == ["one two", "three"]
    assert text[lines[0].end : lines[1].start] == "  "


def test_runs_carry_text_font_and_width(chain, latin, east_asian):
    [line] = break_lines("之江AI", chain, SIZE, 10 * EM, "zh")
    assert line.runs == (MeasuredRun("之江", east_asian, 2 * EM), MeasuredRun("AI", latin, EM))
    assert line.width == 3 * EM


def test_explicit_newline_forces_a_line_and_empty_paragraphs_keep_theirs(chain):
    assert texts(chain, "ab\n\ncd\n", 10, "en") == ["ab", "", "cd", ""]
    assert texts(chain, "", 10, "en") == [""]


def test_chinese_pushes_the_character_before_closing_punctuation_down(chain):
    # 5 em: "实验室经费" would fit, but "，" may not start the next line.
    assert texts(chain, "实验室经费，条件", 5, "zh") == ["实验室经", "费，条件"]


def test_chinese_pulls_opening_punctuation_down(chain):
    assert texts(chain, "实验室（之江）", 4, "zh") == ["实验室", "（之江）"]


def test_a_run_of_closing_marks_stays_with_its_character(chain):
    assert texts(chain, "他说：「好。」再见", 4, "zh") == ["他说：", "「好。」", "再见"]


def test_numbers_stay_whole_in_chinese(chain):
    # "90.5" is 2 em, "（1,358" 3.5 em: neither is split, "（" never ends a line, "）" never
    # starts one.
    text = "占地90.5公顷（1,358亩）"
    assert texts(chain, text, 3.5, "zh") == ["占地", "90.5公", "顷", "（1,358", "亩）"]
    assert texts(chain, text, 4.5, "zh") == ["占地90.5", "公顷", "（1,358", "亩）"]
    assert texts(chain, text, 6, "zh") == ["占地90.5公顷", "（1,358亩）"]


def test_ellipsis_pair_moves_with_the_character_before(chain):
    assert texts(chain, "一二三四……五", 5, "zh") == ["一二三", "四……五"]


def test_word_wider_than_the_line_is_cut_between_characters(chain):
    # 2 em = 4 Latin characters.
    assert texts(chain, "ab abcdefghij c", 2, "en") == ["ab", "abcd", "efgh", "ij c"]


def test_forced_cut_prefers_a_cut_that_keeps_kinsoku(chain):
    # "（好）" cannot fit 2 em; cutting after "（" would end a line with it.
    assert texts(chain, "（好）", 2, "zh") == ["（好", "）"]


def test_character_wider_than_the_width_sits_alone(chain):
    lines = break_lines("中文", chain, SIZE, 0.5 * EM, "zh")
    assert [line.text for line in lines] == ["中", "文"]
    assert all(line.width == EM for line in lines)


def test_first_indent_narrows_only_the_first_line(chain):
    assert texts(chain, "一二三四五六七八", 4, "zh", first_indent=2 * EM) == ["一二", "三四五六", "七八"]


def test_trailing_spaces_do_not_count_toward_fitting(chain):
    # "abcd" fills 2 em exactly; the spaces after it are dropped, not overflowed.
    assert texts(chain, "abcd    efgh", 2, "en") == ["abcd", "efgh"]


@pytest.mark.parametrize(("size", "width"), [(0, 10), (10, 0), (-1, 10), (10, -5)])
def test_non_positive_size_or_width_is_refused(chain, size, width):
    with pytest.raises(ValueError, match="must be positive"):
        break_lines("a", chain, size, width, "en")


def test_measure_sums_advances_on_one_line(chain):
    assert measure("之江AI", chain, SIZE, "zh") == 3 * EM
    assert measure("ab \nabcd", chain, SIZE, "en") == 2 * EM
    assert measure("", chain, SIZE, "en") == 0.0


def test_measure_agrees_with_break_lines(chain):
    text = "Zhejiang Lab（之江实验室）2017"
    width = measure(text, chain, SIZE, "zh")
    assert [line.text for line in break_lines(text, chain, SIZE, width, "zh")] == [text]
    assert len(break_lines(text, chain, SIZE, width - 0.01, "zh")) == 2


def test_no_lone_chinese_character_on_the_last_line() -> None:
    """孤字: a Chinese paragraph never ends with a line of one character when it can be avoided."""
    from zjlab_reports.text import break_lines as _break

    chain = _orphan_chain()
    text = "建设大型科技基础设施和重大科研平台"
    for width in range(4, 17):
        lines = _break(text, chain, 10.0, width * 10.0, "zh")
        if len(lines) > 1:
            assert len(lines[-1].text) >= 2, (width, [line.text for line in lines])
        assert "".join(line.text for line in lines) == text


def _orphan_chain():
    from dataclasses import dataclass
    from pathlib import Path

    from zjlab_reports.document import FontFace
    from zjlab_reports.text import FontChain

    @dataclass(frozen=True)
    class _Mono:
        face: FontFace
        ascent: float = 0.88
        descent: float = 0.12

        def has(self, ch: str) -> bool:
            return True

        def advance(self, text: str, size: float) -> float:
            return len(text) * size

    return FontChain(
        latin=(), east_asian=(_Mono(FontFace("Mono", "Mono", 400, Path("mono.ttf"), "Mono", True)),)
    )


def test_a_soft_hyphen_is_a_break_shown_as_a_hyphen_only_where_the_line_breaks(chain):
    text = "state\u00adof\u00adthe\u00adart design"
    # 5 em = 10 Latin characters; a soft hyphen takes no room unless it ends a line
    lines = break_lines(text, chain, SIZE, 5 * EM, "en")
    assert [line.text for line in lines] == ["stateof-", "theart", "design"]
    assert [text[line.start : line.end] for line in lines] == [
        "state\u00adof\u00ad",
        "the\u00adart",
        "design",
    ]
    assert lines[0].width == len("stateof-") * EM / 2
    assert texts(chain, text, 40, "en") == ["stateoftheart design"]


def test_a_soft_hyphen_never_breaks_chinese_or_stands_alone(chain):
    assert break_lines("之\u00ad江", chain, SIZE, 1 * EM, "zh")[0].text == "之"
    assert [line.text for line in break_lines("\u00ad", chain, SIZE, 1 * EM, "en")] == [""]


@given(
    st.text(alphabet=st.sampled_from([*"ab Z7,.", "\u00a0", *"之江，", *"“”…—", "\ue000"]), max_size=24),
    st.integers(0, 24),
    st.integers(0, 24),
    st.sampled_from(["en", "zh"]),
)
@settings(max_examples=300, deadline=None)
def test_a_stretchs_width_is_the_sum_of_its_runs_widths(chain, text, start, end, lang):
    from zjlab_reports.text.lines import _paragraphs

    ((_, paragraph),) = _paragraphs(text, chain, 10.0, lang)
    start, end = min(start, len(text)), min(end, len(text))
    assert paragraph.width(start, end) == sum((run.width for run in paragraph.runs(start, end)), 0.0)
