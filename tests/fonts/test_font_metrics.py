"""Stored metrics and source digests: a warm font load reads small records, not fonts, and a
damaged record is never believed."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest
from msgspec.structs import asdict

import zjlab_reports.cache as cache_folder
from zjlab_reports.fonts import FontSpec, load_face
from zjlab_reports.fonts import _cache as cache
from zjlab_reports.fonts import _metrics as metrics
from zjlab_reports.fonts._face import clear_memo

pytestmark = pytest.mark.usefixtures("fresh_memo")

PROBE = """
import json, sys
from pathlib import Path
from zjlab_reports.fonts import FontSpec, load_face
face = load_face(FontSpec(**json.loads(sys.argv[1])), 400, sys.argv[2], Path(sys.argv[3]))
print(json.dumps([face.advance(sys.argv[2], 10), face.cap_height, "fontTools" in sys.modules]))
"""


def _in_a_new_process(spec: FontSpec, text: str, root: Path) -> list[object]:
    argv = [sys.executable, "-c", PROBE, json.dumps(asdict(spec)), text, str(root)]
    done = subprocess.run(argv, capture_output=True, text=True, check=True)
    assert done.stderr == ""
    result: list[object] = json.loads(done.stdout)
    return result


def test_a_warm_load_imports_no_fonttools_and_measures_the_same(noto_sc: FontSpec, tmp_path: Path) -> None:
    text = "Zhejiang 之江实验室 2017"
    cold = _in_a_new_process(noto_sc, text, tmp_path)
    warm = _in_a_new_process(noto_sc, text, tmp_path)
    assert cold[2] is True  # the first build makes the instance with fontTools
    assert warm[2] is False
    assert warm[:2] == cold[:2]
    assert len(list((tmp_path / "metrics").glob("*.json"))) == 1
    assert len(list((tmp_path / "sources").glob("*.txt"))) == 2  # the font's digest and coverage


def test_stored_metrics_are_the_font_s_own(source_sans: FontSpec, tmp_path: Path) -> None:
    face = load_face(source_sans, 700, "Wide and narrow: Wil", tmp_path)
    stored = metrics.read_metrics(tmp_path, face.face.path)
    assert stored is not None
    assert stored == metrics.measure(face.face.path)
    assert face.advance("W", 1) == stored.advances[ord("W")] / stored.upem
    assert face.advance("W", 1) > face.advance("l", 1) > 0


@pytest.mark.parametrize("damage", ["flip a digit", "truncate", "empty"])
def test_a_damaged_metrics_record_is_reported_and_measured_again(
    source_sans: FontSpec, tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: str
) -> None:
    caplog.set_level(logging.WARNING, logger="zjlab_reports.fonts")
    cache._REPORTED.clear()
    good = load_face(source_sans, 400, "record", tmp_path)
    (record,) = (tmp_path / "metrics").glob("*.json")
    data = record.read_bytes()
    damaged = {
        "flip a digit": data.replace(b'"upem":1000', b'"upem":1001'),
        "truncate": data[: len(data) // 2],
        "empty": b"",
    }[damage]
    assert damaged != data
    record.write_bytes(damaged)
    clear_memo()
    again = load_face(source_sans, 400, "record", tmp_path)
    assert again == good and again.advance("record", 12) == good.advance("record", 12)
    assert [p.read_bytes() for p in (tmp_path / "metrics").glob("*.json")] == [data]
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1 and "damaged" in messages[0], messages


def test_a_remembered_source_digest_spares_hashing_and_a_bad_one_is_not_believed(
    source_sans: FontSpec, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_folder._DIGESTS.clear()  # as a new process starts
    path = load_face(source_sans, 400, "digest", tmp_path).face.path
    records = (tmp_path / "sources").glob("*.txt")  # the font's digest, and its coverage
    (record,) = [p for p in records if re.fullmatch("[0-9a-f]{64}", p.read_text().split()[0])]
    cache_folder._DIGESTS.clear()
    clear_memo()
    hashed: list[Path] = []
    real = cache_folder._hash_file
    monkeypatch.setattr(cache_folder, "_hash_file", lambda p: hashed.append(p) or real(p))
    assert load_face(source_sans, 400, "digest", tmp_path).face.path == path
    assert hashed == []
    digest, check = record.read_text().split()
    record.write_text(f"{'0' * 64} {check}\n")  # another digest: its check no longer fits
    cache_folder._DIGESTS.clear()
    clear_memo()
    assert load_face(source_sans, 400, "digest", tmp_path).face.path == path
    assert len(hashed) == 1
    assert record.read_text().split()[0] == digest  # written again, right
