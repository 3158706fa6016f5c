"""Large zip entries' deflated streams are kept on disk between processes: a kept stream is the
one deflating makes, never another entry's, and a damaged or unwritable cache never reaches a
deck."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from zjlab_reports.backends.pptx import deflation
from zjlab_reports.backends.pptx.deflation import LARGE, deflate, deflate_kept


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZJLAB_REPORTS_CACHE", str(tmp_path))
    monkeypatch.setattr(deflation, "_REPORTED", set())
    return tmp_path / "deflated"


def _kept(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.zz")) if cache.exists() else []


def test_a_large_entry_is_kept_and_read_back_the_same(cache: Path) -> None:
    data = os.urandom(LARGE) + b"text " * 5000
    made = deflate_kept(data)
    assert made == deflate(data)
    assert len(_kept(cache)) == 1
    assert deflate_kept(data) == made  # read back (a later process would read the same file)


def test_small_entries_are_not_kept(cache: Path) -> None:
    data = os.urandom(LARGE - 1)
    assert deflate_kept(data) == deflate(data)
    assert _kept(cache) == []


def test_entries_differing_in_one_byte_keep_their_own_streams(cache: Path) -> None:
    first = os.urandom(LARGE * 2)
    twin = first[:-1] + bytes([first[-1] ^ 1])
    same_length = os.urandom(len(first))
    for data in (first, twin, same_length, first, twin, same_length):
        assert deflate_kept(data) == deflate(data)
    assert len(_kept(cache)) == 3


@pytest.mark.parametrize("damage", ["flip", "cut", "empty"])
def test_a_damaged_file_is_reported_removed_and_made_again(
    cache: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    data = b"picture " * (LARGE // 4)
    deflate_kept(data)
    (path,) = _kept(cache)
    good = path.read_bytes()
    damaged = {"flip": _flipped(good), "cut": good[: len(good) // 2], "empty": b""}[damage]
    path.write_bytes(damaged)
    with caplog.at_level(logging.WARNING, logger="zjlab_reports"):
        assert deflate_kept(data) == deflate(data)
        assert deflate_kept(data) == deflate(data)
    assert [r.getMessage() for r in caplog.records] == [
        "deflated-entry cache file is damaged (its check does not match); deflating again"
    ]
    assert path.read_bytes() == good  # a good file in its place


def _flipped(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x40]) + data[middle + 1 :]


def test_a_cache_that_is_a_file_is_said_once(cache: Path, caplog: pytest.LogCaptureFixture) -> None:
    cache.write_bytes(b"not a folder")
    with caplog.at_level(logging.WARNING, logger="zjlab_reports"):
        for data in (os.urandom(LARGE), os.urandom(LARGE)):
            assert deflate_kept(data) == deflate(data)
    assert (
        len(caplog.records) == 1 and "cannot write the deflated-entry cache" in caplog.records[0].getMessage()
    )
