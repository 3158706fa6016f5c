"""Pictures for the canvas: a picture file and a PDF variant in; the image XObject drawn for it out.

A JPEG that the variant can show as it is passes through: its bytes become the XObject's
stream (`/DCTDecode`, baseline or progressive), never decoded. That is an RGB or greyscale
JPEG on screen, and a greyscale one in print (DeviceGray prints as black ink). Every other
picture is decoded once by Pillow into the stream the PDF holds (`_prepare`): 8-bit pixels,
Flate-compressed at a fixed level, transparency as a DeviceGray soft mask (dropped when every
pixel is opaque); for print, colour pixels are converted perceptually to CMYK through the
print profile (`colour.cmyk_picture`). A prepared stream is kept per content digest and
variant, in a small per-process memo and in the on-disk cache (`picture_cache`), so a warm
process draws the shipped pictures without decoding a pixel.

An XObject's name is derived from the digest of the file's bytes (and, for a prepared stream,
the variant), never its path: output stays deterministic, and a picture drawn many times, or
from two files with the same bytes, is stored once per document.
"""

from __future__ import annotations

import io
import threading
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFStream, xObjectName
from reportlab.pdfbase.pdfutils import readJPEGInfo
from reportlab.pdfgen.canvas import Canvas

from zjlab_reports.cache import cache_root, file_digest

from . import picture_cache
from .colour import Variant, cmyk_picture

if TYPE_CHECKING:
    from PIL import Image as PILImage

__all__ = ["Raster", "draw_raster", "raster_for"]

_JPEG = b"\xff\xd8\xff"
_JPEG_SPACES = {1: "DeviceGray", 3: "DeviceRGB"}
_SPACES = {"L": "DeviceGray", "RGB": "DeviceRGB", "CMYK": "DeviceCMYK"}  # by Pillow mode
_LEVEL = 6  # zlib level of prepared pixels: fixed, so prepared streams are deterministic
_KEEP = 8  # prepared streams the memo holds (the shipped cover in CMYK is ~3.4 MB)


class Raster(Struct, frozen=True, eq=False):
    """An image XObject's content: pixel size, colour space, filter, stream and soft mask.

    `mask` is a DeviceGray Flate stream of the same size (the alpha channel), or None.
    """

    name: str
    width: int
    height: int
    space: str  # DeviceRGB, DeviceGray or DeviceCMYK
    filter: str  # DCTDecode (a JPEG passed through) or FlateDecode
    data: bytes
    mask: bytes | None = None


def raster_for(path: Path, variant: Variant) -> Raster:
    """What `variant` draws for the picture file at `path`: passed through, remembered or prepared.

    Raises OSError if the file cannot be read; Pillow's errors for a picture it cannot
    decode (the loaders checked every picture, so neither happens for a valid build).
    """
    digest = file_digest(path, cache_root())  # once per file version, remembered in the cache
    raster = _MEMO.get((digest, variant))
    if raster is None:
        raster = _make(path.read_bytes(), digest, variant)
        _remember((digest, variant), raster)
    return raster


def draw_raster(canvas: Canvas, raster: Raster, x: float, y: float, width: float, height: float) -> None:
    """Paint `raster` into the rectangle with lower left (`x`, `y`), adding its XObject once."""
    name = _register(canvas, raster)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(width, height)
    canvas._code.append(f"/{name} Do")
    canvas.restoreState()
    canvas._formsinuse.append(raster.name)
    canvas._currentPageHasImages = 1


#: Rasters by (file digest, variant), oldest first; at most `_KEEP`.
_MEMO: dict[tuple[str, Variant], Raster] = {}
_LOCK = threading.Lock()


def _remember(key: tuple[str, Variant], raster: Raster) -> None:
    with _LOCK:
        _MEMO.pop(key, None)
        _MEMO[key] = raster
        while len(_MEMO) > _KEEP:
            _MEMO.pop(next(iter(_MEMO)))


def _make(data: bytes, digest: str, variant: Variant) -> Raster:
    """A JPEG passed through if the variant can show it as it is; else the prepared stream."""
    passed = _passed_through(data, digest, variant)
    if passed is not None:
        return passed
    name = f"{digest[:32]}{'k' if variant == 'print' else 'p'}"
    stem = picture_cache.entry_stem(digest, variant)
    cached = picture_cache.find_entry(stem)
    raster = _unpack(name, cached) if cached is not None else None
    if raster is None:
        if cached is not None:  # whole, but not a prepared picture: never trusted
            picture_cache.forget_entries(stem)
        raster = _prepare(name, data, variant)
        picture_cache.store_entry(stem, _pack(raster))
    return raster


def _passed_through(data: bytes, digest: str, variant: Variant) -> Raster | None:
    """The JPEG `data` as its own stream, if it is one the variant shows unchanged."""
    if not data.startswith(_JPEG):
        return None
    try:
        width, height, components, _ = readJPEGInfo(io.BytesIO(data))
    except Exception:  # not 8-bit or no frame header ReportLab knows: Pillow decodes it
        return None
    space = _JPEG_SPACES.get(components)
    if space is None or (variant == "print" and space != "DeviceGray"):
        return None
    return Raster(digest[:32], width, height, space, "DCTDecode", data)


def _prepare(name: str, data: bytes, variant: Variant) -> Raster:
    """Decode `data` with Pillow into Flate pixels (CMYK for a colour picture in print) and mask."""
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(data)) as picture:
        colour, alpha = _split(picture)
    if variant == "print":
        colour = cmyk_picture(colour)
    space = _SPACES[colour.mode]
    mask = zlib.compress(alpha.tobytes(), _LEVEL) if alpha is not None else None
    width, height = colour.size
    return Raster(name, width, height, space, "FlateDecode", zlib.compress(colour.tobytes(), _LEVEL), mask)


def _split(picture: PILImage.Image) -> tuple[PILImage.Image, PILImage.Image | None]:
    """The picture's colour (mode L, RGB or CMYK) and its alpha channel (None if opaque)."""
    grey = picture.mode in ("1", "L", "LA", "La")
    if picture.mode == "CMYK":
        return picture, None
    if picture.mode not in ("LA", "La", "RGBA", "RGBa", "PA") and "transparency" not in picture.info:
        return picture.convert("L" if grey else "RGB"), None
    whole = picture.convert("LA" if grey else "RGBA")
    alpha = whole.getchannel("A")
    opaque = alpha.getextrema() == (255, 255)
    return whole.convert("L" if grey else "RGB"), None if opaque else alpha


# --- the cache entry of a prepared stream ----------------------------------------------------------

_MAGIC = b"zjlab-picture 1"


def _pack(raster: Raster) -> bytes:
    mask = raster.mask or b""
    head = f"{raster.width} {raster.height} {raster.space} {len(raster.data)} {len(mask)}"
    return b"%s %s\n%s%s" % (_MAGIC, head.encode("ascii"), raster.data, mask)


def _unpack(name: str, entry: bytes) -> Raster | None:
    """The raster a cache entry holds, or None if it is not one (a verified entry always is)."""
    head, _, body = entry.partition(b"\n")
    fields = head.decode("ascii", "replace").split(" ")
    if len(fields) != 7 or " ".join(fields[:2]).encode() != _MAGIC:
        return None
    width, height, space, length, masked = fields[2:]
    if not (width + height + length + masked).isdigit() or space not in _SPACES.values():
        return None
    if len(body) != int(length) + int(masked):
        return None
    data, mask = body[: int(length)], body[int(length) :]
    return Raster(name, int(width), int(height), space, "FlateDecode", data, mask or None)


# --- the XObjects of one canvas ------------------------------------------------------------------


def _image_xobject(width: int, height: int, space: str, filter: str, data: bytes) -> PDFStream:
    """An image XObject whose stream data is already encoded (`Raster.filter`): it is not encoded again."""
    entries = {
        "Type": PDFName("XObject"),
        "Subtype": PDFName("Image"),
        "Width": width,
        "Height": height,
        "BitsPerComponent": 8,
        "ColorSpace": PDFName(space),
        "Filter": PDFName(filter),
    }
    return PDFStream(PDFDictionary(entries), data)


def _register(canvas: Canvas, raster: Raster) -> str:
    """Add `raster` (and its soft mask) to the canvas's document unless it is there; its name."""
    doc = canvas._doc
    name = xObjectName(raster.name)
    if name not in doc.idToObject:
        xobject = _image_xobject(raster.width, raster.height, raster.space, raster.filter, raster.data)
        if raster.mask is not None:
            mask = _image_xobject(raster.width, raster.height, "DeviceGray", "FlateDecode", raster.mask)
            xobject.dictionary["SMask"] = doc.Reference(mask, xObjectName(f"{raster.name}m"))
        doc.Reference(xobject, name)
    return name
