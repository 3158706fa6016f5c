"""`field_of`: what `getattr(block, name, None)` gives, for every kind of layout block."""

from __future__ import annotations

from types import SimpleNamespace

from zjlab_reports.compose.tree.context import field_of
from zjlab_reports.model.layout import Frame

NAMES = (
    "case",
    "bind",
    "facts",
    "text",
    "title",
    "items",
    "number_style",
    "body_style",
    "flows",
    "nothing",
    "type",
)


def test_field_of_is_getattr_with_a_default_for_every_block_of_the_shipped_layouts(layouts):
    seen = set()
    for loaded in layouts.values():
        for template in loaded.layout.pages:
            for frame in template.frames:
                for thing in (frame, *frame.blocks):
                    seen.add(type(thing).__name__)
                    for _ in range(2):  # the second time from what field_of remembers
                        for name in NAMES:
                            assert field_of(thing, name) == getattr(thing, name, None), (type(thing), name)
    assert {"Frame", "Heading", "Paragraph", "Cards"} <= seen
    assert Frame.__name__ in seen


def test_field_of_asks_objects_that_are_not_models():
    thing = SimpleNamespace(case="upper")
    assert field_of(thing, "case") == "upper"
    assert field_of(thing, "nothing") is None
