"""Contrast check: a composed `Document` (with its layout and theme) in; errors and warnings out.

Every line of text, chart labels included, is measured against the fill actually behind it
(WCAG 2.1 AA: 4.5:1, large text 3:1) by `measure`, which sees only the Document, so brochures
and decks are checked alike; `report` turns what fails into diagnostics at the layout's frame
and the theme's colour lines. Text over a picture cannot be measured and is a warning.
"""

from __future__ import annotations

from ...diagnostics import Diagnostic
from ...document import Document
from ...loaders.layout import LoadedLayout
from ...loaders.theme import LoadedTheme
from .measure import AA_BODY, AA_LARGE, contrast_ratio, is_large, luminance, measure, needed_ratio
from .report import Where, reported

__all__ = [
    "AA_BODY",
    "AA_LARGE",
    "check_contrast",
    "contrast_ratio",
    "is_large",
    "luminance",
    "measure",
    "needed_ratio",
]


def check_contrast(
    document: Document, layout: LoadedLayout, theme: LoadedTheme, templates: tuple[int, ...]
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """The contrast errors and warnings of `document`, composed from `layout` and `theme`.

    `templates` gives, for each of the document's pages, the index of the layout's page
    template it was made from (continuation pages: their template's).
    """
    return reported(measure(document), Where(layout, theme, templates))
