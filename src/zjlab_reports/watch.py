"""Watching: a project's folders in; a rebuild (`Round`) after every saved change out.

The folders watched are `data/`, `layouts/`, `themes/` and those holding the pictures the
layouts and themes name. Whole folders are watched, not files, so editors that save by
writing a new file and renaming it over the old one are seen like any other save; editor
scratch files (hidden, `~` backups, other suffixes) are ignored. watchfiles (native inotify /
FSEvents / ReadDirectoryChangesW events) groups the events of one save: a rebuild starts 50 ms
after the last event.

The watcher is started before the first build, so a change saved while that build runs is
not missed. A save that breaks a file yields a Round with diagnostics; the next good save
rebuilds. `watch` returns when `stop` is set; Ctrl-C raises KeyboardInterrupt, while waiting
or during a rebuild (the published folder stays whole either way: publishing is atomic).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import watchfiles

from .build import Progress
from .rebuild import Rebuilder, Round

__all__ = ["SOURCE_SUFFIXES", "is_source", "watch", "watched_folders"]

SOURCE_SUFFIXES = frozenset({".yaml", ".yml", ".png", ".jpg", ".jpeg"})
_STEP_MS = 50  # a save's events are grouped until none came for this long
_TIMEOUT_MS = 200  # how often the waiting loop looks at `stop`


def is_source(change: watchfiles.Change, path: str) -> bool:
    """Whether a changed path is a project file (not an editor's scratch or backup file)."""
    name = Path(path).name
    return (
        not name.startswith((".", "#", "~"))
        and not name.endswith("~")
        and Path(name).suffix in SOURCE_SUFFIXES
    )


def watched_folders(rebuilder: Rebuilder) -> list[Path]:
    """The existing folders to watch: data/, layouts/, themes/ and the pictures' folders."""
    root = rebuilder.project.root
    folders = {root / "data", root / "layouts", root / "themes"}
    folders |= {picture.parent for picture in rebuilder.pictures}
    return sorted(folder for folder in folders if folder.is_dir())


def watch(
    rebuilder: Rebuilder,
    report: Callable[[Round, list[Path]], None],
    progress: Callable[[list[Path]], AbstractContextManager[Progress]],
    stop: threading.Event | None = None,
) -> None:
    """Build once, then rebuild after each change; `report` each Round with the changed paths.

    `progress(changed)` gives a fresh progress display for each round, told what changed.
    When a round changes the folders to watch (a picture moved), the watcher restarts and the
    round is reported once the new watcher runs; then one catch-up refresh finds by their
    fingerprints the edits saved while no watcher ran, so none is lost.
    """
    first, pending = True, None
    while not (stop is not None and stop.is_set()):
        folders = watched_folders(rebuilder)
        for changes in _events(folders, stop):
            catch_up = pending is not None
            if not (changes or first or catch_up):
                continue
            changed = sorted({Path(path) for _, path in changes})
            with progress(changed) as shown:
                result = rebuilder.refresh(shown)
            first = False
            _said(pending, report)  # after the catch-up refresh: its edits belong to the next round
            pending = None
            if watched_folders(rebuilder) != folders:
                pending = (result, changed)
                break  # watch the new set first, then say this round
            if changes or not catch_up or result.changed:
                report(result, changed)
        else:
            return  # stopped while waiting


def _said(pending: tuple[Round, list[Path]] | None, report: Callable[[Round, list[Path]], None]) -> None:
    """Report a round held back while the watcher moved, if any; nothing is pending after."""
    if pending is not None:
        report(*pending)


def _events(folders: list[Path], stop: threading.Event | None):
    """Sets of (change, path), and an empty set every `_TIMEOUT_MS` without changes."""
    return watchfiles.watch(
        *folders,
        watch_filter=is_source,
        step=_STEP_MS,
        rust_timeout=_TIMEOUT_MS,
        yield_on_timeout=True,
        stop_event=stop,
        recursive=False,
    )
