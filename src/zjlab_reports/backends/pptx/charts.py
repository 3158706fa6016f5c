"""Document charts in; native, editable PowerPoint bar/column charts and their workbooks out.

The chart's data lives in an embedded workbook, so a presenter can edit numbers and restyle
it in PowerPoint. python-pptx writes the chart XML and the workbook (XlsxWriter) from the
data; its chart API then styles that XML. `Chart.drawing` (the same chart as shapes) is for
backends without native charts and is not drawn here.
"""

from __future__ import annotations

from dataclasses import replace

from pptx.chart.chart import Chart as PptxChart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION

from ...document import Chart
from . import oxml
from .text import TextDefaults, run_look

__all__ = ["chart_alt", "chart_data", "chart_part"]

_CHART_TYPES = {"column": XL_CHART_TYPE.COLUMN_CLUSTERED, "bar": XL_CHART_TYPE.BAR_CLUSTERED}
TITLE_WEIGHT = 700
VALUE_FORMAT = "#,##0"
GAP_WIDTH = 60  # percent of a bar's width between categories


def chart_part(item: Chart, defaults: TextDefaults, workbook_id: str) -> tuple[bytes, bytes]:
    """(chart part XML, workbook bytes) of `item` as a clustered bar or column chart with
    value labels, its data in the workbook related to the chart part as `workbook_id`."""
    data = chart_data(item)
    chart_space, chart = oxml.chart_over(data.xml_bytes(_CHART_TYPES[item.kind]))
    _style_text(chart_space, chart, item, defaults)
    _color_series(chart, item)
    _label_values(chart, _number_format(item))
    _quiet_axes(chart, _number_format(item))
    _set_title(chart, item, defaults)
    _set_legend(chart, item)
    if item.kind == "bar":
        _first_category_on_top(chart)
    oxml.link_workbook(chart_space, workbook_id)
    return oxml.serialize(chart_space), data.xlsx_blob


def chart_alt(item: Chart) -> str:
    """The chart's alternative text: its `Tag.alt` or `Chart.alt`, else a sentence stating
    the data ("Column chart, Output: Papers: 2021 120, 2022 180.")."""
    given = (item.tag.alt if item.tag else "") or item.alt
    if given:
        return given
    head = f"{item.kind.capitalize()} chart" + (f", {item.title}" if item.title else "")
    series = "; ".join(
        f"{source.name}: " + ", ".join(f"{c} {v}" for c, v in zip(item.categories, labels, strict=False))
        for source, labels in zip(item.series, item.value_labels, strict=False)
    )
    return f"{head}: {series}."


def chart_data(item: Chart) -> CategoryChartData:
    """The chart's categories and series, as python-pptx writes them to the workbook."""
    data = CategoryChartData()
    data.categories = item.categories
    for series in item.series:
        data.add_series(series.name, series.values)
    return data


def _style_text(chart_space: oxml.Element, chart: PptxChart, item: Chart, defaults: TextDefaults) -> None:
    """All chart text (axes, labels, legend) in the style's office fonts, size and colour."""
    lang = item.tag.lang if item.tag else ""
    oxml.restyle(oxml.font_element(chart.font), run_look(item.style, defaults, lang))
    oxml.set_end_paragraph_language(chart_space, defaults.languages(lang)[0])


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
    chart.plots[0].gap_width = GAP_WIDTH


def _set_title(chart: PptxChart, item: Chart, defaults: TextDefaults) -> None:
    chart.has_title = bool(item.title)
    if not item.title:
        return
    frame = chart.chart_title.text_frame
    frame.text = item.title
    title_style = replace(item.style, weight=max(item.style.weight, TITLE_WEIGHT))
    look = run_look(title_style, defaults, item.tag.lang if item.tag else "")
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            oxml.restyle(oxml.font_element(run.font), look)


def _set_legend(chart: PptxChart, item: Chart) -> None:
    chart.has_legend = len(item.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False


def _first_category_on_top(chart: PptxChart) -> None:
    """Bar charts list categories bottom-up by default; read them top-down like the page."""
    chart.category_axis.reverse_order = True
    oxml.cross_value_axis_at_last_category(chart)
