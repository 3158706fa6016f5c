"""load_face on the installed fonts: static, renamed, subset instances with the right metrics."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from zjlab_reports.document import FontFace
from zjlab_reports.fonts import FontSpec, load_face

LATIN = "Zhejiang Lab — Intelligent Computing, 2024"
VARIATION_TABLES = ("fvar", "gvar", "HVAR", "MVAR", "avar", "cvar", "VVAR")


def _names(path: Path) -> dict[int, str]:
    with TTFont(path) as font:
        return {record.nameID: record.toUnicode() for record in font["name"].names}


@pytest.mark.parametrize("spec_name", ["source_sans", "arimo", "noto_sc"])
def test_each_weight_is_a_static_font_with_its_own_postscript_name(
    spec_name: str, request: pytest.FixtureRequest, shared_cache: Path
) -> None:
    spec: FontSpec = request.getfixturevalue(spec_name)
    faces = [load_face(spec, weight, LATIN, shared_cache) for weight in (400, 700)]
    names = [_names(face.face.path) for face in faces]
    assert [n[6] for n in names] == [face.face.name for face in faces]
    assert len({n[6] for n in names}) == 2
    assert len({n[4] for n in names}) == 2
    for face, weight, table in zip(faces, (400, 700), names, strict=True):
        assert table[16] == spec.family and table[17] == f"W{weight}" and table[2] == "Regular"
        assert 25 not in table
        with TTFont(face.face.path) as font:
            assert not [tag for tag in VARIATION_TABLES if tag in font]
            assert font["OS/2"].usWeightClass == weight


def test_the_font_face_describes_the_instance(noto_sc: FontSpec, shared_cache: Path) -> None:
    face = load_face(noto_sc, 700, "之江", shared_cache).face
    assert face == FontFace(
        name="NotoSansSC-W700",
        family="Noto Sans SC",
        weight=700,
        path=face.path,
        office_name="Microsoft YaHei",
        east_asian=True,
    )
    assert face.path.is_relative_to(shared_cache / "fonts")


def test_bold_latin_is_wider_than_regular(source_sans: FontSpec, shared_cache: Path) -> None:
    regular = load_face(source_sans, 400, LATIN, shared_cache)
    bold = load_face(source_sans, 700, LATIN, shared_cache)
    assert bold.advance(LATIN, 12) > regular.advance(LATIN, 12) * 1.03
    assert regular.advance(LATIN, 24) == pytest.approx(2 * regular.advance(LATIN, 12))
    assert regular.advance("", 12) == 0


def test_regular_cjk_is_not_the_thin_default_instance(noto_sc: FontSpec, shared_cache: Path) -> None:
    thin = load_face(noto_sc, 100, "一之", shared_cache)
    regular = load_face(noto_sc, 400, "一之", shared_cache)
    with TTFont(thin.face.path) as font_thin, TTFont(regular.face.path) as font_regular:
        assert font_regular["OS/2"].usWeightClass == 400
        stroke = [_height_of(font, "一") for font in (font_thin, font_regular)]
    # The horizontal stroke of 一 is its whole height: far thicker at 400 than at 100.
    assert stroke[1] > 1.8 * stroke[0]
    assert regular.advance("之江一", 10) == pytest.approx(30.0)  # ideographs are one em wide


def _height_of(font: TTFont, ch: str) -> int:
    glyph = font["glyf"][font.getBestCmap()[ord(ch)]]
    glyph.recalcBounds(font["glyf"])
    return int(glyph.yMax - glyph.yMin)


def test_has_tells_which_characters_the_subset_maps(
    noto_sc: FontSpec, source_sans: FontSpec, shared_cache: Path
) -> None:
    cjk = load_face(noto_sc, 400, "之江", shared_cache)
    latin = load_face(source_sans, 400, "之江", shared_cache)
    assert cjk.has("之") and cjk.has("A") and cjk.has("—")
    assert not latin.has("之")
    assert latin.has("A") and latin.has("\u00a0") and latin.has("×")
    assert not cjk.has("实")  # in the font, but not asked for
    assert not latin.has("\n")


def test_characters_the_font_lacks_measure_as_notdef(source_sans: FontSpec, shared_cache: Path) -> None:
    face = load_face(source_sans, 400, "之江", shared_cache)
    with TTFont(face.face.path) as font:
        notdef = font["hmtx"][".notdef"][0] / font["head"].unitsPerEm
    assert notdef > 0
    assert face.advance("之江", 10) == pytest.approx(20 * notdef)


def test_vertical_metrics_come_from_os2_typo_values(source_sans: FontSpec, shared_cache: Path) -> None:
    face = load_face(source_sans, 400, "", shared_cache)
    with TTFont(face.face.path) as font:
        os2, upem = font["OS/2"], font["head"].unitsPerEm
        expected = (os2.sTypoAscender / upem, -os2.sTypoDescender / upem, os2.sCapHeight / upem)
    assert (face.ascent, face.descent, face.cap_height) == pytest.approx(expected)
    assert 0 < face.cap_height < face.ascent and face.descent > 0


def test_the_subset_is_small_unhinted_and_without_layout_tables(
    noto_sc: FontSpec, shared_cache: Path, cjk_text: str
) -> None:
    face = load_face(noto_sc, 400, cjk_text, shared_cache)
    with TTFont(face.face.path) as font:
        glyphs = len(font.getGlyphOrder())
        tables = set(font.keys())
    assert glyphs <= len(set(cjk_text)) + 120
    assert face.face.path.stat().st_size < 250_000
    assert not tables & {"GSUB", "GPOS", "fpgm", "prep", "cvt "}
    assert all(face.has(ch) for ch in cjk_text)
