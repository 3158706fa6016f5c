"""Before and after: a git revision in; the same commands timed with its code and with this tree's, out.

Run: `.venv/bin/python bench/compare.py main [--repeat N]`. The revision's `src/` is exported to
a temporary folder and put first on PYTHONPATH (same interpreter, same packages). Runs of the
two alternate, so that a machine shared with other work slows both alike; each row shows the
median wall time with its spread as noise, and the median CPU time (user + system, worker
processes included), which a busy machine disturbs much less. Only commands both revisions
know are compared.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import workload
from measure import run_process

COMMANDS = {
    "one brochure": ["build", "--layout", "brochure-a4", "--lang", "en", "--out", "OUT"],
    "one deck": ["build", "--layout", "deck-16x9", "--lang", "en", "--out", "OUT"],
    "default build": ["build", "--out", "OUT"],
    "validate, cold": ["validate"],  # its stored verdict removed before each run
    "validate, warm": ["validate"],  # a stored verdict, where the revision keeps one
    "list": ["list"],
    "--help": ["--help"],
}


def export(revision: str, folder: Path) -> Path:
    """The revision's `src/` under `folder`."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, "src"],
        cwd=workload.ROOT,
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="a git revision to compare with (e.g. main)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zjlab-compare-") as folder:
        tmp = Path(folder)
        project = workload.shipped_copy(tmp / "project")
        envs = {
            args.revision: {"PYTHONPATH": str(export(args.revision, tmp / "before"))},
            "this tree": {"PYTHONPATH": str(workload.ROOT / "src")},
        }
        print(f"{'':16}" + "".join(f"{name + ' (wall; cpu)':>34}" for name in envs))
        for row, argv in COMMANDS.items():
            times: dict[str, list[tuple[float, float]]] = {name: [] for name in envs}
            for name, extra in envs.items():  # warm each one's font cache
                _run(project, tmp, name, row, argv, extra)
            for _ in range(args.repeat):
                for name, extra in envs.items():
                    times[name].append(_run(project, tmp, name, row, argv, extra))
            cells = [_cell(t) for t in times.values()]
            print(f"{row:16}" + "".join(f"{cell:>34}" for cell in cells))
            shutil.rmtree(tmp / "out", ignore_errors=True)
    return 0


def _cell(runs: list[tuple[float, float]]) -> str:
    wall = [w for w, _ in runs]
    cpu = statistics.median(c for _, c in runs)
    return f"{statistics.median(wall):.3f} s ({min(wall):.2f}-{max(wall):.2f}); {cpu:.3f} s"


def _run(
    project: Path, tmp: Path, name: str, row: str, argv: list[str], extra: dict[str, str]
) -> tuple[float, float]:
    cache = tmp / f"cache-{name.replace(' ', '-')}"
    if argv == ["validate"] and row.endswith("cold"):
        shutil.rmtree(cache / "verdicts", ignore_errors=True)  # the run validates in full
    env = {**os.environ, **extra, "ZJLAB_REPORTS_CACHE": str(cache), "SOURCE_DATE_EPOCH": "1700000000"}
    command = [sys.executable, "-m", "zjlab_reports", "--project", str(project)]
    command += [str(tmp / "out") if part == "OUT" else part for part in argv]
    run = run_process(command, env)
    return run.seconds, run.cpu_s


if __name__ == "__main__":
    sys.exit(main())
