"""Package relationships: a target is named relative to its source's folder, as
`posixpath.relpath` names it (the backend computes it without relpath's look-ups)."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from zjlab_reports.backends.pptx.package import Package, relative_target

_SEGMENT = st.sampled_from(["ppt", "slides", "media", "a", "b", "slide1.xml", "image1.png", "x.rels"])
_PART = st.lists(_SEGMENT, min_size=1, max_size=4).map("/".join)


@given(st.one_of(st.just(""), _PART), _PART)
def test_targets_are_named_as_relpath_names_them(source: str, target: str) -> None:
    assert relative_target(source, target) == posixpath.relpath(target, posixpath.dirname(source) or ".")


def test_relationships_number_and_name_their_targets() -> None:
    package = Package({})
    assert package.relate("ppt/slides/slide1.xml", "layout", "ppt/slideLayouts/slideLayout2.xml") == "rId1"
    assert package.relate("ppt/slides/slide1.xml", "image", "ppt/media/image1.png") == "rId2"
    assert package.relate("", "officeDocument", "ppt/presentation.xml") == "rId1"
    targets = [rel.target for rel in package.rels["ppt/slides/slide1.xml"]]
    assert targets == ["../slideLayouts/slideLayout2.xml", "../media/image1.png"]
    assert package.rels[""][0].target == "ppt/presentation.xml"
