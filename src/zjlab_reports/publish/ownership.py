"""Output-folder ownership: an output folder in; the entries a build did not write (kept) out.

A build wrote its manifest and the files the manifest lists (or named like artifacts); every
other entry (a README, the `_look/` of a checking tool) is the user's: kept as it is, carried
into the new generation (`carry`) or left in place by the journal. OS litter and the lock
file of old versions are neither: they may go. A folder with no manifest that holds anything
of the user's is refused (`check_build_folder`), not filled.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import Diagnostic, DiagnosticError, Span, display_path
from ..model.common import LANGS
from .disk import fsync_dir, fsync_file
from .report import count

__all__ = ["ARTIFACT", "MANIFEST", "carry", "check_build_folder"]

MANIFEST = "manifest.json"
ARTIFACT = re.compile(rf".+-({'|'.join(map(re.escape, LANGS))})\.(pdf|pptx)")
_DROPPABLE = {".zjlab-reports.lock", ".DS_Store", "Thumbs.db", "desktop.ini"}  # old lock, OS litter


def check_build_folder(folder: Path, out: Path) -> list[str]:
    """The names in `folder` a build did not write (to keep); refused if `folder` is no build output.

    A folder with no manifest that holds anything (say `--out .` or `--out ~`) is refused
    rather than filled: a build there would mix its files into someone else's.
    """
    foreign = sorted(_foreign_entries(folder))
    if not foreign or (folder / MANIFEST).is_file():
        return foreign
    shown = [
        f"{name}/" if (folder / name).is_dir() and not (folder / name).is_symlink() else name
        for name in foreign
    ]
    listed = ", ".join(shown[:5]) + (f" and {len(shown) - 5} more" if len(shown) > 5 else "")
    raise DiagnosticError(
        [
            Diagnostic(
                Span(display_path(out)),
                f"the output folder is not a build folder (it has no {MANIFEST}) and holds "
                f"{count(len(foreign), 'file')} zjlab-reports did not write: {listed}",
                (
                    "choose an empty or new folder with --out (files added to a build folder "
                    "later are kept by the next build)",
                ),
            )
        ]
    )


def _foreign_entries(folder: Path) -> Iterator[str]:
    """The names in `folder` a build did not write: not its manifest, an artifact it lists or
    one named like an artifact (files only), nor OS litter or the old lock file."""
    entries = os.listdir(folder)
    listed = _listed(folder) if MANIFEST in entries else None
    for name in entries:
        path = folder / name
        ours = listed is not None and (name == MANIFEST or name in listed or bool(ARTIFACT.fullmatch(name)))
        if name not in _DROPPABLE and not (ours and path.is_file() and not path.is_symlink()):
            yield name


def _listed(folder: Path) -> set[str]:
    """The file names a folder's manifest lists (none if it cannot be read as one)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return {str(entry["path"]) for entry in data["artifacts"]}
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def carry(source: Path, target: Path) -> None:
    """Put an entry we did not write into the new generation as it is: a file hard-linked (else
    copied with its times, and fsynced), a symlink as a symlink, a folder entry by entry."""
    if source.is_symlink():
        os.symlink(os.readlink(source), target)
    elif source.is_dir():
        os.mkdir(target)
        for name in sorted(os.listdir(source)):
            carry(source / name, target / name)
        shutil.copystat(source, target, follow_symlinks=False)
        fsync_dir(target)
    else:
        try:
            os.link(source, target, follow_symlinks=False)
        except OSError:  # another file system, a protected link, too many links: copy it
            shutil.copy2(source, target, follow_symlinks=False)
            fsync_file(target)
