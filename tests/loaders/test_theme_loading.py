"""Loading the brand theme: colours resolve through the palette; bad references are reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from zjlab_reports.diagnostics import DiagnosticError
from zjlab_reports.document import Color
from zjlab_reports.loaders import load_theme

ROOT = Path(__file__).resolve().parents[2]
THEME = ROOT / "themes" / "zhejiang-lab.yaml"


def broken(tmp_path: Path, old: str, new: str) -> Path:
    """The shipped theme with `old` replaced, in a project folder holding its logo."""
    text = THEME.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "themes" / "theme.yaml"
    path.parent.mkdir(exist_ok=True)
    shutil.copytree(ROOT / "data" / "images", tmp_path / "data" / "images", dirs_exist_ok=True)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def messages(path: Path) -> list[str]:
    with pytest.raises(DiagnosticError) as info:
        load_theme(path)
    return [d.render() for d in info.value.diagnostics]


def test_roles_resolve_to_palette_colours() -> None:
    theme = load_theme(THEME)
    assert theme.colors["primary"] == Color.from_hex(theme.theme.color.palette["navy"])
    assert theme.color("on-primary") == Color(255, 255, 255)
    assert theme.color("#102030") == Color(0x10, 0x20, 0x30)
    assert theme.color("no-such-colour") is None
    assert len(theme.chart_colors) == len(theme.theme.color.chart)
    assert set(theme.fonts) == {"source-sans-3", "arimo", "noto-sans-sc"}


def test_unknown_colour_name(tmp_path: Path) -> None:
    (text,) = messages(broken(tmp_path, "primary: navy", "primary: nav"))
    assert "unknown colour 'nav'" in text and "did you mean 'navy'?" in text


def test_colour_cycle_is_reported_once(tmp_path: Path) -> None:
    path = broken(tmp_path, 'navy: "#0B2A55"', "navy: blue")
    path.write_text(path.read_text().replace('blue: "#1D5FB4"', "blue: navy"), encoding="utf-8")
    texts = messages(path)
    cycles = [t for t in texts if "colour reference cycle" in t]
    assert len(cycles) == 1 and "blue -> navy -> blue" in cycles[0]


def test_unknown_font_id_in_a_pair(tmp_path: Path) -> None:
    (text,) = messages(broken(tmp_path, "deck: {latin: arimo,", "deck: {latin: arimmo,"))
    assert "unknown font 'arimmo'" in text and "did you mean 'arimo'?" in text


def test_font_package_not_installed(tmp_path: Path) -> None:
    (text,) = messages(broken(tmp_path, "package: fontpkg_arimo", "package: fontpkg_not_there"))
    assert "fontpkg_not_there" in text and "hint:" in text


def test_role_colour_must_exist(tmp_path: Path) -> None:
    (text,) = messages(
        broken(tmp_path, "leading-zh: 1.75, color: foreground}", "leading-zh: 1.75, color: foregrund}")
    )
    assert "unknown colour 'foregrund'" in text


def test_a_palette_colour_carries_its_brand_cmyk_to_every_name_for_it(tmp_path: Path) -> None:
    path = broken(tmp_path, 'navy: "#0B2A55"', 'navy: {rgb: "#0B2A55", cmyk: {c: 100, m: 85, y: 30, k: 25}}')
    path.write_text(path.read_text().replace('teal: "#13A39B"', "teal: navy"), encoding="utf-8")
    theme = load_theme(path)
    navy = Color(0x0B, 0x2A, 0x55, cmyk=(1.0, 0.85, 0.3, 0.25))
    assert theme.colors["navy"] == navy
    assert theme.colors["teal"] == navy  # a palette name referring to it
    assert theme.color("primary") == navy  # a role referring to it
    assert navy in theme.chart_colors
    assert theme.colors["blue"].cmyk is None  # converted through the profile when printing
    assert theme.color("#0B2A55") == Color(0x0B, 0x2A, 0x55)  # a bare hex value has no brand CMYK


def test_the_shipped_theme_gives_body_text_a_mostly_black_print_colour() -> None:
    ink = load_theme(THEME).color("foreground")
    assert ink is not None and ink.hex == "1C2533"
    assert ink.cmyk is not None and ink.cmyk[3] >= 0.8
