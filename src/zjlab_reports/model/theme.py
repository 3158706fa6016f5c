"""The brand theme model (shaped after Quarto's brand.yml): meta, logo, color, typography.

Colours are named: a `palette` of hex values (or references to other palette names) and
roles (`primary`, `accent`, `background`, `foreground`, ...) that refer to palette names.
Typography names font files from PyPI packages, the families each kind of document uses, and
a style for each text role (size in points, weight, leading as a multiple of the size).
`components` hold the rest of the look, per kind of document: the smallest type size, and the
gaps, paddings, radii, marker sizes and text roles of cards, key figures, timelines, charts,
lists and flows (lengths in millimetres, strokes in points).
"""

import re
from typing import Annotated

import msgspec
from msgspec import field

from .common import Closed, FieldProblem, Name, Text

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
ColorRef = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
Weight = Annotated[int, msgspec.Meta(ge=100, le=900, multiple_of=50)]
Mm = Annotated[float, msgspec.Meta(ge=0, le=200, description="millimetres")]
Pt = Annotated[float, msgspec.Meta(ge=0, le=100, description="points")]
Em = Annotated[float, msgspec.Meta(ge=0, le=5, description="a multiple of the text's size or leading")]


class Meta(Closed, frozen=True, kw_only=True):
    name: Text
    author: Annotated[Text, msgspec.Meta(description="the author written into document metadata")]


class Logo(Closed, frozen=True, kw_only=True):
    """A raster logo (PNG/JPEG) inside the project folder; `alt` is its alternative text.

    It is the logo of the organisation the theme's `meta.name` names: a `logo: true` block
    shows it only for a profile of that name without a logo of its own (`images.logo`)."""

    path: str
    alt: Text


_HEX = r"^#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$"
Percent = Annotated[float, msgspec.Meta(ge=0, le=100, description="per cent ink")]


class Cmyk(Closed, frozen=True, kw_only=True):
    """A process colour as the brand's print guide gives it: ink per cent of each plate."""

    c: Percent
    m: Percent
    y: Percent
    k: Percent

    def fractions(self) -> tuple[float, float, float, float]:
        """C, M, Y, K as 0-1 fractions."""
        return self.c / 100, self.m / 100, self.y / 100, self.k / 100


class PaletteColor(Closed, frozen=True, kw_only=True):
    """A palette colour with its own print value: `rgb` for screens, `cmyk` for print.

    Without `cmyk`, the print variant converts the `rgb` value through its CMYK profile.
    """

    rgb: Annotated[str, msgspec.Meta(description="#RRGGBB (sRGB)", extra_json_schema={"pattern": _HEX})]
    cmyk: Cmyk

    def __post_init__(self) -> None:
        if not re.fullmatch(_HEX, self.rgb):
            raise FieldProblem("rgb", f"'{self.rgb}' is not a colour: write #RRGGBB (or #RGB)")


class BrandColors(Closed, frozen=True, kw_only=True):
    """The palette and the colour roles every layout may use by name.

    A palette entry is a colour (`#RRGGBB`, or the name of another palette colour), or an
    `{rgb, cmyk}` pair when the brand gives its own process-colour value for print.
    """

    palette: Annotated[dict[Name, ColorRef | PaletteColor], msgspec.Meta(max_length=64)]
    primary: ColorRef
    secondary: ColorRef
    accent: ColorRef
    highlight: ColorRef
    background: ColorRef
    surface: ColorRef
    foreground: ColorRef
    muted: ColorRef
    on_primary: ColorRef = field(name="on-primary")
    chart: Annotated[
        list[ColorRef], msgspec.Meta(min_length=1, max_length=12, description="series colours, in order")
    ]


class FontFile(Closed, frozen=True, kw_only=True):
    """A font file shipped in a PyPI package (a variable or static TrueType font)."""

    family: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    package: Annotated[
        str, msgspec.Meta(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", description="importable package name")
    ]
    file: Annotated[str, msgspec.Meta(min_length=1, max_length=200, description="path inside the package")]
    office: Annotated[
        str, msgspec.Meta(min_length=1, max_length=64, description="typeface named in PPTX files")
    ]
    east_asian: bool = field(default=False, name="east-asian")


class FontPair(Closed, frozen=True, kw_only=True):
    """The fonts one kind of document uses: Latin first, then East Asian (ids of `fonts`)."""

    latin: Name
    east_asian: Name = field(name="east-asian")


class Role(Closed, frozen=True, kw_only=True):
    """One text role's style; `leading` is line height as a multiple of `size`."""

    size: Annotated[float, msgspec.Meta(gt=0, le=400, description="points")]
    weight: Weight = 400
    leading: Annotated[float, msgspec.Meta(ge=0.8, le=3.0)] = 1.3
    leading_zh: Annotated[float, msgspec.Meta(ge=0.8, le=3.0)] | None = field(default=None, name="leading-zh")
    color: ColorRef = "foreground"


class Typography(Closed, frozen=True, kw_only=True):
    fonts: Annotated[dict[Name, FontFile], msgspec.Meta(min_length=1, max_length=16)]
    brochure: FontPair
    deck: FontPair
    roles: Annotated[dict[Name, Role], msgspec.Meta(min_length=1, max_length=40)]


class CardLook(Closed, frozen=True, kw_only=True):
    """Cards (one per list item): the grid's gaps, the card's padding, corners and accent bar."""

    gap: Annotated[Mm, msgspec.Meta(description="between cards, across and down")] = 5
    padding: Annotated[Mm, msgspec.Meta(description="inside each card")] = 4
    radius: Annotated[Pt, msgspec.Meta(description="corner radius")] = 3
    accent: Annotated[
        Pt, msgspec.Meta(description="height of the accent bar along the card's top edge (0: none)")
    ] = 3
    number_gap: Annotated[Em, msgspec.Meta(description="below the number, x its leading")] = field(
        default=0.3, name="number-gap"
    )
    title_gap: Annotated[Em, msgspec.Meta(description="below the title, x its leading")] = field(
        default=0.3, name="title-gap"
    )
    number_role: Name = field(default="card-number", name="number-role")
    title_role: Name = field(default="card-title", name="title-role")
    body_role: Name = field(default="card-body", name="body-role")


class FigureLook(Closed, frozen=True, kw_only=True):
    """Key figures: a bar, the qualifier, the big number with its unit, the label."""

    gap: Annotated[Mm, msgspec.Meta(description="between figures, across and down")] = 6
    min_width: Annotated[Mm, msgspec.Meta(description="narrowest figure, for the automatic grid")] = field(
        default=35, name="min-width"
    )
    bar_width: Annotated[Mm, msgspec.Meta(description="accent bar above each figure")] = field(
        default=10, name="bar-width"
    )
    bar_thickness: Pt = field(default=2, name="bar-thickness")
    bar_gap: Annotated[Pt, msgspec.Meta(description="below the bar")] = field(default=3, name="bar-gap")
    unit_gap: Annotated[Em, msgspec.Meta(description="between number and unit, x the number's size")] = field(
        default=0.18, name="unit-gap"
    )
    qualifier_role: Annotated[Name, msgspec.Meta(description="text role of 'about', 'nearly'")] = field(
        default="overline", name="qualifier-role"
    )
    number_role: Annotated[Name, msgspec.Meta(description="its unit's role: this name + '-unit'")] = field(
        default="figure", name="number-role"
    )
    label_role: Name = field(default="label", name="label-role")


class TimelineLook(Closed, frozen=True, kw_only=True):
    """Timelines: milestones along a line, in rows; vertical when a row would hold only one."""

    gap: Annotated[Mm, msgspec.Meta(description="between milestones across; rows are 2 x apart")] = 5
    min_width: Annotated[Mm, msgspec.Meta(description="narrowest milestone in a row")] = field(
        default=40, name="min-width"
    )
    dot: Annotated[Pt, msgspec.Meta(description="diameter of a milestone's dot")] = 9
    dot_stroke: Pt = field(default=2, name="dot-stroke")
    line: Annotated[Pt, msgspec.Meta(description="thickness of the line")] = 1.5
    line_gap: Annotated[Pt, msgspec.Meta(description="between the date and the line")] = field(
        default=4, name="line-gap"
    )
    text_gap: Annotated[Pt, msgspec.Meta(description="between the line and the title")] = field(
        default=6, name="text-gap"
    )
    title_gap: Annotated[Em, msgspec.Meta(description="below the title, x its leading")] = field(
        default=0.25, name="title-gap"
    )
    when_role: Name = field(default="overline", name="when-role")
    title_role: Name = field(default="card-title", name="title-role")
    body_role: Name = field(default="card-body", name="body-role")


class ChartLook(Closed, frozen=True, kw_only=True):
    """Charts: the text role of their labels and the space around bars."""

    role: Annotated[Name, msgspec.Meta(description="text role of categories and values")] = "chart"
    label_gap: Annotated[Pt, msgspec.Meta(description="between a bar's end and its value")] = field(
        default=6, name="label-gap"
    )
    ratio: Annotated[
        float,
        msgspec.Meta(gt=0, le=3, description="height as a share of the width, when a layout gives none"),
    ] = 0.6


class TextLook(Closed, frozen=True, kw_only=True):
    """The text roles of headings, paragraphs and lists that name none."""

    heading: Name = "heading"
    body: Name = "body"


class ListLook(Closed, frozen=True, kw_only=True):
    """Bulleted lists."""

    bullet_gap: Annotated[Em, msgspec.Meta(description="after the bullet, x the text size")] = field(
        default=0.6, name="bullet-gap"
    )
    item_gap: Annotated[Em, msgspec.Meta(description="between items, x the leading")] = field(
        default=0.35, name="item-gap"
    )


class FlowLook(Closed, frozen=True, kw_only=True):
    """Flow regions: how far apart their frames stand."""

    gap: Annotated[Mm, msgspec.Meta(description="between the frames of a flow")] = 6


class Components(Closed, frozen=True, kw_only=True):
    """The look of one kind of document beyond its text roles."""

    min_size: Annotated[
        float, msgspec.Meta(gt=0, le=100, description="points: text is never set smaller (shrink stops here)")
    ] = field(default=6, name="min-size")
    text: TextLook = field(default_factory=TextLook)
    card: CardLook = field(default_factory=CardLook)
    figure: FigureLook = field(default_factory=FigureLook)
    timeline: TimelineLook = field(default_factory=TimelineLook)
    chart: ChartLook = field(default_factory=ChartLook)
    bullets: ListLook = field(default_factory=ListLook, name="list")
    flow: FlowLook = field(default_factory=FlowLook)


class ComponentsByKind(Closed, frozen=True, kw_only=True):
    brochure: Components = field(default_factory=Components)
    deck: Components = field(default_factory=Components)


class Theme(Closed, frozen=True, kw_only=True):
    """A brand: identity, logo, colours and type, shared by every layout and backend."""

    meta: Meta
    logo: Logo | None = None
    color: BrandColors
    typography: Typography
    components: ComponentsByKind = field(default_factory=ComponentsByKind)
