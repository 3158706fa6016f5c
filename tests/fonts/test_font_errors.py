"""Fonts load_face refuses, each with a FontError that says why and how to fix it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from zjlab_reports.fonts import FontError, FontSpec, load_face

Package = Callable[[dict[str, bytes]], str]


def _spec(package: str, file: str) -> FontSpec:
    return FontSpec(id="tiny", family="Tiny", package=package, file=file, office_name="Arial")


def _cached_files(cache: Path) -> list[Path]:
    return sorted((cache / "fonts").glob("*")) if (cache / "fonts").exists() else []


def test_cff_outlines_are_refused(font_package: Package, tiny_cff: bytes, tmp_path: Path) -> None:
    package = font_package({"Tiny.otf": tiny_cff})
    with pytest.raises(FontError, match="has CFF outlines; ReportLab embeds TrueType") as caught:
        load_face(_spec(package, "Tiny.otf"), 400, "A", tmp_path / "cache")
    assert caught.value.hint == "use a .ttf build with TrueType outlines of this family"
    assert _cached_files(tmp_path / "cache") == []


@pytest.mark.parametrize(
    "data",
    [b"", b"this is a text file, not a font\n", b"\x00\x01\x00\x00" + b"\x00" * 8],
    ids=["empty", "text", "truncated-sfnt"],
)
def test_a_file_that_is_not_a_font_is_refused(font_package: Package, data: bytes, tmp_path: Path) -> None:
    package = font_package({"files/Broken.ttf": data})
    with pytest.raises(FontError, match=r"Broken\.ttf .*(cannot be read as a font|not a usable)"):
        load_face(_spec(package, "files/Broken.ttf"), 400, "A", tmp_path / "cache")
    assert _cached_files(tmp_path / "cache") == []


@pytest.mark.parametrize(
    ("spec_name", "weight", "axis"), [("source_sans", 100, "200..900"), ("arimo", 800, "400..700")]
)
def test_a_weight_outside_the_axis_is_refused(
    spec_name: str, weight: int, axis: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    spec: FontSpec = request.getfixturevalue(spec_name)
    with pytest.raises(FontError, match=f"has no weight {weight}: its wght axis runs {axis}") as caught:
        load_face(spec, weight, "A", tmp_path)
    assert caught.value.hint.startswith("choose a weight from")


def test_a_static_font_serves_only_its_own_weight(
    font_package: Package, tiny_ttf: Callable[[int], bytes], tmp_path: Path
) -> None:
    package = font_package({"Tiny-Bold.ttf": tiny_ttf(700)})
    spec = _spec(package, "Tiny-Bold.ttf")
    with pytest.raises(FontError, match="is a static font of weight 700, not 400") as caught:
        load_face(spec, 400, "A", tmp_path)
    assert "use weight 700" in caught.value.hint
    face = load_face(spec, 700, "A", tmp_path)
    assert face.face.name == "Tiny-W700"
    assert face.has("A") and not face.has("B")
    assert face.advance("AB", 10) == pytest.approx(6.0 + 5.0)  # B is .notdef (500 units)
    with TTFont(face.face.path) as font:
        assert font["name"].getDebugName(6) == "Tiny-W700"
