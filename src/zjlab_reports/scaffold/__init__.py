"""Starting something new: a name in; a new layout, a profile skeleton or a project folder out.

- `new_layout`: a copy of an existing layout under a new id (comments and order kept; only
  the `id:` value changes), so a designer starts from something that already builds.
- `new_profile`: a skeleton with every profile field, commented, with placeholders that
  validate and build with the shipped layouts (`profile.yaml` beside this module).
- `init_project`: a fresh project folder holding the shipped profile, layouts, themes and
  schemas, and a `.gitignore` for the outputs.

Every problem (a bad or taken id, an unknown layout, a folder in the way) is raised as a
`DiagnosticError`; OSError is raised when files cannot be written.
"""

from __future__ import annotations

import shutil
import sys
from importlib import resources
from pathlib import Path

import msgspec

from ..diagnostics import Diagnostic, DiagnosticError, Span, did_you_mean, display_path
from ..loaders import load_layout
from ..model.common import Name
from ..project import Project

__all__ = ["PROJECT_FOLDERS", "init_project", "new_layout", "new_profile", "shipped_project"]

#: The folders `init` copies from the shipped project (those that exist).
PROJECT_FOLDERS = ("data", "layouts", "themes", "schemas", "assets")
_GITIGNORE = (
    "# outputs of zjlab-reports build and preview; what a killed build leaves beside dist/\n"
    "/dist/\n/preview/\n/.dist.zjlab-reports-*/\n"
)


def new_layout(project: Project, name: str, source: str) -> Path:
    """Copy the layout `source` (an id) to `layouts/NAME.yaml` with the id `name`."""
    _check_id(name, "layout")
    existing = {path.stem: path for path in project.files("layout")}
    if source not in existing:
        hints = did_you_mean(source, existing) or (f"layouts: {', '.join(sorted(existing)) or 'none'}",)
        raise DiagnosticError([Diagnostic(Span("command line"), f"no layout '{source}'", hints)])
    target = _free_target(project.root / "layouts" / f"{name}.yaml", name, existing)
    original = load_layout(existing[source])
    text = _with_id(existing[source].read_text(encoding="utf-8"), original.source.span(("id",)), name)
    target.write_text(text, encoding="utf-8")
    return target


def new_profile(project: Project, name: str) -> Path:
    """Write `data/NAME.yaml`: the commented skeleton of a profile with the id `name`."""
    _check_id(name, "profile")
    existing = {path.stem: path for path in project.files("profile")}
    target = _free_target(project.root / "data" / f"{name}.yaml", name, existing)
    skeleton = resources.files(__package__).joinpath("profile.yaml").read_text(encoding="utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(skeleton.replace("__ID__", name), encoding="utf-8")
    return target


def init_project(folder: Path) -> list[Path]:
    """Fill the new or empty `folder` with the shipped project; return the folders made."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise DiagnosticError(
            [
                Diagnostic(
                    Span(display_path(folder)),
                    "is not an empty folder" if folder.is_dir() else "is a file",
                    ("name a new folder: zjlab-reports init NEW-FOLDER",),
                )
            ]
        )
    shipped = shipped_project()
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for name in PROJECT_FOLDERS:
        if (shipped / name).is_dir():
            shutil.copytree(shipped / name, folder / name, ignore=shutil.ignore_patterns(".*", "__pycache__"))
            made.append(folder / name)
    (folder / ".gitignore").write_text(_GITIGNORE, encoding="utf-8")
    return made


def shipped_project() -> Path:
    """The folder holding the shipped data/, layouts/ and themes/.

    The source checkout this package runs from (an editable install), else the copy a wheel
    installs under `<prefix>/share/zjlab-reports`. Raises `DiagnosticError` when neither is there.
    """
    checkout = Path(__file__).resolve().parents[3]
    for candidate in (checkout, Path(sys.prefix) / "share" / "zjlab-reports"):
        if all((candidate / name).is_dir() for name in ("data", "layouts", "themes")):
            return candidate
    raise DiagnosticError(
        [
            Diagnostic(
                Span("zjlab-reports"),
                "the shipped project files are not installed",
                ("reinstall zjlab-reports: pip install --force-reinstall zjlab-reports",),
            )
        ]
    )


def _check_id(name: str, kind: str) -> None:
    try:
        msgspec.convert(name, Name)
    except msgspec.ValidationError:
        raise DiagnosticError(
            [
                Diagnostic(
                    Span("command line"),
                    f"'{name}' is not a {kind} id",
                    ("use lower-case letters, digits, '-' and '_'; start with a letter (e.g. brochure-a5)",),
                )
            ]
        ) from None


def _free_target(target: Path, name: str, existing: dict[str, Path]) -> Path:
    if target.exists() or name in existing:
        raise DiagnosticError(
            [
                Diagnostic(
                    Span.of_file(target),
                    "already exists",
                    ("choose another name, or delete the file first",),
                )
            ]
        )
    return target


def _with_id(text: str, span: Span, name: str) -> str:
    """`text` with the scalar at `span` (the top-level `id:` value) replaced by `name`."""
    lines = text.splitlines(keepends=True)
    line = lines[span.line - 1]
    start = span.column - 1
    end = start + len(line[start:].split("#", 1)[0].rstrip())
    lines[span.line - 1] = line[:start] + name + line[end:]
    return "".join(lines)
