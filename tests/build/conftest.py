"""Fixtures for the build tests: a copy of the shipped project, a font cache, and a `Builds` helper.

`Builds` runs `zjlab-reports build` in this process (`run`) or as `python -m zjlab_reports`
(`spawn`), and reads back what a build left in its output folder (`snapshot`, `manifest`).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from zjlab_reports.cli import main

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class Builds:
    """Builds of one project with one font cache."""

    project: Path
    cache: Path

    def in_this_process(self, monkeypatch: pytest.MonkeyPatch) -> Builds:
        """These builds, with this process's environment set for them (`run`): the font cache,
        and a fixed creation time."""
        monkeypatch.setenv("ZJLAB_REPORTS_CACHE", str(self.cache))
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        return self

    def argv(self, out: Path, *extra: str) -> list[str]:
        return ["--project", str(self.project), "build", "--out", str(out), *extra]

    def run(self, out: Path, *extra: str) -> Outcome:
        """The build, in this process (monkeypatches apply)."""
        stdout, stderr = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = main(self.argv(out, *extra))
        return Outcome(code, stdout.getvalue(), stderr.getvalue())

    def run_validate(self, *paths: str) -> Outcome:
        """`zjlab-reports validate`, in this process."""
        stdout, stderr = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = main(["--project", str(self.project), "validate", *paths])
        return Outcome(code, stdout.getvalue(), stderr.getvalue())

    def spawn(self, out: Path, *extra: str, env: Mapping[str, str] | None = None) -> subprocess.Popen[str]:
        """The build as `python -m zjlab_reports ...`, started and not waited for."""
        environment = {**os.environ, "ZJLAB_REPORTS_CACHE": str(self.cache), **(env or {})}
        return subprocess.Popen(
            [sys.executable, "-m", "zjlab_reports", *self.argv(out, *extra)],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run_process(self, out: Path, *extra: str, env: Mapping[str, str] | None = None) -> Outcome:
        process = self.spawn(out, *extra, env=env)
        stdout, stderr = process.communicate(timeout=300)
        return Outcome(process.returncode, stdout, stderr)

    def documents(self) -> list[tuple[str, str, str]]:
        """(profile id, layout id, layout kind) of everything a full build makes."""
        profiles = [_yaml(path)["id"] for path in sorted((self.project / "data").glob("*.yaml"))]
        layouts = [
            (_yaml(p)["id"], _yaml(p)["kind"]) for p in sorted((self.project / "layouts").glob("*.yaml"))
        ]
        return [(profile, layout, kind) for profile in profiles for layout, kind in layouts]

    @staticmethod
    def snapshot(folder: Path, foreign: Collection[str] = ()) -> dict[str, bytes]:
        """Every file in `folder` by name, with its bytes; hidden entries (`temporary_files`) and
        the `foreign` ones (files a build did not write) aside."""
        if not folder.exists():
            return {}
        entries = sorted(p for p in folder.iterdir() if not p.name.startswith(".") and p.name not in foreign)
        assert all(p.is_file() and not p.is_symlink() for p in entries), f"not a file: {entries}"
        return {p.name: p.read_bytes() for p in entries}

    @staticmethod
    def temporary_files(folder: Path) -> list[str]:
        """Leftovers of an interrupted build: hidden entries inside `folder` (a journal, old
        `.tmp`/`.bak` files, an old lock file) and unfinished generation folders beside it."""
        inside = sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) if folder.exists() else []
        beside = sorted(p.name for p in folder.parent.glob(f".{folder.name}.zjlab-reports-*"))
        return inside + beside

    @staticmethod
    def manifest(folder: Path, foreign: Collection[str] = ()) -> list[dict[str, Any]]:
        """The manifest's artifacts, after checking each entry's sha256 and size against its file
        and that it lists every file but the `foreign` ones."""
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        assert set(data) == {"artifacts"}, data.keys()
        for entry in data["artifacts"]:
            blob = (folder / entry["path"]).read_bytes()
            assert entry["sha256"] == hashlib.sha256(blob).hexdigest(), (
                f"{entry['path']}: sha256 does not match"
            )
            assert entry["bytes"] == len(blob), f"{entry['path']}: size does not match"
        names = {entry["path"] for entry in data["artifacts"]} | {"manifest.json"}
        assert set(Builds.snapshot(folder, foreign)) == names, (
            f"files {sorted(Builds.snapshot(folder, foreign))} != manifest {sorted(names)}"
        )
        return list(data["artifacts"])


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def build_font_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("build-font-cache")


@pytest.fixture(scope="session")
def shipped_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped data/, layouts/ and themes/ (read only: tests must not change it)."""
    root = tmp_path_factory.mktemp("shipped-project")
    for folder in ("data", "layouts", "themes"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


@pytest.fixture(scope="session")
def shipped_builds(shipped_project: Path, build_font_cache: Path) -> Builds:
    """Builds of the shipped project, for module-scoped fixtures (pass the environment to `spawn`)."""
    return Builds(shipped_project, build_font_cache)


@pytest.fixture
def builds(shipped_builds: Builds, monkeypatch: pytest.MonkeyPatch) -> Builds:
    """Builds of the shipped project; in-process builds use the same font cache as spawned ones."""
    return shipped_builds.in_this_process(monkeypatch)


@pytest.fixture
def own_project(tmp_path: Path, build_font_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Builds:
    """Builds of a private copy of the shipped project, which the test may edit."""
    root = tmp_path / "project"
    for folder in ("data", "layouts", "themes"):
        shutil.copytree(ROOT / folder, root / folder)
    return Builds(root, build_font_cache).in_this_process(monkeypatch)


FAULTS = Path(__file__).with_name("faults.py")


@pytest.fixture(scope="session")
def faults() -> ModuleType:
    """`faults.py`: publishing's disk steps counted, one of them failed or killed."""
    spec = importlib.util.spec_from_file_location("build_faults", FAULTS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def two_builds(shipped_builds: Builds, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two builds of everything, at two SOURCE_DATE_EPOCHs (every file differs): old and new."""
    folders = []
    for epoch in ("1700000000", "1800000000"):
        out = tmp_path_factory.mktemp(f"build-{epoch}") / "out"
        outcome = shipped_builds.run_process(out, env={"SOURCE_DATE_EPOCH": epoch})
        assert outcome.code == 0, outcome.stderr
        folders.append(out)
    return folders[0], folders[1]
