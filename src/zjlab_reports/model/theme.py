"""The brand theme model (shaped after Quarto's brand.yml): meta, logo, color, typography.

Colours are named: a `palette` of hex values (or references to other palette names) and
roles (`primary`, `accent`, `background`, `foreground`, ...) that refer to palette names.
Typography names font files from PyPI packages, the families each kind of document uses, and
a style for each text role (size in points, weight, leading as a multiple of the size).
`components` hold the rest of the look, per kind of document: the smallest type size, and the
gaps, paddings, radii, marker sizes and text roles of cards, key figures, timelines, charts,
lists and flows (lengths in millimetres, strokes in points).
"""

# No `from __future__ import annotations` here: pydantic would compile and evaluate each
# field's annotation string again for every class that has the field (start-up time).
import re
from typing import Annotated

from pydantic import Field, field_validator

from .common import Closed, Name, Text

__all__ = [
    "CardLook",
    "ChartLook",
    "Cmyk",
    "ColorRef",
    "Components",
    "ComponentsByKind",
    "FigureLook",
    "FlowLook",
    "FontFile",
    "FontPair",
    "ListLook",
    "Logo",
    "Meta",
    "PaletteColor",
    "Role",
    "TextLook",
    "Theme",
    "TimelineLook",
    "Typography",
]

#: A colour: `#RRGGBB`, `#RGB`, or the name of a palette colour or colour role.
ColorRef = Annotated[str, Field(min_length=1, max_length=64)]
Weight = Annotated[int, Field(ge=100, le=900, multiple_of=50)]
Mm = Annotated[float, Field(ge=0, le=200, description="millimetres")]
Pt = Annotated[float, Field(ge=0, le=100, description="points")]
Em = Annotated[float, Field(ge=0, le=5, description="a multiple of the text's size or leading")]


class Meta(Closed):
    name: Text
    author: Text = Field(description="the author written into document metadata")


class Logo(Closed):
    """A raster logo (PNG/JPEG) inside the project folder; `alt` is its alternative text.

    It is the logo of the organisation the theme's `meta.name` names: a `logo: true` block
    shows it only for a profile of that name without a logo of its own (`images.logo`)."""

    path: str
    alt: Text


_HEX = r"^#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$"
Percent = Annotated[float, Field(ge=0, le=100, description="per cent ink")]


class Cmyk(Closed):
    """A process colour as the brand's print guide gives it: ink per cent of each plate."""

    c: Percent
    m: Percent
    y: Percent
    k: Percent

    def fractions(self) -> tuple[float, float, float, float]:
        """C, M, Y, K as 0-1 fractions."""
        return self.c / 100, self.m / 100, self.y / 100, self.k / 100


class PaletteColor(Closed):
    """A palette colour with its own print value: `rgb` for screens, `cmyk` for print.

    Without `cmyk`, the print variant converts the `rgb` value through its CMYK profile.
    """

    rgb: str = Field(description="#RRGGBB (sRGB)", json_schema_extra={"pattern": _HEX})
    cmyk: Cmyk

    @field_validator("rgb")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not re.fullmatch(_HEX, value):
            raise ValueError(f"'{value}' is not a colour: write #RRGGBB (or #RGB)")
        return value


class BrandColors(Closed):
    """The palette and the colour roles every layout may use by name.

    A palette entry is a colour (`#RRGGBB`, or the name of another palette colour), or an
    `{rgb, cmyk}` pair when the brand gives its own process-colour value for print.
    """

    palette: dict[Name, ColorRef | PaletteColor] = Field(max_length=64)
    primary: ColorRef
    secondary: ColorRef
    accent: ColorRef
    highlight: ColorRef
    background: ColorRef
    surface: ColorRef
    foreground: ColorRef
    muted: ColorRef
    on_primary: ColorRef = Field(alias="on-primary")
    chart: list[ColorRef] = Field(min_length=1, max_length=12, description="series colours, in order")


class FontFile(Closed):
    """A font file shipped in a PyPI package (a variable or static TrueType font)."""

    family: str = Field(min_length=1, max_length=64)
    package: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", description="importable package name")
    file: str = Field(min_length=1, max_length=200, description="path inside the package")
    office: str = Field(min_length=1, max_length=64, description="typeface named in PPTX files")
    east_asian: bool = Field(False, alias="east-asian")


class FontPair(Closed):
    """The fonts one kind of document uses: Latin first, then East Asian (ids of `fonts`)."""

    latin: Name
    east_asian: Name = Field(alias="east-asian")


class Role(Closed):
    """One text role's style; `leading` is line height as a multiple of `size`."""

    size: float = Field(gt=0, le=400, description="points")
    weight: Weight = 400
    leading: float = Field(1.3, ge=0.8, le=3.0)
    leading_zh: float | None = Field(None, alias="leading-zh", ge=0.8, le=3.0)
    color: ColorRef = "foreground"


class Typography(Closed):
    fonts: dict[Name, FontFile] = Field(min_length=1, max_length=16)
    brochure: FontPair
    deck: FontPair
    roles: dict[Name, Role] = Field(min_length=1, max_length=40)


class CardLook(Closed):
    """Cards (one per list item): the grid's gaps, the card's padding, corners and accent bar."""

    gap: Mm = Field(5, description="between cards, across and down")
    padding: Mm = Field(4, description="inside each card")
    radius: Pt = Field(3, description="corner radius")
    accent: Pt = Field(3, description="height of the accent bar along the card's top edge (0: none)")
    number_gap: Em = Field(0.3, alias="number-gap", description="below the number, x its leading")
    title_gap: Em = Field(0.3, alias="title-gap", description="below the title, x its leading")
    number_role: Name = Field("card-number", alias="number-role")
    title_role: Name = Field("card-title", alias="title-role")
    body_role: Name = Field("card-body", alias="body-role")


class FigureLook(Closed):
    """Key figures: a bar, the qualifier, the big number with its unit, the label."""

    gap: Mm = Field(6, description="between figures, across and down")
    min_width: Mm = Field(35, alias="min-width", description="narrowest figure, for the automatic grid")
    bar_width: Mm = Field(10, alias="bar-width", description="accent bar above each figure")
    bar_thickness: Pt = Field(2, alias="bar-thickness")
    bar_gap: Pt = Field(3, alias="bar-gap", description="below the bar")
    unit_gap: Em = Field(0.18, alias="unit-gap", description="between number and unit, x the number's size")
    qualifier_role: Name = Field(
        "overline", alias="qualifier-role", description="text role of 'about', 'nearly'"
    )
    number_role: Name = Field(
        "figure", alias="number-role", description="its unit's role: this name + '-unit'"
    )
    label_role: Name = Field("label", alias="label-role")


class TimelineLook(Closed):
    """Timelines: milestones along a line, in rows; vertical when a row would hold only one."""

    gap: Mm = Field(5, description="between milestones across; rows are 2 x apart")
    min_width: Mm = Field(40, alias="min-width", description="narrowest milestone in a row")
    dot: Pt = Field(9, description="diameter of a milestone's dot")
    dot_stroke: Pt = Field(2, alias="dot-stroke")
    line: Pt = Field(1.5, description="thickness of the line")
    line_gap: Pt = Field(4, alias="line-gap", description="between the date and the line")
    text_gap: Pt = Field(6, alias="text-gap", description="between the line and the title")
    title_gap: Em = Field(0.25, alias="title-gap", description="below the title, x its leading")
    when_role: Name = Field("overline", alias="when-role")
    title_role: Name = Field("card-title", alias="title-role")
    body_role: Name = Field("card-body", alias="body-role")


class ChartLook(Closed):
    """Charts: the text role of their labels and the space around bars."""

    role: Name = Field("chart", description="text role of categories and values")
    label_gap: Pt = Field(6, alias="label-gap", description="between a bar's end and its value")
    ratio: float = Field(
        0.6, gt=0, le=3, description="height as a share of the width, when a layout gives none"
    )


class TextLook(Closed):
    """The text roles of headings, paragraphs and lists that name none."""

    heading: Name = "heading"
    body: Name = "body"


class ListLook(Closed):
    """Bulleted lists."""

    bullet_gap: Em = Field(0.6, alias="bullet-gap", description="after the bullet, x the text size")
    item_gap: Em = Field(0.35, alias="item-gap", description="between items, x the leading")


class FlowLook(Closed):
    """Flow regions: how far apart their frames stand."""

    gap: Mm = Field(6, description="between the frames of a flow")


class Components(Closed):
    """The look of one kind of document beyond its text roles."""

    min_size: float = Field(
        6, alias="min-size", gt=0, le=100, description="points: text is never set smaller (shrink stops here)"
    )
    text: TextLook = Field(default_factory=TextLook.model_construct)
    card: CardLook = Field(default_factory=CardLook.model_construct)
    figure: FigureLook = Field(default_factory=FigureLook.model_construct)
    timeline: TimelineLook = Field(default_factory=TimelineLook.model_construct)
    chart: ChartLook = Field(default_factory=ChartLook.model_construct)
    bullets: ListLook = Field(default_factory=ListLook.model_construct, alias="list")
    flow: FlowLook = Field(default_factory=FlowLook.model_construct)


class ComponentsByKind(Closed):
    brochure: Components = Field(default_factory=Components.model_construct)
    deck: Components = Field(default_factory=Components.model_construct)


class Theme(Closed):
    """A brand: identity, logo, colours and type, shared by every layout and backend."""

    meta: Meta
    logo: Logo | None = None
    color: BrandColors
    typography: Typography
    components: ComponentsByKind = Field(default_factory=ComponentsByKind.model_construct)
