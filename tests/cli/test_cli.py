"""The command line: exit codes, diagnostics on stderr, never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zjlab_reports.cli import main

ROOT = Path(__file__).resolve().parents[2]


def project_copy(tmp_path: Path) -> Path:
    for folder in ("data", "layouts", "themes"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def test_validate_shipped_project(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project", str(ROOT), "validate"]) == 0
    assert "ok:" in capsys.readouterr().out


def test_validate_reports_file_line_col_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = project_copy(tmp_path)
    profile = project / "data" / "zhejiang-lab.yaml"
    profile.write_text(profile.read_text().replace("\nfounded:", "\nfoudned:"), encoding="utf-8")
    assert main(["--project", str(project), "validate", str(profile)]) == 1
    err = capsys.readouterr().err
    assert (
        "zhejiang-lab.yaml:" in err
        and "unknown key 'foudned'" in err
        and "hint: did you mean 'founded'?" in err
    )
    assert "Traceback" not in err


def test_schema_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "theme"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"meta", "color", "typography"} <= set(schema["properties"])


@pytest.mark.parametrize(
    "argv", [[], ["schema"], ["schema", "nonsense"], ["build", "--lang", "fr"], ["frobnicate"]]
)
def test_usage_errors_exit_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        code = main(argv)
        raise SystemExit(code)
    assert info.value.code == 2


def test_unknown_layout_selection(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["--project", str(ROOT), "build", "--layout", "brochure-a5", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "no layout 'brochure-a5'" in err and "layouts:" in err
    assert list(tmp_path.iterdir()) == []


def test_list_shows_every_combination(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project", str(ROOT), "list"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 3 * 2
    assert ["zhejiang-lab", "deck-16x9", "deck", "zh", "pdf, pptx"] in rows


def test_python_dash_m_and_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "zjlab_reports", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.startswith("zjlab-reports ")


def test_unwritable_output_is_a_clean_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert (
        main(
            [
                "--project",
                str(ROOT),
                "build",
                "--lang",
                "en",
                "--layout",
                "factsheet-letter",
                "--out",
                str(blocker / "out"),
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "cannot write output" in err and "Traceback" not in err


def test_the_entry_point_collects_cycles_less_often_and_exits_with_mains_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    from zjlab_reports.cli import run as run_module

    ended: list[tuple[int, tuple[int, ...]]] = []

    def exit_now(code: int) -> None:
        ended.append((code, gc.get_threshold()))
        raise SystemExit(code)

    monkeypatch.setattr(run_module, "main", lambda: 3)
    monkeypatch.setattr(run_module, "exit_now", exit_now)
    saved = gc.get_threshold()
    try:
        with pytest.raises(SystemExit):
            run_module.entry()
    finally:
        gc.set_threshold(*saved)
    assert ended == [(3, run_module.GC_THRESHOLDS)] and run_module.GC_THRESHOLDS[0] > saved[0]


def test_a_profiled_run_exits_normally_so_the_profiler_writes_its_report(tmp_path: Path) -> None:
    """`exit_now` ends the process without its usual teardown, except while a profiler or a
    tracer watches: `python -m cProfile -o FILE -m zjlab_reports ...` must still write FILE."""
    report = tmp_path / "run.prof"
    argv = [sys.executable, "-m", "cProfile", "-o", str(report), "-m", "zjlab_reports"]
    done = subprocess.run(
        [*argv, "--project", str(ROOT), "list"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert report.is_file() and report.stat().st_size > 0


@pytest.mark.parametrize("ours", [True, False])
def test_imports_run_with_the_collector_paused_and_stay_frozen_in_a_process_of_ours(
    monkeypatch: pytest.MonkeyPatch, ours: bool
) -> None:
    import gc

    from zjlab_reports.cli import run as run_module

    monkeypatch.setattr(run_module, "_FREEZE_IMPORTS", ours)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    try:
        with run_module.collector_paused():
            assert not gc.isenabled()
            made = [[] for _ in range(1000)]
        assert gc.isenabled()
        assert (gc.get_freeze_count() >= len(made)) is ours
        gc.disable()
        with run_module.collector_paused():
            pass
        assert not gc.isenabled()  # off before: still off
    finally:
        gc.enable()
        gc.unfreeze()
