"""The output folder: what a build makes of the folder it is given, and who may publish when.

- it holds exactly the build's files and manifest afterwards (older files go);
- an output folder from before crash-consistent publishing (stale files, the old lock file and
  15 `.tmp`/`.bak` leftovers of a killed build, as issue 14 found them) becomes a clean build,
  and the build says what it removed;
- files and folders a build did not write (a README, `_look/`) are kept as they are, in
  both publishing modes and with `-j 2`; a folder that is no build folder (no manifest, not
  empty) is refused before anything is rendered;
- a symlinked output folder stays a symlink; the folder keeps its permissions;
- the journal (used where folders cannot be swapped atomically) gives the same result;
- a lock held by a live build makes the next one wait (and say so); a dead holder never blocks.
"""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import zjlab_reports.build as build_module
from zjlab_reports import publish
from zjlab_reports.publish import swap
from zjlab_reports.publish.lock import locked

FACTSHEET = ("--layout", "factsheet-letter")


@pytest.fixture
def no_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rendering anything fails the test: the build must stop before it."""

    def refuse(*args: object) -> object:
        raise AssertionError("rendered although the build should have stopped before")

    monkeypatch.setattr(build_module, "render", refuse)


def test_the_folder_holds_exactly_the_last_build(builds: Any, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert builds.run(out).code == 0
    assert builds.run(out, *FACTSHEET, "--lang", "zh").code == 0
    entries = builds.manifest(out)
    assert [e["path"] for e in entries] == ["zhejiang-lab-factsheet-letter-zh.pdf"]
    assert builds.temporary_files(out) == []


def test_an_output_folder_from_an_older_version_is_migrated(builds: Any, tmp_path: Path) -> None:
    """What a build killed after its third rename left, before this version (issue 14, item 1)."""
    out = tmp_path / "dist"
    assert builds.run(out, "--lang", "en").code == 0
    names = [p.name for p in out.iterdir()]
    for i in range(15):
        name = names[i % len(names)]
        (out / f".{name}.x{i:07d}.{'tmp' if i % 2 else 'bak'}").write_bytes(b"half a file")
    (out / ".zjlab-reports.lock").touch()
    (out / "zhejiang-lab-brochure-a4-zh.pdf").write_bytes(b"%PDF-1.4 stale, not in the manifest")
    outcome = builds.run(out, "--lang", "en")
    assert outcome.code == 0, outcome.stderr
    assert "warning: removed 15 temporary files left by a killed build" in outcome.stderr
    builds.manifest(out)
    assert builds.temporary_files(out) == []
    assert not (out / "zhejiang-lab-brochure-a4-zh.pdf").exists()


@pytest.mark.parametrize("foreign", [("notes.txt",), ("report.docx", "photo.jpg"), ("assets/",)])
def test_a_folder_that_is_no_build_folder_is_refused(
    builds: Any, tmp_path: Path, no_rendering: None, foreign: tuple[str, ...]
) -> None:
    """Not empty and no manifest (say `--out ~`): never filled with a build."""
    out = tmp_path / "mine"
    out.mkdir()
    for name in foreign:
        if name.endswith("/"):
            (out / name).mkdir()
        else:
            (out / name).write_text("my own file")
    before = {p.name for p in out.iterdir()}
    outcome = builds.run(out)
    assert outcome.code == 1, outcome.stderr
    assert "error: the output folder is not a build folder (it has no manifest.json)" in outcome.stderr
    assert f"holds {len(foreign)} file" in outcome.stderr
    assert all(name in outcome.stderr for name in foreign)
    assert "choose an empty or new folder with --out" in outcome.stderr
    assert {p.name for p in out.iterdir()} == before


@pytest.mark.parametrize(("mode", "jobs"), [("exchange", "2"), ("journal", "1"), ("journal", "2")])
def test_files_a_build_did_not_write_are_kept(
    builds: Any, faults: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str, jobs: str
) -> None:
    """A README and a checking tool's `_look/` folder survive builds, byte-identical and with their
    times; the build's own files are replaced, and those it no longer makes are removed."""
    if mode == "journal":
        monkeypatch.setattr(swap, "exchange_function", lambda: None)
    out = tmp_path / "dist"
    assert builds.run(out, *FACTSHEET, "-j", jobs).code == 0
    (out / "_look").mkdir()
    (out / "_look" / "link").symlink_to("index.txt")
    faults.plant(out)  # dates the folder after the link was made
    inode = (out / "README.md").stat().st_ino
    wide = builds.run(out, "-j", jobs)
    assert wide.code == 0, wide.stderr
    assert len(builds.manifest(out, faults.FOREIGN_NAMES)) > 2
    narrow = builds.run(out, *FACTSHEET, "--lang", "zh", "-j", jobs)
    assert narrow.code == 0, narrow.stderr
    entries = builds.manifest(out, faults.FOREIGN_NAMES)
    assert [e["path"] for e in entries] == ["zhejiang-lab-factsheet-letter-zh.pdf"]
    assert faults.planted(out) == {
        **faults.expected_planted(),
        "_look/link": (b"pages checked\n", 1_600_000_000),
    }
    assert os.readlink(out / "_look" / "link") == "index.txt"
    assert (out / "README.md").stat().st_ino == inode, "hard-linked (exchange) or left in place (journal)"
    assert builds.temporary_files(out) == []


def test_an_empty_folder_or_one_with_only_a_manifest_is_a_build_folder(builds: Any, tmp_path: Path) -> None:
    for out in (tmp_path / "empty", tmp_path / "manifest"):
        out.mkdir()
    (tmp_path / "manifest" / "manifest.json").write_text('{"artifacts": []}')
    (tmp_path / "manifest" / "notes.txt").write_text("kept")
    for out in (tmp_path / "empty", tmp_path / "manifest"):
        outcome = builds.run(out, *FACTSHEET, "--lang", "en")
        assert outcome.code == 0, outcome.stderr
    builds.manifest(tmp_path / "empty")
    builds.manifest(tmp_path / "manifest", ("notes.txt",))
    assert (tmp_path / "manifest" / "notes.txt").read_text() == "kept"


def test_the_project_folder_itself_is_refused(builds: Any, no_rendering: None) -> None:
    outcome = builds.run(builds.project)
    assert outcome.code == 1 and "data/" in outcome.stderr and "layouts/" in outcome.stderr, outcome.stderr


def test_a_symlinked_folder_stays_a_symlink_and_keeps_its_mode(builds: Any, tmp_path: Path) -> None:
    target = tmp_path / "real"
    target.mkdir(mode=0o750)
    target.chmod(0o750)
    link = tmp_path / "dist"
    link.symlink_to(target, target_is_directory=True)
    for _ in range(2):
        outcome = builds.run(link, *FACTSHEET)
        assert outcome.code == 0, outcome.stderr
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert stat.S_IMODE(target.stat().st_mode) == 0o750
    builds.manifest(target)
    assert builds.temporary_files(target) == []


def test_the_journal_gives_the_same_folder(
    builds: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Where folders cannot be swapped (a mount point, no renameat2), files are journalled."""
    assert builds.run(tmp_path / "swapped", *FACTSHEET).code == 0
    monkeypatch.setattr(swap, "exchange_function", lambda: None)
    out = tmp_path / "journalled"
    for _ in range(2):
        outcome = builds.run(out, *FACTSHEET)
        assert outcome.code == 0, outcome.stderr
    assert builds.snapshot(out) == builds.snapshot(tmp_path / "swapped")
    assert builds.temporary_files(out) == []
    inode = out.stat().st_ino
    assert builds.run(out, *FACTSHEET).code == 0 and out.stat().st_ino == inode, "the folder stays"


HOLD = """
import sys, time
from pathlib import Path
from zjlab_reports.publish.lock import locked
with locked(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(120)
"""


@pytest.mark.parametrize("holder_dies", [False, True])
def test_a_live_lock_makes_builds_wait_and_a_dead_one_does_not(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, holder_dies: bool
) -> None:
    out = tmp_path / "out"
    publish.publish(out, [("manifest.json", b'{"artifacts": []}\n')])
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        if holder_dies:
            holder.kill()
            holder.wait(timeout=30)
        caplog.set_level(logging.INFO, logger="zjlab_reports.publish")
        files = [("manifest.json", b'{"artifacts": []}\n')]
        worker = threading.Thread(target=publish.publish, args=(out, files))
        started = time.monotonic()
        worker.start()
        worker.join(timeout=3)
        if holder_dies:
            assert not worker.is_alive(), "a lock held by a dead process blocked the build"
            assert not any("waiting" in r.getMessage() for r in caplog.records)
            return
        assert worker.is_alive(), "the build did not wait for the live holder"
        assert any("waiting for another build" in r.getMessage() for r in caplog.records)
        holder.kill()
        worker.join(timeout=30)
        assert not worker.is_alive() and time.monotonic() - started >= 3
    finally:
        holder.kill()
        holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()


def test_the_lock_follows_the_folder_through_a_swap(tmp_path: Path) -> None:
    """Two publishers in a row: the second locks the folder the first swapped in, not the old one."""
    out = tmp_path / "out"
    publish.publish(out, [("manifest.json", b"1")])
    first = out.stat().st_ino
    with locked(out) as lock:
        assert os.fstat(lock.fds[0]).st_ino == first
    publish.publish(out, [("manifest.json", b"2")])
    with locked(out) as lock:
        assert os.fstat(lock.fds[0]).st_ino == out.stat().st_ino != first
