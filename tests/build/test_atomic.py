"""Atomic builds: a build that fails leaves the output folder exactly as it was.

Each test first makes a good build, then a failing one into the same folder — a renderer that
crashes after the PDFs were made, bad input — and checks that every file (the manifest
included) is byte-identical and that no temporary file is left. The failing build runs at
another SOURCE_DATE_EPOCH, so anything it wrote would show. Two builds started at once into one
folder both succeed and leave a folder whose manifest matches. (A disk failing, or the process
killed, at each step of publishing: test_crash.py.)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

import zjlab_reports.build as build_module

DIAGNOSTIC = re.compile(r"^\S+:\d+:\d+: error: |^\S+: error: ")
SUMMARY = re.compile(r"^\d+ problems? found$")


@pytest.fixture
def earlier(builds: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, bytes]]:
    """An output folder holding a good build, and its files; later builds use another date."""
    out = tmp_path / "out"
    outcome = builds.run(out)
    assert outcome.code == 0, outcome.stderr
    builds.manifest(out)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    return out, builds.snapshot(out)


def _assert_untouched(builds: Any, out: Path, before: dict[str, bytes]) -> None:
    temporary = builds.temporary_files(out)
    after = {name: data for name, data in builds.snapshot(out).items() if name not in temporary}
    problems = [
        f"{name} was {'replaced' if name in after else 'deleted'}"
        for name in before
        if after.get(name) != before[name]
    ]
    problems += [f"{name} was added" for name in after if name not in before]
    problems += [f"temporary file {name} was left behind" for name in temporary]
    assert not problems, "a failed build changed the output folder:\n" + "\n".join(problems)


def _assert_diagnostics(stderr: str) -> None:
    errors = [line for line in stderr.splitlines() if not line.startswith("  ") and not SUMMARY.match(line)]
    assert errors, stderr
    for line in errors:
        assert DIAGNOSTIC.match(line), f"not a diagnostic: {line!r}"
    assert "Traceback" not in stderr


def test_a_renderer_crash_after_the_pdfs_changes_nothing(
    builds: Any, earlier: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, before = earlier
    rendered: list[str] = []
    real_render_pdf = build_module.render_pdf

    def render_pdf(document: Any, *args: Any, **kwargs: Any) -> bytes:
        rendered.append(document.title)
        return real_render_pdf(document, *args, **kwargs)

    def render_pptx(document: Any) -> bytes:
        raise RuntimeError("the PPTX renderer fell over")

    monkeypatch.setattr(build_module, "render_pdf", render_pdf)
    monkeypatch.setattr(build_module, "render_pptx", render_pptx)
    outcome = builds.run(out, "-j", "1")  # renderers in this process, where `rendered` is seen
    assert outcome.code == 3, f"a crash is an internal error:\n{outcome.stderr}"
    assert "RuntimeError" in outcome.stderr and "Traceback" not in outcome.stderr
    assert rendered, "the PDFs were rendered before the PPTX renderer failed"
    _assert_untouched(builds, out, before)


BAD_INPUTS = {
    # file, old text, new text
    "unknown profile key": ("data/zhejiang-lab.yaml", "\nfounded:", "\nfoudned:"),
    "YAML syntax error": ("data/zhejiang-lab.yaml", "\nvision:\n", "\nvision: [\n"),
    "unknown layout style": ("layouts/deck-16x9.yaml", "style: slide-title", "style: slide-titel"),
    "text too long for its frame": (
        "data/zhejiang-lab.yaml",
        "  en: Supporting the development of a smart society in the future",
        "  en: " + "Supporting the development of a smart society in the future. " * 30,
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_changes_nothing(
    own_project: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    out = tmp_path / "out"
    assert own_project.run(out).code == 0
    before = own_project.snapshot(out)
    name, old, new = BAD_INPUTS[case]
    path = own_project.project / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the shipped {name} changed: update this test's edit"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    outcome = own_project.run(out)
    assert outcome.code == 1, f"exit {outcome.code}:\n{outcome.stderr}"
    _assert_diagnostics(outcome.stderr)
    _assert_untouched(own_project, out, before)


def test_a_failed_first_build_writes_nothing(own_project: Any, tmp_path: Path) -> None:
    path = own_project.project / "data" / "zhejiang-lab.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nfounded:", "\nfoudned:"), encoding="utf-8")
    out = tmp_path / "new" / "out"
    outcome = own_project.run(out)
    assert outcome.code == 1, outcome.stderr
    assert own_project.snapshot(out) == {} and own_project.temporary_files(out) == []


@pytest.mark.parametrize("round_", [1, 2])
def test_two_builds_at_once_into_one_folder(builds: Any, tmp_path: Path, round_: int) -> None:
    """Both succeed; the folder then holds one build's files, all listed with the right sha256."""
    out = tmp_path / "shared"
    epochs = ("1700000000", "1800000000")
    processes = [builds.spawn(out, env={"SOURCE_DATE_EPOCH": epoch}) for epoch in epochs]
    for process in processes:
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
    entries = builds.manifest(out)  # every file listed, sha256 and size match
    assert builds.temporary_files(out) == []
    dates = {
        str(PdfReader(out / e["path"]).metadata["/CreationDate"])[:16]
        for e in entries
        if e["format"] == "pdf"
    }
    assert len(dates) == 1, f"files from both builds mixed in one folder: {dates}"
