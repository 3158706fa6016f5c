"""Fixtures every test folder shares: the shipped profile with its lists resized."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

PROFILE = Path(__file__).resolve().parents[1] / "data" / "zhejiang-lab.yaml"


@pytest.fixture(scope="session")
def with_counts() -> Callable[..., dict[str, Any]]:
    """`with_counts(numbered=False, focus_areas=7, goals__centres=3)`: see `resized`."""
    return resized


def resized(numbered: bool = False, **counts: int) -> dict[str, Any]:
    """The shipped profile as data, with lists grown or cut to `counts` (e.g. focus_areas=7).

    New items repeat the shipped ones with their number appended ("intelligent systems 7",
    "智能系统7"), so every item's text is distinct and no new character is needed; with
    `numbered`, every item of those lists carries its number.
    """
    data = yaml.safe_load(PROFILE.read_text(encoding="utf-8"))
    for dotted, count in counts.items():
        *parents, key = dotted.split("__")
        holder = data
        for parent in parents:
            holder = holder[parent]
        base = holder[key]
        shipped = 0 if numbered else len(base)
        holder[key] = [_numbered(base[i % len(base)], i, shipped) for i in range(count)]
    if "focus_areas" in counts:
        ids = [area["id"] for area in data["focus_areas"]]
        data["goals"]["strengthen"] = [i for i in data["goals"]["strengthen"] if i in ids]
    return data


def _numbered(item: Any, index: int, shipped: int) -> Any:
    if index < shipped:
        return item
    item = copy.deepcopy(item)
    if isinstance(item, dict) and set(item) == {"en", "zh"}:
        return {"en": f"{item['en']} {index + 1}", "zh": f"{item['zh']}{index + 1}"}
    for key in ("name", "title"):
        if key in item:
            item[key] = _numbered(item[key], index, shipped)
    if "id" in item:
        item["id"] = f"{item['id']}-{index + 1}"
    return item
