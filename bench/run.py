"""Benchmark: the shipped project in; a table of where the time and memory go, against the floors and
Typst, with pass/fail per target, on stdout, and the same as JSON out.

Run: `.venv/bin/python bench/run.py [--repeat N] [--batch N] [--json PATH]` (about 1.5 minutes on
a 2-core machine; `pip install -e '.[bench]'` adds the Typst peer). Exits 1 when a target is
missed. Every build runs with its own font cache, warmed first ("warm") or emptied before
each run ("empty cache"). Sections:

- whole process (`python -m zjlab_reports ...`, medians of `--repeat` runs, min-max shown as
  noise, and the median CPU time of the process and its workers, which a machine busy with
  other work disturbs much less than the wall time): one brochure and one deck (warm, empty
  cache), the default build (warm, `-j 1`, empty cache), `validate` cold (no stored verdict:
  it loads and composes everything) and warm (a second run, which reports the verdict the
  first stored), `list`, `--help`; the floors as whole processes (bare reportlab, bare
  python-pptx drawing the same pages from a file of operations) and Typst making the same
  brochure;
- in process (`inprocess.py`): load, compose and render per artifact kind and the floors,
  with ratios; the cost per page of a 10- and a 105-page brochure; each timed call makes
  another profile variant, so the memos kept between documents help only as in a batch;
- batches (`workload.py`): 100 profile variants x brochure, and x brochure + deck, with `-j 1`
  and `-j 2`, their peak memory (the build and its workers together) and Typst's 100.

What a target compares is measured in turn, one run of each and again, so that a machine that
gets slower or faster during the run (this one does, by up to 40%) changes both sides alike:
one brochure with its bare-ReportLab floor and Typst's, our 100 brochures with Typst's 100.

Targets are issue 13's; they live here and never in unit tests.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import inprocess
import peer_typst
import workload
from measure import Run, run_process
from report import print_report, targets

FLOORS = Path(__file__).parent / "floors.py"


class Bench:
    """The folders, environment and commands of one benchmark run."""

    def __init__(self, tmp: Path, args: argparse.Namespace):
        self.tmp, self.args = tmp, args
        self.project = workload.shipped_copy(tmp / "project")
        self.cache = tmp / "cache"
        self.env = {**os.environ, "ZJLAB_REPORTS_CACHE": str(self.cache), "SOURCE_DATE_EPOCH": "1700000000"}

    def zjlab(self, *argv: str, project: Path | None = None) -> list[str]:
        out = str(self.tmp / "out")
        argv = tuple(out if part == "OUT" else part for part in argv)
        return [sys.executable, "-m", "zjlab_reports", "--project", str(project or self.project), *argv]

    def runs(
        self, argv: list[str], count: int | None = None, before: Callable[[], None] | None = None
    ) -> dict:
        done: list[Run] = []
        for _ in range(count or self.args.repeat):
            if before:
                before()
            done.append(run_process(argv, self.env))
        return _summary(done)

    def empty_cache(self) -> None:
        shutil.rmtree(self.cache, ignore_errors=True)

    def no_verdicts(self) -> None:
        """Forget validate's stored verdicts (the fonts stay), so that it runs in full."""
        shutil.rmtree(self.cache / "verdicts", ignore_errors=True)


def _summary(done: list[Run]) -> dict[str, Any]:
    seconds = [run.seconds for run in done]
    return {
        "median_s": statistics.median(seconds),
        "cpu_s": statistics.median(run.cpu_s for run in done),
        "min_s": min(seconds),
        "max_s": max(seconds),
        "rss_mb": max(run.rss_mb for run in done),
        "tree_mb": max(run.tree_mb for run in done),
        "runs": len(done),
    }


def whole_process(bench: Bench) -> dict[str, Any]:
    """Whole-process rows: our commands warm and cold, and the floors as processes."""
    run_process(bench.zjlab("build", "--out", "OUT"), bench.env)  # warm the font cache
    rows = {
        "deck": bench.runs(bench.zjlab("build", "--layout", "deck-16x9", "--lang", "en", "--out", "OUT")),
        "default build": bench.runs(bench.zjlab("build", "--out", "OUT")),
        "default build -j 1": bench.runs(bench.zjlab("build", "-j", "1", "--out", "OUT"), 3),
        "validate, cold (no stored verdict)": bench.runs(bench.zjlab("validate"), before=bench.no_verdicts),
        "validate, warm (stored verdict)": bench.runs(bench.zjlab("validate")),
        "list": bench.runs(bench.zjlab("list")),
        "--help": bench.runs(bench.zjlab("--help")),
    }
    rows["default build, empty cache"] = bench.runs(
        bench.zjlab("build", "--out", "OUT"), 2, bench.empty_cache
    )
    rows["validate, empty cache"] = bench.runs(bench.zjlab("validate"), 2, bench.empty_cache)
    for name, layout in (("brochure", "brochure-a4"), ("deck", "deck-16x9")):
        rows[f"{name}, empty cache"] = bench.runs(
            bench.zjlab("build", "--layout", layout, "--lang", "en", "--out", "OUT"), 2, bench.empty_cache
        )
    run_process(bench.zjlab("build", "--out", "OUT"), bench.env)  # warm again for what follows
    return rows


def floor_processes(bench: Bench, ops: Path) -> dict[str, Any]:
    """One brochure as a whole process, its floor and Typst's, measured in turn (one run of
    each, then again), so that a machine getting slower or faster during the run changes the
    three alike; and the deck's floor."""
    out = str(bench.tmp / "floor.out")
    turns: dict[str, Callable[[], Run]] = {
        "brochure": lambda: run_process(
            bench.zjlab("build", "--layout", "brochure-a4", "--lang", "en", "--out", "OUT"), bench.env
        ),
        "floor: bare reportlab brochure": lambda: run_process(
            [sys.executable, str(FLOORS), "pdf", str(ops / "brochure-a4-en.json"), out], bench.env
        ),
    }
    if peer_typst.available():
        peer_typst.prepare(bench.project)
        turns["typst brochure"] = lambda: peer_typst.whole_process(
            bench.project, "data/zhejiang-lab.yaml", bench.env, 1
        )[0]
    rows = _in_turn(turns, bench.args.repeat)
    rows["floor: bare python-pptx deck"] = bench.runs(
        [sys.executable, str(FLOORS), "pptx", str(ops / "deck-16x9-en.json"), out]
    )
    return rows


def _in_turn(turns: dict[str, Callable[[], Run]], count: int) -> dict[str, Any]:
    """Each of `turns` run `count` times, one of each in turn; the summary of each."""
    done: dict[str, list[Run]] = {name: [] for name in turns}
    for _ in range(count):
        for name, turn in turns.items():
            done[name].append(turn())
    return {name: _summary(runs) for name, runs in done.items()}


def batches(bench: Bench) -> dict[str, Any]:
    """100 variants x brochure (and x brochure + deck), -j 1 and -j 2, and Typst's 100."""
    count = bench.args.batch
    project = workload.variants_project(bench.tmp / "variants", count)
    small = workload.variants_project(bench.tmp / "variants-10", 10)
    brochure = ("build", "--layout", "brochure-a4", "--lang", "en", "--out", "OUT")
    pair = ("build", "--layout", "brochure-a4", "--layout", "deck-16x9", "--lang", "en", "--out", "OUT")
    # warm: the fonts of the variants, and each project's pictures checked once per file version
    for warmed in (small, project):
        run_process(bench.zjlab(*brochure, "-j", "2", project=warmed), bench.env)
    profiles = [f"data/variant-{i:03d}.yaml" for i in range(1, count + 1)]
    judged = bench.zjlab(*brochure, "-j", "2", project=project)
    turns: dict[str, Callable[[], Run]] = {f"{count} brochures -j 2": lambda: run_process(judged, bench.env)}
    if peer_typst.available():  # in turn with ours, so that both see the machine alike
        peer_typst.prepare(project)
        turns[f"typst {count} brochures"] = lambda: peer_typst.batch(project, profiles, bench.env)
    taken = _in_turn(turns, bench.args.batch_runs)
    rows = {f"{count} brochures -j 1": bench.runs(bench.zjlab(*brochure, "-j", "1", project=project), 1)}
    rows[f"{count} brochures -j 2"] = taken.pop(f"{count} brochures -j 2")
    rows[f"{count} brochure + deck pairs -j 1"] = bench.runs(
        bench.zjlab(*pair, "-j", "1", project=project), 1
    )
    rows[f"{count} brochure + deck pairs -j 2"] = bench.runs(
        bench.zjlab(*pair, "-j", "2", project=project), bench.args.batch_runs
    )
    rows["10 brochures -j 2"] = bench.runs(bench.zjlab(*brochure, "-j", "2", project=small), 1)
    lettered = workload.variants_project(bench.tmp / "variants-lettered", count, own_letters=True)
    command = bench.zjlab(*brochure, "-j", "2", project=lettered)
    runs = [run_process(command, bench.env) for _ in range(bench.args.batch_runs)]
    rows[f"{count} brochures, each with its own accented letter, -j 2"] = _summary(runs)
    rows.update(taken)  # Typst's 100
    if peer_typst.available():
        rows["typst in-process ms per brochure"] = {
            "median_s": statistics.median(peer_typst.in_process(project, profiles, 20))
        }
    return rows


def in_process(bench: Bench, ops: Path) -> tuple[dict[str, Any], dict[int, Any]]:
    """Per artifact and per page, in this process, with the cycle collector set as a build
    process of ours sets it (`cli.run`: `GC_THRESHOLDS`, what was there before frozen), the
    floors too. With Python's defaults the collector walked everything the benchmark process
    had gathered before, at every few hundred new objects, and a 105-page document paid that
    more than a 10-page one: the "linear" row read 1.2-1.55 in a full run and ~1.0 alone."""
    from zjlab_reports.cli.run import GC_THRESHOLDS

    os.environ["ZJLAB_REPORTS_CACHE"] = str(bench.cache)
    repeat = bench.args.repeat * 2
    variants = workload.variants_project(bench.tmp / "variants-in-process", repeat + 1)
    long = {pages: workload.long_layout_project(bench.tmp / f"long-{pages}", pages, 4) for pages in (10, 105)}
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        return inprocess.artifact_costs(bench.project, variants, repeat, ops), inprocess.page_costs(long, 3)
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs per whole-process row (median; default 5)"
    )
    parser.add_argument("--batch", type=int, default=100, help="profile variants in a batch (default 100)")
    parser.add_argument(
        "--batch-runs",
        type=int,
        default=3,
        help="runs of each judged batch row and of Typst's (median; default 3)",
    )
    parser.add_argument(
        "--json", type=Path, default=Path("bench/results.json"), help="where to write the JSON"
    )
    args = parser.parse_args()
    started, load_before = time.perf_counter(), os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="zjlab-bench-") as folder:
        bench = Bench(Path(folder), args)
        ops = bench.tmp / "ops"
        ops.mkdir()
        rows = whole_process(bench)
        results: dict[str, Any] = {}
        results["in_process"], results["per_page"] = in_process(bench, ops)
        in_turn = floor_processes(bench, ops)
        results["whole_process"] = {"brochure": in_turn.pop("brochure"), **rows, **in_turn}
        results["batch"] = batches(bench)
    results["machine"] = {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "typst": peer_typst.available(),
    }
    results["bench_s"] = time.perf_counter() - started
    results["targets"] = targets(results, args.batch)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print_report(results)
    print(f"\nJSON: {args.json}")
    return 0 if all(target["ok"] for target in results["targets"] if target["judged"]) else 1


if __name__ == "__main__":
    sys.exit(main())
