"""Document charts in; native, editable PowerPoint bar/column charts (with their workbook) out.

The chart's data lives in an embedded workbook, so a presenter can edit numbers and restyle
it in PowerPoint. `Chart.drawing` (the same chart as shapes) is for backends without native
charts and is not drawn here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from pptx.chart.chart import Chart as PptxChart
from pptx.chart.data import CategoryChartData, ChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.shapetree import SlideShapes

from ...document import Chart, TextStyle
from . import oxml
from .geometry import emu
from .text import TextDefaults, style_font

__all__ = ["add_chart", "chart_data"]

_CHART_TYPES = {"column": XL_CHART_TYPE.COLUMN_CLUSTERED, "bar": XL_CHART_TYPE.BAR_CLUSTERED}
TITLE_WEIGHT = 700
VALUE_FORMAT = "#,##0"


def add_chart(shapes: SlideShapes, item: Chart, defaults: TextDefaults) -> GraphicFrame:
    """Add `item` as a native clustered bar or column chart with value labels and alt text."""
    # python-pptx's annotations: the data as `ChartData` (an alias subclass of
    # CategoryChartData) and the result as `Chart` (it is the GraphicFrame holding the chart).
    data = cast(ChartData, chart_data(item))
    box = emu(item.x), emu(item.y), emu(item.width), emu(item.height)
    frame = cast(GraphicFrame, shapes.add_chart(_CHART_TYPES[item.kind], *box, data))
    chart = frame.chart
    _style_text(chart, item.style, defaults)
    _color_series(chart, item)
    _label_values(chart, _number_format(item))
    _quiet_axes(chart, _number_format(item))
    _set_title(chart, item, defaults)
    _set_legend(chart, item)
    if item.kind == "bar":
        _first_category_on_top(chart)
    if item.name:
        frame.name = item.name
    oxml.set_alt_text(frame.element, item.alt)
    return frame


def chart_data(item: Chart) -> CategoryChartData:
    """The chart's categories and series, as python-pptx writes them to the workbook."""
    data = CategoryChartData()
    data.categories = item.categories
    for series in item.series:
        data.add_series(series.name, series.values)
    return data


def _style_text(chart: PptxChart, style: TextStyle, defaults: TextDefaults) -> None:
    """All chart text (axes, labels, legend) in the style's office fonts, size and colour."""
    style_font(chart.font, style, defaults)
    oxml.set_end_paragraph_language(chart._chartSpace, defaults.lang)


def _color_series(chart: PptxChart, item: Chart) -> None:
    for series, source in zip(chart.plots[0].series, item.series, strict=True):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = RGBColor.from_string(source.color.hex)
        series.invert_if_negative = False


def _number_format(item: Chart) -> str:
    """Thousands separated, with the chart's decimals: `#,##0` (3,000) or `#,##0.0` (90.5)."""
    return VALUE_FORMAT + ("." + "0" * item.decimals if item.decimals else "")


def _label_values(chart: PptxChart, number_format: str) -> None:
    plot = chart.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.show_value = True
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.number_format = number_format
    labels.number_format_is_linked = False


def _quiet_axes(chart: PptxChart, number_format: str) -> None:
    """Values are labelled on the bars: no gridlines, no value axis; wide bars."""
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = False
    value_axis.visible = False
    value_axis.tick_labels.number_format = number_format
    value_axis.tick_labels.number_format_is_linked = False
    chart.plots[0].gap_width = 60


def _set_title(chart: PptxChart, item: Chart, defaults: TextDefaults) -> None:
    chart.has_title = bool(item.title)
    if not item.title:
        return
    frame = chart.chart_title.text_frame
    frame.text = item.title
    title_style = replace(item.style, weight=max(item.style.weight, TITLE_WEIGHT))
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            style_font(run.font, title_style, defaults)


def _set_legend(chart: PptxChart, item: Chart) -> None:
    chart.has_legend = len(item.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False


def _first_category_on_top(chart: PptxChart) -> None:
    """Bar charts list categories bottom-up by default; read them top-down like the page."""
    chart.category_axis.reverse_order = True
    oxml.cross_value_axis_at_last_category(chart)
