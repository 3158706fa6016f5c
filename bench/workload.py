"""Workloads: the shipped project in; projects to measure out — profile variants for batches, long
brochures for the cost per page, and the operations and profile files the floors and Typst read.

Variants differ as a batch of real profiles would: each has its own id, its own numbers (staff,
targets, areas) and its focus areas and milestones in another order; the judged batches keep
the characters a document uses, and one batch row gives each variant an accented letter of
its own as well.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

__all__ = ["ROOT", "long_layout_project", "shipped_copy", "variants_project"]

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT / "data" / "zhejiang-lab.yaml"


def shipped_copy(folder: Path) -> Path:
    """A copy of the shipped data/, layouts/ and themes/ under `folder`."""
    for part in ("data", "layouts", "themes"):
        shutil.copytree(ROOT / part, folder / part, dirs_exist_ok=True)
    return folder


def variants_project(folder: Path, count: int, own_letters: bool = False) -> Path:
    """A project with `count` profile variants (`variant-001`...) and the shipped layouts and
    theme. With `own_letters`, each variant's English achievements also name one accented
    letter of its own (À, Á, Â...), as profiles of partners in Zürich or Kraków would: the
    characters of every document differ."""
    shutil.copytree(ROOT / "layouts", folder / "layouts", dirs_exist_ok=True)
    shutil.copytree(ROOT / "themes", folder / "themes", dirs_exist_ok=True)
    shutil.copytree(ROOT / "data" / "images", folder / "data" / "images", dirs_exist_ok=True)
    base = yaml.safe_load(PROFILE.read_text(encoding="utf-8"))
    for index in range(1, count + 1):
        profile = _variant(base, index)
        if own_letters:
            profile["achievements"]["en"] += f" ({_LETTERS[index % len(_LETTERS)]})"
        text = yaml.safe_dump(profile, allow_unicode=True, sort_keys=False, width=1000)
        (folder / "data" / f"variant-{index:03d}.yaml").write_text(text, encoding="utf-8")
    return folder


#: The accented capitals and small letters of Latin-1 (no × or ÷).
_LETTERS = [chr(code) for code in range(0xC0, 0x100) if code not in (0xD7, 0xF7)]


def _variant(base: dict[str, Any], index: int) -> dict[str, Any]:
    profile = yaml.safe_load(yaml.safe_dump(base, allow_unicode=True))  # a deep copy
    profile["id"] = f"variant-{index:03d}"
    facts = profile["facts"]
    facts["staff"]["value"] = 1000 + 37 * index
    facts["staff_target"]["value"] = 5000 + 83 * index
    facts["area"]["value"] = round(50 + index * 0.7, 1)
    turn = index % len(profile["focus_areas"])
    profile["focus_areas"] = profile["focus_areas"][turn:] + profile["focus_areas"][:turn]
    if index % 2:
        profile["mission"] = profile["mission"][::-1]
    return profile


def long_layout_project(folder: Path, pages: int, variants: int = 0) -> Path:
    """The shipped project (or, given a count, that many profile variants and the shipped
    layouts) plus `long-NNN`: the brochure's pages repeated to `pages` pages."""
    if variants:
        variants_project(folder, variants)
    else:
        shipped_copy(folder)
    layout = yaml.safe_load((ROOT / "layouts" / "brochure-a4.yaml").read_text(encoding="utf-8"))
    templates = layout["pages"]
    layout["id"] = f"long-{pages:03d}"
    layout["pages"] = [_renamed(templates[i % len(templates)], i) for i in range(pages)]
    text = yaml.safe_dump(layout, allow_unicode=True, sort_keys=False, width=1000)
    (folder / "layouts" / f"long-{pages:03d}.yaml").write_text(text, encoding="utf-8")
    return folder


def _renamed(template: dict[str, Any], index: int) -> dict[str, Any]:
    page = dict(template)
    page["name"] = f"{template['name']}-{index + 1}"
    return page
