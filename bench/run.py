"""Benchmark: the default build, cold (empty font cache) and warm, timed with its peak memory.

Run: `.venv/bin/python bench/run.py [--repeat N]`. Each build runs in a fresh process
(`python -m zjlab_reports build`), as a designer or CI would run it. Prints a table and exits
1 when a target is missed. Targets (2-core CI machine):

- warm build of everything (3 layouts x 2 languages, 8 files): median under 3 s;
- cold build (fonts subset and instanced from scratch): under 12 s;
- peak memory (max RSS of the build process): under 400 MB.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"warm_median_s": 3.0, "cold_s": 12.0, "peak_rss_mb": 400.0}


def build_once(cache: Path, out: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one build in a child process."""
    env = {**os.environ, "ZJLAB_REPORTS_CACHE": str(cache), "SOURCE_DATE_EPOCH": "1700000000"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "zjlab_reports", "--project", str(ROOT), "build", "--out", str(out)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="warm builds to time (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cache, out = Path(tmp) / "cache", Path(tmp) / "dist"
        cold, rss = build_once(cache, out)
        warm = [build_once(cache, out)[0] for _ in range(args.repeat)]
        files = sorted(p for p in out.iterdir() if p.suffix in (".pdf", ".pptx"))
        size = sum(p.stat().st_size for p in files)
    results = {"cold_s": cold, "warm_median_s": statistics.median(warm), "peak_rss_mb": rss}
    print(f"files built: {len(files)} ({size / 1e6:.1f} MB)")
    print(f"warm runs: {', '.join(f'{w:.2f}' for w in warm)} s")
    failed = False
    for name, value in results.items():
        ok = value <= TARGETS[name]
        failed |= not ok
        print(f"{name:>14}: {value:8.2f}   target <= {TARGETS[name]:g}   {'ok' if ok else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
