"""Contact sheets: a document's page pictures and its title in; one labelled overview picture out.

The pages stand as thumbnails on a light grey ground, in rows balanced to the count (a 7-page
brochure: 4 + 3; a 10-slide deck: 4 + 4 + 2), each with a hairline border, a soft offset
shadow and its number beneath; the document's title and a line of facts head the sheet.
Labels are set in Noto Sans SC (Chinese and Latin) from its PyPI package.
"""

from __future__ import annotations

import math
from functools import cache

from msgspec import Struct
from PIL import Image, ImageDraw, ImageFont

__all__ = ["SheetStyle", "contact_sheet"]

RGB = tuple[int, int, int]
_FontType = ImageFont.FreeTypeFont | ImageFont.ImageFont


class SheetStyle(Struct, frozen=True):
    """Sizes in pixels and colours of a contact sheet."""

    portrait_width: int = 220
    landscape_width: int = 320
    portrait_columns: int = 4
    landscape_columns: int = 4
    margin: int = 32
    gap: int = 24
    label_height: int = 26
    title_size: int = 26
    text_size: int = 15
    ground: RGB = (241, 241, 239)
    ink: RGB = (33, 37, 41)
    muted: RGB = (108, 114, 120)
    border: RGB = (196, 198, 200)
    shadow: RGB = (218, 219, 217)


def contact_sheet(
    pages: list[Image.Image], title: str, facts: str, style: SheetStyle | None = None
) -> Image.Image:
    """All `pages` as numbered thumbnails under `title` and `facts` (e.g. "deck · 10 slides")."""
    if not pages:
        raise ValueError("a contact sheet needs at least one page")
    style = style or SheetStyle()
    landscape = pages[0].width > pages[0].height
    width = style.landscape_width if landscape else style.portrait_width
    height = round(width * pages[0].height / pages[0].width)
    columns = _columns(len(pages), style.landscape_columns if landscape else style.portrait_columns)
    rows = math.ceil(len(pages) / columns)
    head = style.margin + style.title_size + 10 + style.text_size + style.gap
    size = (
        2 * style.margin + columns * width + (columns - 1) * style.gap,
        head + rows * (height + style.label_height) + (rows - 1) * style.gap + style.margin,
    )
    sheet = Image.new("RGB", size, style.ground)
    draw = ImageDraw.Draw(sheet)
    _heading(draw, title, facts, size[0] - 2 * style.margin, style)
    for index, page in enumerate(pages):
        row, column = divmod(index, columns)
        x = style.margin + column * (width + style.gap)
        y = head + row * (height + style.label_height + style.gap)
        _thumbnail(sheet, draw, page, (x, y, width, height), style)
        _centred(
            draw, str(index + 1), x + width / 2, y + height + 6, _font(style.text_size, 400), style.muted
        )
    return sheet


def _columns(count: int, most: int) -> int:
    """Columns for `count` pages, at most `most`, with rows as even as possible."""
    rows = math.ceil(count / most)
    return math.ceil(count / rows)


def _heading(draw: ImageDraw.ImageDraw, title: str, facts: str, room: int, style: SheetStyle) -> None:
    title_font = _font(style.title_size, 600)
    draw.text(
        (style.margin, style.margin), _fit(draw, title, title_font, room), font=title_font, fill=style.ink
    )
    y = style.margin + style.title_size + 10
    text_font = _font(style.text_size, 400)
    draw.text((style.margin, y), _fit(draw, facts, text_font, room), font=text_font, fill=style.muted)


def _thumbnail(
    sheet: Image.Image,
    draw: ImageDraw.ImageDraw,
    page: Image.Image,
    box: tuple[int, int, int, int],
    style: SheetStyle,
) -> None:
    x, y, width, height = box
    draw.rectangle((x + 3, y + 3, x + width + 2, y + height + 2), fill=style.shadow)
    sheet.paste(page.resize((width, height), Image.Resampling.LANCZOS), (x, y))
    draw.rectangle((x - 1, y - 1, x + width, y + height), outline=style.border)


def _centred(draw: ImageDraw.ImageDraw, text: str, cx: float, y: float, font: _FontType, fill: RGB) -> None:
    draw.text((cx - draw.textlength(text, font=font) / 2, y), text, font=font, fill=fill)


def _fit(draw: ImageDraw.ImageDraw, text: str, font: _FontType, room: int) -> str:
    """`text`, cut with an ellipsis where it is wider than `room` pixels."""
    if draw.textlength(text, font=font) <= room:
        return text
    while text and draw.textlength(text + "…", font=font) > room:
        text = text[:-1]
    return text + "…"


@cache
def _font(size: int, weight: int) -> _FontType:
    """Noto Sans SC at `size` px and `weight`; Pillow's own font when the package is missing."""
    from ..fonts import FontError, FontSpec, locate

    spec = FontSpec(
        "noto-sans-sc", "Noto Sans SC", "justmytype_intl_cjk", "fonts/ofl/notosanssc/NotoSansSC[wght].ttf", ""
    )
    try:
        font = ImageFont.truetype(str(locate(spec)), size)
    except (FontError, OSError):
        return ImageFont.load_default(size)
    font.set_variation_by_axes([weight])
    return font
