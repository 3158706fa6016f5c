"""The project folder: a root path in, its profiles, layouts and themes (paths and ids) out.

A project holds `data/*.yaml` (profiles), `layouts/*.yaml` and `themes/*.yaml`. A file's kind
comes from its folder; files elsewhere are recognised by their keys. `data/examples/*.yaml`
are example profiles (fictional organisations, each file named after its id): a build makes
their documents only when asked for by id (`--profile ID`), and `validate` composes them
with every layout, as it does the other profiles.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from msgspec import Struct

from .diagnostics import Diagnostic

__all__ = ["FileKind", "Project", "duplicate_ids", "kind_of"]

FileKind = Literal["profile", "layout", "theme"]
_FOLDERS: dict[str, FileKind] = {"data": "profile", "layouts": "layout", "themes": "theme"}


class Project(Struct, frozen=True):
    """The folder that holds `data/`, `layouts/` and `themes/`."""

    root: Path

    def files(self, kind: FileKind) -> list[Path]:
        """The YAML files of `kind`, sorted by name."""
        folder = {v: k for k, v in _FOLDERS.items()}[kind]
        return sorted((self.root / folder).glob("*.yaml"))

    def example_files(self) -> list[Path]:
        """The example profiles (`data/examples/*.yaml`), sorted by name."""
        return sorted((self.root / "data" / "examples").glob("*.yaml"))

    def all_files(self) -> list[Path]:
        kinds = [path for kind in ("theme", "profile", "layout") for path in self.files(kind)]
        return kinds + self.example_files()

    def theme_path(self, theme_id: str) -> Path:
        return self.root / "themes" / f"{theme_id}.yaml"


def kind_of(path: Path) -> FileKind:
    """What a YAML file is: by its folder name, else by a telling top-level key."""
    folder = path.resolve().parent.name
    if folder in _FOLDERS:
        return _FOLDERS[folder]
    try:
        head = path.read_bytes()[:65536].decode("utf-8", "replace")
    except OSError:
        return "profile"
    if "\ntypography:" in f"\n{head}":
        return "theme"
    if "\nkind:" in f"\n{head}" and "\npages:" in f"\n{head}":
        return "layout"
    return "profile"


def duplicate_ids(loaded: list[Any], kind: FileKind) -> list[Diagnostic]:
    """A diagnostic for each profile or layout whose id an earlier one already has.

    Ids name the output files, so two files with one id would overwrite each other's output.
    """
    first: dict[str, Any] = {}
    problems = []
    for item in loaded:
        if item.id not in first:
            first[item.id] = item
            continue
        other = first[item.id].source
        problems.append(
            Diagnostic(
                item.source.span(("id",)),
                f"{kind} id '{item.id}' is already used by {other.path}",
                (f"ids name the output files; give this {kind} an id of its own",),
                related=((other.span(("id",)), f"'{item.id}' first used here"),),
            )
        )
    return problems
