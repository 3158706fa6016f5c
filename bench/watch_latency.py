"""How long from saving a file to `zjlab-reports watch` having published the rebuilt documents.

Runs `zjlab-reports watch` on a copy of the shipped project, saves edits to a layout (its two
documents rebuild) and to the profile (every document rebuilds) several times, and prints the
median and worst latency of each: save -> the "rebuilt" line (files published). The target of
issue 12 is under one second. Usage: `.venv/bin/python bench/watch_latency.py [--rounds N]`.
"""

from __future__ import annotations

import argparse
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 1.0


def start(project: Path) -> tuple[subprocess.Popen[str], queue.Queue[tuple[float, str]]]:
    script = Path(sys.executable).parent / "zjlab-reports"
    process = subprocess.Popen(
        [str(script), "watch"], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put((time.perf_counter(), line))

    threading.Thread(target=read, daemon=True).start()
    return process, lines


def wait_for(lines: queue.Queue[tuple[float, str]], text: str) -> float:
    while True:
        when, line = lines.get(timeout=120)
        if "error:" in line:
            raise SystemExit(f"watch reported a problem: {line}")
        if text in line:
            return when


def layout_edit(text: str, i: int) -> str:
    return re.sub(
        r"margins: \{top: ([0-9.]+)", lambda m: f"margins: {{top: {float(m[1]) + 0.01 * (i + 1):.2f}", text
    )


def profile_edit(text: str, i: int) -> str:
    return text.replace("value: 90.5", f"value: {80.5 + i}")


def measure(rounds: int) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        for name in ("data", "layouts", "themes"):
            shutil.copytree(ROOT / name, project / name)
        process, lines = start(project)
        wait_for(lines, "built")
        cases = {
            "layout (2 documents)": (project / "layouts" / "brochure-a4.yaml", layout_edit),
            "profile (every document)": (project / "data" / "zhejiang-lab.yaml", profile_edit),
        }
        found: dict[str, list[float]] = {name: [] for name in cases}
        originals = {name: path.read_text(encoding="utf-8") for name, (path, _) in cases.items()}
        for i in range(rounds):
            for name, (path, edit) in cases.items():
                original = originals[name]
                time.sleep(0.3)
                saved = time.perf_counter()
                path.write_text(edit(original, i), encoding="utf-8")
                found[name].append(wait_for(lines, "rebuilt") - saved)
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    return found


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--rounds", type=int, default=5)
    found = measure(options.parse_args().rounds)
    print(f"{'edit':28} {'median':>8} {'worst':>8}  target < {TARGET_S:.1f} s")
    for name, seconds in found.items():
        verdict = "pass" if max(seconds) < TARGET_S else "FAIL"
        print(f"{name:28} {statistics.median(seconds):7.2f}s {max(seconds):7.2f}s  {verdict}")


if __name__ == "__main__":
    main()
