"""Build progress for people: build steps in; a line per artifact and a live status line out.

`StepTimes` records how long each document took to compose and each artifact to render (for
`--json`). `ProgressLines` also prints one line per finished artifact with its page count and
time; on a terminal, once a build has run for more than a moment, a status line at the bottom
shows the step under way and its running time, redrawn a few times a second and erased before
each permanent line and at the end.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any, TextIO

__all__ = ["ProgressLines", "StepTimes"]

_SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
_ERASE = "\r\x1b[K"


class StepTimes:
    """A build `Progress` that only records: compose seconds per document, render per artifact."""

    def __init__(self) -> None:
        self.compose: dict[str, float] = {}
        self.render: dict[str, float] = {}

    def __enter__(self) -> StepTimes:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def started(self, stage: str, name: str) -> None:
        pass

    def finished(self, stage: str, name: str, seconds: float, pages: int) -> None:
        (self.compose if stage == "compose" else self.render)[name] = seconds

    def artifact_seconds(self, name: str) -> float:
        """Compose time of the artifact's document plus the artifact's own render time."""
        stem = name.rsplit(".", 1)[0]
        return self.compose.get(stem, 0.0) + self.render.get(name, 0.0)

    def as_json(self) -> dict[str, Any]:
        """Per artifact: compose and render seconds, rounded to milliseconds."""
        return {
            name: {"compose": round(self.compose.get(name.rsplit(".", 1)[0], 0.0), 3), "render": round(s, 3)}
            for name, s in self.render.items()
        }


class ProgressLines(StepTimes):
    """Prints `out/NAME  N pages  T s` to `lines` as each artifact is rendered.

    `live`: a terminal stream for the status line, or None (no status line: not a terminal).
    The status line appears only after `delay` seconds, so quick builds stay quiet. Its thread
    starts with the first step, not before: until then the build may fork (`ahead.start`,
    `jobs`), which it does only while no other thread runs.
    """

    def __init__(
        self, lines: TextIO, out: Path, live: TextIO | None, delay: float = 0.4, interval: float = 0.1
    ) -> None:
        super().__init__()
        self._lines, self._out, self._live = lines, out, live
        self._delay, self._interval = delay, interval
        self._begun = time.perf_counter()
        self._step: tuple[str, str, float] | None = None
        self._done = {"compose": 0, "render": 0}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        self._shown = False

    def __enter__(self) -> ProgressLines:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
        with self._lock:
            self._erase()

    def started(self, stage: str, name: str) -> None:
        with self._lock:
            self._step = (stage, name, time.perf_counter())
        if self._live is not None and self._ticker is None and not self._stop.is_set():
            self._ticker = threading.Thread(target=self._tick, name="progress", daemon=True)
            self._ticker.start()

    def finished(self, stage: str, name: str, seconds: float, pages: int) -> None:
        super().finished(stage, name, seconds, pages)
        with self._lock:
            self._done[stage] = self._done.get(stage, 0) + 1
        if stage != "render":
            return
        unit = "slides" if name.endswith(".pptx") else "pages"
        with self._lock:
            self._erase()
            shown = self._out / name
            print(
                f"{shown}  {pages} {unit}  {self.artifact_seconds(name):.2f} s", file=self._lines, flush=True
            )

    def _tick(self) -> None:
        frame = 0
        while not self._stop.wait(self._interval):
            with self._lock:
                if self._step is None or time.perf_counter() - self._begun < self._delay:
                    continue
                stage, name, since = self._step
                verb = "composing" if stage == "compose" else "rendering"
                status = (
                    f"{_SPINNER[frame % len(_SPINNER)]} {verb} {name}  {time.perf_counter() - since:.1f} s"
                )
                assert self._live is not None
                done = f"{self._done['compose']} composed, {self._done['render']} rendered"
                self._live.write(f"{_ERASE}{status}  ({done})")
                self._live.flush()
                self._shown = True
            frame += 1

    def _erase(self) -> None:
        if self._shown and self._live is not None:
            self._live.write(_ERASE)
            self._live.flush()
            self._shown = False
