"""Font subsets: a registered TrueType font in; the font, adding each subset's objects made once, out.

ReportLab embeds a font as subsets of up to 256 characters each, in the order the document
first uses them, and for every subset of every document (`TTFont.addObjects`) builds the same
objects anew: the subset's font file (`TTFontFace.makeSubset`), its ToUnicode CMap, its
widths. A batch's documents (and a document's print file after its screen file, a rebuild)
draw the same subsets: `keep_subsets` makes the font add its subsets' objects itself, as
ReportLab adds them (the same objects, registered under the same names in the same order),
with the compressed font file, the compressed CMap and the written widths taken from a memo
keyed by the font's registered name (which holds a digest of its file), the subset's PDF
name and its characters in order, at most `LIMIT` bytes of them. A process that has not made
a subset yet reads its objects from the cache folder (`stored`, keyed by the digest of the
font file's bytes, the subset's name and characters, and ReportLab's line-break setting),
where the first process that made them left them.
"""

from __future__ import annotations

import struct
import zlib
from typing import NamedTuple

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFDocument,
    PDFName,
    PDFObjectReference,
    PDFStream,
    PDFTrueTypeFont,
    PDFZCompress,
)
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, SUBSETN, TTFont, makeToUnicodeCMap

from .kept import KeptSized
from .stored import stored
from .syntax import Syntax, Written

__all__ = ["LIMIT", "SubsetObjects", "keep_subsets", "subset_objects"]

#: The most bytes of subsets' objects kept: a brochure's take ~17 KB in English (2 subsets),
#: ~90 KB in Chinese (5); small, so a batch's memory stays flat (100 against 10 brochures).
LIMIT = 256 * 1024


class SubsetObjects(NamedTuple):
    """What a subset's objects hold that depends only on the font and the subset's characters."""

    font_file: bytes  # the subset's font file, Flate-compressed
    length: int  # its length before compression (`/Length1`)
    cmap: bytes  # its ToUnicode CMap, Flate-compressed
    widths: bytes  # its `/Widths` array, written


_KEPT: KeptSized[SubsetObjects] = KeptSized(
    LIMIT, lambda kept: len(kept.font_file) + len(kept.cmap) + len(kept.widths)
)
#: The SHA-256 of each registered font's file bytes, by its registered name (which holds a
#: shorter digest of them): the part of a stored subset's key that names the font.
_DIGESTS: dict[str, str] = {}
_HEADER = struct.Struct("<4I")  # a stored subset's lengths: font file, /Length1, CMap, widths


def keep_subsets(font: TTFont, digest: str | None = None) -> None:
    """Make `font` add its subsets' objects to a document from the memo (made the first time).
    `digest` is the SHA-256 of the font file's bytes: given, subsets are also stored in the
    cache folder (`stored`) and read from it by later processes."""
    font.addObjects = lambda document: _add_objects(font, document)  # this font's own attribute
    if digest is not None:
        _DIGESTS[font.fontName] = digest


def subset_objects(font: TTFont, document: PDFDocument, base_name: str, subset: list[int]) -> SubsetObjects:
    """The kept objects of `font`'s subset named `base_name` holding the characters `subset`."""
    key = (font.fontName, base_name, tuple(subset))
    return _KEPT.get(key, lambda: _stored(font, document, base_name, subset))


def _stored(font: TTFont, document: PDFDocument, base_name: str, subset: list[int]) -> SubsetObjects:
    """The subset's objects from the cache folder, made (and stored) when it has none."""
    digest = _DIGESTS.get(font.fontName)
    if digest is None:
        return _made(font, document, base_name, subset)
    codes = ",".join(map(str, subset))
    key = f"subset\0{digest}\0{base_name}\0{codes}\0multiline={rl_config.pdfMultiLine!r}"
    data = stored(key, lambda: _packed(_made(font, document, base_name, subset)))
    return _unpacked(data) or _made(font, document, base_name, subset)


def _packed(objects: SubsetObjects) -> bytes:
    font_file, length, cmap, widths = objects
    return _HEADER.pack(len(font_file), length, len(cmap), len(widths)) + font_file + cmap + widths


def _unpacked(data: bytes) -> SubsetObjects | None:
    """The objects `_packed` wrote, or None when `data` is not such a record."""
    if len(data) < _HEADER.size:
        return None
    font_size, length, cmap_size, widths_size = _HEADER.unpack_from(data)
    if _HEADER.size + font_size + cmap_size + widths_size != len(data):
        return None
    start = _HEADER.size
    font_file, start = data[start : start + font_size], start + font_size
    cmap, start = data[start : start + cmap_size], start + cmap_size
    return SubsetObjects(font_file, length, cmap, data[start:])


def _made(font: TTFont, document: PDFDocument, base_name: str, subset: list[int]) -> SubsetObjects:
    data = font.face.makeSubset(subset)
    widths = Syntax(document).of(PDFArray([font.face.getCharWidth(code) for code in subset]))
    cmap = zlib.compress(makeToUnicodeCMap(base_name, subset).encode("utf8"))
    return SubsetObjects(zlib.compress(data), len(data), cmap, widths)


def _add_objects(font: TTFont, document: PDFDocument) -> None:
    """`TTFont.addObjects`: every subset's font, descriptor, font file and CMap registered with
    `document`, under ReportLab's names, in its order (a document written uncompressed: its own)."""
    if not document.compression:
        TTFont.addObjects(font, document)
        return
    state = font.state.get(document) or font.state.setdefault(document, TTFont.State(font._asciiReadable))
    state.frozen = 1
    face = font.face
    for number, subset in enumerate(state.subsets):
        internal_name = font.getSubsetInternalName(number, document)[1:]
        base_name = b"".join((SUBSETN(number), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
        kept = subset_objects(font, document, base_name, subset)
        pdf_font = PDFTrueTypeFont()
        pdf_font.Name, pdf_font.BaseFont = internal_name, base_name
        pdf_font.FirstChar, pdf_font.LastChar = 0, len(subset) - 1
        pdf_font.Widths = Written(kept.widths)
        pdf_font.ToUnicode = document.Reference(_flate_stream({}, kept.cmap), "toUnicodeCMap:" + base_name)
        pdf_font.FontDescriptor = _descriptor(font, document, base_name, kept)
        document.Reference(pdf_font, internal_name)
        document.idToObject["BasicFonts"].dict[internal_name] = pdf_font
    del font.state[document]


def _descriptor(
    font: TTFont, document: PDFDocument, base_name: str, kept: SubsetObjects
) -> PDFObjectReference:
    """`TTFontFace.addSubsetObjects`: the subset's font file and its descriptor, registered."""
    face = font.face
    font_file = _flate_stream({"Length1": kept.length}, kept.font_file)
    file_reference = document.Reference(font_file, f"fontFile:{face.filename}({base_name})")
    descriptor = PDFDictionary(
        {
            "Type": "/FontDescriptor",
            "Ascent": face.ascent,
            "CapHeight": face.capHeight,
            "Descent": face.descent,
            "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
            "FontBBox": PDFArray(face.bbox),
            "FontName": PDFName(base_name),
            "ItalicAngle": face.italicAngle,
            "StemV": face.stemV,
            "FontFile2": file_reference,
            "MissingWidth": face.defaultWidth,
        }
    )
    reference: PDFObjectReference = document.Reference(descriptor, "fontDescriptor:" + base_name)
    return reference


def _flate_stream(entries: dict[str, object], data: bytes) -> PDFStream:
    """A stream whose `data` is already Flate-compressed, written as ReportLab writes one it compresses."""
    filters = PDFArray([PDFName(PDFZCompress.pdfname)])
    return PDFStream(PDFDictionary({**entries, "Filter": filters}), data)
