"""list's stored plan: a warm run prints what a cold one did without loading the project, and
whatever the plan depends on (an input's byte, a picture outside the input folders, the
selection) makes it load again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import zjlab_reports.cli.commands as commands
from zjlab_reports.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZJLAB_REPORTS_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    for folder in ("data", "themes", "layouts"):
        shutil.copytree(ROOT / folder, tmp_path / "project" / folder)
    return tmp_path / "project"


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The project of every list that loaded it (not answered from the stored plan)."""
    runs: list[Path] = []
    original = commands._planned

    def spy(args, cache):  # type: ignore[no-untyped-def]
        runs.append(args.project)
        return original(args, cache)

    monkeypatch.setattr(commands, "_planned", spy)
    return runs


def listed(project: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str, str]:
    code = main(["--project", str(project), "list", *options])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_warm_run_prints_what_the_cold_run_did(
    project: Path, capsys: pytest.CaptureFixture[str], loads: list[Path]
) -> None:
    cold = listed(project, capsys)
    assert cold[0] == 0 and cold[1].count("\n") == 6 and "deck-16x9\tdeck\ten\tpdf, pptx" in cold[1]
    assert listed(project, capsys) == cold and len(loads) == 1
    shutil.rmtree(project.parent / "cache" / "verdicts")  # --json is no part of the key
    as_json = [json.loads(listed(project, capsys, "--json")[1]) for _ in range(2)]
    for document in as_json:
        del document["timings"]
    assert as_json[0] == as_json[1] and len(as_json[0]["plan"]) == 6 and len(loads) == 2


@pytest.mark.parametrize(
    "options",
    [
        ("--lang", "zh"),
        ("--layout", "brochure-a4"),
        ("--for", "print"),
        ("--for", "print", "--for", "screen"),
        ("--shard", "2/3"),
    ],
)
def test_each_selection_has_its_own_plan(
    project: Path, capsys: pytest.CaptureFixture[str], loads: list[Path], options: tuple[str, ...]
) -> None:
    whole = listed(project, capsys)
    chosen = listed(project, capsys, *options)
    assert chosen[0] == 0 and chosen[1] != whole[1] and len(loads) == 2
    assert listed(project, capsys, *options) == chosen and len(loads) == 2


def test_an_edited_input_loads_again_and_bad_input_is_never_stored(
    project: Path, capsys: pytest.CaptureFixture[str], loads: list[Path]
) -> None:
    listed(project, capsys)
    profile = project / "data" / "zhejiang-lab.yaml"
    good = profile.read_text(encoding="utf-8")
    profile.write_text(good.replace("\nfounded:", "\nfoudned:"), encoding="utf-8")
    broken = listed(project, capsys)
    assert broken[0] == 1 and "zhejiang-lab.yaml:" in broken[2] and len(loads) == 2
    assert listed(project, capsys) == broken and len(loads) == 3
    profile.write_text(good.replace("id: zhejiang-lab", "id: zj-lab"), encoding="utf-8")
    renamed = listed(project, capsys)
    assert renamed[0] == 0 and renamed[1].startswith("zj-lab\t") and len(loads) == 4


def test_a_picture_outside_the_input_folders_is_followed(
    project: Path, capsys: pytest.CaptureFixture[str], loads: list[Path]
) -> None:
    (project / "assets").mkdir()
    shutil.copy(project / "data" / "images" / "logo.png", project / "assets" / "logo.png")
    theme = project / "themes" / "zhejiang-lab.yaml"
    theme.write_text(theme.read_text().replace("path: data/images/logo.png", "path: assets/logo.png"))
    assert listed(project, capsys)[0] == 0
    assert listed(project, capsys)[0] == 0 and len(loads) == 1
    (project / "assets" / "logo.png").write_bytes(b"not a picture")
    code, _, err = listed(project, capsys)
    assert code == 1 and "assets/logo.png" in err and len(loads) == 2


def test_an_unwritable_cache_is_a_warning_naming_list(
    project: Path, capsys: pytest.CaptureFixture[str], loads: list[Path]
) -> None:
    blocked = project.parent / "cache" / "verdicts"
    blocked.parent.mkdir(parents=True)
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    code, out, err = listed(project, capsys)
    assert code == 0 and out.count("\n") == 6
    assert "warning: cannot write list's cache" in err and "list ran in full" in err
    assert listed(project, capsys)[1] == out and len(loads) == 2
