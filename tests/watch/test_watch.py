"""watch: a running `zjlab-reports watch` sees saves (in place and by rename), reports broken ones,
recovers, and stops cleanly on Ctrl-C; the watch loop stops when asked."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from zjlab_reports.build import SILENT, Selection
from zjlab_reports.project import Project
from zjlab_reports.rebuild import Rebuilder
from zjlab_reports.watch import is_source, watch, watched_folders

ROOT = Path(__file__).resolve().parents[2]
WAIT = 60  # seconds: generous for a loaded CI machine; a pass takes well under one


def project_copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for folder in ("data", "layouts", "themes"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def save_by_rename(path: Path, text: str) -> None:
    """Save as many editors do: write a new file beside the old one, then rename it over."""
    temp = path.with_name(f".{path.name}.swp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


class Session:
    """A `zjlab-reports watch` subprocess whose output lines are read as they come."""

    def __init__(self, argv: list[str], cwd: Path) -> None:
        script = Path(sys.executable).parent / "zjlab-reports"
        # Started as from a terminal, where Ctrl-C reaches it: a test run started as a shell's
        # background job ignores SIGINT, and a process started from it would inherit that.
        previous = signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            self.process = subprocess.Popen(
                [str(script), *argv], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
        finally:
            signal.signal(signal.SIGINT, previous)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def expect(self, text: str) -> str:
        """The next line containing `text` (fails after WAIT seconds)."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            self.seen.append(line)
            if text in line:
                return line
        pytest.fail(f"no line with {text!r}; output so far:\n" + "\n".join(self.seen))


@pytest.fixture
def session(tmp_path: Path) -> Iterator[tuple[Session, Path]]:
    root = project_copy(tmp_path)
    running = Session(["watch", "--layout", "factsheet-letter", "--lang", "en", "--preview"], root)
    yield running, root
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait()
    assert running.process.stdout is not None
    running.process.stdout.close()


def test_watch_rebuilds_reports_recovers_and_stops(session: tuple[Session, Path]) -> None:
    running, root = session
    running.expect("built 1 files")
    pdf = root / "dist" / "zhejiang-lab-factsheet-letter-en.pdf"
    assert "90.5" in pdf_text(pdf)
    profile = root / "data" / "zhejiang-lab.yaml"
    good = profile.read_text(encoding="utf-8")

    profile.write_text(good.replace("value: 90.5", "value: 91.5"), encoding="utf-8")  # saved in place
    running.expect("changed: data/zhejiang-lab.yaml")
    running.expect("rebuilt 1 files")
    assert "91.5" in pdf_text(pdf) and "90.5" not in pdf_text(pdf)
    assert (root / "preview" / "zhejiang-lab-factsheet-letter-en.png").is_file()

    save_by_rename(profile, good.replace("\nfounded:", "\nfounded: [2017"))  # a broken save
    problem = running.expect("error:")
    assert problem.startswith("data/zhejiang-lab.yaml:")
    running.expect("kept the last good files")
    assert "91.5" in pdf_text(pdf)

    save_by_rename(profile, good.replace("value: 90.5", "value: 92.5"))  # fixed, saved by rename
    running.expect("rebuilt 1 files")
    assert "92.5" in pdf_text(pdf)

    running.process.send_signal(signal.SIGINT)
    assert running.process.wait(timeout=WAIT) == 0
    running.expect("stopped watching")
    assert not any("Traceback" in line for line in running.seen)


def test_scratch_files_are_not_sources() -> None:
    from watchfiles import Change

    assert is_source(Change.modified, "/p/data/zhejiang-lab.yaml")
    assert is_source(Change.added, "/p/assets/logo.png")
    for scratch in (
        ".zhejiang-lab.yaml.swp",
        "zhejiang-lab.yaml~",
        "#zhejiang-lab.yaml#",
        "4913",
        "notes.txt",
    ):
        assert not is_source(Change.added, f"/p/data/{scratch}")


def test_the_loop_stops_when_asked(tmp_path: Path) -> None:
    root = project_copy(tmp_path)
    rebuilder = Rebuilder(
        Project(root), root / "dist", Selection(layouts=("factsheet-letter",), langs=("zh",))
    )
    rounds: queue.Queue = queue.Queue()
    stop = threading.Event()

    class Quiet:
        def __enter__(self):
            return SILENT

        def __exit__(self, *exc: object) -> None:
            pass

    loop = threading.Thread(
        target=watch, args=(rebuilder, lambda r, c: rounds.put((r, c)), lambda c: Quiet(), stop)
    )
    loop.start()
    try:
        first, changed = rounds.get(timeout=WAIT)
        assert [a.path for a in first.rebuilt] == ["zhejiang-lab-factsheet-letter-zh.pdf"] and changed == []
        folders = [root / "data", root / "data" / "images", root / "layouts", root / "themes"]
        assert watched_folders(rebuilder) == folders  # data/images: the cover picture and the logo
        layout = root / "layouts" / "factsheet-letter.yaml"
        layout.write_text(layout.read_text(encoding="utf-8").replace("top: 16", "top: 17"), encoding="utf-8")
        second, changed = rounds.get(timeout=WAIT)
        assert changed == [layout] and len(second.rebuilt) == 1
    finally:  # a failed assertion must not leave the loop running (pytest would never exit)
        stop.set()
        loop.join(timeout=WAIT)
    assert not loop.is_alive()
