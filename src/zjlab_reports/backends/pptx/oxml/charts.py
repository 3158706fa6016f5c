"""A chart's data and looks (plain values) in; its chart part (`c:chartSpace`) out,
as markup.

A clustered bar or column chart, element for element as python-pptx writes and styles it
(tests compare the two for every kind and count a profile can give): the data cached in the
chart and referenced in `Sheet1` of the embedded workbook (categories in column A from row 2,
one column per series from B, its name in row 1), series colours, value labels outside the
bars, no gridlines and no value axis, an optional title, a legend below for more than one
series, the chart's text look, and the link to the workbook.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .markup import attr, namespaces, part, text
from .text import RunLook, run_properties, runs
from .workbook import column_letter

__all__ = ["ChartSeriesData", "ChartSpec", "chart_space"]

_CATEGORY_AXIS, _VALUE_AXIS = "-2068027336", "-2113994440"  # the ids python-pptx gives
_LINE_ENDS = re.compile("\r\n?")
_FLAGS = (("LegendKey", 0), ("Val", 1), ("CatName", 0), ("SerName", 0), ("Percent", 0))
_LEGEND = '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>'


class ChartSeriesData(NamedTuple):
    """One series: its `name`, one value per category, its fill colour `RRGGBB`."""

    name: str
    values: tuple[float, ...]
    color: str


class ChartSpec(NamedTuple):
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


def chart_space(spec: ChartSpec) -> bytes:
    """The chart part."""
    title = _title(spec.title, spec.title_look) if spec.title else ""
    deleted = "0" if spec.title else "1"
    legend = _LEGEND if len(spec.series) > 1 else ""
    chart = (
        f'<c:chart>{title}<c:autoTitleDeleted val="{deleted}"/>{_plot_area(spec)}{legend}'
        '<c:dispBlanksAs val="gap"/></c:chart>'
    )
    external = f'<c:externalData r:id="{attr(spec.workbook_id)}"><c:autoUpdate val="0"/></c:externalData>'
    text_look = _text_look(spec.text_look, spec.end_lang)
    root = f'<c:chartSpace{namespaces("c", "a", "r")}><c:date1904 val="0"/>{chart}{text_look}{external}'
    return part(root + "</c:chartSpace>")


def _title(title: str, look: RunLook) -> str:
    """The title: a paragraph per line (`\\n`), `\\v` a line break, each run in `look`."""
    paragraphs = "".join(_paragraph(runs(line, look, styled_breaks=False)) for line in title.split("\n"))
    rich = f"<c:tx><c:rich><a:bodyPr/><a:lstStyle/>{paragraphs}</c:rich></c:tx>"
    return f'<c:title>{rich}<c:layout/><c:overlay val="0"/></c:title>'


def _paragraph(content: str) -> str:
    return f"<a:p>{content}</a:p>" if content else "<a:p/>"


def _plot_area(spec: ChartSpec) -> str:
    direction = "bar" if spec.kind == "bar" else "col"
    series = "".join(_series(index, one, spec.categories) for index, one in enumerate(spec.series))
    bars = (
        f'<c:barChart><c:barDir val="{direction}"/><c:grouping val="clustered"/>{series}'
        f'{_value_labels(spec.number_format)}<c:gapWidth val="60"/>'
        f'<c:axId val="{_CATEGORY_AXIS}"/><c:axId val="{_VALUE_AXIS}"/></c:barChart>'
    )
    axes = _category_axis(spec.kind) + _value_axis(spec.kind, spec.number_format)
    return f"<c:plotArea>{bars}{axes}</c:plotArea>"


def _series(index: int, series: ChartSeriesData, categories: tuple[str, ...]) -> str:
    """A series: its name, fill, categories and values, as cached copies of worksheet cells."""
    column = column_letter(index + 2)
    name = _cached_strings(f"Sheet1!${column}$1", (series.name,))
    fill = f'<c:spPr><a:solidFill><a:srgbClr val="{attr(series.color)}"/></a:solidFill></c:spPr>'
    labels = _cached_strings(f"Sheet1!$A$2:$A${len(categories) + 1}", categories)
    reference = f"Sheet1!${column}$2:${column}${len(series.values) + 1}"
    numbers = _points([str(value) for value in series.values])
    values = (
        f"<c:val><c:numRef><c:f>{reference}</c:f><c:numCache><c:formatCode>General</c:formatCode>"
        f"{numbers}</c:numCache></c:numRef></c:val>"
    )
    head = f'<c:idx val="{index}"/><c:order val="{index}"/>'
    body = f'<c:tx>{name}</c:tx>{fill}<c:invertIfNegative val="0"/><c:cat>{labels}</c:cat>{values}'
    return f"<c:ser>{head}{body}</c:ser>"


def _cached_strings(reference: str, texts: tuple[str, ...]) -> str:
    points = _points([_LINE_ENDS.sub("\n", one) for one in texts])
    return f"<c:strRef><c:f>{text(reference)}</c:f><c:strCache>{points}</c:strCache></c:strRef>"


def _points(texts: list[str]) -> str:
    """`c:ptCount` and one `c:pt` per text (an empty text: an empty `c:v`)."""
    points = "".join(
        f'<c:pt idx="{index}"><c:v>{text(one)}</c:v></c:pt>' if one else f'<c:pt idx="{index}"><c:v/></c:pt>'
        for index, one in enumerate(texts)
    )
    return f'<c:ptCount val="{len(texts)}"/>{points}'


def _value_labels(number_format: str) -> str:
    """Each bar's value, outside its end, in `number_format`."""
    flags = "".join(f'<c:show{flag} val="{shown}"/>' for flag, shown in _FLAGS)
    return (
        f'<c:dLbls>{_number_format(number_format)}<c:dLblPos val="outEnd"/>{flags}'
        '<c:showBubbleSize val="0"/><c:showLeaderLines val="1"/></c:dLbls>'
    )


def _number_format(number_format: str) -> str:
    return f'<c:numFmt formatCode="{attr(number_format)}" sourceLinked="0"/>'


def _category_axis(kind: str) -> str:
    """Categories along the bottom (columns) or down the left, first on top (bars)."""
    orientation = "maxMin" if kind == "bar" else "minMax"
    position = "l" if kind == "bar" else "b"
    return (
        f'<c:catAx><c:axId val="{_CATEGORY_AXIS}"/>'
        f'<c:scaling><c:orientation val="{orientation}"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="{position}"/>{_ticks(_VALUE_AXIS)}<c:crosses val="autoZero"/>'
        '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
    )


def _value_axis(kind: str, number_format: str) -> str:
    """A deleted value axis (the bars carry their values; `c:delete`'s val defaults to true)
    without gridlines; for bars it crosses at the last category, which is at the bottom."""
    position = "b" if kind == "bar" else "l"
    crosses = "max" if kind == "bar" else "autoZero"
    return (
        f'<c:valAx><c:axId val="{_VALUE_AXIS}"/><c:scaling/><c:delete/><c:axPos val="{position}"/>'
        f'{_number_format(number_format)}{_ticks(_CATEGORY_AXIS)}<c:crosses val="{crosses}"/></c:valAx>'
    )


def _ticks(crossing: str) -> str:
    return (
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:crossAx val="{crossing}"/>'
    )


def _text_look(look: RunLook, end_lang: str) -> str:
    """The look every chart text inherits (`c:txPr`)."""
    properties = run_properties(look, "a:defRPr")
    end = f'<a:endParaRPr lang="{attr(end_lang)}"/>'
    return f"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>{properties}</a:pPr>{end}</a:p></c:txPr>"
