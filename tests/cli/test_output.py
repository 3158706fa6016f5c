"""Output for people and machines: --json, --quiet, SARIF, GitHub annotations, progress lines."""

from __future__ import annotations

import io
import json
import shutil
import threading
import time
from pathlib import Path

import pytest

from zjlab_reports.cli import main
from zjlab_reports.cli.formats import github_annotations, sarif_log
from zjlab_reports.cli.progress import ProgressLines
from zjlab_reports.diagnostics import Diagnostic, Span

ROOT = Path(__file__).resolve().parents[2]


def project_copy(tmp_path: Path) -> Path:
    for folder in ("data", "layouts", "themes"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def broken_profile(tmp_path: Path) -> tuple[Path, Path]:
    """A project whose profile misspells 'founded' (line and column known) and a typo'd colour."""
    project = project_copy(tmp_path / "project")
    profile = project / "data" / "zhejiang-lab.yaml"
    profile.write_text(profile.read_text().replace("\nfounded:", "\nfoudned:"), encoding="utf-8")
    return project, profile


def line_of(path: Path, start: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if line.startswith(start))


@pytest.fixture(autouse=True)
def _not_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)


def test_json_build_is_one_document_matching_the_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    argv = [
        "--project",
        str(ROOT),
        "build",
        "--layout",
        "deck-16x9",
        "--lang",
        "en",
        "--out",
        str(out),
        "--json",
    ]
    assert main(argv) == 0
    captured = capsys.readouterr()
    document = json.loads(captured.out)  # the whole of stdout is one JSON document
    assert captured.err == ""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert document["artifacts"] == manifest["artifacts"]
    assert [a["format"] for a in document["artifacts"]] == ["pdf", "pptx"]
    assert (document["status"], document["exit_code"], document["diagnostics"]) == ("ok", 0, [])
    per_artifact = document["timings"]["artifacts"]
    assert set(per_artifact) == {a["path"] for a in manifest["artifacts"]}
    assert all(t["compose"] > 0 and t["render"] > 0 for t in per_artifact.values())
    assert document["timings"]["total"] >= max(t["render"] for t in per_artifact.values())


def test_json_reports_diagnostics_with_positions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project, profile = broken_profile(tmp_path)
    assert main(["--project", str(project), "validate", "--json"]) == 1
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert captured.err == ""
    assert (document["status"], document["exit_code"]) == ("invalid", 1)
    [problem] = [d for d in document["diagnostics"] if "foudned" in d["message"]]
    assert Path(problem["file"]).resolve() == profile.resolve()
    assert (problem["line"], problem["column"], problem["severity"]) == (
        line_of(profile, "foudned"),
        1,
        "error",
    )
    assert problem["hint"] == "did you mean 'founded'?"


def test_json_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--lang", "fr", "--json"]) == 2
    document = json.loads(capsys.readouterr().out)
    assert (document["command"], document["status"]) == ("build", "usage")
    assert "invalid choice: 'fr'" in document["diagnostics"][0]["message"]


def test_quiet_prints_nothing_on_success_and_problems_on_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["build", "--layout", "factsheet-letter", "--out", str(tmp_path / "out"), "--quiet"]
    assert main(["--project", str(ROOT), *args]) == 0
    assert capsys.readouterr() == ("", "")
    project, _ = broken_profile(tmp_path)
    assert main(["--project", str(project), *args]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "unknown key 'foudned'" in captured.err


def test_plain_lines_name_each_artifact_with_pages_and_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["--project", str(ROOT), "build", "--layout", "deck-16x9", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 5  # 2 languages x (pdf + pptx), then the summary
    for line, name in zip(lines, ["en.pdf", "en.pptx", "zh.pdf", "zh.pptx"], strict=False):
        path, pages, seconds = line.split("  ")
        assert (
            path.endswith(f"zhejiang-lab-deck-16x9-{name}") and Path(path).resolve().parent == out.resolve()
        )
        assert pages in ("10 pages", "10 slides") and seconds.endswith(" s") and float(seconds[:-2]) > 0
    assert lines[-1].startswith("wrote 4 files and manifest.json to ")
    assert "\r" not in captured.out + captured.err  # not a terminal: no status line


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_status_line_on_a_terminal_is_redrawn_then_erased(tmp_path: Path) -> None:
    lines, live = io.StringIO(), FakeTerminal()
    with ProgressLines(lines, tmp_path, live, delay=0.0, interval=0.01) as progress:
        progress.started("compose", "p-brochure-en")
        deadline = time.monotonic() + 5
        while "composing p-brochure-en" not in live.getvalue() and time.monotonic() < deadline:
            time.sleep(0.01)
        progress.finished("compose", "p-brochure-en", 0.25, 7)
        progress.started("render", "p-brochure-en.pdf")
        progress.finished("render", "p-brochure-en.pdf", 0.5, 7)
    drawn = live.getvalue()
    assert "composing p-brochure-en" in drawn and drawn.endswith("\r\x1b[K")
    assert lines.getvalue() == f"{tmp_path / 'p-brochure-en.pdf'}  7 pages  0.75 s\n"


def test_status_line_waits_for_a_moment(tmp_path: Path) -> None:
    live = FakeTerminal()
    with ProgressLines(io.StringIO(), tmp_path, live, delay=60, interval=0.01) as progress:
        progress.started("compose", "quick")
        time.sleep(0.05)
    assert live.getvalue() == ""


def test_the_status_line_thread_starts_with_the_first_step(tmp_path: Path) -> None:
    """Until a step starts the build may fork (a renderer, a pool), which it does only while no
    other thread runs."""
    before = threading.active_count()
    with ProgressLines(io.StringIO(), tmp_path, FakeTerminal(), delay=60, interval=0.01) as progress:
        assert threading.active_count() == before
        progress.started("compose", "quick")
        assert threading.active_count() == before + 1
    assert threading.active_count() == before


def test_github_annotations_escape_and_point_at_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "data" / "a,b:c.yaml"
    source.parent.mkdir()
    source.write_text("x: 1\n")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    problems = [
        Diagnostic(Span(str(source), 3, 7), "50% wrong,\nreally", ("try 'x: 2'",)),
        Diagnostic(Span("command line"), "no layout 'nope'"),
    ]
    first, second = github_annotations(problems)
    assert first == (
        "::error file=data/a%2Cb%3Ac.yaml,line=3,col=7,title=zjlab-reports::"
        "50%25 wrong,%0Areally%0Ahint: try 'x: 2'"
    )
    assert second == "::error title=zjlab-reports::no layout 'nope'"


def test_annotations_in_github_actions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, profile = broken_profile(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["--project", str(project), "validate"]) == 1
    captured = capsys.readouterr()
    line = line_of(profile, "foudned")
    annotations = [a for a in captured.out.splitlines() if a.startswith("::error ")]
    assert len(annotations) == captured.err.count(": error: ") >= 1
    [annotation] = [a for a in annotations if "foudned" in a]
    assert f",line={line},col=1,title=zjlab-reports::unknown key 'foudned'" in annotation
    assert "zhejiang-lab.yaml" in annotation and "unknown key 'foudned'" in captured.err
    assert main(["--project", str(project), "validate", "--annotations", "none"]) == 1
    assert "::error" not in capsys.readouterr().out


def test_sarif_log(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project, profile = broken_profile(tmp_path)
    log_path = tmp_path / "reports" / "zjlab.sarif"
    assert main(["--project", str(project), "validate", "--sarif", str(log_path)]) == 1
    log = json.loads(log_path.read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    assert run["tool"]["driver"]["name"] == "zjlab-reports"
    [result] = [r for r in run["results"] if "foudned" in r["message"]["text"]]
    location = result["locations"][0]["physicalLocation"]
    assert Path(location["artifactLocation"]["uri"]).resolve() == profile.resolve()
    assert location["region"] == {"startLine": line_of(profile, "foudned"), "startColumn": 1}
    assert result["level"] == "error" and "hint: did you mean 'founded'?" in result["message"]["text"]
    assert result["ruleId"] in {rule["id"] for rule in run["tool"]["driver"]["rules"]}


def test_sarif_of_a_clean_run_has_no_results(tmp_path: Path) -> None:
    log_path = tmp_path / "clean.sarif"
    assert main(["--project", str(ROOT), "validate", "--quiet", "--sarif", str(log_path)]) == 0
    assert json.loads(log_path.read_text())["runs"][0]["results"] == []
    assert json.loads(sarif_log([]))["runs"][0]["results"] == []
