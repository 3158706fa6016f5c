"""Parallel builds: a count of planned documents and a way to make one in; their results, in plan order, out.

`-j N` spreads the documents of a build over N worker processes. On Linux the workers are
forked from the build process (when it runs no other thread), so they start with its imports
and loaded inputs and a task is just a position in the plan; elsewhere they are spawned and
receive what they need once, pickled. Heavy documents (decks, then long ones) are handed out
first, so that no worker is left alone with a deck at the end. Results come back in plan
order whatever order they finish in, which keeps artifacts, manifest and diagnostics exactly
those of `-j 1`.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

__all__ = ["Flag", "default_jobs", "in_pool"]

R = TypeVar("R")


class Flag(Protocol):
    """A flag shared by the workers: set once some document has failed (so skip rendering)."""

    def is_set(self) -> bool: ...

    def set(self) -> None: ...


#: What a worker process runs: set by `_start` in each worker (or inherited by a fork).
_WORKER: dict[str, Any] = {}


def default_jobs() -> int:
    """How many processes `-j` means by default: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def in_pool(
    make: Callable[[int, Flag], R],
    order: Sequence[int],
    jobs: int,
    on_done: Callable[[int, R], object] | None = None,
) -> list[R]:
    """`[make(i, failed) for i in sorted(order)]`, run by `jobs` worker processes.

    `order` lists the positions 0..n-1 in the order to hand them out (heaviest first). `make`
    must be picklable where workers are spawned (a module-level function or a `partial` of
    one). `failed` is a `Flag` shared by all workers. `on_done(i, result)` is called here as
    each result arrives. An exception raised by `make` (a bug, not bad input) is raised here
    once the workers have stopped: the one of the earliest position.
    """
    import gc

    gc.freeze()  # forked workers share the parent's objects: its collector does not touch them
    try:
        return _run(make, order, jobs, on_done or (lambda index, result: None))
    finally:
        gc.unfreeze()


def _run(
    make: Callable[[int, Flag], R], order: Sequence[int], jobs: int, on_done: Callable[[int, R], object]
) -> list[R]:
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    context = _context()
    failed = context.Event()
    results: list[Any] = [None] * len(order)
    errors: list[tuple[int, BaseException]] = []
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(order)), mp_context=context, initializer=_start, initargs=(make, failed)
    ) as pool:
        positions: dict[Future[Any], int] = {pool.submit(_task, index): index for index in order}
        pending = set(positions)
        while pending and not errors:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=positions.__getitem__):
                error = future.exception()
                if error is not None:
                    errors.append((positions[future], error))
                    continue
                results[positions[future]] = future.result()
                on_done(positions[future], results[positions[future]])
        for future in pending:
            future.cancel()
    if errors:
        raise min(errors, key=lambda found: found[0])[1]
    return results


def _context() -> BaseContext:
    """Fork where it is safe and fast (Linux, no other threads); spawn elsewhere."""
    import multiprocessing

    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _start(make: Callable[[int, Flag], Any], failed: Flag) -> None:
    _WORKER["make"], _WORKER["failed"] = make, failed


def _task(index: int) -> Any:
    return _WORKER["make"](index, _WORKER["failed"])
