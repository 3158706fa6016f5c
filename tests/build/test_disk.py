"""Publishing's disk steps (`publish.disk`): files written a group at a time, each fsynced before
`write_files` returns; a failure closes every file it opened."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from zjlab_reports.publish import disk


class _Counted:
    """`os` for `publish.disk`, counting fsyncs by descriptor and failing the `fail_at`-th write."""

    def __init__(self, fail_at: int = 0) -> None:
        self.synced: list[int] = []
        self.writes, self.fail_at = 0, fail_at

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def fsync(self, fd: int) -> None:
        os.fsync(fd)
        self.synced.append(fd)

    def write(self, fd: int, data: Any) -> int:
        self.writes += 1
        if self.writes == self.fail_at:
            raise OSError(28, "No space left on device")
        return os.write(fd, data)


def _open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.parametrize("count", [1, disk._GROUP, 2 * disk._GROUP + 1])
def test_every_file_is_written_and_fsynced(
    tmp_path: Path, count: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "spooled"
    source.write_bytes(b"from a file " * 1000)
    files: list[tuple[str, disk.Content]] = [
        (f"{index}.bin", bytes([index % 256]) * (index + 1)) if index % 2 else (f"{index}.bin", source)
        for index in range(count)
    ]
    out = tmp_path / "out"
    out.mkdir()
    counted = _Counted()
    monkeypatch.setattr(disk, "os", counted)
    disk.write_files(out, files)
    assert len(counted.synced) == count
    for name, content in files:
        expected = content if isinstance(content, bytes) else Path(content).read_bytes()
        assert (out / name).read_bytes() == expected


def test_a_failed_write_closes_every_file_of_its_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files: list[tuple[str, disk.Content]] = [(f"{index}.bin", b"x" * 10) for index in range(5)]
    before = _open_descriptors()
    monkeypatch.setattr(disk, "os", _Counted(fail_at=4))
    with pytest.raises(OSError, match="No space"):
        disk.write_files(tmp_path, files)
    assert _open_descriptors() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["0.bin", "1.bin", "2.bin", "3.bin"]


def _handed_over(tmp_path: Path, count: int, on_disk: bool = False) -> list[tuple[str, disk.Content]]:
    """`count` files in a spool-like folder, each with a published file's mode, handed over."""
    spooled = tmp_path / "spooled"
    spooled.mkdir()
    files: list[tuple[str, disk.Content]] = []
    for index in range(count):
        path = spooled / f"{index}"
        path.write_bytes(bytes([index]) * (1000 + index))
        path.chmod(0o644)
        files.append((f"{index}.pdf", disk.HandedOver(path, on_disk)))
    return files


@pytest.mark.parametrize("on_disk", [False, True])
def test_handed_over_files_are_linked_into_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, on_disk: bool
) -> None:
    """Linked, not copied; synced here unless their data is on disk already (their new names
    are made durable with their folder, by the caller)."""
    files = _handed_over(tmp_path, 3, on_disk)
    out = tmp_path / "out"
    out.mkdir()
    counted = _Counted()
    monkeypatch.setattr(disk, "os", counted)
    disk.write_files(out, files)
    assert len(counted.synced) == (0 if on_disk else 3)
    for name, content in files:
        placed, handed = (out / name).stat(), Path(os.fspath(content)).stat()
        assert (placed.st_ino, placed.st_nlink) == (handed.st_ino, 2)  # one file, no copy
        assert (out / name).read_bytes() == Path(os.fspath(content)).read_bytes()


def test_handed_over_files_are_copied_where_they_cannot_be_linked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another file system (EXDEV), or links not allowed: the bytes are copied and fsynced."""
    files = _handed_over(tmp_path, 2, on_disk=True)
    out = tmp_path / "out"
    out.mkdir()
    counted = _Counted()
    refusals = iter([errno.EXDEV, errno.EPERM])

    def link(source: Any, target: Any) -> None:
        raise OSError(next(refusals), "cannot link")

    counted.link = link  # type: ignore[attr-defined]
    monkeypatch.setattr(disk, "os", counted)
    disk.write_files(out, files)
    assert len(counted.synced) == 2
    for name, content in files:
        assert (out / name).read_bytes() == Path(os.fspath(content)).read_bytes()
        assert (out / name).stat().st_ino != Path(os.fspath(content)).stat().st_ino
