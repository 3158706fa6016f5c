"""One document, two cores: a renderer forked before compose (`ahead.py`) makes the files of
`-j 1`, replays what it logged, and leaves the work to the build's process when it fails.

Each build runs in a fresh interpreter (`PROBE`), as a user's does: only there is the backend
not imported yet, the case the renderer is for. The probe records whether a renderer started.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

#: Runs the command line given; `AHEAD_FAIL=1` makes the renderer fail before it renders.
#: Prints, last, whether a renderer was started and whether a child process is left over.
PROBE = """
import json, os, sys
import zjlab_reports.ahead as ahead
started = []
real_start = ahead.start
def start(*args):
    made = real_start(*args)
    started.append(made is not None)
    return made
ahead.start = start
if os.environ.get("AHEAD_FAIL"):
    def failing(*args):
        raise RuntimeError("the renderer breaks")
    ahead._serve = failing
from zjlab_reports.cli import main
code = main(sys.argv[1:])
try:
    left = os.waitpid(-1, os.WNOHANG) != (0, 0)
except ChildProcessError:
    left = False
print(json.dumps({"code": code, "started": started, "left": left}))
"""


def _probe(
    builds: Any, out: Path, *extra: str, env: dict[str, str] | None = None
) -> tuple[dict[str, Any], str]:
    environment = {**os.environ, "ZJLAB_REPORTS_CACHE": str(builds.cache), **(env or {})}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *builds.argv(out, *extra)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )
    return json.loads(done.stdout.splitlines()[-1]), done.stderr


@pytest.fixture(scope="module")
def one_by_one(shipped_builds: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The English brochure and deck made with `-j 1`: no renderer."""
    made = {}
    for layout in ("brochure-a4", "deck-16x9"):
        out = tmp_path_factory.mktemp(f"j1-{layout}")
        result, stderr = _probe(shipped_builds, out, "--layout", layout, "--lang", "en", "-j", "1")
        assert (result["code"], result["started"]) == (0, []), stderr
        made |= shipped_builds.snapshot(out)
    return made


@pytest.mark.skipif(sys.platform != "linux", reason="the renderer is forked, on Linux only")
@pytest.mark.parametrize("layout", ["brochure-a4", "deck-16x9"])
def test_a_renderer_makes_the_files_of_one_process(
    shipped_builds: Any, one_by_one: dict[str, bytes], tmp_path: Path, layout: str
) -> None:
    result, stderr = _probe(shipped_builds, tmp_path, "--layout", layout, "--lang", "en", "-j", "2", "--json")
    assert result == {"code": 0, "started": [True], "left": False}, stderr
    made = shipped_builds.snapshot(tmp_path)
    assert {name for name in made if name != "manifest.json"} <= set(one_by_one)
    assert all(made[name] == one_by_one[name] for name in made if name != "manifest.json")
    assert len(made) == (4 if layout == "deck-16x9" else 3) - 1  # the files and the manifest


@pytest.mark.skipif(sys.platform != "linux", reason="the renderer is forked, on Linux only")
def test_a_failing_renderer_leaves_the_work_to_the_build(
    shipped_builds: Any, one_by_one: dict[str, bytes], tmp_path: Path
) -> None:
    result, stderr = _probe(
        shipped_builds, tmp_path, "--layout", "brochure-a4", "--lang", "en", env={"AHEAD_FAIL": "1"}
    )
    assert result == {"code": 0, "started": [True], "left": False}, stderr
    made = shipped_builds.snapshot(tmp_path)
    assert made["zhejiang-lab-brochure-a4-en.pdf"] == one_by_one["zhejiang-lab-brochure-a4-en.pdf"]


@pytest.mark.skipif(sys.platform != "linux", reason="the renderer is forked, on Linux only")
def test_what_the_renderer_logs_is_reported_once_by_the_build(shipped_builds: Any, tmp_path: Path) -> None:
    """Damaged stored PDF parts are found by the renderer; the build reports each once."""
    cache = tmp_path / "cache"
    shutil.copytree(shipped_builds.cache, cache)
    env = {"ZJLAB_REPORTS_CACHE": str(cache)}
    argv = ("--layout", "brochure-a4", "--lang", "en")
    first, stderr = _probe(shipped_builds, tmp_path / "one", *argv, env=env)
    assert first["code"] == 0, stderr
    parts = sorted((cache / "pdf-parts").glob("*.part"))
    assert parts
    for part in parts:
        part.write_bytes(b"damaged" + part.read_bytes())
    again, stderr = _probe(shipped_builds, tmp_path / "two", *argv, env=env)
    assert again == {"code": 0, "started": [True], "left": False}, stderr
    reported = [part for part in parts if str(part) in stderr]
    assert reported and all(stderr.count(str(part)) == 1 for part in reported), stderr
    assert stderr.count("PDF parts cache file is damaged") == len(reported)


def test_no_renderer_for_several_documents_or_one_process(shipped_builds: Any, tmp_path: Path) -> None:
    several, _ = _probe(shipped_builds, tmp_path / "a", "--layout", "brochure-a4", "-j", "2")
    one, _ = _probe(shipped_builds, tmp_path / "b", "--layout", "brochure-a4", "--lang", "en", "-j", "1")
    assert (several["started"], one["started"]) == ([], [])


@pytest.mark.skipif(sys.platform != "linux", reason="the renderer is forked, on Linux only")
def test_a_document_that_fails_to_compose_ends_its_renderer(own_project: Any, tmp_path: Path) -> None:
    layout = own_project.project / "layouts" / "brochure-a4.yaml"
    layout.write_text(layout.read_text(encoding="utf-8").replace("{vision}", "{visoin}", 1), encoding="utf-8")
    result, stderr = _probe(
        own_project, tmp_path / "out", "--layout", "brochure-a4", "--lang", "en", "-j", "2"
    )
    assert result == {"code": 1, "started": [True], "left": False}, stderr
    assert "no profile field 'visoin'" in stderr


@pytest.mark.skipif(sys.platform != "linux", reason="the renderer is forked, on Linux only")
def test_a_renderer_started_for_a_selection_that_does_not_load_is_ended(
    shipped_builds: Any, tmp_path: Path
) -> None:
    """The renderer is started before anything is loaded, on the selection and the project's
    files alone (one profile, one layout, one language): a layout that is not there ends it."""
    result, stderr = _probe(
        shipped_builds, tmp_path / "out", "--layout", "no-such", "--lang", "en", "-j", "2"
    )
    assert result == {"code": 1, "started": [True], "left": False}, stderr
    assert "no layout 'no-such'" in stderr


@pytest.mark.skipif(sys.platform != "linux", reason="the renderer is forked, on Linux only")
def test_both_variants_with_marks_are_those_of_one_process(shipped_builds: Any, tmp_path: Path) -> None:
    """The renderer draws the first variant (print) as the pages come and the second (screen)
    from the whole document: both files are those `-j 1` makes."""
    argv = ("--layout", "brochure-a4", "--lang", "zh", "--for", "print", "--for", "screen", "--marks")
    one, stderr = _probe(shipped_builds, tmp_path / "one", *argv, "-j", "1")
    assert (one["code"], one["started"]) == (0, []), stderr
    two, stderr = _probe(shipped_builds, tmp_path / "two", *argv, "-j", "2")
    assert two == {"code": 0, "started": [True], "left": False}, stderr
    made, expected = shipped_builds.snapshot(tmp_path / "two"), shipped_builds.snapshot(tmp_path / "one")
    assert sorted(made) == sorted(expected) and len(made) == 3
    assert made == expected
