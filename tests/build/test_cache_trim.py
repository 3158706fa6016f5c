"""The cache stays bounded: `cache.trim` removes what was used longest ago, never what a build
may be reading now, and nothing outside the cache's own folders; a build trims once a day."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from zjlab_reports import cache
from zjlab_reports.cli import main

ROOT = Path(__file__).resolve().parents[2]
NOW = 2_000_000_000.0
DAY = 24 * 60 * 60


def _file(root: Path, name: str, size: int, days_ago: float) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    used = NOW - days_ago * DAY
    os.utime(path, (used, used))
    return path


def test_the_files_used_longest_ago_go_first_until_the_cache_is_under_its_limit(tmp_path: Path) -> None:
    oldest = _file(tmp_path, "fonts/a.ttf", 400, days_ago=30)
    older = _file(tmp_path, "verdicts/b.json", 300, days_ago=20)
    old = _file(tmp_path, "metrics/c.json", 200, days_ago=10)
    recent = _file(tmp_path, "pictures/d.pic", 100, days_ago=2)
    removed = cache.trim(tmp_path, limit=350, now=NOW)
    assert removed == [oldest, older]
    assert [p.exists() for p in (oldest, older, old, recent)] == [False, False, True, True]


def test_nothing_used_within_a_day_is_removed_even_over_the_limit(tmp_path: Path) -> None:
    today = [_file(tmp_path, f"fonts/{i}.ttf", 1000, days_ago=0.5) for i in range(3)]
    stale = _file(tmp_path, "formats/x.txt", 10, days_ago=3)
    assert cache.trim(tmp_path, limit=1, now=NOW) == [stale]
    assert all(path.exists() for path in today)


def test_only_the_cache_folders_are_trimmed(tmp_path: Path) -> None:
    """A cache root pointed at a folder that holds other things loses none of them."""
    mine = _file(tmp_path, "notes.txt", 5000, days_ago=400)
    theirs = _file(tmp_path, "other/data.bin", 5000, days_ago=400)
    (tmp_path / "fonts").mkdir()
    os.symlink(theirs, tmp_path / "fonts" / "link.ttf")
    assert cache.trim(tmp_path, limit=0, now=NOW) == []
    assert mine.exists() and theirs.exists() and (tmp_path / "fonts" / "link.ttf").is_symlink()


def test_a_build_process_trims_once_a_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZJLAB_REPORTS_CACHE_LIMIT", "1")  # MiB
    big = [_file(tmp_path, f"fonts/{i}.ttf", 700 << 10, days_ago=5) for i in range(3)]
    assert len(cache.trim_daily(tmp_path, now=NOW)) == 2  # 2.1 MiB down to 0.7
    assert not big[0].exists() and big[2].exists()
    more = _file(tmp_path, "fonts/more.ttf", 700 << 10, days_ago=5)
    assert cache.trim_daily(tmp_path, now=NOW + DAY / 2) == []  # trimmed today already
    assert cache.trim_daily(tmp_path, now=NOW + DAY + 1) == [big[2]]
    assert more.exists()


@pytest.mark.parametrize(
    ("value", "megabytes"), [("64", 64), ("", 1024), ("0", 1024), ("-5", 1024), ("a lot", 1024)]
)
def test_the_limit_comes_from_the_environment_when_it_is_a_whole_number(
    value: str, megabytes: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZJLAB_REPORTS_CACHE_LIMIT", value)
    assert cache._limit() == megabytes << 20


def test_a_build_trims_its_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build removes a stale entry from an over-full cache and keeps the fonts it just used."""
    root = tmp_path / "cache"
    if cache.cache_root().is_dir():  # warm: the build's own fonts are made already
        shutil.copytree(cache.cache_root(), root, symlinks=True)
    (root / "fonts").mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("ZJLAB_REPORTS_CACHE", str(root))
    monkeypatch.setenv("ZJLAB_REPORTS_CACHE_LIMIT", "1")
    (root / ".trimmed").unlink(missing_ok=True)
    stale = root / "fonts" / "stale.ttf"
    stale.write_bytes(b"\0" * (2 << 20))
    os.utime(stale, (1_000_000_000, 1_000_000_000))
    argv = ["--project", str(ROOT), "build", "-q", "--layout", "factsheet-letter", "--lang", "en"]
    assert main([*argv, "--out", str(tmp_path / "out")]) == 0
    assert not stale.exists() and (root / ".trimmed").exists()
    assert main([*argv, "--out", str(tmp_path / "again")]) == 0  # what it read is still there
