"""A picture that passed its check is remembered on disk per file version: a later process
neither decodes it again nor imports Pillow; a changed file or a damaged record is checked again."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from zjlab_reports.diagnostics import Diagnostic, Span
from zjlab_reports.loaders import images
from zjlab_reports.loaders.images import Picture, check_picture

SPAN = Span("layouts/x.yaml", 3, 7)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZJLAB_REPORTS_CACHE", str(tmp_path / "cache"))
    images._CHECKED.clear()
    return tmp_path / "cache"


def _write(path: Path, fmt: str, size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 40, 10)).save(out, fmt)
    path.write_bytes(out.getvalue())
    return out.getvalue()


def _inspections(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    seen: list[Path] = []
    real = images._inspect
    monkeypatch.setattr(images, "_inspect", lambda path: seen.append(path) or real(path))
    return seen


PROBE = """
import json, sys
from pathlib import Path
from zjlab_reports.diagnostics import Span
from zjlab_reports.loaders.images import check_picture
picture = check_picture(Path(sys.argv[1]), sys.argv[2], Span("x"))
print(json.dumps([picture.format, picture.mode, list(picture.pixels), "PIL" in sys.modules]))
"""


def test_a_later_process_uses_the_record_without_pillow(cache: Path, tmp_path: Path) -> None:
    _write(tmp_path / "cover.jpg", "JPEG", (64, 48))
    argv = [sys.executable, "-c", PROBE, str(tmp_path), "cover.jpg"]
    first, second = (json.loads(subprocess.run(argv, capture_output=True, check=True).stdout) for _ in "12")
    assert first == ["JPEG", "RGB", [64, 48], True]
    assert second == ["JPEG", "RGB", [64, 48], False]


def test_a_changed_picture_is_checked_again(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "logo.png"
    _write(path, "PNG", (30, 20))
    seen = _inspections(monkeypatch)
    first = check_picture(tmp_path, "logo.png", SPAN)
    assert isinstance(first, Picture) and first.pixels == (30, 20)
    images._CHECKED.clear()
    assert check_picture(tmp_path, "logo.png", SPAN) == first
    assert len(seen) == 1  # the record answered
    path.write_bytes(path.read_bytes()[:-20])  # cut short: another version of the file
    images._CHECKED.clear()
    problem = check_picture(tmp_path, "logo.png", SPAN)
    assert isinstance(problem, Diagnostic) and "damaged PNG" in problem.message
    assert len(seen) == 2


@pytest.mark.parametrize("damage", ["another size", "another mode", "cut short", "empty"])
def test_a_damaged_record_is_not_believed(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    _write(tmp_path / "p.png", "PNG", (30, 20))
    good = check_picture(tmp_path, "p.png", SPAN)
    (record,) = (cache / "checked-pictures").iterdir()
    text = record.read_text()
    record.write_text(
        {
            "another size": text.replace("\t30\t20", "\t31\t20"),
            "another mode": text.replace("\tRGB\t", "\tRGBA\t"),
            "cut short": text[: len(text) // 2],
            "empty": "",
        }[damage]
    )
    seen = _inspections(monkeypatch)
    images._CHECKED.clear()
    assert check_picture(tmp_path, "p.png", SPAN) == good
    assert len(seen) == 1
    assert record.read_text() == text  # written again, right
