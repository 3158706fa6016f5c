"""Worksheet cells and shared strings (plain values) in; the parts of a chart's embedded
workbook (.xlsx) out, as XlsxWriter writes them (markup, see `markup`).

One worksheet (`Sheet1`) of cells (`Cell`: a shared string, a number, or an empty cell that
only carries the style), its shared-string table, the content types and workbook
relationships (with or without that table) and core properties dated `created`. The parts
that never change (styles, theme, workbook, app properties, package relationships) are
XlsxWriter's own, shipped in `backends/pptx/xlsx/`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from .markup import attr, namespaces, part, text
from .text import escape_controls

__all__ = [
    "XLSX_DECLARATION",
    "Cell",
    "cell_name",
    "column_letter",
    "shared_strings",
    "workbook_content_types",
    "workbook_core",
    "workbook_relationships",
    "worksheet",
]

XLSX_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
"""The declaration XlsxWriter writes (double quotes, a line break after it)."""
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPES = "application/vnd.openxmlformats-officedocument."
_PARTS = (
    ("/docProps/app.xml", _TYPES + "extended-properties+xml"),
    ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
    ("/xl/styles.xml", _TYPES + "spreadsheetml.styles+xml"),
    ("/xl/theme/theme1.xml", _TYPES + "theme+xml"),
    ("/xl/workbook.xml", _TYPES + "spreadsheetml.sheet.main+xml"),
    ("/xl/worksheets/sheet1.xml", _TYPES + "spreadsheetml.worksheet+xml"),
)
_SHARED_STRINGS_TYPE = _TYPES + "spreadsheetml.sharedStrings+xml"
_WORKBOOK_RELS = (
    ("worksheet", "worksheets/sheet1.xml"),
    ("theme", "theme/theme1.xml"),
    ("styles", "styles.xml"),
)
_ROW_BLOCK = 16  # XlsxWriter states the columns in use (`spans`) per block of 16 rows
_ESCAPED_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_MARGINS = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'


class Cell(NamedTuple):
    """A cell at (`row`, `col`), both 0-based: the shared string number `string`, or the
    number `number`, or neither (an empty cell); `styled`: it uses the workbook's cell style 1."""

    row: int
    col: int
    string: int | None = None
    number: float | None = None
    styled: bool = True


def worksheet(cells: Sequence[Cell]) -> bytes:
    """`xl/worksheets/sheet1.xml` holding `cells` (in row, then column order); column A is
    widened for categories."""
    head = (
        f'<dimension ref="{_dimension(cells)}"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/>'
        '</sheetViews><sheetFormatPr defaultRowHeight="15"/>'
        '<cols><col min="1" max="1" width="10.7109375" customWidth="1"/></cols>'
    )
    data = _sheet_data(cells)
    rows = f"<sheetData>{data}</sheetData>" if data else "<sheetData/>"
    return _xlsx_part(f"<worksheet{namespaces('r', default='x')}>{head}{rows}{_MARGINS}</worksheet>")


def shared_strings(strings: Sequence[str], count: int) -> bytes:
    """`xl/sharedStrings.xml`: the distinct `strings` in order, used by `count` cells."""
    items = "".join(_shared_string(string) for string in strings)
    root = f'<sst{namespaces(default="x")} count="{count}" uniqueCount="{len(strings)}"'
    return _xlsx_part(f"{root}>{items}</sst>" if items else f"{root}/>")


def _shared_string(string: str) -> str:
    """One `si`: the string with Excel's escapes, its edge spaces kept."""
    escaped = escape_controls(_ESCAPED_ESCAPE.sub(r"_x005F\1", string))
    escaped = escaped.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    space = ' xml:space="preserve"' if escaped[:1].isspace() or escaped[-1:].isspace() else ""
    # (XlsxWriter: a regex match of ^\s or \s$)
    return f"<si><t{space}>{text(escaped)}</t></si>"


def workbook_content_types(with_strings: bool) -> bytes:
    """`[Content_Types].xml` of the workbook (with the shared strings part or without)."""
    defaults = (
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
    )
    parts = _PARTS + ((("/xl/sharedStrings.xml", _SHARED_STRINGS_TYPE),) if with_strings else ())
    overrides = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in parts)
    return _xlsx_part(f"<Types{namespaces(default='ct')}>{defaults}{overrides}</Types>")


def workbook_relationships(with_strings: bool) -> bytes:
    """`xl/_rels/workbook.xml.rels`: the sheet, theme, styles (and shared strings)."""
    targets = _WORKBOOK_RELS + ((("sharedStrings", "sharedStrings.xml"),) if with_strings else ())
    rels = "".join(
        f'<Relationship Id="rId{number}" Type="{_RELS}/{kind}" Target="{target}"/>'
        for number, (kind, target) in enumerate(targets, start=1)
    )
    return _xlsx_part(f"<Relationships{namespaces(default='pr')}>{rels}</Relationships>")


def workbook_core(created: str) -> bytes:
    """`docProps/core.xml`: no creator, created and modified at `created` (W3CDTF)."""
    date = attr(created)
    dates = "".join(
        f'<{tag} xsi:type="dcterms:W3CDTF">{date}</{tag}>' for tag in ("dcterms:created", "dcterms:modified")
    )
    root = f"<cp:coreProperties{namespaces('cp', 'dc', 'dcterms', 'dcmitype', 'xsi')}>"
    return part(f"{root}<dc:creator/><cp:lastModifiedBy/>{dates}</cp:coreProperties>")


def column_letter(number: int) -> str:
    """The worksheet column `number` (1-based) as letters: 1 -> A, 27 -> AA."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def cell_name(row: int, col: int) -> str:
    """A cell's A1-style name from 0-based `row` and `col` (0, 27 -> AB1)."""
    return f"{column_letter(col + 1)}{row + 1}"


def _sheet_data(cells: Sequence[Cell]) -> str:
    """A `row` per row with cells, stating its block's columns in use, then its cells."""
    spans = _spans(cells)
    rows: list[str] = []
    row = -1
    for cell in cells:
        if cell.row != row:
            if rows:
                rows.append("</row>")
            row = cell.row
            rows.append(f'<row r="{row + 1}" spans="{spans[row // _ROW_BLOCK]}">')
        rows.append(_cell(cell))
    return "".join(rows) + "</row>" if rows else ""


def _cell(cell: Cell) -> str:
    style = ' s="1"' if cell.styled else ""
    name = cell_name(cell.row, cell.col)
    if cell.string is not None:
        return f'<c r="{name}"{style} t="s"><v>{cell.string}</v></c>'
    if cell.number is not None:
        return f'<c r="{name}"{style}><v>{cell.number:.16G}</v></c>'
    return f'<c r="{name}"{style}/>'


def _spans(cells: Sequence[Cell]) -> dict[int, str]:
    """Per block of 16 rows: the first and last column in use, 1-based (`1:3`)."""
    columns: dict[int, list[int]] = {}
    for cell in cells:
        columns.setdefault(cell.row // _ROW_BLOCK, []).append(cell.col)
    return {block: f"{min(cols) + 1}:{max(cols) + 1}" for block, cols in columns.items()}


def _dimension(cells: Sequence[Cell]) -> str:
    """The range the cells cover (`A1:C4`), one cell's name if they are one, `A1` if none."""
    if not cells:
        return "A1"
    first = cell_name(min(c.row for c in cells), min(c.col for c in cells))
    last = cell_name(max(c.row for c in cells), max(c.col for c in cells))
    return first if first == last else f"{first}:{last}"


def _xlsx_part(markup: str) -> bytes:
    """The part as XlsxWriter writes it: its declaration, then the XML."""
    return part(markup, XLSX_DECLARATION)
