"""Files read once are kept (`loaders/source.py`): the same bytes give the same `SourceDoc`
from the cache, without PyYAML; a damaged record, a file with problems and changed bytes
all go through the reader again."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from zjlab_reports.diagnostics import DiagnosticError
from zjlab_reports.loaders import source
from zjlab_reports.loaders.source import read_source
from zjlab_reports.loaders.yaml_source import read_yaml

ROOT = Path(__file__).resolve().parents[2]
FILES = [
    ROOT / "data" / "zhejiang-lab.yaml",
    *sorted((ROOT / "data" / "examples").glob("*.yaml")),
    *sorted((ROOT / "layouts").glob("*.yaml")),
    *sorted((ROOT / "themes").glob("*.yaml")),
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZJLAB_REPORTS_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache" / source.FOLDER


def _same(a: object, b: object) -> bool:
    """Equal, and of the same types all the way down (a date stays a date, 1 stays an int)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)  # type: ignore[call-overload]
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))  # type: ignore[arg-type]
    return a == b


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_a_kept_file_reads_back_as_the_reader_made_it(path: Path, cache: Path) -> None:
    made = read_source(path)  # read, and kept
    assert len(list(cache.iterdir())) == 1
    kept = read_source(path)
    exact = read_yaml(path)
    for doc in (made, kept):
        assert _same(doc.data, exact.data)
        assert doc.spans.packed == exact.spans.packed
        assert doc.key_spans.packed == exact.key_spans.packed
        assert (doc.path, doc.problems, doc.rejected) == (exact.path, [], [])
    assert kept is not made


def test_a_date_keeps_its_type(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("founded: 2017-09-06\nlist: [2020-01-01, text, 3, 2.5, true, null]\n")
    read_source(path)
    kept = read_source(path)
    assert kept.data == {
        "founded": dt.date(2017, 9, 6),
        "list": [dt.date(2020, 1, 1), "text", 3, 2.5, True, None],
    }
    assert type(kept.data["list"][3]) is float


def test_a_second_read_imports_no_yaml(tmp_path: Path, cache: Path) -> None:
    probe = (
        "import sys\nfrom pathlib import Path\n"
        "from zjlab_reports.loaders.source import read_source\n"
        f"read_source(Path({str(FILES[0])!r}))\n"
        "print(any(name == 'yaml' or name.startswith('yaml.') for name in sys.modules))\n"
    )
    env = {"ZJLAB_REPORTS_CACHE": str(cache.parent), "PATH": "/usr/bin:/bin"}
    runs = [
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env) for _ in "12"
    ]
    assert [run.stdout.strip() for run in runs] == ["True", "False"], runs[0].stderr + runs[1].stderr


def test_a_damaged_record_is_read_again(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("a: 1\nb: [x, y]\n")
    read_source(path)
    (record,) = cache.iterdir()
    good = record.read_bytes()
    damaged = good.replace(b"x", b"z")  # would decode, to other data, were it not checked
    record.write_bytes(damaged)
    assert read_source(path).data == {"a": 1, "b": ["x", "y"]}
    assert record.read_bytes() == good  # made again


def test_changed_bytes_are_a_new_record(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("a: 1\n")
    assert read_source(path).data == {"a": 1}
    path.write_text("a: 2\n")
    assert read_source(path).data == {"a": 2}
    assert len(list(cache.iterdir())) == 2


def test_a_file_with_problems_is_never_kept(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("a: 1\na: 2\nb: !!binary aGk=\n")
    for _ in range(2):
        assert len(read_source(path).problems) == 2  # duplicate key, tag: the reader's own words
    assert not cache.exists() or not list(cache.iterdir())
    path.write_text("a: [1\n")
    with pytest.raises(DiagnosticError, match="YAML syntax error"):
        read_source(path)
