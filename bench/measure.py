"""Measuring: a command (or a function) in; its wall time and peak memory out, medians of several runs.

Whole-process runs go through `run_process`, which samples `/proc` every few milliseconds for
the peak memory of the process tree (a build and its worker processes together, as the sum of
their proportional set sizes, so that pages forked workers share count once) and of its largest
single process (RSS). `wait4`'s `ru_maxrss` is no use here: a child's high-water mark includes
the parent's size at the fork before `exec`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Run", "median_of", "run_process", "time_call", "time_call_once"]

_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass(frozen=True)
class Run:
    """One process run: wall seconds, peak RSS of its largest process, peak PSS of its tree (MB),
    and CPU seconds (user + system, its worker processes included): on a machine shared with
    other work the CPU time moves much less than the wall time."""

    seconds: float
    rss_mb: float
    tree_mb: float
    cpu_s: float = 0.0


def run_process(argv: Sequence[str], env: Mapping[str, str], cwd: Path | None = None) -> Run:
    """Run `argv` to the end (its output discarded); raise CalledProcessError if it fails."""
    # Start-up as an installed package has it: pip writes every module's bytecode (.pyc) when it
    # installs, so a run never compiles our sources. A shell with PYTHONDONTWRITEBYTECODE set
    # would instead recompile some 80 modules on every run (about 70 ms of one brochure's build).
    env = {name: value for name, value in env.items() if name != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    child = subprocess.Popen(list(argv), env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = _TreeSampler(child.pid)
    sampler.start()
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    sampler.stop()
    if child.returncode != 0:
        raise subprocess.CalledProcessError(child.returncode, list(argv), stderr=errors)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, sampler.largest_kb / 1024, sampler.tree_kb / 1024, cpu)


def median_of(values: Sequence[float]) -> float:
    return statistics.median(values)


def time_call(function: Callable[[], object], count: int) -> list[float]:
    """Seconds taken by each of `count` calls of `function` (call it once first to warm it)."""
    times = []
    for _ in range(count):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def time_call_once(function: Callable[[], object]) -> tuple[float, object]:
    """Seconds taken by one call of `function`, and what it returned."""
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


class _TreeSampler(threading.Thread):
    """Samples the memory of a process and all its descendants until stopped (peaks in kB).

    The resident size of each process (`statm`) every 10 ms; the tree's proportional size
    (`smaps_rollup`, which walks every page table) every 40 ms. Sampled every 4 ms, both,
    the sampler took some 10% of a core per process in the tree, on a 2-core machine: it
    slowed the `-j 2` batch it measured by ~0.2 s of 1.8.
    """

    _TICK = 0.01
    _PSS_EVERY = 4  # ticks

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.tree_kb, self.largest_kb = pid, 0, 0
        self._done = threading.Event()

    def run(self) -> None:
        tick = 0
        while not self._done.wait(self._TICK):
            tree = _tree(self.pid)
            if tick % self._PSS_EVERY == 0:
                self.tree_kb = max(self.tree_kb, sum(_pss_kb(pid) for pid in tree))
            self.largest_kb = max(self.largest_kb, *(_rss_kb(pid) for pid in tree))
            tick += 1

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                children = Path(f"/proc/{current}/task/{task}/children").read_text()
                todo += [int(child) for child in children.split()]
        except OSError:
            continue
    return found


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return 0


def _rss_kb(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0
