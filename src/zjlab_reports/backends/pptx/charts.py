"""Document charts in; native, editable PowerPoint bar/column charts and their workbooks out.

The chart's data lives in an embedded workbook, so a presenter can edit numbers and restyle
it in PowerPoint. The chart part is written from the data and the chart's looks (see
`oxml.chart_space`), the workbook by `workbook`; both as python-pptx and XlsxWriter wrote
them, without loading either. `Chart.drawing` (the same chart as shapes) is for backends
without native charts and is not drawn here.
"""

from __future__ import annotations

import datetime as dt

from msgspec.structs import replace

from ...document import Chart
from . import oxml
from .text import TextDefaults, run_look
from .workbook import chart_workbook

__all__ = ["chart_alt", "chart_part"]

TITLE_WEIGHT = 700
VALUE_FORMAT = "#,##0"


def chart_part(
    item: Chart, defaults: TextDefaults, workbook_id: str, created: dt.datetime
) -> tuple[bytes, bytes]:
    """(chart part XML, workbook bytes) of `item` as a clustered bar or column chart with
    value labels, its data in the workbook (dated `created`) related to the chart part as
    `workbook_id`."""
    lang = item.tag.lang if item.tag else ""
    title_style = replace(item.style, weight=max(item.style.weight, TITLE_WEIGHT))
    spec = oxml.ChartSpec(
        kind=item.kind,
        categories=item.categories,
        series=tuple(oxml.ChartSeriesData(s.name, s.values, s.color.hex) for s in item.series),
        number_format=_number_format(item),
        title=item.title,
        title_look=run_look(title_style, defaults, lang),
        text_look=run_look(item.style, defaults, lang),
        end_lang=defaults.languages(lang)[0],
        workbook_id=workbook_id,
    )
    return oxml.chart_space(spec), chart_workbook(spec, created)


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


def _number_format(item: Chart) -> str:
    """Thousands separated, with the chart's decimals: `#,##0` (3,000) or `#,##0.0` (90.5)."""
    return VALUE_FORMAT + ("." + "0" * item.decimals if item.decimals else "")
