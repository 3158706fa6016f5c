"""Properties of the line breaker over generated text and widths (hypothesis).

The fake fonts are monospace (Latin 0.5 em, CJK 1 em) at 10 pt. Kinsoku is judged with the
sets of the checker our Chinese PDFs must pass (shared/checks/kinsoku.py).
"""

from __future__ import annotations

import itertools
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from zjlab_reports.text import FontChain, MeasuredLine, break_lines, break_opportunities, measure, shown

SIZE = 10.0
EM = SIZE
TOLERANCE = 1e-6

CHECKER_NO_START = set("，。、；：？！）」』】〕〉》”’…—·％‰,.;:?!)]}")
CHECKER_NO_END = set("（「『【〔〈《“‘([{")
UNITS = ("1,358", "90.5", "2017", "AI", "3,000")

HAN = "之江实验室是浙江省政府主导院校企业参与的新型研发机构以重大科技任务攻关和大型基础设施建设为主线"
OPENINGS = ["", "", "", "（", "「", "《", "“", "【", "(", "『「", "〔", "〈", "‘", "[", "{"]
CLOSINGS = [*"，。、；：？！）」』】〕〉》”’％‰,.;:?!)]}·", "……", "——", "。」", "）。", "”，", "」』"]
BODY = st.one_of(
    st.sampled_from(HAN),
    st.sampled_from(HAN),
    st.sampled_from(UNITS),
    st.sampled_from([" ", "5\u00a0km", "90.5\u202f公顷", "（1,358亩）"]),
)
# Clause-like text (opening marks, a body, closing marks) has a break beside punctuation
# at almost every line end; the fragment soup puts any two marks next to each other.
clause = st.builds(
    lambda opening, body, closing: opening + "".join(body) + closing,
    st.sampled_from(OPENINGS),
    st.lists(BODY, min_size=1, max_size=8),
    st.sampled_from(["", *CLOSINGS]),
)
fragment = st.one_of(
    BODY,
    st.sampled_from(sorted(CHECKER_NO_START | CHECKER_NO_END)),
    st.sampled_from(["……", "——", "。」", "」。", "《之江》", "“AI”", "\n"]),
)
chinese_text = st.one_of(
    st.lists(clause, min_size=1, max_size=25).map("".join),
    st.lists(fragment, min_size=1, max_size=80).map("".join),
)
english_word = st.builds(
    str.__add__, st.text(string.ascii_letters, min_size=1, max_size=12), st.sampled_from(["", ",", ".", ";"])
)
english_words = st.lists(english_word, min_size=1, max_size=40)


def widest_piece(text: str, chain: FontChain, lang: str) -> float:
    """Width of the widest stretch between two break opportunities: at least this wide, a
    line never needs a last-resort cut, so every rule must hold."""
    widest = 0.0
    for paragraph in text.split("\n"):
        cuts = [0, *break_opportunities(paragraph, lang), len(paragraph)]
        for a, b in itertools.pairwise(cuts):
            widest = max(widest, measure(paragraph[a:b].rstrip(" "), chain, SIZE, lang))
    return widest


def assert_nothing_lost(text: str, lines: list[MeasuredLine]) -> None:
    """Lines are slices of `text` in order (showing a soft hyphen only where they break at
    one); between them only dropped spaces and one `\\n`."""
    rebuilt = []
    for number, line in enumerate(lines):
        assert line.text == shown(text, line.start, line.end)
        next_start = lines[number + 1].start if number + 1 < len(lines) else len(text)
        gap = text[line.end : next_start]
        assert set(gap) <= {" ", "\n"} and gap.count("\n") <= 1
        rebuilt.append(text[line.start : line.end] + gap)
    assert lines[0].start == 0
    assert "".join(rebuilt) == text


def assert_lines_fit(lines: list[MeasuredLine], width: float, first_indent: float = 0.0) -> None:
    for number, line in enumerate(lines):
        room = width - first_indent if number == 0 else width
        assert line.width <= room + TOLERANCE or len(line.text) == 1, (line.text, line.width, room)


def soft_breaks(text: str, lines: list[MeasuredLine]) -> list[tuple[MeasuredLine, MeasuredLine]]:
    """Pairs of consecutive lines split by the breaker (not by a `\\n` in the text)."""
    return [(a, b) for a, b in itertools.pairwise(lines) if "\n" not in text[a.end : b.start]]


@settings(max_examples=400, deadline=None)
@given(text=chinese_text, extra=st.integers(min_value=0, max_value=60), indent=st.sampled_from([0.0, 2 * EM]))
def test_chinese_lines_fit_keep_kinsoku_keep_units_and_lose_nothing(chain, text, extra, indent):
    width = max(widest_piece(text, chain, "zh"), EM) + indent + extra * EM / 4
    lines = break_lines(text, chain, SIZE, width, "zh", first_indent=indent)
    assert_nothing_lost(text, lines)
    assert_lines_fit(lines, width, indent)
    for before, after in soft_breaks(text, lines):
        assert before.text and after.text
        assert after.text[0] not in CHECKER_NO_START, (before.text, after.text)
        assert before.text[-1] not in CHECKER_NO_END, (before.text, after.text)
        assert after.text[0] != " "
    for unit in UNITS:
        start = text.find(unit)
        while start >= 0:
            assert any(line.start <= start and start + len(unit) <= line.end for line in lines), unit
            start = text.find(unit, start + 1)


@settings(max_examples=300, deadline=None)
@given(words=english_words, extra=st.integers(min_value=0, max_value=40), double=st.booleans())
def test_english_breaks_only_at_spaces_and_first_fit(chain, words, extra, double):
    text = ("  " if double else " ").join(words)
    width = max(measure(word, chain, SIZE, "en") for word in words) + extra * EM / 4
    lines = break_lines(text, chain, SIZE, width, "en")
    assert_nothing_lost(text, lines)
    assert_lines_fit(lines, width)
    for before, after in soft_breaks(text, lines):
        # Broken at spaces only: the dropped gap is all spaces, and not empty.
        gap = text[before.end : after.start]
        assert gap and set(gap) == {" "}
        # First fit: the next line's first word would not have fitted on this line.
        next_word = after.text.split(" ")[0]
        assert measure(before.text + gap + next_word, chain, SIZE, "en") > width


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(st.characters(exclude_categories=("Cs",)), max_size=120),
    ems=st.floats(min_value=0.05, max_value=30),
    lang=st.sampled_from(["en", "zh", "zh-CN"]),
)
def test_any_text_at_any_width_fits_loses_nothing_and_is_deterministic(chain, text, ems, lang):
    lines = break_lines(text, chain, SIZE, ems * EM, lang)
    assert_nothing_lost(text, lines)
    assert_lines_fit(lines, ems * EM)
    assert len(lines) >= text.count("\n") + 1
    assert lines == break_lines(text, chain, SIZE, ems * EM, lang)


@settings(max_examples=200, deadline=None)
@given(text=chinese_text, ems=st.floats(min_value=0.3, max_value=4))
def test_narrow_widths_still_fit_and_lose_nothing(chain, text, ems):
    lines = break_lines(text, chain, SIZE, ems * EM, "zh")
    assert_nothing_lost(text, lines)
    assert_lines_fit(lines, ems * EM)


SENTENCES = (
    "实验室经费充足、条件完善、环境优美，占地90.5公顷（1,358亩），规划总建筑面积约200万平方米。",
    "之江实验室成立于2017年9月6日，是浙江省委、省政府深入实施创新驱动发展战略、探索新型举国体制浙江路径的重大科技创新平台。",
    "以“一体两核多点”为架构，聚焦智能计算、人工智能、智能感知、智能网络和智能系统五大方向……",
    "他说：「我们的目标——建设国际一流的AI研究机构。」人才队伍近3,000人，预期员工规模10,000人！",
    "主要研究方向包括：（一）智能计算；（二）人工智能；（三）智能感知【重点】；《发展规划》（2021—2025）。",
)


def test_realistic_chinese_keeps_kinsoku_at_every_width(chain):
    for text in SENTENCES:
        narrowest = widest_piece(text, chain, "zh")  # below it, only last-resort cuts are left
        assert narrowest <= 4 * EM
        for quarter_ems in range(16, 160):  # 4 em to 40 em, a quarter em at a time
            width = quarter_ems * EM / 4
            lines = break_lines(text, chain, SIZE, width, "zh")
            assert_nothing_lost(text, lines)
            assert_lines_fit(lines, width)
            for before, after in soft_breaks(text, lines):
                assert after.text[0] not in CHECKER_NO_START, (width, before.text, after.text)
                assert before.text[-1] not in CHECKER_NO_END, (width, before.text, after.text)
            for unit in ("90.5", "1,358", "2017", "3,000", "10,000", "AI"):
                if unit in text:
                    assert any(unit in line.text for line in lines), (width, unit)
