"""Warming up the PDF backend: the variants a build draws (and its colours) in; this process's
once-per-process work done out (nothing is returned).

What it does is what the first PDF drawn in a process would otherwise do itself: compress the
output intent's ICC profile, build the print variant's colour transform and convert the
given colours for print (~50 ms for print, once per process), look up the codecs and import
the module ReportLab asks for on first use. What depends on a document (its fonts' subsets,
its pictures) is left to the documents, or to `prefetch`, told them by compose before it
lays out the pages.
"""

from __future__ import annotations

import codecs
import importlib
from collections.abc import Iterable
from pathlib import Path

from zjlab_reports.document import Color, FontFace

from .colour import Variant, paint_for
from .fonts import register_font
from .pictures import raster_for
from .render import VARIANTS
from .standard import output_profile

__all__ = ["prefetch", "warm"]


def warm(variants: Iterable[Variant], colors: Iterable[Color] = ()) -> None:
    """Do once, in this process, what the first PDF of each of `variants` would do first.

    `colors` are colours every document will paint (a theme's palette): for print, each is
    converted to CMYK now (once per process), read from the cache where an earlier process
    stored it; the colour transform (~40 ms, Pillow's core and LittleCMS) is built only for a
    colour that is not stored. A build calls it before it forks the processes that render,
    which then inherit the work instead of each doing it. Raises ValueError for an unknown
    variant.
    """
    codecs.lookup("utf_16_be")  # ReportLab's PDF strings beyond PDFDocEncoding (titles...)
    codecs.lookup("extpdfdoc")  # ReportLab's own, built on first use: every name and string
    importlib.import_module("reportlab.lib.fonts")  # imported by its first registerFont
    for variant in variants:
        if variant not in VARIANTS:
            raise ValueError(f"no PDF variant {variant!r}; variants: {', '.join(VARIANTS)}")
        output_profile(variant)
        if variant == "print":
            for color in colors:
                paint_for(color, variant)


def prefetch(faces: Iterable[FontFace], pictures: Iterable[Path], variants: Iterable[Variant]) -> None:
    """Load now what drawing a document with these font faces and pictures in `variants`
    would load first: each face registered with ReportLab (its file parsed), each picture's
    stream for each variant made or read from the cache. Both are kept per process, by
    content, so the document then finds them; raises what those steps raise."""
    for face in faces:
        register_font(face)
    for path in pictures:
        for variant in variants:
            raster_for(path, variant)
