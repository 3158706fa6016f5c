"""Document in; editable PowerPoint deck (.pptx bytes) out, via python-pptx.

Text stays text (placeholders for titles, one re-flowable paragraph per Paragraph), charts are
native charts, the theme carries the brand palette and fonts, and the bytes are reproducible.
Modules: `deck` (driver), `slides`, `text`, `shapes`, `charts`, `theme`, `package` (zip),
`geometry` (points to EMU), `oxml` (all raw XML).
"""

from .deck import render_pptx

__all__ = ["render_pptx"]
