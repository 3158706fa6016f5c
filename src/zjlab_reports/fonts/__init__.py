"""Fonts: a theme's font spec, a weight and a document's characters in; a measured, embeddable face out.

Fonts come only from installed Python packages (`locate`), never from system folders. A
variable TrueType font is subset to the characters a document uses, instanced at one weight
and renamed (`SourceSans3-W700`), then cached on disk (`default_cache_dir`) so that later
builds skip all font work. The resulting `Face` measures text exactly as ReportLab draws it
and carries the `FontFace` that backends embed (PDF) or name (PPTX).

Finding a font (`locate`, `FontSpec`, `FontError`) needs no fontTools; the rest is imported on
first use, so that loading a theme does not load fontTools.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._source import FontError, FontSpec, locate

if TYPE_CHECKING:
    from ._cache import default_cache_dir
    from ._face import Face, instances_built, load_face

__all__ = ["Face", "FontError", "FontSpec", "default_cache_dir", "instances_built", "load_face", "locate"]

_HOMES = {"Face": "_face", "load_face": "_face", "instances_built": "_face", "default_cache_dir": "_cache"}


def __getattr__(name: str) -> Any:
    """`Face`, `load_face`, `instances_built` and `default_cache_dir`, imported from their
    modules on first use."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    globals()[name] = value
    return value
