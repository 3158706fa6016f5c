"""The brand theme model (shaped after Quarto's brand.yml): meta, logo, color, typography.

Colours are named: a `palette` of hex values (or references to other palette names) and
roles (`primary`, `accent`, `background`, `foreground`, ...) that refer to palette names.
Typography names font files from PyPI packages, the families each kind of document uses, and
a style for each text role (size in points, weight, leading as a multiple of the size).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field, field_validator

from .common import Closed, Name, Text

__all__ = [
    "Cmyk",
    "ColorRef",
    "FontFile",
    "FontPair",
    "Logo",
    "Meta",
    "PaletteColor",
    "Role",
    "Theme",
    "Typography",
]

#: A colour: `#RRGGBB`, `#RGB`, or the name of a palette colour or colour role.
ColorRef = Annotated[str, Field(min_length=1, max_length=64)]
Weight = Annotated[int, Field(ge=100, le=900, multiple_of=50)]


class Meta(Closed):
    name: Text
    author: Text = Field(description="the author written into document metadata")


class Logo(Closed):
    """A raster logo (PNG/JPEG) inside the project folder; `alt` is its alternative text."""

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


class Theme(Closed):
    """A brand: identity, logo, colours and type, shared by every layout and backend."""

    meta: Meta
    logo: Logo | None = None
    color: BrandColors
    typography: Typography
