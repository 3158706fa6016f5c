"""The PPTX backend writes chart parts itself: for every chart a profile can give (bar or
column, 1 to 12 categories, one series named after the title or unnamed, whole or decimal
values, English or Chinese) and for the Document's wider range (several series, titles with
line breaks, awkward text), its chart XML and workbook are byte for byte what python-pptx
and XlsxWriter made (`tests/pptx_chart_reference.py`)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from pptx_chart_reference import reference_chart_part
from zjlab_reports.backends.pptx.charts import chart_part
from zjlab_reports.backends.pptx.text import TextDefaults
from zjlab_reports.document import Chart, ChartSeries, Color, DocumentFonts, FontFace, Tag, TextStyle

CREATED = dt.datetime(2024, 5, 1, 9, 30, tzinfo=dt.UTC)
BLUE, ORANGE, GREY = (Color.from_hex(c) for c in ("#1D5FB4", "#F28C28", "#5A6678"))


def _face(name: str, office: str, weight: int = 400, east_asian: bool = False) -> FontFace:
    return FontFace(name, name, weight, Path(f"/nonexistent/{name}.ttf"), office, east_asian)


LATIN, CJK = _face("Arimo", "Arial"), _face("NotoSansSC", "Microsoft YaHei", east_asian=True)
FONTS = DocumentFonts(LATIN, LATIN, CJK, CJK)
STYLE = TextStyle(14, 16.8, GREY, 400, LATIN, CJK, "caption")
LABELS = ("Talent team", "Employees expected", "Area", "之江实验室", "Planned construction area", "R&D")
VALUES = (3000.0, 10000.0, 90.5, 200.0, 12.0, 0.5, 7.25, 1e-07, 123456789.0, 42.0, 5.0, 64.0)


def _chart(
    kind: str,
    categories: tuple[str, ...],
    series: tuple[tuple[str, tuple[float, ...]], ...],
    title: str = "",
    lang: str = "",
) -> Chart:
    colors = (BLUE, ORANGE, GREY)
    data = tuple(ChartSeries(name, values, colors[i % 3]) for i, (name, values) in enumerate(series))
    decimals = 0 if all(float(v).is_integer() for _, values in series for v in values) else 1
    labels = tuple(tuple(str(v) for v in values) for _, values in series)
    tag = Tag("Figure", alt="a chart", lang=lang) if lang else None
    return Chart(0, 0, 400, 200, kind, categories, data, labels, STYLE, (), title, decimals=decimals, tag=tag)  # type: ignore[arg-type]


def _same_as_python_pptx(item: Chart, deck_lang: str = "en") -> tuple[bytes, bytes]:
    defaults = (
        TextDefaults("en", "zh-CN", FONTS) if deck_lang == "en" else TextDefaults("zh-CN", "en-US", FONTS)
    )
    ours = chart_part(item, defaults, "rId1", CREATED)
    reference = reference_chart_part(item, defaults, "rId1", CREATED)
    assert ours[0] == reference[0]
    assert _parts(ours[1]) == _parts(reference[1])  # the same parts first: a readable failure
    assert ours[1] == reference[1]
    return ours


def _parts(xlsx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.mark.parametrize("kind", ["bar", "column"])
@pytest.mark.parametrize("count", range(1, 13))
def test_every_chart_a_profile_can_give(kind: str, count: int) -> None:
    """One series, named after the chart's title (or unnamed), a bar per fact."""
    categories = tuple(LABELS[i % len(LABELS)] + ("" if i < len(LABELS) else f" {i}") for i in range(count))
    values = VALUES[:count]
    for title, lang in (("", ""), ("Scale", "zh-CN"), ("规模", "zh-CN")):
        _same_as_python_pptx(
            _chart(kind, categories, ((title, values),), title, lang), "zh" if lang else "en"
        )
    whole = tuple(float(round(v) + 1) for v in values)
    _same_as_python_pptx(_chart(kind, categories, (("Staff", whole),), "Staff"))


@pytest.mark.parametrize("kind", ["bar", "column"])
@pytest.mark.parametrize("series", [2, 3])
def test_several_series_get_a_legend_and_columns_of_their_own(kind: str, series: int) -> None:
    data = tuple((f"Series {i}", VALUES[i : i + 4]) for i in range(series))
    xml, xlsx = _same_as_python_pptx(_chart(kind, ("2021", "2022", "2023", "2024"), data, "Output"))
    assert b"<c:legend>" in xml
    assert b"Sheet1!$D$1" in xml if series == 3 else b"Sheet1!$C$2:$C$5" in xml
    assert len(_parts(xlsx)) == 10


@pytest.mark.parametrize(
    "title",
    ["Two\nparagraphs", "soft\vbreak", "\nleading", "trailing\n", "ctrl\x07char", "x & <y> \"z\" 'w'"],
)
def test_titles_with_breaks_and_odd_characters(title: str) -> None:
    _same_as_python_pptx(_chart("column", ("A", "B"), (("s", (1.0, 2.0)),), title))


def test_awkward_labels_and_numbers() -> None:
    """Escaped and preserved text, repeated and empty labels, line ends, Excel's own escapes,
    negative, tiny and huge numbers, integers."""
    categories = (
        "a&b",
        "<tag>",
        ' "q" ',
        "\ttab",
        "",
        "dup",
        "dup",
        "_x0041_",
        "cr\r\nlf",
        "中文",
        "\ufeffbom",
    )
    values = (-1.5, 0.0, -0.0, 1e-300, 1e300, 3, 2**53 + 1.0, 1 / 3, 1e16, 12345.678, 7.0)
    _same_as_python_pptx(_chart("bar", categories, (("", values), (" padded ", values[::-1]))))
    _same_as_python_pptx(_chart("column", ("",), (("", (1.0,)),)))  # no text at all: no shared strings


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.text(
            st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"), max_size=12
        ),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from(["bar", "column"]),
)
def test_any_printable_labels(labels: list[str], kind: str) -> None:
    plain = tuple(label for label in labels if not _becomes_more_than_text(label)) or ("x",)
    _same_as_python_pptx(_chart(kind, plain, (("s", tuple(float(i) for i in range(len(plain)))),)))


def _becomes_more_than_text(label: str) -> bool:
    """What XlsxWriter does not store as text (see the test below)."""
    return label.startswith(
        (
            "=",
            "{=",
            "http://",
            "https://",
            "ftp://",
            "ftps://",
            "mailto:",
            "internal:",
            "external:",
            "file://",
        )
    ) or (label.startswith("<r>") and label.endswith("</r>"))


@pytest.mark.parametrize("label", ["=SUM(A1:A3)", "{=1}", "https://www.zhejianglab.com", "<r>rich</r>"])
def test_labels_that_xlsxwriter_turned_into_formulas_or_links_stay_text(label: str) -> None:
    """The one intended difference: XlsxWriter wrote these as a formula, a hyperlink or raw
    rich text, which changed the chart's data when edited; the workbook now holds the text."""
    item = _chart("column", (label, "B"), (("s", (1.0, 2.0)),))
    defaults = TextDefaults("en", "zh-CN", FONTS)
    ours = chart_part(item, defaults, "rId1", CREATED)
    reference = reference_chart_part(item, defaults, "rId1", CREATED)
    assert ours[0] == reference[0] and ours[1] != reference[1]
    parts = _parts(ours[1])
    main = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    assert etree.fromstring(parts["xl/sharedStrings.xml"]).xpath("//x:t/text()", namespaces=main)[0] == label
    assert etree.fromstring(parts["xl/worksheets/sheet1.xml"]).xpath(
        "//x:c[@r='A2']/@t", namespaces=main
    ) == ["s"]


def test_beyond_a_profile_many_categories_and_series() -> None:
    """Rows past the first block of 16 (XlsxWriter's `spans`) and columns past Z."""
    many = tuple(f"c{i}" for i in range(40))
    _same_as_python_pptx(_chart("column", many, (("a", tuple(float(i) for i in range(40))),)))
    wide = tuple((f"s{i}", (float(i), i + 0.5)) for i in range(28))
    xml, _ = _same_as_python_pptx(_chart("bar", ("x", "y"), wide, "Wide"))
    assert b"Sheet1!$AC$1" in xml
