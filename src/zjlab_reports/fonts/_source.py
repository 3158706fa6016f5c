"""Font sources: a `FontSpec` (package + file) in, the font file's path inside that package out.

Fonts come only from installed Python packages (never from the system's font folders), so a
build is the same on every machine that installed the same packages.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path, PurePosixPath

from msgspec import Struct

from ..diagnostics import did_you_mean

__all__ = ["FontError", "FontSpec", "locate"]

_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".woff", ".woff2")


class FontSpec(Struct, frozen=True):
    """Where a theme's font lives and what it is called.

    `id` is the theme's name for it (`source-sans-3`); `package` is an importable package
    holding the file at `file`, a `/`-separated path inside the package
    (`files/SourceSans3[wght].ttf`); `office_name` is the typeface a presenter's machine has
    with the same metrics, written into PPTX (`Arial`, `Microsoft YaHei`).
    """

    id: str
    family: str
    package: str
    file: str
    office_name: str
    east_asian: bool = False


class FontError(Exception):
    """A font cannot be found or used: `message` says what, `hint` (maybe "") how to fix it.

    Raised when the package is not installed, the file is missing or not a font, its outlines
    are CFF/CFF2, or the requested weight is not one the font has. `str(error)` is `message`.
    """

    def __init__(self, message: str, hint: str = "", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        #: The theme key at fault ("package" or "file"), when it is one of them.
        self.field = field


def locate(spec: FontSpec) -> Path:
    """The absolute path of `spec.file` inside the installed package `spec.package`.

    Found with `importlib.util.find_spec`, never in system font folders. Raises FontError when
    the package is not installed, the file is not there, or `spec.file` is absolute or leads
    out of the package folder (`..`, or a symlink pointing elsewhere).
    """
    relative = _relative_file(spec)
    roots = _package_dirs(spec.package)
    for root in roots:
        candidate = (root / relative).resolve()
        if not candidate.is_relative_to(root):
            raise FontError(
                field="file",
                message=f"font file {spec.file!r} of {spec.id!r} lies outside package {spec.package!r}",
                hint="fonts are read only from inside their package",
            )
        if candidate.is_file():
            return candidate
    raise FontError(
        field="file",
        message=f"font file {spec.file!r} of {spec.id!r} is not in package {spec.package!r}",
        hint=_missing_file_hint(spec.file, roots),
    )


def _relative_file(spec: FontSpec) -> PurePosixPath:
    """`spec.file` as a relative path. Raises FontError when it is empty or absolute."""
    relative = PurePosixPath(spec.file)
    if spec.file and not relative.is_absolute() and not Path(spec.file).is_absolute():
        return relative
    raise FontError(
        field="file",
        message=f"font file {spec.file!r} of {spec.id!r} must be a relative path inside {spec.package!r}",
        hint="write the path as the package lays it out, e.g. 'files/Name[wght].ttf'",
    )


def _package_dirs(package: str) -> list[Path]:
    """The resolved folders of an installed package. Raises FontError when it is missing.

    Found once per process and import path (`importlib.util.find_spec` walks the import
    path: ~0.2 ms, and a build asks for each font several times), while the folders are
    still there; a package that is not installed is looked for again every time."""
    key = (package, tuple(sys.path))
    known = _PACKAGES.get(key)
    if known is not None and all(os.path.isdir(folder) for folder in known):
        return known
    found = _PACKAGES[key] = _found_dirs(package)
    return found


#: The folders of each font package found in this process, by the import path it was found on.
_PACKAGES: dict[tuple[str, tuple[str, ...]], list[Path]] = {}


def _found_dirs(package: str) -> list[Path]:
    try:
        found = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        found = None
    if found is None:
        raise FontError(
            field="package",
            message=f"font package {package!r} is not installed",
            hint=f"install it into this environment: pip install {package.replace('_', '-')}",
        )
    locations = found.submodule_search_locations
    if not locations:
        raise FontError(
            field="package",
            message=f"{package!r} is a module, not a package holding font files",
            hint="name the package whose folder contains the font file",
        )
    return [Path(location).resolve() for location in locations]


def _missing_file_hint(file: str, roots: list[Path]) -> str:
    """A hint naming the closest font file the package does have, or listing a few."""
    present = sorted(
        path.relative_to(root).as_posix()
        for root in roots
        for path in root.rglob("*")
        if path.suffix.lower() in _FONT_SUFFIXES
    )
    if not present:
        return "the package holds no font files"
    close = did_you_mean(file, present)
    if close:
        return close[0]
    return "the package holds: " + ", ".join(present[:5]) + (", ..." if len(present) > 5 else "")
