"""The backend-neutral Document: what compose produces and every backend draws.

In: nothing (definitions). Out: `Document` and the items on its pages.

Geometry is absolute and measured: all lengths are PostScript points (1/72 inch), the origin
is the page's top-left corner and y grows downwards. Text arrives already broken into lines,
each line into runs of one font; a backend draws them and never measures or re-breaks text
(the PPTX backend also gets each paragraph's whole text so PowerPoint can re-flow it on edit).
Backends import this module only — never profile, layout or theme.

Three kinds of meaning travel with the geometry, so that backends never guess:
- **structure** (`Tag`): what each item is for a reader (heading level, paragraph, list,
  figure with its alternative text, or `None`: decoration, an artifact). Items are listed in
  reading order, which is also their paint order (backgrounds come first).
- **colour intent** (`Color.cmyk`): the brand's own CMYK values where the theme gives them;
  a print backend converts the others through an ICC profile.
- **bleed** (`Document.bleed`, `Shape.bleed`): how far a print variant extends the page, and
  which shapes run into that margin.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from msgspec import Struct, field

__all__ = [
    "Chart",
    "ChartSeries",
    "Color",
    "Document",
    "DocumentFonts",
    "FontFace",
    "Image",
    "Item",
    "Line",
    "Outline",
    "Page",
    "Paragraph",
    "Run",
    "Shape",
    "Tag",
    "TextBox",
    "TextStyle",
]

Kind = Literal["brochure", "deck"]
Align = Literal["left", "center", "right"]
Anchor = Literal["top", "middle", "bottom"]


class Color(Struct, frozen=True):
    """An sRGB colour, each channel 0-255.

    `cmyk` is the brand's own process-colour value (each 0-1) when the theme gives one; None
    means a print backend converts the sRGB value through its CMYK profile.
    """

    r: int
    g: int
    b: int
    cmyk: tuple[float, float, float, float] | None = None

    @property
    def hex(self) -> str:
        """`RRGGBB`, upper case, no `#`."""
        return f"{self.r:02X}{self.g:02X}{self.b:02X}"

    @classmethod
    def from_hex(cls, text: str) -> Color:
        """Parse `#RRGGBB` or `RRGGBB` (or the short `#RGB`). Raises ValueError."""
        digits = text.lstrip("#")
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        if len(digits) != 6:
            raise ValueError(f"not a colour: {text!r}")
        value = int(digits, 16)
        return cls(value >> 16, (value >> 8) & 0xFF, value & 0xFF)


class Tag(Struct, frozen=True):
    """What an item is in the document's logical structure; `None` on an item means decoration.

    `role` is a PDF standard structure type: `H1`..`H6` (never skipping a level), `P`,
    `Caption`, `L` (a text box whose paragraphs are the list items: each becomes `LI` with
    `Lbl` for its bullet and `LBody` for its text), `Figure` (pictures, key figures, charts;
    `alt` required) or `Title`.
    `groups` are the structure elements around it, outermost first, each `(type, key)`, e.g.
    `(("Sect", "about"), ("Div", "about/cards/2"))`: items whose groups share a key share that
    element (so a section continued on the next page stays one `Sect`).
    `alt` is the alternative text (figures) and `lang` the BCP 47 language of this item's text
    when it differs from the document's ("" when it is the same).
    """

    role: str
    groups: tuple[tuple[str, str], ...] = ()
    alt: str = ""
    lang: str = ""


class FontFace(Struct, frozen=True):
    """One static font instance, as embedded in PDFs and named in PPTX.

    `name` is the instance's unique PostScript name (`SourceSans3-Bold`); `path` is a static
    TrueType file holding it (subset to the document's characters); `office_name` is the
    typeface a presenter's machine has with the same metrics (`Arial`), written into PPTX.
    """

    name: str
    family: str
    weight: int
    path: Path
    office_name: str
    east_asian: bool = False


class TextStyle(Struct, frozen=True):
    """The look of a paragraph: size and leading in points, weight 100-900, colour."""

    size: float
    leading: float
    color: Color
    weight: int = 400
    latin: FontFace | None = None
    east_asian: FontFace | None = None
    role: str = "body"


class Run(Struct, frozen=True):
    """Text in one font; `width` is its advance.

    `x` is its left edge measured from the paragraph's left edge (the box's x plus the
    paragraph's indent), with the line's alignment already applied: draw at box.x + indent + x.
    """

    text: str
    font: FontFace
    x: float
    width: float


class Line(Struct, frozen=True):
    """One visual line: `baseline` is measured from the top of its text box.

    `start`/`end` index the paragraph's `text`: the line shows `text[start:end]` (what lies
    between two lines — a space where the line broke — belongs to neither).
    """

    runs: tuple[Run, ...]
    baseline: float
    width: float
    start: int = 0
    end: int = 0

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


class Paragraph(Struct, frozen=True):
    """A paragraph: its whole text (for editable output) and its measured lines.

    `indent` is the left offset of every line (after a bullet) in points; `bullet` is drawn at
    the paragraph's left edge on the first line; `space_before` is the gap above it.
    """

    text: str
    style: TextStyle
    lines: tuple[Line, ...]
    align: Align = "left"
    bullet: str | None = None
    indent: float = 0.0
    space_before: float = 0.0


class TextBox(Struct, frozen=True):
    """Measured text placed in a rectangle; its lines all fit inside (compose guarantees it).

    `role` ("title", "subtitle", "body", or None) lets a deck put the text in the slide
    layout's matching placeholder. `frame` names the layout frame the text was set in ("":
    none, e.g. a hand-built Document), so checks on the Document can point at the layout.
    """

    x: float
    y: float
    width: float
    height: float
    paragraphs: tuple[Paragraph, ...]
    role: str | None = None
    anchor: Anchor = "top"
    name: str = ""
    tag: Tag | None = None
    frame: str = ""


class Shape(Struct, frozen=True):
    """A filled and/or stroked rectangle, rounded rectangle, ellipse or straight line.

    For `line`, the segment runs from (x, y) to (x + width, y + height).
    `fill`/`stroke` None mean no fill / no outline; `radius` rounds rectangle corners.
    `bleed`: a print variant extends this shape past every page edge it touches by the
    document's bleed (full-page backgrounds, bands marked `bleed` in the layout).
    Shapes are decoration unless `tag` says otherwise.
    """

    kind: Literal["rect", "ellipse", "line"]
    x: float
    y: float
    width: float
    height: float
    fill: Color | None = None
    stroke: Color | None = None
    stroke_width: float = 0.0
    radius: float = 0.0
    name: str = ""
    bleed: bool = False
    tag: Tag | None = None


class Image(Struct, frozen=True):
    """A raster picture (PNG or JPEG) shown in its box; `alt` is its alternative text.

    `crop` is the share of the picture cut off each edge (left, top, right, bottom, each
    0-1), already chosen by compose so that what remains has the box's proportions (a picture
    that fills its frame around a focal point); backends scale the rest into the box.
    `pixels` is the picture's (width, height) in pixels, for resolution checks.
    """

    x: float
    y: float
    width: float
    height: float
    path: Path
    alt: str
    name: str = ""
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    pixels: tuple[int, int] = (0, 0)
    bleed: bool = False
    tag: Tag | None = None


class ChartSeries(Struct, frozen=True):
    name: str
    values: tuple[float, ...]
    color: Color


class Chart(Struct, frozen=True):
    """A bar or column chart: data for native charts, and `drawing` for backends without them.

    `drawing` holds the same chart as shapes and text boxes, measured by compose; a backend
    that cannot make a native chart draws these instead. `value_labels` are the formatted
    values in series order, category order.
    """

    x: float
    y: float
    width: float
    height: float
    kind: Literal["bar", "column"]
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    value_labels: tuple[tuple[str, ...], ...]
    style: TextStyle
    drawing: tuple[Item, ...]
    title: str = ""
    alt: str = ""
    name: str = ""
    decimals: int = 0  # digits after the decimal point when a client formats the values
    tag: Tag | None = None


Item = TextBox | Shape | Image | Chart


class Outline(Struct, frozen=True):
    """A bookmark: `title` of a section starting on page `page` (0-based)."""

    title: str
    page: int


class Page(Struct, frozen=True):
    """One brochure page or deck slide; `notes` are the speaker notes (decks)."""

    width: float
    height: float
    items: tuple[Item, ...]
    name: str = ""
    background: Color | None = None
    notes: str = ""


class DocumentFonts(Struct, frozen=True):
    """The font scheme: heading (major) and body (minor) faces, Latin and East Asian."""

    major_latin: FontFace
    minor_latin: FontFace
    major_east_asian: FontFace
    minor_east_asian: FontFace


class Document(Struct, frozen=True):
    """A whole brochure or deck, ready to draw.

    `palette` maps the brand's colour roles (`primary`, `secondary`, `accent`, `highlight`,
    `background`, `surface`, `foreground`, `muted`, `on-primary`) and its chart colours
    (`chart-1`, `chart-2`, ...) to colours; a backend maps them onto its own slots (the PPTX
    theme's dk1, accent1, ...). `created` is the stable creation date for metadata.
    `lang` is a BCP 47 tag (`en`, `zh-CN`).
    """

    kind: Kind
    lang: str
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    created: dt.datetime
    pages: tuple[Page, ...]
    fonts: DocumentFonts
    palette: dict[str, Color]
    outline: tuple[Outline, ...] = field(default=())
    theme_name: str = "Brand"
    #: How far a print variant extends each page past its trim edge, in points.
    bleed: float = 3 * 72 / 25.4
