"""Loading profiles: the shipped profile is valid, and broken ones say where and why."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from zjlab_reports.diagnostics import DiagnosticError
from zjlab_reports.loaders import load_profile

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "data" / "zhejiang-lab.yaml"


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = PROFILE.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "profile.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def messages(path: Path) -> list[str]:
    with pytest.raises(DiagnosticError) as info:
        load_profile(path)
    return [d.render() for d in info.value.diagnostics]


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_shipped_profile_holds_the_seed_facts() -> None:
    profile = load_profile(PROFILE).profile
    assert profile.founded == dt.date(2017, 9, 6)
    assert profile.facts["area"].value == 90.5 and profile.facts["area"].unit == "hectare"
    assert profile.facts["area"].also is not None and profile.facts["area"].also.value == 1358
    assert profile.facts["staff"].qualifier == "nearly" and profile.facts["staff"].value == 3000
    assert profile.facts["staff_target"].value == 10000
    assert profile.facts["construction_area"].qualifier == "about"
    assert [a.name.zh for a in profile.focus_areas] == [
        "智能计算",
        "人工智能",
        "智能感知",
        "智能网络",
        "智能系统",
    ]
    assert len(profile.goals.centres) == 4
    assert all("word-class" not in c.en for c in profile.goals.centres)


def test_every_text_has_english_and_chinese() -> None:
    profile = load_profile(PROFILE).profile
    texts = [profile.name, profile.vision, profile.international, *profile.mission, *profile.goals.centres]
    for text in texts:
        assert text.en.strip() and text.zh.strip()
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text.zh)


def test_unknown_key_gets_a_did_you_mean_hint(tmp_path: Path) -> None:
    path = broken(tmp_path, "\nfounded: 2017-09-06", "\nfoudned: 2017-09-06")
    texts = messages(path)
    line = line_of(path, "foudned")
    assert any(
        f"profile.yaml:{line}:1: error: unknown key 'foudned'" in t and "did you mean 'founded'?" in t
        for t in texts
    )
    assert any("missing required key 'founded'" in t for t in texts)


def test_wrong_type_points_at_the_value(tmp_path: Path) -> None:
    path = broken(tmp_path, "value: 90.5", "value: ninety")
    (text,) = messages(path)
    assert f":{line_of(path, 'ninety')}:12: error: expected a number, got 'ninety'" in text


def test_missing_translation_is_reported(tmp_path: Path) -> None:
    path = broken(tmp_path, "vision:\n  en: Supporting", "vision:\n  en: Supporting")
    path.write_text(path.read_text().replace("  zh: 支撑未来智慧社会发展\n", ""), encoding="utf-8")
    (text,) = messages(path)
    assert "missing required key 'zh'" in text


def test_template_reference_to_a_missing_fact(tmp_path: Path) -> None:
    path = broken(tmp_path, "{facts.construction_area}.", "{facts.constructon_area}.")
    (text,) = messages(path)
    assert "no profile field 'facts.constructon_area'" in text
    assert "did you mean 'construction_area'?" in text


def test_unknown_focus_area_in_goals(tmp_path: Path) -> None:
    path = broken(tmp_path, "strengthen: [intelligent-computing,", "strengthen: [intelligent-computin,")
    (text,) = messages(path)
    assert (
        "no focus area with id 'intelligent-computin'" in text
        and "did you mean 'intelligent-computing'?" in text
    )


def test_milestone_must_name_a_fact(tmp_path: Path) -> None:
    path = broken(tmp_path, "after: facts.development", "after: facts.develop")
    (text,) = messages(path)
    assert "'facts.develop' is not a fact" in text


def test_copy_of_shipped_profile_loads(tmp_path: Path) -> None:
    copy = tmp_path / "p.yaml"
    shutil.copy(PROFILE, copy)
    assert load_profile(copy).id == "zhejiang-lab"


def test_a_text_using_an_empty_field_is_reported_at_that_text(tmp_path: Path) -> None:
    path = broken(
        tmp_path,
        "  description: {en: a picturesque international metropolis, zh: 风景如画的国际化大都市}\n",
        "",
    )
    text = path.read_text(encoding="utf-8").replace(
        "zh: 实验室在相关领域", "zh: 在{location.description}，实验室在相关领域"
    )
    path.write_text(text, encoding="utf-8")
    (message,) = messages(path)
    line = line_of(path, "在{location.description}")
    assert f"profile.yaml:{line}:" in message
    assert "profile field 'location.description' is empty, but '{location.description}' uses it" in message
    assert "[brackets]" in message


def test_an_empty_field_in_an_optional_group_is_fine(tmp_path: Path) -> None:
    path = broken(
        tmp_path,
        "  description: {en: a picturesque international metropolis, zh: 风景如画的国际化大都市}\n",
        "",
    )
    text = path.read_text(encoding="utf-8").replace(
        "zh: 实验室在相关领域取得了一批世界领先的科研成果。",
        'zh: "[在{location.description}，]实验室在相关领域取得了一批世界领先的科研成果。"',
    )
    path.write_text(text, encoding="utf-8")
    profile = load_profile(path).profile
    assert profile.location.description is None


def test_an_item_template_names_fields_of_the_items(tmp_path: Path) -> None:
    path = broken(tmp_path, "[the {description} ]{name}}", "[the {descripton} ]{name}}")
    (message,) = messages(path)
    assert "no field 'descripton' in the items of 'founders'" in message
    assert "did you mean 'description'?" in message
    assert f"profile.yaml:{line_of(path, '{descripton}')}:" in message


def test_brackets_and_braces_that_are_no_syntax_stay_text_in_a_profile(tmp_path: Path) -> None:
    path = broken(tmp_path, "contributes to global", "contributes [see { annex } and [2]] to global")
    profile = load_profile(path).profile
    assert "[see { annex } and [2]]" in profile.international.en
