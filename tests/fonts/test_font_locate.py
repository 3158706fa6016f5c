"""locate: a FontSpec in, the font file inside its installed package out (never a system path)."""

from __future__ import annotations

import importlib
import importlib.util
import shutil
from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest

from zjlab_reports.fonts import FontError, FontSpec, default_cache_dir, locate


@pytest.mark.parametrize("spec_name", ["source_sans", "arimo", "noto_sc"])
def test_locate_finds_the_file_inside_its_package(spec_name: str, request: pytest.FixtureRequest) -> None:
    spec: FontSpec = request.getfixturevalue(spec_name)
    path = locate(spec)
    assert path.is_absolute() and path.is_file()
    assert path.as_posix().endswith(spec.file)
    assert spec.package in path.parts
    assert path.read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType sfnt


def test_a_package_that_is_not_installed_is_a_font_error(source_sans: FontSpec) -> None:
    spec = msgspec.structs.replace(source_sans, package="fontpkg_not_installed_anywhere")
    with pytest.raises(FontError, match="'fontpkg_not_installed_anywhere' is not installed") as caught:
        locate(spec)
    assert "pip install fontpkg-not-installed-anywhere" in caught.value.hint


def test_a_missing_file_suggests_the_closest_file_the_package_has(source_sans: FontSpec) -> None:
    spec = msgspec.structs.replace(source_sans, file="files/SourceSans3[wgth].ttf")
    with pytest.raises(FontError, match="is not in package 'fontpkg_source_sans_3'") as caught:
        locate(spec)
    assert caught.value.hint == "did you mean 'files/SourceSans3[wght].ttf'?"


@pytest.mark.parametrize("file", ["../fontpkg_arimo/files/Arimo[wght].ttf", "files/../../os.py"])
def test_a_path_leading_out_of_the_package_is_refused(file: str, source_sans: FontSpec) -> None:
    with pytest.raises(FontError, match="lies outside package"):
        locate(msgspec.structs.replace(source_sans, file=file))


@pytest.mark.parametrize("file", ["", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"])
def test_an_empty_or_absolute_path_is_refused(file: str, source_sans: FontSpec) -> None:
    with pytest.raises(FontError, match="must be a relative path"):
        locate(msgspec.structs.replace(source_sans, file=file))


def test_a_symlink_out_of_the_package_is_refused(
    font_package: Callable[[dict[str, bytes]], str], source_sans: FontSpec, tmp_path: Path
) -> None:
    package = font_package({"README": b""})
    outside = tmp_path / "outside.ttf"
    outside.write_bytes(locate(source_sans).read_bytes()[:64])
    link = tmp_path / "site" / package / "linked.ttf"
    link.symlink_to(outside)
    with pytest.raises(FontError, match="lies outside package"):
        locate(msgspec.structs.replace(source_sans, package=package, file="linked.ttf"))


def test_a_module_is_not_a_font_package(source_sans: FontSpec) -> None:
    with pytest.raises(FontError, match="is a module, not a package"):
        locate(msgspec.structs.replace(source_sans, package="os"))


def test_font_error_keeps_message_and_hint_apart() -> None:
    error = FontError("what went wrong", hint="how to fix it")
    assert (str(error), error.message, error.hint) == ("what went wrong", "what went wrong", "how to fix it")
    assert FontError("no hint").hint == ""


def test_default_cache_dir_prefers_own_variable_then_xdg_then_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ZJLAB_REPORTS_CACHE", str(tmp_path / "own"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "own"
    monkeypatch.setenv("ZJLAB_REPORTS_CACHE", "")
    assert default_cache_dir() == tmp_path / "xdg" / "zjlab-reports"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # ignored, as the XDG spec says
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "zjlab-reports"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "zjlab-reports"


def test_a_package_found_once_is_looked_for_again_on_another_import_path_or_when_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = FontSpec("fake", "Fake", "zjlab_fake_fonts_pkg", "files/Fake.ttf", "Arial")
    first, second = tmp_path / "first", tmp_path / "second"
    for root in (first, second):
        (root / "zjlab_fake_fonts_pkg" / "files").mkdir(parents=True)
        (root / "zjlab_fake_fonts_pkg" / "__init__.py").write_text("")
        (root / "zjlab_fake_fonts_pkg" / "files" / "Fake.ttf").write_bytes(b"font")
    monkeypatch.syspath_prepend(str(first))
    searched: list[str] = []
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: searched.append(name) or find_spec(name))
    assert locate(spec) == (first / "zjlab_fake_fonts_pkg" / "files" / "Fake.ttf").resolve()
    assert locate(spec) == (first / "zjlab_fake_fonts_pkg" / "files" / "Fake.ttf").resolve()
    assert searched == ["zjlab_fake_fonts_pkg"]  # found once, then remembered
    monkeypatch.syspath_prepend(str(second))  # another import path: looked for again
    assert locate(spec) == (second / "zjlab_fake_fonts_pkg" / "files" / "Fake.ttf").resolve()
    shutil.rmtree(second / "zjlab_fake_fonts_pkg")  # gone: looked for again, found in the first
    importlib.invalidate_caches()
    assert locate(spec) == (first / "zjlab_fake_fonts_pkg" / "files" / "Fake.ttf").resolve()
