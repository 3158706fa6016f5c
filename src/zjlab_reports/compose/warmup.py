"""Warming up: the layouts a build composes and its languages in; this process's memos filled
with what every document of them shares, whatever the profile, out (nothing is returned).

What it does is what the first document composed in a process would otherwise do itself: read
the layouts' templates (`model.template` keeps each parsed text). What depends on a profile
is left to the documents: a document's fonts are subset to its own characters, so its faces,
and the text measured with them, cannot be known before its profile is read.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from msgspec import Struct

from ..loaders.layout import LoadedLayout
from ..model.common import Text
from ..model.template import TemplateSyntaxError, parse_template

__all__ = ["read_templates"]


def read_templates(layout: LoadedLayout, langs: Sequence[str]) -> None:
    """Parse every text of `layout` in each of `langs` as a layout template (strictly, as
    compose does), so that composing finds them parsed. A text that is no valid template is
    left for compose to report; one that is no template at all costs a little memory."""
    for text in _texts(layout.layout):
        for raw in (text[lang] for lang in langs) if isinstance(text, Text) else (text,):
            with contextlib.suppress(TemplateSyntaxError):
                parse_template(raw)


def _texts(value: object) -> Iterator[Text | str]:
    """Every `Text` and string inside `value` (a model, or lists, tuples and dicts of them)."""
    if isinstance(value, Text | str):
        yield value
    elif isinstance(value, Struct):
        for name in value.__struct_fields__:
            yield from _texts(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
