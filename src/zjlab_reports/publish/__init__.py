"""Publishing: finished files (name, bytes) and an output folder in; the folder holding exactly them out.

Crash-consistent: whenever the process dies (an error, SIGKILL, a power cut), the folder holds
the complete previous build or the complete new one, and its manifest matches its files.

How (Linux): the new build is written into a fresh *generation* folder beside the output
folder (`.dist.zjlab-reports-<random>` for `dist`), every file fsynced, then the folder
itself; then the two folders trade places in one atomic `renameat2(RENAME_EXCHANGE)` and the
parent is fsynced; the previous build, now under the generation name, is deleted. `dist`
stays a real folder throughout (no symlink), so tools that copy or upload it see files.

Where that cannot work — the output folder is a mount point, its parent is not writable, or
the file system (or the OS) has no atomic exchange — a journal inside the folder is used
instead: the files are written and fsynced into `dist/.zjlab-reports-journal/`, a commit
record naming them is written last, then they are renamed into place. A process that dies
before the commit record leaves the folder as it was; one that dies after it leaves a folder
the next run (or `recover`) finishes before doing anything else.

Either way the next run first removes (or finishes) every leftover of an interrupted one and
logs a warning saying what it did. A build replaces the files it wrote (those its previous
manifest lists) and removes those the new build no longer makes; files and folders it did
not write (a README, the `_look/` of a checking tool) are kept: hard-linked (else copied,
with their modification times) into the new generation, or left in place by the journal.
A folder that is not a build output at all (no manifest) and is not empty is refused.

Concurrent builds into one folder take turns: an exclusive `flock` on the output folder
itself, which the kernel drops when its holder dies, so a killed build never blocks the next.
Warnings go to the `zjlab_reports` logger as `Diagnostic`s (`extra={"diagnostic": ...}`).

One module a stage: `lock` (turn-taking), `recovery` (an interrupted build's leftovers),
`ownership` (which entries a build wrote, which it keeps; the refusal), `swap` (by exchange),
`journal` (by journal), `disk` (fsynced writes), `report` (diagnostics).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .disk import Content, HandedOver
from .journal import JOURNAL, publish_by_journal
from .lock import locked
from .ownership import MANIFEST, check_build_folder
from .recovery import recover_folder
from .report import writing
from .swap import exchange_function, publish_by_exchange

__all__ = ["JOURNAL", "MANIFEST", "HandedOver", "prepare", "publish", "recover", "warm"]


def prepare(out: Path) -> None:
    """Before a build: recover `out` from an interrupted build and check it may be replaced.

    Does nothing when `out` does not exist. Raises `DiagnosticError` when `out` is not empty
    and not an earlier build's output (it has no manifest), or cannot be read.
    """
    if not out.is_dir():
        return
    with writing(out), locked(out) as lock:
        recover_folder(lock.folder, out)
        check_build_folder(lock.folder, out)


def warm() -> None:
    """Do once, in this process, what the first `publish` would do first: find the atomic
    exchange (ctypes and the C library's `renameat2`, ~2 ms). A build calls it while it waits
    for its renderer."""
    exchange_function()


def recover(out: Path) -> list[str]:
    """Finish or remove what an interrupted build left in and beside `out`; say what was done.

    Returns one line per thing done (also logged as a warning); empty when nothing was left.
    """
    if not out.is_dir():
        return []
    with writing(out), locked(out) as lock:
        return recover_folder(lock.folder, out)


def publish(out: Path, files: Sequence[tuple[str, Content]]) -> None:
    """Make `out` hold exactly `files` (names without folders; the manifest last), all or nothing.

    Each file's content is its bytes or a file holding them (`disk.Content`), copied, or a
    file `HandedOver`, linked into place where it can be.

    Files and folders zjlab-reports did not write are kept as they are. Creates `out` (and
    its parents). Raises `DiagnosticError` naming `out` when the folder is not a build output
    (see `prepare`) or a write fails; the folder is then unchanged.
    """
    with writing(out):
        out.mkdir(parents=True, exist_ok=True)
        with locked(out) as lock:
            recover_folder(lock.folder, out)
            foreign = check_build_folder(lock.folder, out)
            if not publish_by_exchange(lock, files, foreign, out):
                publish_by_journal(lock.folder, files, foreign, out)
