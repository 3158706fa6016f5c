"""One page per list item: a binder in, a binder whose `{item…}` is that item out.

A page template with `repeat: focus_areas` is bound once per focus area; in its texts
`{item.name}` (or `{item}`, `{item: …}`) and in its blocks `bind: item.<field>` stand for
`focus_areas.<i>.name` (…), so every other rule of templates applies unchanged.
"""

from __future__ import annotations

import re
from typing import Any

from ...diagnostics import Span
from ...loaders.yaml_doc import DataPath
from ...model.common import Text
from ..bind import Binder, Bound

__all__ = ["ItemBinder"]

_ITEM = re.compile(r"\{item(?=[.}:\s])")


class ItemBinder(Binder):
    """`binder`, with `item` standing for `<path>.<index>` of the profile.

    It shares the binder's state (its problems are the binder's problems).
    """

    def __init__(self, binder: Binder, path: str, index: int):
        self.__dict__.update(binder.__dict__)
        self.item = f"{path}.{index}"

    def _path(self, dotted: str) -> str:
        if dotted == "item":
            return self.item
        return self.item + dotted[4:] if dotted.startswith("item.") else dotted

    def _raw(self, raw: str) -> str:
        return _ITEM.sub("{" + self.item, raw)

    def template(self, template: str | Text, at: DataPath) -> Bound:
        if isinstance(template, Text):
            template = Text(en=self._raw(template.en), zh=self._raw(template.zh))
        else:
            template = self._raw(template)
        return super().template(template, at)

    def value(self, dotted: str, at: DataPath) -> Any:
        return super().value(self._path(dotted), at)

    def bound(self, value: Any, dotted: str, at: DataPath) -> Bound:
        return super().bound(value, self._path(dotted), at)

    def profile_span(self, dotted: str) -> Span:
        return super().profile_span(self._path(dotted))
