"""A damaged or unwritable font cache never changes a build's output (issue 14, item 2).

Issue 14 flipped two bytes in the middle of every cache file and got a brochure reading
"Hang hou" (the `z` glyph gone) with exit 0. Now: every damaged file is reported once, rebuilt,
and the output is byte-identical to a build from a clean cache.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from zjlab_reports.fonts import _cache
from zjlab_reports.fonts._face import clear_memo

# the default -j: fonts load in worker processes, whose warnings the build reports as -j 1 does
SELECTION = ("--layout", "factsheet-letter")


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


def _damage(cache: Path) -> list[Path]:
    entries = sorted((cache / "fonts").iterdir())
    for path in entries:
        _flip_two_bytes(path)
    clear_memo()  # as a new process would start
    _cache._REPORTED.clear()
    return entries


def test_workers_report_what_one_process_reports(
    own_project: Any, clean: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    """`-j 2` and `-j 1` give the same warnings, in the same order, on the console and in --json."""
    cache, _ = clean
    seen = {}
    for jobs in ("1", "2"):
        for form in ("console", "json"):
            entries = _damage(cache)
            extra = ("--json",) if form == "json" else ()
            outcome = own_project.run(
                tmp_path / f"{jobs}-{form}", "--layout", "factsheet-letter", "-j", jobs, *extra
            )
            assert outcome.code == 0, outcome.stderr
            if form == "json":
                found = [d for d in json.loads(outcome.stdout)["diagnostics"] if d["severity"] == "warning"]
                seen[jobs, form] = [(d["file"], d["message"]) for d in found]
            else:
                seen[jobs, form] = [line for line in outcome.stderr.splitlines() if ": warning: " in line]
            assert len(seen[jobs, form]) == len(entries), (jobs, form, outcome.stderr, outcome.stdout)
    assert seen["1", "console"] == seen["2", "console"]
    assert seen["1", "json"] == seen["2", "json"]
