"""One integration check with the real fonts (Source Sans 3 and Noto Sans SC), when the font
module and packages are installed; skipped otherwise."""

from __future__ import annotations

import itertools

import pytest

from zjlab_reports.text import (
    NO_END,
    NO_START,
    FontChain,
    break_lines,
    break_opportunities,
    itemize,
    measure,
    missing_chars,
    widest_piece,
)

fonts = pytest.importorskip("zjlab_reports.fonts")

TEXT = "实验室经费充足、条件完善、环境优美，占地90.5公顷（1,358亩），规划总建筑面积约200万平方米。“AI”……"
SIZE = 10.5


@pytest.fixture(scope="module")
def real_chain(tmp_path_factory: pytest.TempPathFactory) -> FontChain:
    cache = tmp_path_factory.mktemp("font-cache")
    latin_spec = fonts.FontSpec(
        "source-sans-3",
        "Source Sans 3",
        "fontpkg_source_sans_3",
        "files/SourceSans3[wght].ttf",
        "Source Sans 3",
    )
    cjk_spec = fonts.FontSpec(
        "noto-sans-sc",
        "Noto Sans SC",
        "justmytype_intl_cjk",
        "fonts/ofl/notosanssc/NotoSansSC[wght].ttf",
        "Microsoft YaHei",
        east_asian=True,
    )
    try:
        latin = fonts.load_face(latin_spec, 400, TEXT, cache)
        cjk = fonts.load_face(cjk_spec, 400, TEXT, cache)
    except fonts.FontError as error:
        pytest.skip(f"real fonts unavailable: {error}")
    return FontChain(latin=(latin,), east_asian=(cjk,))


def test_real_fonts_cover_measure_and_break_the_profile_text(real_chain):
    assert missing_chars(TEXT, real_chain, "zh") == []
    fonts_used = {text: font.face.family for text, font in itemize("占地90.5公顷，“AI”", real_chain, "zh")}
    assert fonts_used == {
        "占地": "Noto Sans SC",
        "90.5": "Source Sans 3",
        "公顷，“": "Noto Sans SC",
        "AI": "Source Sans 3",
        "”": "Noto Sans SC",
    }
    for width in (60.0, 85.0, 120.0, 200.0):
        lines = break_lines(TEXT, real_chain, SIZE, width, "zh")
        assert "".join(line.text for line in lines) == TEXT
        assert all(line.width <= width + 1e-6 for line in lines)
        assert all(line.text[0] not in NO_START for line in lines[1:])
        assert all(line.text[-1] not in NO_END for line in lines)
        assert any("1,358" in line.text for line in lines) and any("90.5" in line.text for line in lines)


PIECES = [
    TEXT,
    "Zhejiang Lab, founded on September 6, 2017, covers 90.5\u00a0ha (1,358\u00a0mu).",
    "  leading spaces, trailing spaces   ",
    "state\u00adof\u00adthe\u00adart in\u00ad 之江\u00ad实验室",
    "two\nparagraphs — and a dash/slash 2017/2018",
    "",
]


def _widest_by_measuring_each_piece(text: str, chain: FontChain, lang: str) -> float:
    """What `widest_piece` means: each unbreakable piece measured alone, the widest kept."""
    widest = 0.0
    for line in text.split("\n"):
        cuts = [0, *break_opportunities(line, lang), len(line)]
        for start, end in itertools.pairwise(cuts):
            widest = max(widest, measure(line[start:end].rstrip(" "), chain, SIZE, lang))
    return widest


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_widest_piece_is_measured_in_place_exactly_as_alone(real_chain, lang):
    for text in PIECES:
        expected = _widest_by_measuring_each_piece(text, real_chain, lang)
        assert widest_piece(text, real_chain, SIZE, lang) == expected  # exactly: same additions


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_line_fits_by_the_width_its_runs_are_drawn_with(real_chain, lang):
    """Lines are filled by sums of advances per character; with the real fonts they are the
    very widths of the runs drawn (so what fits is what is drawn, to the last bit)."""
    from zjlab_reports.text.lines import _paragraphs

    for text in PIECES[:3]:
        for _, paragraph in _paragraphs(text, real_chain, SIZE, lang):
            n = len(paragraph.text)
            for start in range(0, n, 3):
                for end in range(start, n + 1, 2):
                    drawn = sum((run.width for run in paragraph.runs(start, end)), 0.0)
                    assert paragraph.width(start, end) == drawn
