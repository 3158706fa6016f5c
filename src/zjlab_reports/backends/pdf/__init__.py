"""PDF backend: a `Document` in, the bytes of a tagged PDF file out (screen or print variant).

Modules, in the order a file is made: `fonts` (faces registered with ReportLab, their subset
files kept in `subsets`), `drawing` (the canvas: items, colours, bleed, crop marks, marked
content; text operators from `glyphs`), `pictures` (image XObjects: JPEGs passed through, other
pictures prepared once, cached in `picture_cache`), `tagging` (the structure tree), `colour`
(sRGB/CMYK through the ICC profiles in `profiles/`), `sheet` (trim, bleed and media geometry),
`xmp` (the metadata packet), `standard` (the structure tree, boxes, output intents and
identification added to ReportLab's objects) and `writer` (the file, written in one pass with a
content-derived ID; objects in `syntax`, streams compressed by `deflate`, memos bounded by
`kept`), driven by `render` (`render_pdf`, or page by page: `Drawing`); `warmup` does a
process's once-only work before its first file, and loads a document's fonts and pictures
before it is drawn (`prefetch`).
"""

from .imaging import defer_pillow

defer_pillow()  # before any module below imports ReportLab, which imports Pillow

from .colour import Variant  # noqa: E402
from .render import VARIANTS, Drawing, conformance, render_pdf  # noqa: E402
from .warmup import prefetch, warm  # noqa: E402

__all__ = ["VARIANTS", "Drawing", "Variant", "conformance", "prefetch", "render_pdf", "warm"]
