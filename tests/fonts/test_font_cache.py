"""The font cache: deterministic files named by their inputs, reused without any font work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

from zjlab_reports.fonts import FontError, FontSpec, load_face, locate

pytestmark = pytest.mark.usefixtures("fresh_memo")


def _forbid_font_work(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("font work on a cache hit")

    monkeypatch.setattr(instancer, "instantiateVariableFont", refuse)
    monkeypatch.setattr(subset.Subsetter, "subset", refuse)


def test_a_cache_hit_does_no_font_work(
    source_sans: FontSpec, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_face(source_sans, 600, "Cache", tmp_path)
    from zjlab_reports.fonts._face import clear_memo

    clear_memo()
    _forbid_font_work(monkeypatch)
    second = load_face(source_sans, 600, "Cache", tmp_path)
    assert second is not first
    assert second == first
    assert second.advance("Cache", 11) == first.advance("Cache", 11)


def test_the_same_request_in_one_process_returns_the_same_face(source_sans: FontSpec, tmp_path: Path) -> None:
    first = load_face(source_sans, 400, "éü", tmp_path)
    assert load_face(source_sans, 400, "üéü", tmp_path) is first  # same set of characters
    assert load_face(source_sans, 400, "éüß", tmp_path) is not first
    assert load_face(source_sans, 400, "éü", tmp_path / "elsewhere") is not first


def test_cache_files_are_byte_identical_across_fresh_caches(
    noto_sc: FontSpec, tmp_path: Path, cjk_text: str
) -> None:
    from zjlab_reports.fonts._face import clear_memo

    one = load_face(noto_sc, 400, cjk_text, tmp_path / "one").face.path
    clear_memo()
    two = load_face(noto_sc, 400, cjk_text, tmp_path / "two").face.path
    assert one.name == two.name
    assert one.read_bytes() == two.read_bytes()
    with TTFont(one) as built, TTFont(locate(noto_sc), lazy=True) as source:
        assert built["head"].modified == source["head"].modified  # not "now"


def test_cache_file_name_says_font_weight_and_characters(source_sans: FontSpec, tmp_path: Path) -> None:
    path = load_face(source_sans, 700, "é", tmp_path).face.path
    assert path.parent == tmp_path / "fonts"
    assert re.fullmatch(r"[0-9a-f]{16}-w700-[0-9a-f]{16}\.ttf", path.name)
    other_weight = load_face(source_sans, 400, "é", tmp_path).face.path
    other_chars = load_face(source_sans, 700, "éß", tmp_path).face.path
    assert other_weight.name.split("-")[0] == path.name.split("-")[0]
    assert len({path, other_weight, other_chars}) == 3
    assert sorted(p.name for p in (tmp_path / "fonts").iterdir()) == sorted(
        p.name for p in (path, other_weight, other_chars)
    )  # no temporary files left behind
    ascii_only = load_face(source_sans, 700, "abc", tmp_path).face.path
    assert load_face(source_sans, 700, "", tmp_path).face.path == ascii_only  # ASCII is in every set


def test_default_cache_follows_the_environment(
    source_sans: FontSpec, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZJLAB_REPORTS_CACHE", str(tmp_path / "env-cache"))
    path = load_face(source_sans, 400, "env").face.path
    assert path.parent == tmp_path / "env-cache" / "fonts"


def test_a_damaged_cache_file_is_built_again(source_sans: FontSpec, tmp_path: Path) -> None:
    from zjlab_reports.fonts._face import clear_memo

    good = load_face(source_sans, 500, "mend", tmp_path)
    data = good.face.path.read_bytes()
    good.face.path.write_bytes(b"\x00\x01\x00\x00 this is no longer a font")
    clear_memo()
    again = load_face(source_sans, 500, "mend", tmp_path)
    assert again == good
    assert again.face.path.read_bytes() == data


def test_a_cache_file_deleted_behind_the_memo_is_built_again(source_sans: FontSpec, tmp_path: Path) -> None:
    first = load_face(source_sans, 400, "gone", tmp_path)
    first.face.path.unlink()
    again = load_face(source_sans, 400, "gone", tmp_path)
    assert again.face.path.is_file()


def test_an_unwritable_cache_is_a_font_error(source_sans: FontSpec, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    with pytest.raises(FontError, match="cannot write the font cache") as caught:
        load_face(source_sans, 400, "x", blocker)
    assert "ZJLAB_REPORTS_CACHE" in caught.value.hint
