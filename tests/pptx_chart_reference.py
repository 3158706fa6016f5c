"""A Document chart in; its chart part XML and workbook as python-pptx (and XlsxWriter) write
them out — the PPTX backend's way before it wrote charts itself, kept as the reference that
`tests/backends/test_pptx_charts.py` compares the backend's own chart parts with (and
`zipfile_zipped`, its zips as Python's `zipfile` wrote them, for `test_pptx_archive.py`).

python-pptx writes the chart XML and the workbook from the data; its chart API then styles
the XML (fonts, series colours, value labels, quiet axes, title, legend, bars top-down).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from msgspec.structs import replace
from pptx.chart.chart import Chart as PptxChart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_AXIS_CROSSES, XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.oxml import parse_xml

from zjlab_reports.backends.pptx import oxml
from zjlab_reports.backends.pptx.oxml.elements import sub
from zjlab_reports.backends.pptx.oxml.text import MAX_SIZE, MIN_SIZE, RunLook
from zjlab_reports.backends.pptx.package import w3cdtf
from zjlab_reports.backends.pptx.text import TextDefaults, run_look
from zjlab_reports.document import Chart

__all__ = ["reference_chart_part", "zipfile_zipped"]

_CHART_TYPES = {"column": XL_CHART_TYPE.COLUMN_CLUSTERED, "bar": XL_CHART_TYPE.BAR_CLUSTERED}


def reference_chart_part(
    item: Chart, defaults: TextDefaults, workbook_id: str, created: dt.datetime
) -> tuple[bytes, bytes]:
    """(chart part XML, reproducible workbook bytes) of `item`, made by python-pptx."""
    data = CategoryChartData()
    data.categories = item.categories
    for series in item.series:
        data.add_series(series.name, series.values)
    chart_space = parse_xml(data.xml_bytes(_CHART_TYPES[item.kind]))
    chart = PptxChart(chart_space, None)
    number_format = "#,##0" + ("." + "0" * item.decimals if item.decimals else "")
    lang = item.tag.lang if item.tag else ""
    _restyle(_element(chart.font), run_look(item.style, defaults, lang))
    for end in chart_space.iter(oxml.qn("a:endParaRPr")):
        end.set("lang", defaults.languages(lang)[0])
    _color_series(chart, item)
    _label_values(chart, number_format)
    _quiet_axes(chart, number_format)
    _set_title(chart, item, defaults)
    _set_legend(chart, item)
    if item.kind == "bar":
        chart.category_axis.reverse_order = True
        value_axis: Any = chart.value_axis._element
        value_axis._remove_crossesAt()
        value_axis._remove_crosses()
        value_axis._add_crosses(val=XL_AXIS_CROSSES.MAXIMUM)
    external = chart_space.get_or_add_externalData()
    external.set(oxml.qn("r:id"), workbook_id)
    if external.find(oxml.qn("c:autoUpdate")) is None:
        sub(external, "c:autoUpdate", val="0")
    return oxml.serialize(chart_space), reproducible_package(data.xlsx_blob, created)


# The children of a:rPr that follow a:latin and a:ea, and those that precede the fill.
_AFTER_FONTS = ("a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")
_FILLS = ("a:noFill", "a:solidFill", "a:gradFill", "a:blipFill", "a:pattFill", "a:grpFill")
_AFTER_FILL = ("a:effectLst", "a:effectDag", "a:highlight", "a:uLnTx", "a:uLn", "a:uFillTx", "a:uFill")


def _restyle(rpr: oxml.Element, look: RunLook) -> None:
    """Make python-pptx's run-properties element (`a:rPr`, `a:defRPr`) say `look`, keeping
    children that `look` does not set (the backend's way when it edited python-pptx's XML)."""
    if look.size is not None:
        rpr.set("sz", str(min(max(look.size, MIN_SIZE), MAX_SIZE)))
    if look.bold is not None:
        rpr.set("b", "1" if look.bold else "0")
    rpr.set("lang", look.lang)
    rpr.set("altLang", look.alt_lang)
    replaced = {oxml.qn(tag) for tag in ("a:latin", "a:ea", *(_FILLS if look.color is not None else ()))}
    for child in [child for child in rpr if child.tag in replaced]:
        rpr.remove(child)
    if look.color is not None:
        fill = rpr.makeelement(oxml.qn("a:solidFill"), {})
        sub(fill, "a:srgbClr", val=look.color)
        _insert_in_order(rpr, fill, (*_AFTER_FILL, "a:latin", "a:ea", *_AFTER_FONTS))
    for tag, face in (("a:latin", look.latin), ("a:ea", look.east_asian)):
        _insert_in_order(rpr, rpr.makeelement(oxml.qn(tag), {"typeface": face}), _AFTER_FONTS)


def _insert_in_order(parent: oxml.Element, child: oxml.Element, successors: tuple[str, ...]) -> None:
    """Insert `child` before the first child of `parent` whose tag is one of `successors`."""
    names = {oxml.qn(name) for name in successors}
    for index, existing in enumerate(parent):
        if existing.tag in names:
            parent.insert(index, child)
            return
    parent.append(child)


def _element(font: Any) -> oxml.Element:
    element: oxml.Element = font._element
    return element


def _color_series(chart: PptxChart, item: Chart) -> None:
    for series, source in zip(chart.plots[0].series, item.series, strict=True):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = RGBColor.from_string(source.color.hex)
        series.invert_if_negative = False


def _label_values(chart: PptxChart, number_format: str) -> None:
    plot = chart.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.show_value = True
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.number_format = number_format
    labels.number_format_is_linked = False


def _quiet_axes(chart: PptxChart, number_format: str) -> None:
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
    title_style = replace(item.style, weight=max(item.style.weight, 700))
    look = run_look(title_style, defaults, item.tag.lang if item.tag else "")
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            _restyle(_element(run.font), look)


def _set_legend(chart: PptxChart, item: Chart) -> None:
    chart.has_legend = len(item.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False


def reproducible_package(blob: bytes, created: dt.datetime) -> bytes:
    """XlsxWriter's zip rewritten as the deck's zip: entries sorted, dated 1980, core
    properties dated `created` (what the backend did to the workbook XlsxWriter made)."""
    with zipfile.ZipFile(io.BytesIO(blob)) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    core = oxml.parse(entries["docProps/core.xml"])
    for tag in ("dcterms:created", "dcterms:modified"):
        for element in core.iter(oxml.qn(tag)):
            element.text = w3cdtf(created)
    entries["docProps/core.xml"] = oxml.serialize(core)
    return zipfile_zipped(entries)


def zipfile_zipped(entries: dict[str, bytes]) -> bytes:
    """`entries` zipped by Python's `zipfile` as the backend did before it wrote zips itself:
    `[Content_Types].xml` first, the rest by name, deflated, dated 1980-01-01, mode 644."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(entries, key=lambda name: (name != "[Content_Types].xml", name)):
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            target.writestr(info, entries[name])
    return output.getvalue()
