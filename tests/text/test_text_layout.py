"""Line layout: document.Line objects with aligned runs and baselines."""

from __future__ import annotations

import pytest

from zjlab_reports.document import Run
from zjlab_reports.text import layout_lines

SIZE = 10.0
LEADING = 14.0


def test_left_aligned_runs_follow_each_other(chain, latin, east_asian):
    [line] = layout_lines("之江AI实验室", chain, SIZE, LEADING, 100.0, "zh")
    assert line.runs == (
        Run("之江", east_asian.face, 0.0, 20.0),
        Run("AI", latin.face, 20.0, 10.0),
        Run("实验室", east_asian.face, 30.0, 30.0),
    )
    assert line.width == 60.0
    assert line.text == "之江AI实验室"


@pytest.mark.parametrize(("align", "x"), [("left", 0.0), ("center", 20.0), ("right", 40.0)])
def test_alignment_offsets_use_the_slack(chain, align, x):
    lines = layout_lines("ab cd\nabcdefgh", chain, SIZE, LEADING, 65.0, "en", align=align)
    # "ab cd" is 25 pt in a 65 pt box: 40 pt of slack; "abcdefgh" is 40 pt: 25 pt of slack.
    assert lines[0].runs[0].x == x
    assert lines[1].runs[0].x == x * 25.0 / 40.0
    assert [line.width for line in lines] == [25.0, 40.0]


def test_width_excludes_the_dropped_trailing_space(chain):
    lines = layout_lines("abcd efgh", chain, SIZE, LEADING, 30.0, "en", align="right")
    assert [(line.text, line.width, line.runs[0].x) for line in lines] == [
        ("abcd", 20.0, 10.0),
        ("efgh", 20.0, 10.0),
    ]


def test_baselines_start_at_top_plus_first_line_ascent_then_step_by_leading(chain):
    lines = layout_lines("之江实验室", chain, SIZE, LEADING, 20.0, "zh", top=5.0)
    # The CJK fake's ascent is 1.1 em.
    assert [line.baseline for line in lines] == pytest.approx([16.0, 30.0, 44.0])


def test_first_baseline_uses_the_main_font_of_the_language_whatever_the_line_holds(chain):
    # Latin fake ascent 0.9 em, CJK fake 1.1 em: Chinese sits on the CJK grid, English on Latin.
    assert [line.baseline for line in layout_lines("AI", chain, SIZE, LEADING, 100.0, "zh")] == [11.0]
    assert [line.baseline for line in layout_lines("AI实验室", chain, SIZE, LEADING, 100.0, "zh-CN")] == [
        11.0
    ]
    assert [line.baseline for line in layout_lines("AI实验室", chain, SIZE, LEADING, 100.0, "en")] == [9.0]


def test_empty_text_is_one_empty_line(chain):
    [line] = layout_lines("", chain, SIZE, LEADING, 50.0, "en")
    assert (line.runs, line.width, line.baseline) == ((), 0.0, 9.0)


def test_first_indent_shifts_the_first_line(chain):
    lines = layout_lines("一二三四五", chain, SIZE, LEADING, 30.0, "zh", first_indent=10.0)
    assert [(line.text, line.runs[0].x) for line in lines] == [("一二", 10.0), ("三四五", 0.0)]


def test_a_character_wider_than_the_box_starts_at_the_left_edge(chain):
    [line] = layout_lines("中", chain, SIZE, LEADING, 5.0, "zh", align="right")
    assert line.runs[0].x == 0.0


def test_unknown_alignment_is_refused(chain):
    with pytest.raises(ValueError, match="align"):
        layout_lines("a", chain, SIZE, LEADING, 50.0, "en", align="justify")
