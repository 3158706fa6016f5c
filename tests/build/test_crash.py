"""Crash consistency: a build killed (SIGKILL) at any step of publishing loses nothing.

`faults.py` counts every step publishing takes on disk (each open, write, copy, fsync, close, mkdir,
rename, unlink, the folder exchange). A child process publishes a new build over an old one
and is killed at step 1, then at step 2, ... up to the last; after each:

- exchange mode (the default on Linux): the folder holds exactly the old build or exactly the
  new one, its manifest matching its files, whatever the step;
- journal mode (mount points, file systems without an atomic exchange): the folder is the old
  or the new build, or it holds a committed journal that the next run finishes;
- the next run's recovery leaves exactly the old or the new build and no leftover, and says
  what it removed or finished; a publish after it succeeds (a dead process holds no lock).

With a README and a `_look/` folder a build did not write in the folder, the same kills leave
them there, byte-identical with their modification times, before and after recovery.

The same steps are then failed in-process with an OSError (a full disk): the build fails with
"cannot write output" and the folder is as it was — or, past the point of no return, the new
build is in place. A few real `zjlab-reports build` processes are killed too.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from zjlab_reports import publish
from zjlab_reports.diagnostics import DiagnosticError

MODES = ["exchange", "journal"]


def _driver(faults: ModuleType, command: str, config: dict[str, Any]) -> Any:
    done = subprocess.run(
        [sys.executable, str(faults.__file__), command, json.dumps(config)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _state(
    builds: Any, folder: Path, old: dict[str, bytes], new: dict[str, bytes], foreign: tuple[str, ...] = ()
) -> str:
    """ "old" or "new" when the folder holds exactly that build (hidden leftovers and `foreign`
    entries aside), else "mixed"."""
    files = {
        name: data for name, data in builds.snapshot(folder, foreign).items() if not name.startswith(".")
    }
    return "old" if files == old else "new" if files == new else "mixed"


@pytest.fixture(scope="module")
def traced(
    faults: ModuleType, two_builds: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[str]]:
    """The steps one publish takes, in each mode."""
    old, new = two_builds
    return {
        mode: _driver(
            faults,
            "trace",
            {
                "old": str(old),
                "new": str(new),
                "root": str(tmp_path_factory.mktemp(mode)),
                "journal": mode == "journal",
            },
        )
        for mode in MODES
    }


@dataclass(frozen=True)
class Contents:
    """The two builds (folder, files by name) and the steps publishing one over the other takes."""

    old: tuple[Path, dict[str, bytes]]
    new: tuple[Path, dict[str, bytes]]
    steps: dict[str, list[str]]


@pytest.fixture
def contents(builds: Any, two_builds: tuple[Path, Path], traced: dict[str, list[str]]) -> Contents:
    old, new = two_builds
    return Contents((old, builds.snapshot(old)), (new, builds.snapshot(new)), traced)


def test_publishing_takes_the_steps_it_should(
    traced: dict[str, list[str]], two_builds: tuple[Path, Path]
) -> None:
    """Every file written and fsynced, the new folder fsynced before the switch, the parent after."""
    files = len(list(two_builds[1].iterdir()))
    for mode, steps in traced.items():
        kinds = [step.split()[0] for step in steps]
        written = kinds.count("write") + kinds.count("copy_file_range")
        assert written >= files and kinds.count("fsync") >= files + 2, (mode, steps)
    kinds = [step.split()[0] for step in traced["exchange"]]
    switch = kinds.index("exchange")
    assert kinds[switch - 3 : switch] == ["open", "fsync", "close"], "the new folder is fsynced before"
    assert kinds[switch + 1 : switch + 4] == ["open", "fsync", "close"], "the parent is fsynced after"
    assert kinds.count("fsync") == files + 2
    journal = traced["journal"]
    commit = next(i for i, step in enumerate(journal) if step.startswith("replace COMMIT.json.tmp"))
    assert all(not step.startswith("replace") for step in journal[:commit]), (
        "nothing placed before the commit"
    )
    assert sum(step.startswith("replace") for step in journal[commit + 1 :]) == files


@pytest.mark.parametrize("mode", MODES)
def test_killed_at_every_step_of_publishing(
    builds: Any, faults: ModuleType, contents: Contents, tmp_path: Path, mode: str, caplog: Any
) -> None:
    (old_folder, old), (new_folder, new), steps = contents.old, contents.new, contents.steps[mode]
    config = {
        "old": str(old_folder),
        "new": str(new_folder),
        "root": str(tmp_path),
        "journal": mode == "journal",
    }
    ended = _driver(faults, "kill", {**config, "steps": len(steps)})
    assert ended == ["killed"] * len(steps), "every child must die at its step"
    caplog.set_level(logging.WARNING, logger="zjlab_reports.publish")
    states = []
    for k, step in enumerate(steps, start=1):
        folder = tmp_path / str(k) / "out"
        where = f"killed at step {k} ({step})"
        state = _state(builds, folder, old, new)
        leftovers = builds.temporary_files(folder)
        committed = (folder / publish.JOURNAL / "COMMIT.json").is_file()
        if mode == "exchange" or not committed:
            assert state in ("old", "new"), f"{where}: the folder holds neither build"
            builds.manifest(folder)  # every file listed, with its sha256; nothing unlisted
        caplog.clear()
        done = publish.recover(folder)
        assert bool(done) == bool(leftovers), f"{where}: left {leftovers}, recovery said {done}"
        assert [r.getMessage() for r in caplog.records] == done
        after = _state(builds, folder, old, new)
        assert after in ("old", "new") and builds.temporary_files(folder) == [], f"{where}: after recovery"
        assert after == ("new" if committed else state), f"{where}: {state} became {after}"
        builds.manifest(folder)
        states.append(after)
        publish.publish(folder, faults.build_files(new_folder))
        assert _state(builds, folder, old, new) == "new" and builds.temporary_files(folder) == []
    switch = states.index("new")
    assert states == ["old"] * switch + ["new"] * (len(states) - switch), states
    assert 0 < switch < len(states), "the switch happens inside publishing"


@pytest.mark.parametrize("mode", MODES)
def test_a_full_disk_at_any_step_fails_cleanly(
    builds: Any, faults: ModuleType, contents: Contents, tmp_path: Path, mode: str
) -> None:
    (old_folder, old), (new_folder, new) = contents.old, contents.new
    for k, step in enumerate(contents.steps[mode], start=1):
        folder = tmp_path / str(k) / "out"
        publish.publish(folder, faults.build_files(old_folder))
        undo = faults.install(faults.Steps(k, faults.fail), journal=mode == "journal")
        try:
            publish.publish(folder, faults.build_files(new_folder))
            failed = None
        except DiagnosticError as exc:
            failed = exc
        finally:
            undo()
        where = f"disk full at step {k} ({step})"
        state = _state(builds, folder, old, new)
        if failed is not None:
            assert "cannot write output" in str(failed) and "No space left" in str(failed), where
        committed = (folder / publish.JOURNAL / "COMMIT.json").exists()
        if failed is None:
            assert state == "new", f"{where}: no error, but not the new build"
        elif not committed:
            assert state == "old" and builds.temporary_files(folder) == [], f"{where}: {state}"
        publish.recover(folder)
        after = _state(builds, folder, old, new)
        assert after == ("old" if failed and not committed else "new"), f"{where}: {after} after recovery"
        assert builds.temporary_files(folder) == []


KILL_POINTS = {  # where `zjlab-reports build` is killed, and which build the folder then holds
    "link:2": "old",  # placing the second file of the new build (a build links its files)
    "exchange:1": "old",  # right before the switch
    "unlink:2": "new",  # removing the previous build, after the switch
}


@pytest.mark.parametrize("point", sorted(KILL_POINTS))
def test_a_killed_cli_build_and_the_next_one(
    own_project: Any, faults: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, point: str
) -> None:
    """`zjlab-reports build` killed while publishing; the next build cleans up and says so."""
    out = tmp_path / "out"
    selection = ("--layout", "factsheet-letter")
    assert own_project.run(out, *selection).code == 0
    before = own_project.snapshot(out)
    argv = [
        sys.executable,
        str(faults.__file__),
        "cli",
        point,
        "exchange",
        *own_project.argv(out, *selection),
    ]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1800000000", "ZJLAB_REPORTS_CACHE": str(own_project.cache)}
    killed = subprocess.run(argv, capture_output=True, text=True, timeout=300, env=env, check=False)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert (own_project.snapshot(out) == before) == (KILL_POINTS[point] == "old"), point
    own_project.manifest(out)
    assert own_project.temporary_files(out), "a killed build leaves something to clean up"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    again = own_project.run(out, *selection)
    assert again.code == 0, again.stderr
    assert "warning: removed 1 unfinished build folder left by a killed build" in again.stderr
    assert own_project.temporary_files(out) == []
    assert own_project.snapshot(out) != before
    own_project.manifest(out)


@pytest.mark.parametrize("mode", MODES)
def test_files_a_build_did_not_write_survive_a_kill_at_every_step(
    builds: Any, faults: ModuleType, contents: Contents, tmp_path: Path, mode: str
) -> None:
    """A README and a `_look/` folder in the build folder: there, unchanged, whatever the step."""
    (old_folder, old), (new_folder, new) = contents.old, contents.new
    config = {"old": str(old_folder), "new": str(new_folder), "journal": mode == "journal", "foreign": True}
    steps = _driver(faults, "trace", {**config, "root": str(tmp_path / "trace")})
    assert any(step.startswith("link ") for step in steps) == (mode == "exchange"), steps
    root = tmp_path / "killed"
    ended = _driver(faults, "kill", {**config, "root": str(root), "steps": len(steps)})
    assert ended == ["killed"] * len(steps), "every child must die at its step"
    expected, foreign = faults.expected_planted(), faults.FOREIGN_NAMES
    for k, step in enumerate(steps, start=1):
        folder, where = root / str(k) / "out", f"killed at step {k} ({step})"
        assert faults.planted(folder) == expected, f"{where}: the files we did not write changed"
        committed = (folder / publish.JOURNAL / "COMMIT.json").is_file()
        assert committed or _state(builds, folder, old, new, foreign) in ("old", "new"), where
        publish.recover(folder)
        assert _state(builds, folder, old, new, foreign) in ("old", "new"), f"{where}: after recovery"
        publish.publish(folder, faults.build_files(new_folder))
        assert _state(builds, folder, old, new, foreign) == "new", where
        builds.manifest(folder, foreign)
        assert faults.planted(folder) == expected and builds.temporary_files(folder) == [], where
