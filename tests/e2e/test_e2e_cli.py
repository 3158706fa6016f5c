"""End-to-end: the installed command line run as a user runs it (a subprocess), on the shipped project."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import zjlab_reports

if TYPE_CHECKING:
    from conftest import Build

ROOT = Path(__file__).resolve().parents[2]
Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def cli(built: Build, run: Run) -> Callable[..., subprocess.CompletedProcess[str]]:
    """`cli(*args)`: the `zjlab-reports` console script run in the project folder (warm font cache)."""
    script = Path(sys.executable).parent / "zjlab-reports"
    if not script.is_file():
        pytest.fail(f"the console script is not installed at {script}: run pip install -e .", pytrace=False)
    env = {**os.environ, "ZJLAB_REPORTS_CACHE": str(built.cache)}
    env.pop("ZJLAB_REPORTS_DEBUG", None)

    def call(*args: str) -> subprocess.CompletedProcess[str]:
        return run([str(script), *args], cwd=ROOT, env=env, timeout=120)

    return call


def test_validate_passes_on_the_shipped_project(cli: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    done = cli("validate")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok: ")


@pytest.mark.parametrize("kind", ["profile", "layout", "theme"])
def test_schema_equals_the_committed_file(
    cli: Callable[..., subprocess.CompletedProcess[str]], kind: str
) -> None:
    done = cli("schema", kind)
    assert done.returncode == 0, done.stderr
    committed = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert json.loads(done.stdout) == committed, (
        f"schemas/{kind}.schema.json is stale: run `zjlab-reports schema {kind} > schemas/{kind}.schema.json`"
    )


def test_python_dash_m_version(run: Run) -> None:
    done = run([sys.executable, "-m", "zjlab_reports", "--version"], cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"zjlab-reports {zjlab_reports.__version__}"


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("frobnicate",),
        ("schema",),
        ("schema", "nonsense"),
        ("build", "--lang", "fr"),
        ("validate", "--bogus"),
    ],
    ids=[
        "nothing",
        "unknown-command",
        "schema-without-kind",
        "unknown-kind",
        "unknown-language",
        "unknown-option",
    ],
)
def test_usage_errors_exit_2(
    cli: Callable[..., subprocess.CompletedProcess[str]], args: tuple[str, ...]
) -> None:
    done = cli(*args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "usage:" in done.stderr
    assert "Traceback" not in done.stderr
