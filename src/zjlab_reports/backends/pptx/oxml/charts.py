"""A chart's data and looks (plain values) in; its chart part (`c:chartSpace`) out.

A clustered bar or column chart, element for element as python-pptx writes and styles it
(tests compare the two for every kind and count a profile can give): the data cached in the
chart and referenced in `Sheet1` of the embedded workbook (categories in column A from row 2,
one column per series from B, its name in row 1), series colours, value labels outside the
bars, no gridlines and no value axis, an optional title, a legend below for more than one
series, the chart's text look, and the link to the workbook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .elements import Element, new_root, sub
from .text import RunLook, append_runs, run_properties
from .workbook import column_letter

__all__ = ["ChartSeriesData", "ChartSpec", "chart_space"]

_CATEGORY_AXIS, _VALUE_AXIS = "-2068027336", "-2113994440"  # the ids python-pptx gives
_LINE_ENDS = re.compile("\r\n?")


@dataclass(frozen=True)
class ChartSeriesData:
    """One series: its `name`, one value per category, its fill colour `RRGGBB`."""

    name: str
    values: tuple[float, ...]
    color: str


@dataclass(frozen=True)
class ChartSpec:
    """What the chart part says: `kind` (bar: horizontal, column: vertical), the data, the
    number format of value labels, `title` (empty: none) in `title_look`, all other text in
    `text_look`, the language of its end-of-paragraph marks, the workbook's relationship id."""

    kind: str
    categories: tuple[str, ...]
    series: tuple[ChartSeriesData, ...]
    number_format: str
    title: str
    title_look: RunLook
    text_look: RunLook
    end_lang: str
    workbook_id: str


def chart_space(spec: ChartSpec) -> Element:
    """The chart part's root element."""
    root = new_root("c:chartSpace", "a", "r")
    sub(root, "c:date1904", val="0")
    chart = sub(root, "c:chart")
    if spec.title:
        _title(chart, spec.title, spec.title_look)
    sub(chart, "c:autoTitleDeleted", val="0" if spec.title else "1")
    _plot_area(sub(chart, "c:plotArea"), spec)
    if len(spec.series) > 1:
        legend = sub(chart, "c:legend")
        sub(legend, "c:legendPos", val="b")
        sub(legend, "c:overlay", val="0")
    sub(chart, "c:dispBlanksAs", val="gap")
    _text_look(root, spec.text_look, spec.end_lang)
    external = sub(root, "c:externalData", {"r:id": spec.workbook_id})
    sub(external, "c:autoUpdate", val="0")
    return root


def _title(chart: Element, title: str, look: RunLook) -> None:
    """The title: a paragraph per line (`\\n`), `\\v` a line break, each run in `look`."""
    rich = sub(sub(sub(chart, "c:title"), "c:tx"), "c:rich")
    sub(rich, "a:bodyPr")
    sub(rich, "a:lstStyle")
    for line in title.split("\n"):
        append_runs(sub(rich, "a:p"), line, look, styled_breaks=False)
    title_element = chart[-1]
    sub(title_element, "c:layout")
    sub(title_element, "c:overlay", val="0")


def _plot_area(plot: Element, spec: ChartSpec) -> None:
    bars = sub(plot, "c:barChart")
    sub(bars, "c:barDir", val="bar" if spec.kind == "bar" else "col")
    sub(bars, "c:grouping", val="clustered")
    for index, series in enumerate(spec.series):
        _series(bars, index, series, spec.categories)
    _value_labels(bars, spec.number_format)
    sub(bars, "c:gapWidth", val="60")
    sub(bars, "c:axId", val=_CATEGORY_AXIS)
    sub(bars, "c:axId", val=_VALUE_AXIS)
    _category_axis(plot, spec.kind)
    _value_axis(plot, spec.kind, spec.number_format)


def _series(bars: Element, index: int, series: ChartSeriesData, categories: tuple[str, ...]) -> None:
    """A series: its name, fill, categories and values, as cached copies of worksheet cells."""
    ser = sub(bars, "c:ser")
    sub(ser, "c:idx", val=str(index))
    sub(ser, "c:order", val=str(index))
    column = column_letter(index + 2)
    _cached_strings(sub(ser, "c:tx"), f"Sheet1!${column}$1", (series.name,))
    fill = sub(sub(ser, "c:spPr"), "a:solidFill")
    sub(fill, "a:srgbClr", val=series.color)
    sub(ser, "c:invertIfNegative", val="0")
    _cached_strings(sub(ser, "c:cat"), f"Sheet1!$A$2:$A${len(categories) + 1}", categories)
    numbers = sub(sub(ser, "c:val"), "c:numRef")
    sub(numbers, "c:f").text = f"Sheet1!${column}$2:${column}${len(series.values) + 1}"
    cache = sub(numbers, "c:numCache")
    sub(cache, "c:formatCode").text = "General"
    _points(cache, [str(value) for value in series.values])


def _cached_strings(parent: Element, reference: str, texts: tuple[str, ...]) -> None:
    strings = sub(parent, "c:strRef")
    sub(strings, "c:f").text = reference
    _points(sub(strings, "c:strCache"), [_LINE_ENDS.sub("\n", text) for text in texts])


def _points(cache: Element, texts: list[str]) -> None:
    """`c:ptCount` and one `c:pt` per text (an empty text: an empty `c:v`)."""
    sub(cache, "c:ptCount", val=str(len(texts)))
    for index, text in enumerate(texts):
        value = sub(sub(cache, "c:pt", idx=str(index)), "c:v")
        if text:
            value.text = text


def _value_labels(bars: Element, number_format: str) -> None:
    """Each bar's value, outside its end, in `number_format`."""
    labels = sub(bars, "c:dLbls")
    sub(labels, "c:numFmt", formatCode=number_format, sourceLinked="0")
    sub(labels, "c:dLblPos", val="outEnd")
    for flag, shown in (("LegendKey", 0), ("Val", 1), ("CatName", 0), ("SerName", 0), ("Percent", 0)):
        sub(labels, f"c:show{flag}", val=str(shown))
    sub(labels, "c:showBubbleSize", val="0")
    sub(labels, "c:showLeaderLines", val="1")


def _category_axis(plot: Element, kind: str) -> None:
    """Categories along the bottom (columns) or down the left, first on top (bars)."""
    axis = sub(plot, "c:catAx")
    sub(axis, "c:axId", val=_CATEGORY_AXIS)
    sub(sub(axis, "c:scaling"), "c:orientation", val="maxMin" if kind == "bar" else "minMax")
    sub(axis, "c:delete", val="0")
    sub(axis, "c:axPos", val="l" if kind == "bar" else "b")
    _ticks(axis, _VALUE_AXIS)
    sub(axis, "c:crosses", val="autoZero")
    sub(axis, "c:auto", val="1")
    sub(axis, "c:lblAlgn", val="ctr")
    sub(axis, "c:lblOffset", val="100")
    sub(axis, "c:noMultiLvlLbl", val="0")


def _value_axis(plot: Element, kind: str, number_format: str) -> None:
    """A deleted value axis (the bars carry their values) without gridlines; for bars it
    crosses at the last category, which is at the bottom."""
    axis = sub(plot, "c:valAx")
    sub(axis, "c:axId", val=_VALUE_AXIS)
    sub(axis, "c:scaling")
    sub(axis, "c:delete")  # val defaults to true
    sub(axis, "c:axPos", val="b" if kind == "bar" else "l")
    sub(axis, "c:numFmt", formatCode=number_format, sourceLinked="0")
    _ticks(axis, _CATEGORY_AXIS)
    sub(axis, "c:crosses", val="max" if kind == "bar" else "autoZero")


def _ticks(axis: Element, crossing: str) -> None:
    sub(axis, "c:majorTickMark", val="out")
    sub(axis, "c:minorTickMark", val="none")
    sub(axis, "c:tickLblPos", val="nextTo")
    sub(axis, "c:crossAx", val=crossing)


def _text_look(root: Element, look: RunLook, end_lang: str) -> None:
    """The look every chart text inherits (`c:txPr`)."""
    body = sub(root, "c:txPr")
    sub(body, "a:bodyPr")
    sub(body, "a:lstStyle")
    paragraph = sub(body, "a:p")
    run_properties(sub(paragraph, "a:pPr"), look, "a:defRPr")
    sub(paragraph, "a:endParaRPr", lang=end_lang)
