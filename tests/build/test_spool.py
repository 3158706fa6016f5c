"""The spool: finished files kept on disk until published, so that a build's memory does not grow
with its batch; handles that cross processes; nothing left behind."""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import subprocess
import sys
from pathlib import Path

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
