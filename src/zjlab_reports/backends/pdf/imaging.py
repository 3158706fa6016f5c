"""Pillow on demand: nothing in; `PIL.Image` registered as a module that loads on first use, out.

ReportLab's `reportlab.lib.utils` runs `from PIL import Image` when it is imported, although
a build whose pictures are all passed through or read from the picture cache decodes none
(~10 ms of start-up: Pillow's C core, its EXIF tables). `defer_pillow` puts a lazy module
(`importlib.util.LazyLoader`) in its place first: ReportLab binds it, and Pillow loads the
first time anything reads an attribute of it (a picture decoded, a colour converted), the
very same module object then, so every `from PIL import Image` sees one module.
"""

from __future__ import annotations

import importlib.util
import sys

__all__ = ["defer_pillow"]


def defer_pillow() -> None:
    """Register `PIL.Image` as a lazily loaded module, unless it is already imported (or
    Pillow is missing: then ReportLab reports that as it always did)."""
    if "PIL.Image" in sys.modules:
        return
    import PIL  # the package itself is small: its version only

    spec = importlib.util.find_spec("PIL.Image")
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules["PIL.Image"] = module
    spec.loader.exec_module(module)
    PIL.Image = module  # type: ignore[attr-defined]  # what importing a submodule sets
