"""A damaged or unwritable font cache never changes a build's output (issue 14, item 2).

Issue 14 flipped two bytes in the middle of every cache file and got a brochure reading
"Hang hou" (the `z` glyph gone) with exit 0. Now: every damaged file is reported once, rebuilt,
and the output is byte-identical to a build from a clean cache.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from zjlab_reports.fonts import _cache
from zjlab_reports.fonts._face import clear_memo

# -j 1: fonts load in this process, whose log the console reports (workers do not forward theirs yet)
SELECTION = ("--layout", "factsheet-letter", "-j", "1")


@pytest.fixture
def clean(own_project: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, bytes]]:
    """A cache of our own, filled by a build; that build's files."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("ZJLAB_REPORTS_CACHE", str(cache))
    clear_memo()
    outcome = own_project.run(tmp_path / "clean", *SELECTION)
    assert outcome.code == 0 and outcome.stderr == "", outcome.stderr
    return cache, own_project.snapshot(tmp_path / "clean")


def _flip_two_bytes(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle] ^= 0xFF
    data[middle + 1] ^= 0x0F
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["flip two bytes", "truncate"])
def test_a_damaged_cache_gives_the_same_output(
    own_project: Any, clean: tuple[Path, dict[str, bytes]], tmp_path: Path, damage: str
) -> None:
    cache, expected = clean
    entries = sorted((cache / "fonts").iterdir())
    assert len(entries) >= 3, entries  # Latin at two weights at least, and Chinese
    for path in entries:
        if damage == "truncate":
            path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
        else:
            _flip_two_bytes(path)
    clear_memo()  # as a new process would start
    _cache._REPORTED.clear()
    outcome = own_project.run(tmp_path / "again", *SELECTION)
    assert outcome.code == 0, outcome.stderr
    assert own_project.snapshot(tmp_path / "again") == expected
    warnings = [line for line in outcome.stderr.splitlines() if ": warning: " in line]
    assert len(warnings) == len(entries), outcome.stderr
    assert all("font cache file is damaged" in line for line in warnings)
    assert sorted(p.name for p in (cache / "fonts").iterdir()) == [p.name for p in entries]


def test_an_unwritable_cache_gives_the_same_output(
    own_project: Any, clean: tuple[Path, dict[str, bytes]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, expected = clean
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("ZJLAB_REPORTS_CACHE", str(blocker))
    clear_memo()
    _cache._REPORTED.clear()
    outcome = own_project.run(tmp_path / "uncached", *SELECTION)
    assert outcome.code == 0, outcome.stderr
    assert own_project.snapshot(tmp_path / "uncached") == expected
    assert outcome.stderr.count("warning: cannot write the font cache") == 1, outcome.stderr
    assert "hint: set ZJLAB_REPORTS_CACHE to a folder you can write to" in outcome.stderr
