"""End-to-end fixtures: one real build of the shipped project per test session, and the tools.

`built` runs `zjlab-reports --project ROOT build --out TMP` in-process, once, with a fresh
font cache (as on a new machine), and hands the tests the folder, the exit code, the printed
output and the manifest. `tool(name)` finds qpdf, pdffonts, pdftotext or soffice, and fails
(never skips) with a clear message when one is missing: scripts/test installs them.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from zjlab_reports.cli import main

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Build:
    """The result of one build: output folder, exit code, stdout, stderr and the manifest."""

    out: Path
    code: int
    stdout: str
    stderr: str
    manifest: dict[str, Any]
    cache: Path

    def entries(self, **where: str) -> list[dict[str, Any]]:
        """Manifest entries whose fields equal `where` (layout=..., lang=..., format=...)."""
        return [a for a in self.manifest.get("artifacts", []) if all(a.get(k) == v for k, v in where.items())]

    def path(self, layout: str, lang: str, fmt: str) -> Path:
        """The one artifact of `layout` in `lang` and `fmt`; fails the test when it is not there."""
        found = self.entries(layout=layout, lang=lang, format=fmt)
        assert len(found) == 1, f"manifest has {len(found)} {fmt} of {layout} in {lang}: {self.manifest}"
        return self.out / found[0]["path"]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    out = tmp_path_factory.mktemp("dist")
    cache = tmp_path_factory.mktemp("font-cache")
    stdout, stderr = io.StringIO(), io.StringIO()
    with (
        pytest.MonkeyPatch.context() as patch,
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        patch.setenv("ZJLAB_REPORTS_CACHE", str(cache))
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        code = main(["--project", str(ROOT), "build", "--out", str(out)])
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
    return Build(out, code, stdout.getvalue(), stderr.getvalue(), manifest, cache)


@pytest.fixture(scope="session")
def tool() -> Callable[[str], str]:
    """`tool(name)`: the path of a command-line tool the end-to-end tests need."""

    def find(name: str) -> str:
        path = shutil.which(name)
        if path is None:
            pytest.fail(
                f"'{name}' is not installed: the end-to-end tests need qpdf, poppler-utils and "
                "LibreOffice Impress (scripts/test installs them with apt-get)",
                pytrace=False,
            )
        return path

    return find


@pytest.fixture(scope="session")
def run() -> Callable[..., subprocess.CompletedProcess[str]]:
    """`run(argv, timeout=60, **kwargs)`: a finished subprocess, its output as text."""

    def call(argv: Sequence[str], timeout: float = 60, **kwargs: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(argv), capture_output=True, encoding="utf-8", timeout=timeout, check=False, **kwargs
        )

    return call
