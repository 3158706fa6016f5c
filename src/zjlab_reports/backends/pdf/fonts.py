"""Fonts for the canvas: a Document's face in, the reportlab font registered for it out.

Fonts are static TrueType files that reportlab subsets and embeds with ToUnicode maps, so text
stays searchable and copyable; no base-14 font (Helvetica) is ever referenced.
"""

from __future__ import annotations

import io
import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from zjlab_reports.cache import file_digest
from zjlab_reports.document import FontFace

from .subsets import keep_subsets

__all__ = ["register_font"]

_REGISTRY_LOCK = threading.Lock()  # reportlab's font registry is process-global


def register_font(face: FontFace) -> TTFont:
    """Register `face`'s file with reportlab (once per distinct content); return the registered font.

    Raises reportlab's `TTFError` naming the file if the font is not embeddable TrueType,
    OSError if the file cannot be read.

    The registered name is the PostScript name plus a digest of the file, so two subsets of
    one face get two names; it never reaches the PDF (which names the font after the file).
    reportlab's registry is global and also keyed by the PostScript name inside the file: a
    second file with the same PostScript name is silently aliased to the first one. When that
    happens the alias is undone (`TTFont.unregister`) and the font registered again, which
    hands the PostScript name to the newer file and leaves earlier fonts in place for any
    document still using them. Registered fonts stay loaded for the life of the process; the
    file's digest is taken once per file version (`cache.file_digest`), its bytes read only
    when it is registered.
    """
    digest = file_digest(face.path)
    name = f"{face.name}#{digest[:16]}"
    with _REGISTRY_LOCK:
        if name not in pdfmetrics.getRegisteredFontNames():
            font = _load(name, face.path.read_bytes(), face, digest)
            pdfmetrics.registerFont(font)
            if pdfmetrics.getFont(name) is not font:
                font.unregister()
                pdfmetrics.registerFont(font)
        registered: TTFont = pdfmetrics.getFont(name)
    return registered


def _load(name: str, data: bytes, face: FontFace, digest: str) -> TTFont:
    """Parse the font file's bytes (whose SHA-256 is `digest`) for reportlab, subsets kept
    (`subsets`); raise TTFError naming the file."""
    try:
        font = TTFont(name, io.BytesIO(data), shapable=False)
    except TTFError as error:
        raise TTFError(f"{face.path}: cannot embed font {face.name!r}: {error}") from error
    keep_subsets(font, digest)
    return font
