"""Document in; editable PowerPoint deck (.pptx bytes) out, written with lxml from python-pptx's
default template.

Text stays text (placeholders for titles, one re-flowable paragraph per Paragraph), charts are
native charts, the theme carries the brand palette and fonts, and the bytes are reproducible.
Modules: `deck` (driver), `template` (the template's parts, read once), `slides`, `text`,
`shapes`, `charts`, `theme`, `package` (parts, relationships, zip), `geometry` (points to
EMU), `oxml` (all raw XML, and the only use of python-pptx internals).
"""

from .deck import render_pptx

__all__ = ["render_pptx"]
