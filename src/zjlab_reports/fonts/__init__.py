"""Fonts: a theme's font spec, a weight and a document's characters in; a measured, embeddable face out.

Fonts come only from installed Python packages (`locate`), never from system folders. A
variable TrueType font is subset to the characters a document uses, instanced at one weight
and renamed (`SourceSans3-W700`), then cached on disk (`default_cache_dir`) so that later
builds skip all font work. The resulting `Face` measures text exactly as ReportLab draws it
and carries the `FontFace` that backends embed (PDF) or name (PPTX).
"""

from ._cache import default_cache_dir
from ._face import Face, load_face
from ._source import FontError, FontSpec, locate

__all__ = ["Face", "FontError", "FontSpec", "default_cache_dir", "load_face", "locate"]
