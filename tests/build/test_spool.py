"""The spool: finished files kept on disk until published, so that a build's memory does not grow
with its batch; handles that cross processes; nothing left behind."""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from zjlab_reports import spool

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("size", [0, 1, 70_000, 3_000_000])
def test_a_spooled_file_reads_back_with_its_digest(size: int) -> None:
    data = os.urandom(size)
    blob = spool.put(data)
    assert blob.read() == data
    assert (blob.size, blob.sha256) == (size, hashlib.sha256(data).hexdigest())
    assert Path(os.fspath(blob)).parent == spool.folder()


def test_dropping_the_last_handle_removes_the_file() -> None:
    blob = spool.put(b"a brochure")
    path = Path(os.fspath(blob))
    again = pickle.loads(pickle.dumps(blob))  # a handle that comes back is the live one
    assert again is blob
    del blob, again
    gc.collect()
    assert not path.exists()


def test_equal_bytes_make_equal_handles() -> None:
    one, two, other = spool.put(b"same"), spool.put(b"same"), spool.put(b"other")
    assert one == two and hash(one) == hash(two) and one != other
    assert os.fspath(one) != os.fspath(two)


SCRIPT = """
import sys
from pathlib import Path
from typing import Any
from zjlab_reports.jobs import in_pool
from zjlab_reports import spool

def make(index, failed):
    return spool.put(bytes([index]) * 100_000)

folder = spool.folder()
blobs = in_pool(make, [2, 1, 0], 2)
assert [b.read()[0] for b in blobs] == [0, 1, 2], blobs
assert sorted(p.name[:16] for p in folder.iterdir()) == sorted(b.sha256[:16] for b in blobs)
print(folder)
"""


def test_workers_hand_their_files_over_and_the_folder_goes_at_exit(tmp_path: Path) -> None:
    """A pool worker's files outlive the worker; the build's process removes the folder at exit."""
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).parent == tmp_path
    assert list(tmp_path.iterdir()) == [], "the spool folder was left behind"


def test_a_build_process_ends_with_its_files_published_and_its_spool_gone(tmp_path: Path) -> None:
    """`python -m zjlab_reports` ends without tearing its heap down (`cli.exit_now`): the exit
    handlers still run (the spool folder goes), its output is all there, its exit code is kept."""
    spooled = tmp_path / "tmp"
    spooled.mkdir()
    env = {**os.environ, "TMPDIR": str(spooled)}
    argv = [
        sys.executable,
        "-m",
        "zjlab_reports",
        "--project",
        str(ROOT),
        "build",
        "--layout",
        "factsheet-letter",
    ]
    done = subprocess.run(
        [*argv, "-j", "2", "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "wrote 2 files and manifest.json" in done.stdout  # flushed into a pipe
    assert sorted(p.name for p in (tmp_path / "out").iterdir())[0] == "manifest.json"
    assert list(spooled.iterdir()) == [], "the spool folder was left behind"
    bad = subprocess.run(
        [*argv, "--layout", "no-such", "--out", str(tmp_path / "bad")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert bad.returncode == 1 and "no layout 'no-such'" in bad.stderr


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_build_links_its_files_into_place_and_a_watching_process_copies_them(
    builds: Any, tmp_path: Path
) -> None:
    """A build hands its spooled files over to publishing (linked: no copy, the mode of a file
    publishing writes); a watching process publishes an unchanged file in every round, so it
    copies them (editing a published file must not change the next round's)."""
    from zjlab_reports.build import Selection, build
    from zjlab_reports.project import Project
    from zjlab_reports.rebuild import Rebuilder

    selection = Selection(layouts=("factsheet-letter",), langs=("en",))
    [made] = build(Project(builds.project), tmp_path / "built", selection)
    placed = (tmp_path / "built" / made.path).stat()
    assert placed.st_ino == os.stat(made.blob).st_ino
    assert stat.S_IMODE(placed.st_mode) == 0o644 & ~_umask()
    rebuilder = Rebuilder(Project(builds.project), tmp_path / "watched", selection)
    assert rebuilder.refresh().changed
    [kept] = rebuilder.artifacts()
    copied = (tmp_path / "watched" / kept.path).stat()
    assert copied.st_ino != os.stat(kept.blob).st_ino
    assert stat.S_IMODE(copied.st_mode) == stat.S_IMODE(placed.st_mode)
