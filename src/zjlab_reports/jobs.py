"""Parallel builds: a count of planned documents and a way to make one in; their results, in plan order, out.

`-j N` spreads the documents of a build over N worker processes. On Linux the workers are
forked from the build process (when it runs no other thread), so they start with its imports
and loaded inputs and a task is just a position in the plan; elsewhere they are spawned and
receive what they need once, pickled. Heavy documents (decks, then long ones) are handed out
first, so that no worker is left alone with a deck at the end. Results come back in plan
order whatever order they finish in, which keeps artifacts, manifest and diagnostics exactly
those of `-j 1`.

A worker's garbage collector waits for the end of each task (`_task`): a document's objects
are freed by reference counting as soon as it is done, and collecting while it is being made
only walks the live ones again and again (about 5% of a worker's time over a batch of
brochures, measured); what cycles a task leaves are collected after it, so a worker's memory
stays flat over a batch.

What a worker logs to the `zjlab_reports` logger (a damaged font cache file, an unwritable
cache) is not shown by the worker: `logged` collects it, the result carries it back, and
`replay` logs it in the build's process, where the console (or a caller's handler) hears it.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future
    from multiprocessing.context import BaseContext

__all__ = ["Flag", "Logged", "default_jobs", "in_pool", "logged", "replay"]

R = TypeVar("R")
#: One record a worker logged: logger name, level, message, its `diagnostic` (or None).
Logged = tuple[str, int, str, Any]
_ROOT = "zjlab_reports"


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
    meanwhile: Callable[[], object] | None = None,
) -> list[R]:
    """`[make(i, failed) for i in sorted(order)]`, run by `jobs` worker processes.

    `order` lists the positions 0..n-1 in the order to hand them out (heaviest first). `make`
    must be picklable where workers are spawned (a module-level function or a `partial` of
    one). `failed` is a `Flag` shared by all workers. `on_done(i, result)` is called here as
    each result arrives; `meanwhile()` is called here once, when every position has been handed
    out, while the workers work. An exception raised by `make` (a bug, not bad input) is
    raised here once the workers have stopped: the one of the earliest position.
    """
    gc.freeze()  # forked workers share the parent's objects: its collector does not touch them
    try:
        return _run(make, order, jobs, on_done or (lambda index, result: None), meanwhile)
    finally:
        gc.unfreeze()


def _run(
    make: Callable[[int, Flag], R],
    order: Sequence[int],
    jobs: int,
    on_done: Callable[[int, R], object],
    meanwhile: Callable[[], object] | None,
) -> list[R]:
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = _context()
    failed = context.Event()
    results: list[Any] = [None] * len(order)
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(order)), mp_context=context, initializer=_start, initargs=(make, failed)
    ) as pool:
        positions: dict[Future[Any], int] = {pool.submit(_task, index): index for index in order}
        if meanwhile is not None:
            meanwhile()
        # (`as_completed` waits on every future once; `wait(FIRST_COMPLETED)` in a loop waited
        # on each pending one again at every result: a cost that grew with the square of the batch)
        for future in as_completed(positions):
            if future.exception() is not None:
                break
            results[positions[future]] = future.result()
            on_done(positions[future], results[positions[future]])
        for future in positions:
            future.cancel()  # (those done or running carry on)
    errors = [
        (index, error)
        for future, index in positions.items()
        if not future.cancelled() and (error := future.exception()) is not None
    ]
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
    """The `index`-th task, with the garbage collector paused while it runs (module docstring)."""
    gc.disable()
    try:
        return _WORKER["make"](index, _WORKER["failed"])
    finally:
        gc.enable()


class _Collector(logging.Handler):
    def __init__(self, into: list[Logged]) -> None:
        super().__init__(logging.INFO)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        diagnostic = getattr(record, "diagnostic", None)
        self.into.append((record.name, record.levelno, record.getMessage(), diagnostic))


@contextlib.contextmanager
def logged(into: list[Logged]) -> Iterator[None]:
    """While inside: what is logged to `zjlab_reports` goes to `into` only (not to the handlers
    a forked worker inherited, nor to stderr where a spawned one has none)."""
    logger = logging.getLogger(_ROOT)
    saved = logger.handlers[:], logger.propagate, logger.level
    logger.handlers, logger.propagate = [_Collector(into)], False
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.handlers, logger.propagate = saved[0], saved[1]
        logger.setLevel(saved[2])


def replay(records: Iterable[Logged]) -> None:
    """Log `records` here, in their order, each once (workers may find the same thing twice)."""
    seen: list[Logged] = []
    for record in records:
        if record in seen:
            continue
        seen.append(record)
        name, level, message, diagnostic = record
        extra = {"diagnostic": diagnostic} if diagnostic is not None else None
        logging.getLogger(name).log(level, "%s", message, extra=extra)
