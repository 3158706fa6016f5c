"""Chart XML (as python-pptx's chart writer makes it) in; python-pptx chart objects over it, and
the raw edits its API lacks, out.

This is the only place that reaches into python-pptx's chart internals: the element behind a
`Font`, the value axis's crossing, the link to the embedded workbook.
"""

from __future__ import annotations

from typing import Any

from pptx.chart.chart import Chart
from pptx.enum.chart import XL_AXIS_CROSSES
from pptx.oxml import parse_xml
from pptx.text.text import Font

from .elements import Element, qn, sub

__all__ = [
    "chart_over",
    "cross_value_axis_at_last_category",
    "font_element",
    "link_workbook",
    "set_end_paragraph_language",
]


def chart_over(chart_xml: bytes) -> tuple[Element, Chart]:
    """Parse a chart part into python-pptx's elements; returns `c:chartSpace` and a `Chart`
    over it (with no package part: only its XML is edited)."""
    chart_space = parse_xml(chart_xml)
    return chart_space, Chart(chart_space, None)


def font_element(font: Font) -> Element:
    """The `a:rPr` / `a:defRPr` element behind a python-pptx `Font`."""
    element: Any = font._element
    return element


def cross_value_axis_at_last_category(chart: Chart) -> None:
    """Make the value axis cross the category axis at its last category (`c:crosses max`).

    With the category order reversed (first category on top of a bar chart), this keeps the
    value axis at the bottom. python-pptx only sets the crossing on the category axis.
    """
    value_axis = chart.value_axis._element
    value_axis._remove_crossesAt()
    value_axis._remove_crosses()
    value_axis._add_crosses(val=XL_AXIS_CROSSES.MAXIMUM)


def set_end_paragraph_language(chart_space: Element, lang: str) -> None:
    """Tag every `a:endParaRPr` of the chart with `lang` (python-pptx writes en-US)."""
    for end in chart_space.iter(qn("a:endParaRPr")):
        end.set("lang", lang)


def link_workbook(chart_space: Element, r_id: str) -> None:
    """Point the chart at its embedded workbook (`c:externalData`, related as `r_id`), not
    refreshed automatically, as PowerPoint writes it."""
    external = chart_space.get_or_add_externalData()
    external.set(qn("r:id"), r_id)
    if external.find(qn("c:autoUpdate")) is None:
        sub(external, "c:autoUpdate", val="0")
