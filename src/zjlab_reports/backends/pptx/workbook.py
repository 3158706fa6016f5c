"""A chart's data in; the bytes of its embedded workbook (.xlsx) out, as python-pptx had
XlsxWriter write it, then made reproducible.

`Sheet1` holds the categories in column A from row 2 and one column per series from B, the
series' name in row 1 (an empty name: no cell). Every text is a shared string, numbered in
the order written: categories, then each series' name. The zip is written like the deck's
(see `archive.zipped`), its core properties dated `created`.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from . import oxml
from .archive import zipped
from .package import w3cdtf

__all__ = ["chart_workbook"]

_FIXED_PARTS = ("_rels/.rels", "docProps/app.xml", "xl/styles.xml", "xl/theme/theme1.xml", "xl/workbook.xml")
"""XlsxWriter's parts that are the same in every chart workbook (shipped in `xlsx/`)."""


def chart_workbook(spec: oxml.ChartSpec, created: dt.datetime) -> bytes:
    """The workbook of the chart `spec`, dated `created`."""
    strings: dict[str, int] = {}
    cells = _cells(spec, strings)
    parts = dict(fixed_parts())
    parts["[Content_Types].xml"] = oxml.workbook_content_types(bool(strings))
    parts["xl/_rels/workbook.xml.rels"] = oxml.workbook_relationships(bool(strings))
    parts["docProps/core.xml"] = oxml.workbook_core(w3cdtf(created))
    parts["xl/worksheets/sheet1.xml"] = oxml.worksheet(sorted(cells, key=lambda c: (c.row, c.col)))
    if strings:
        used = sum(1 for cell in cells if cell.string is not None)
        parts["xl/sharedStrings.xml"] = oxml.shared_strings(list(strings), used)
    return zipped(parts)


@functools.cache
def fixed_parts() -> dict[str, bytes]:
    """The parts every chart workbook shares, read once per process (from the `xlsx` folder
    beside this module: `importlib.resources` would cost more to import than the reading)."""
    folder = Path(__file__).parent / "xlsx"
    return {name: (folder / name).read_bytes() for name in _FIXED_PARTS}


def _cells(spec: oxml.ChartSpec, strings: dict[str, int]) -> list[oxml.Cell]:
    """The cells in the order python-pptx writes them; fills `strings` (text -> number)."""
    cells = [_text_cell(row, 0, name, strings, styled=True) for row, name in enumerate(spec.categories, 1)]
    for col, series in enumerate(spec.series, 1):
        if series.name:  # an empty, unstyled cell is not written
            cells.append(_text_cell(0, col, series.name, strings, styled=False))
        cells += [oxml.Cell(row, col, number=value) for row, value in enumerate(series.values, 1)]
    return cells


def _text_cell(row: int, col: int, text: str, strings: dict[str, int], *, styled: bool) -> oxml.Cell:
    """A shared-string cell of `text` (an empty text: an empty cell)."""
    if not text:
        return oxml.Cell(row, col, styled=styled)
    return oxml.Cell(row, col, string=strings.setdefault(text, len(strings)), styled=styled)
