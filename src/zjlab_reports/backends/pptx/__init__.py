"""Document in; editable PowerPoint deck (.pptx bytes) out, from python-pptx's default template.

Text stays text (placeholders for titles, one re-flowable paragraph per Paragraph), charts are
native charts, the theme carries the brand palette and fonts, and the bytes are reproducible.
Modules: `deck` (driver), `template` (the template's parts, read once), `slides`, `text`,
`shapes`, `charts`, `theme`, `package` (parts, relationships), `archive` (the zip),
`deflation` (entries deflated, large ones kept on disk), `geometry` (points to EMU), `oxml`
(all raw XML: the template's parts edited with lxml, the others written as markup).
"""

from .deck import render_pptx

__all__ = ["render_pptx"]
