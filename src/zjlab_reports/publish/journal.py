"""Publishing by journal: finished files and the output folder in; the files renamed into place out.

Where the exchange cannot work (a mount point, a parent we may not write, no atomic exchange)
the files are written and fsynced into `<folder>/.zjlab-reports-journal/`, a commit record
naming them (and the files to remove) is written last, then they are renamed into place.
Dying before the commit record leaves the folder as it was; dying after it leaves a journal
the next run carries out (`apply_journal`) before anything else. Entries a build did not
write stay where they are.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

from .disk import Content, fsync_dir, remove_tree, write_file, write_files
from .report import warn

__all__ = ["COMMIT", "JOURNAL", "apply_journal", "forget_journal", "publish_by_journal"]

JOURNAL = ".zjlab-reports-journal"
COMMIT = "COMMIT.json"


def publish_by_journal(
    folder: Path, files: Sequence[tuple[str, Content]], foreign: Sequence[str], out: Path
) -> None:
    """Stage the files inside the folder, commit, then rename them into place (`foreign` stays)."""
    journal = folder / JOURNAL
    names = [name for name, _ in files]
    keep = {JOURNAL, *names, *foreign}
    obsolete = sorted(name for name in os.listdir(folder) if name not in keep)
    os.mkdir(journal)
    try:
        write_files(journal, files)
        record = json.dumps({"place": names, "remove": obsolete}, ensure_ascii=False).encode()
        write_file(journal / f"{COMMIT}.tmp", record)
        os.replace(journal / f"{COMMIT}.tmp", journal / COMMIT)  # the commit point
        fsync_dir(journal)
    except BaseException:
        with contextlib.suppress(OSError):
            remove_tree(journal)
        raise
    apply_journal(folder)
    try:
        forget_journal(folder)
    except OSError as exc:  # published: what is left is removed by the next build
        warn(out, f"published, but the journal could not be removed: {exc.strerror or exc}")


def apply_journal(folder: Path) -> None:
    """Carry out a committed journal (again, if it was interrupted): place, remove, fsync."""
    journal = folder / JOURNAL
    record = json.loads((journal / COMMIT).read_bytes())
    for name in record["place"]:
        if (journal / name).exists():
            os.replace(journal / name, folder / name)
    for name in record["remove"]:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(folder / name)
    fsync_dir(folder)


def forget_journal(folder: Path) -> None:
    """Delete a journal that was carried out (its commit record first)."""
    os.unlink(folder / JOURNAL / COMMIT)
    remove_tree(folder / JOURNAL)
