"""Recovery: an output folder under lock in; what an interrupted build left removed or finished out.

Leftover generation folders beside it are removed, a journal inside it is carried out (when
committed) or undone, and the temporary files of versions before 0.2 are deleted; each thing
done is logged as a warning and returned as a line.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .disk import remove_tree
from .journal import COMMIT, JOURNAL, apply_journal, forget_journal
from .ownership import ARTIFACT, MANIFEST
from .report import count, warn
from .swap import leftover_generations

__all__ = ["recover_folder"]

# what publishing before 0.2 left when killed: `.<its file>.<random>.tmp` (or `.bak`)
_OLD_LEFTOVER = re.compile(rf"\.({re.escape(MANIFEST)}|{ARTIFACT.pattern})\.[^.]+\.(tmp|bak)")


def recover_folder(folder: Path, out: Path) -> list[str]:
    """Under the lock: remove leftover generations, finish or undo a journal, drop old temp files."""
    done = []
    generations = leftover_generations(folder)
    for path in generations:
        remove_tree(path)
    if generations:
        done.append(f"removed {count(len(generations), 'unfinished build folder')} left by a killed build")
    journal = folder / JOURNAL
    if journal.is_dir():
        committed = (journal / COMMIT).is_file()
        if committed:
            apply_journal(folder)
            forget_journal(folder)
        else:
            remove_tree(journal)
        done.append(("finished" if committed else "undid") + " a build that was killed while publishing")
    old = [name for name in os.listdir(folder) if _OLD_LEFTOVER.fullmatch(name)]
    for name in old:
        os.unlink(folder / name)
    if old:
        done.append(f"removed {count(len(old), 'temporary file')} left by a killed build")
    for line in done:
        warn(out, line)
    return done
