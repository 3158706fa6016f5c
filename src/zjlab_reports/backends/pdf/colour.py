"""Colour management: Document colours in, the values and profiles each PDF variant paints with out.

The screen variant paints sRGB as it arrives (DeviceRGB, with an sRGB output intent). The print
variant paints CMYK only: a colour's own `cmyk` (the brand's value from the theme) when it has
one, otherwise its sRGB value converted to the print profile (relative colorimetric with black
point compensation, as prepress tools convert vector colour); pictures are converted
perceptually (as for photographs) by `cmyk_picture`, before they are drawn (`pictures`).
Conversions run through LittleCMS (Pillow's `ImageCms`, imported on first use) with the ICC
profiles shipped in `profiles/` (see its LICENSE.md).
"""

from __future__ import annotations

import functools
import hashlib
import io
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from msgspec import Struct

from zjlab_reports.document import Color

from .stored import stored

if TYPE_CHECKING:
    from PIL import Image as PILImage
    from PIL import ImageCms

__all__ = [
    "CMYK_PROFILE",
    "SRGB_PROFILE",
    "Paint",
    "Profile",
    "Variant",
    "cmyk_of",
    "cmyk_picture",
    "paint_for",
]

Variant = Literal["print", "screen"]
Paint = tuple[float, ...]  # 3 (RGB) or 4 (CMYK) components, each 0-1


class Profile(Struct, frozen=True):
    """An ICC profile the backend embeds: its file, components and output-intent names."""

    file: str
    components: int
    identifier: str  # OutputConditionIdentifier: a name in the ICC characterization registry
    condition: str  # OutputCondition / Info: what a person reads

    @property
    def data(self) -> bytes:
        return _profile_bytes(self.file)


SRGB_PROFILE = Profile("sRGB.icc", 3, "sRGB IEC61966-2.1", "sRGB IEC61966-2.1 (screens)")
CMYK_PROFILE = Profile(
    "FOGRA39.icc",
    4,
    "FOGRA39",
    "Coated FOGRA39 (ISO 12647-2:2004/Amd 1, offset, paper type 1 or 2, coated art)",
)


_PROFILES = Path(__file__).parent / "profiles"


@functools.cache
def _profile_bytes(name: str) -> bytes:
    """The bytes of a shipped ICC profile, read once per process from the folder beside this module
    (as fonts are found; `importlib.resources` cost ~25 ms on its first call)."""
    return (_PROFILES / name).read_bytes()


@functools.cache
def _transform(intent: Literal["vector", "picture"], mode: str) -> ImageCms.ImageCmsTransform:
    """sRGB (`mode` "RGB" or "RGBA"'s colour part) to the print profile, built once."""
    from PIL import ImageCms

    source = ImageCms.ImageCmsProfile(_open(SRGB_PROFILE))
    target = ImageCms.ImageCmsProfile(_open(CMYK_PROFILE))
    rendering = ImageCms.Intent.RELATIVE_COLORIMETRIC if intent == "vector" else ImageCms.Intent.PERCEPTUAL
    flags = ImageCms.Flags.BLACKPOINTCOMPENSATION
    return ImageCms.buildTransform(source, target, mode, "CMYK", rendering, flags=flags)


def _open(profile: Profile) -> ImageCms.core.CmsProfile:
    from PIL import ImageCms

    return ImageCms.getOpenProfile(io.BytesIO(profile.data)).profile


@functools.cache
def cmyk_of(r: int, g: int, b: int) -> tuple[float, float, float, float]:
    """An sRGB colour (channels 0-255) converted to the print profile: C, M, Y, K each 0-1.

    Values are rounded to 1/1000, so identical inputs give identical content streams. A
    conversion is made once per cache (`stored`, keyed by the colour, Pillow's version and the
    profiles' digest): a later process reads it, without loading Pillow's core or building the
    transform (~40 ms of a print build's first colour).
    """
    key = f"cmyk\0{r},{g},{b}\0{_conversion()}"
    return _cmyk_read(stored(key, lambda: _cmyk_text(_converted(r, g, b)))) or _converted(r, g, b)


@functools.cache
def _conversion() -> str:
    """What a colour's conversion depends on besides the colour and the code: Pillow (and the
    LittleCMS it brings) and the two profiles' bytes."""
    import PIL  # the package alone: its version, not its core

    profiles = hashlib.sha256(SRGB_PROFILE.data + CMYK_PROFILE.data).hexdigest()[:32]
    return f"pillow/{PIL.__version__} profiles/{profiles} relative-colorimetric black-point"


def _converted(r: int, g: int, b: int) -> tuple[float, float, float, float]:
    """`cmyk_of`, converted through LittleCMS now."""
    from PIL import Image as PILImage
    from PIL import ImageCms

    pixel = PILImage.new("RGB", (1, 1), (r, g, b))
    converted = ImageCms.applyTransform(pixel, _transform("vector", "RGB"))
    assert converted is not None
    values = converted.getpixel((0, 0))
    assert isinstance(values, tuple)
    c, m, y, k = (round(v / 255, 3) for v in values)
    return c, m, y, k


def _cmyk_text(values: tuple[float, float, float, float]) -> bytes:
    """A conversion as stored: the four components' reprs (which read back as the same floats)."""
    return ",".join(map(repr, values)).encode("ascii")


def _cmyk_read(data: bytes) -> tuple[float, float, float, float] | None:
    """The conversion `_cmyk_text` stored, or None when `data` is not one."""
    try:
        c, m, y, k = (float(part) for part in data.decode("ascii").split(","))
    except ValueError:
        return None
    return (c, m, y, k) if all(0.0 <= v <= 1.0 for v in (c, m, y, k)) else None


def paint_for(color: Color, variant: Variant) -> Paint:
    """The components a variant paints `color` with: RGB for screen, CMYK for print."""
    if variant == "screen":
        return (color.r / 255, color.g / 255, color.b / 255)
    if color.cmyk is not None:
        return color.cmyk
    return cmyk_of(color.r, color.g, color.b)


def cmyk_picture(picture: PILImage.Image) -> PILImage.Image:
    """A picture's colour converted perceptually to the print profile (mode "CMYK").

    Grey and CMYK pictures are returned as they are (DeviceGray prints as black ink); any
    alpha channel is dropped here (the PDF keeps it as the picture's soft mask).
    """
    from PIL import ImageCms

    if picture.mode in ("CMYK", "L", "1"):
        return picture
    rgb = picture.convert("RGB")
    converted = ImageCms.applyTransform(rgb, _transform("picture", "RGB"))
    assert converted is not None
    return converted
