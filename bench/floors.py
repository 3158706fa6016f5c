"""The floors: a composed Document's pages in (as plain drawing operations); the same file made by bare
ReportLab canvas calls or bare python-pptx calls out — same text, fonts, shapes, charts, nothing extra.

`operations(document)` flattens a Document into JSON-able operations once, outside any timing.
`draw_pdf` replays them on a reportlab canvas (the text runs at their measured positions, the
shapes, pictures, and charts as their drawn shapes); `draw_pptx` builds a deck from them with
python-pptx (a text box per text box with a run per paragraph, the shapes, pictures, native
charts with their data and colours, speaker notes). What our backends add on top — tags,
outlines, metadata, theme parts, placeholders, East Asian font slots, alt text — is exactly
what a ratio to these floors measures.

Run as a script (`python floors.py pdf|pptx OPS.json`) it draws once and exits: the
whole-process floor, importing nothing but reportlab or python-pptx.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["draw_pdf", "draw_pptx", "operations", "register_fonts"]

Ops = dict[str, Any]


def operations(document: Any) -> Ops:
    """The pages of `document` as plain operations, and the font files they use."""
    fonts: dict[str, str] = {}
    pages = [
        {
            "width": page.width,
            "height": page.height,
            "background": _rgb(page.background),
            "notes": page.notes,
            "items": [op for item in page.items for op in _item(item, fonts)],
        }
        for page in document.pages
    ]
    return {"pages": pages, "fonts": fonts}


def _item(item: Any, fonts: dict[str, str]) -> list[list[Any]]:
    kind = type(item).__name__
    if kind == "TextBox":
        return [
            ["box", item.x, item.y, item.width, item.height, [_paragraph(p, fonts) for p in item.paragraphs]]
        ]
    if kind == "Shape":
        fill, stroke = _rgb(item.fill), _rgb(item.stroke)
        return [
            [
                "shape",
                item.kind,
                item.x,
                item.y,
                item.width,
                item.height,
                fill,
                stroke,
                item.stroke_width,
                item.radius,
            ]
        ]
    if kind == "Image":
        return [["image", item.x, item.y, item.width, item.height, str(item.path)]]
    drawing = [op for part in item.drawing for op in _item(part, fonts)]
    series = [[s.name, list(s.values), _rgb(s.color)] for s in item.series]
    return [
        ["chart", item.x, item.y, item.width, item.height, item.kind, list(item.categories), series, drawing]
    ]


def _paragraph(paragraph: Any, fonts: dict[str, str]) -> dict[str, Any]:
    lines = []
    for line in paragraph.lines:
        for run in line.runs:
            fonts[run.font.name] = str(run.font.path)
            lines.append([run.text, run.font.name, paragraph.indent + run.x, line.baseline])
    style = paragraph.style
    first = paragraph.lines[0].runs[0].font.name if paragraph.lines and paragraph.lines[0].runs else None
    return {
        "text": paragraph.text,
        "size": style.size,
        "color": _rgb(style.color),
        "bold": style.weight >= 600,
        "office": style.latin.office_name if style.latin else "Arial",
        "bullet": [paragraph.bullet, first] if paragraph.bullet and first else None,
        "runs": lines,
    }


def _rgb(color: Any) -> list[int] | None:
    return None if color is None else [color.r, color.g, color.b]


# --- bare ReportLab -------------------------------------------------------------------------


def register_fonts(ops: Ops) -> None:
    """Register the font files with reportlab, once per process (as a warm renderer has them)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, path in ops["fonts"].items():
        if f"floor-{name}" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(f"floor-{name}", path))


def draw_pdf(ops: Ops) -> bytes:
    """The pages drawn on a compressed reportlab canvas; fonts must be registered."""
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    first = ops["pages"][0]
    canvas = Canvas(out, pagesize=(first["width"], first["height"]), pageCompression=1, invariant=1)
    for page in ops["pages"]:
        canvas.setPageSize((page["width"], page["height"]))
        if page["background"]:
            canvas.setFillColorRGB(*(c / 255 for c in page["background"]))
            canvas.rect(0, 0, page["width"], page["height"], stroke=0, fill=1)
        for op in page["items"]:
            _draw(canvas, op, page["height"])
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _draw(canvas: Any, op: list[Any], height: float) -> None:
    if op[0] == "box":
        _, x, y, _, _, paragraphs = op
        for paragraph in paragraphs:
            canvas.setFillColorRGB(*(c / 255 for c in paragraph["color"]))
            if paragraph["bullet"]:
                bullet, font = paragraph["bullet"]
                first = paragraph["runs"][0]
                canvas.setFont(f"floor-{font}", paragraph["size"])
                canvas.drawString(x, height - y - first[3], bullet)
            for text, font, run_x, baseline in paragraph["runs"]:
                canvas.setFont(f"floor-{font}", paragraph["size"])
                canvas.drawString(x + run_x, height - y - baseline, text)
    elif op[0] == "shape":
        _shape(canvas, op, height)
    elif op[0] == "image":
        _, x, y, w, h, path = op
        canvas.drawImage(path, x, height - y - h, w, h, mask="auto", preserveAspectRatio=True, anchor="c")
    else:
        for part in op[8]:
            _draw(canvas, part, height)


def _shape(canvas: Any, op: list[Any], height: float) -> None:
    _, kind, x, y, w, h, fill, stroke, stroke_width, radius = op
    if fill:
        canvas.setFillColorRGB(*(c / 255 for c in fill))
    if stroke:
        canvas.setStrokeColorRGB(*(c / 255 for c in stroke))
        canvas.setLineWidth(stroke_width)
    top = height - y
    if kind == "line":
        canvas.line(x, top, x + w, top - h)
    elif kind == "ellipse":
        canvas.ellipse(x, top - h, x + w, top, stroke=bool(stroke), fill=bool(fill))
    elif radius:
        canvas.roundRect(x, top - h, w, h, min(radius, w / 2, h / 2), stroke=bool(stroke), fill=bool(fill))
    else:
        canvas.rect(x, top - h, w, h, stroke=bool(stroke), fill=bool(fill))


# --- bare python-pptx ------------------------------------------------------------------------


def draw_pptx(ops: Ops) -> bytes:
    """The pages as slides of a blank 16:9 deck made with python-pptx's public API."""
    from pptx import Presentation
    from pptx.util import Emu

    deck = Presentation()
    first = ops["pages"][0]
    deck.slide_width, deck.slide_height = Emu(_emu(first["width"])), Emu(_emu(first["height"]))
    blank = deck.slide_layouts[6]
    for page in ops["pages"]:
        slide = deck.slides.add_slide(blank)
        if page["background"]:
            slide.background.fill.solid()
            slide.background.fill.fore_color.rgb = _pptx_rgb(page["background"])
        for op in page["items"]:
            _slide_item(slide.shapes, op)
        if page["notes"]:
            slide.notes_slide.notes_text_frame.text = page["notes"]
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _slide_item(shapes: Any, op: list[Any]) -> None:
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
    from pptx.util import Pt

    if op[0] == "box":
        _, x, y, w, h, paragraphs = op
        frame = shapes.add_textbox(_emu(x), _emu(y), _emu(w), _emu(h)).text_frame
        frame.word_wrap = True
        for index, paragraph in enumerate(paragraphs):
            run = (frame.paragraphs[0] if index == 0 else frame.add_paragraph()).add_run()
            run.text = paragraph["text"]
            run.font.size, run.font.bold, run.font.name = (
                Pt(paragraph["size"]),
                paragraph["bold"],
                paragraph["office"],
            )
            run.font.color.rgb = _pptx_rgb(paragraph["color"])
    elif op[0] == "shape" and op[1] == "line":
        _, _, x, y, w, h, _, stroke, width, _ = op
        line = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, _emu(x), _emu(y), _emu(x + w), _emu(y + h))
        line.line.color.rgb, line.line.width = _pptx_rgb(stroke or [0, 0, 0]), Pt(width)
    elif op[0] == "shape":
        _, kind, x, y, w, h, fill, stroke, _, radius = op
        shape_type = {"ellipse": MSO_SHAPE.OVAL}.get(
            kind, MSO_SHAPE.ROUNDED_RECTANGLE if radius else MSO_SHAPE.RECTANGLE
        )
        shape = shapes.add_shape(shape_type, _emu(x), _emu(y), _emu(w), _emu(h))
        if fill:
            shape.fill.solid()
            shape.fill.fore_color.rgb = _pptx_rgb(fill)
        if stroke:
            shape.line.color.rgb = _pptx_rgb(stroke)
        else:
            shape.line.fill.background()
    elif op[0] == "image":
        _, x, y, w, h, path = op
        shapes.add_picture(path, _emu(x), _emu(y), _emu(w), _emu(h))
    else:
        _chart(shapes, op)


def _chart(shapes: Any, op: list[Any]) -> None:
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    _, x, y, w, h, kind, categories, series, _ = op
    data = CategoryChartData()
    data.categories = categories
    for name, values, _ in series:
        data.add_series(name, values)
    kinds = {"column": XL_CHART_TYPE.COLUMN_CLUSTERED, "bar": XL_CHART_TYPE.BAR_CLUSTERED}
    chart = shapes.add_chart(kinds[kind], _emu(x), _emu(y), _emu(w), _emu(h), data).chart
    for plotted, (_, _, color) in zip(chart.plots[0].series, series, strict=True):
        plotted.format.fill.solid()
        plotted.format.fill.fore_color.rgb = _pptx_rgb(color)
    chart.plots[0].has_data_labels = True


def _emu(points: float) -> int:
    return round(points * 12700)


def _pptx_rgb(rgb: list[int]) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor(*rgb)


if __name__ == "__main__":  # the whole-process floor: draw once
    kind, path = sys.argv[1], Path(sys.argv[2])
    loaded = json.loads(path.read_text(encoding="utf-8"))
    if kind == "pdf":
        register_fonts(loaded)
        data = draw_pdf(loaded)
    else:
        data = draw_pptx(loaded)
    Path(sys.argv[3]).write_bytes(data)
