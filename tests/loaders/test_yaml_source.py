"""The safe YAML reader: values with their positions, and every unsafe input refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from zjlab_reports.diagnostics import DiagnosticError, Span
from zjlab_reports.loaders import yaml_doc
from zjlab_reports.loaders.yaml_source import MAX_FILE_BYTES, MAX_STRING_CHARS, read_yaml


def read(text: str | bytes, tmp_path: Path):
    path = tmp_path / "f.yaml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return read_yaml(path)


def problems(text: str | bytes, tmp_path: Path) -> list[str]:
    try:
        doc = read(text, tmp_path)
    except DiagnosticError as exc:
        return [d.render() for d in exc.diagnostics]
    return [d.render() for d in doc.problems]


def test_values_keep_line_and_column(tmp_path: Path) -> None:
    doc = read("a: 1\nb:\n  - x\n  - {c: 2017-09-06}\n", tmp_path)
    assert doc.data == {"a": 1, "b": ["x", {"c": dt.date(2017, 9, 6)}]}
    assert doc.spans[("a",)] == Span(doc.path, 1, 4)
    assert doc.spans[("b", 1, "c")] == Span(doc.path, 4, 9)
    assert doc.key_spans[("b",)] == Span(doc.path, 2, 1)


def test_files_of_one_shape_share_their_paths_and_keys(tmp_path: Path, monkeypatch) -> None:
    """A batch of profile variants keeps one copy of the paths and keys they have in common."""
    monkeypatch.setattr(yaml_doc, "_PATHS", {})  # not emptied halfway (it is bounded)
    shape = "id: {}\nfacts:\n  staff: {{value: {}}}\nareas:\n  - {{name: a{}}}\n  - {{name: b}}\n"
    docs = []
    for index in range(3):
        path = tmp_path / f"v{index}.yaml"
        path.write_text(shape.format(f"v{index}", 100 + index, index), encoding="utf-8")
        docs.append(read_yaml(path))
    first, *others = docs
    for other in others:
        assert other.data != first.data and other.spans.keys() == first.spans.keys()
        mine = {path: path for path in other.spans} | {path: path for path in other.key_spans}
        assert all(mine[path] is path for path in first.spans)  # the same tuples, not equal ones
        assert all(any(key is known for known in first.data) for key in other.data)  # keys too


def test_the_shared_paths_stay_bounded(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(yaml_doc, "_PATHS", {})
    monkeypatch.setattr(yaml_doc, "_PATHS_LIMIT", 8)
    for count in (5, 30):
        doc = read("items:\n" + "".join(f"  - {{k{i}: {i}}}\n" for i in range(count)), tmp_path)
        assert doc.spans[("items", count - 1, f"k{count - 1}")].line == count + 1
        assert 0 < len(yaml_doc._PATHS) <= 8


def test_span_falls_back_to_nearest_ancestor(tmp_path: Path) -> None:
    doc = read("a:\n  b: 1\n", tmp_path)
    assert doc.span(("a", "missing")) == doc.spans[("a",)]


def test_duplicate_keys_are_reported_with_both_places(tmp_path: Path) -> None:
    (text,) = problems("a: 1\nb:\n  c: 1\n  c: 2\n", tmp_path)
    assert ":4:3: error: duplicate key 'c'" in text
    assert ":3:3: note: 'c' first appears here" in text


def test_python_tags_are_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    payload = f'a: !!python/object/apply:os.system ["touch {marker}"]\n'
    (text,) = problems(payload, tmp_path)
    assert "tag '!!python/object/apply:os.system' is not allowed" in text
    assert not marker.exists()


def test_alias_bomb_is_bounded(tmp_path: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefg", "bcdefgh", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 10)}]")
    (text,) = problems("\n".join(lines) + "\n", tmp_path)
    assert "document expands to more than" in text


def test_small_aliases_are_fine(tmp_path: Path) -> None:
    doc = read("a: &x {k: 1}\nb: *x\n", tmp_path)
    assert doc.data["b"] == {"k": 1}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"a: \xff\n", "1:4: error: invalid UTF-8 byte 0xff"),
        (b"\xef\xbb\xbfa: 1\n", "1:1: error: file starts with a byte-order mark"),
        (b"a: x\nb: y\x07z\n", "2:5: error: control character U+0007"),
        (b"", "error: file is empty"),
        (b"# only a comment\n", "error: file is empty"),
        (b"a:\n\t- x\n", "2:1: error: YAML syntax error"),
        (b"a: [1, 2\n", "error: YAML syntax error"),
        (b"<<: {a: 1}\n", "merge keys ('<<') are not supported"),
        (b"1: a\n", "keys must be plain text"),
        (b"a: 2017-09-06T10:00:00\n", "a date-time is not expected here"),
    ],
)
def test_bad_bytes_and_syntax(tmp_path: Path, data: bytes, expected: str) -> None:
    assert any(expected in text for text in problems(data, tmp_path)), problems(data, tmp_path)


def test_long_strings_are_refused(tmp_path: Path) -> None:
    (text,) = problems(f"a: {'x' * (MAX_STRING_CHARS + 1)}\n", tmp_path)
    assert f"the limit is {MAX_STRING_CHARS:,}" in text


def test_big_files_are_refused(tmp_path: Path) -> None:
    (text,) = problems(b"# " + b"x" * MAX_FILE_BYTES + b"\n", tmp_path)
    assert "file is larger than 1024 KiB" in text


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    texts = problems("a: " + "[" * 200 + "]" * 200 + "\n", tmp_path)
    assert any("nesting is deeper than" in t for t in texts)


def test_all_problems_in_a_file_are_reported(tmp_path: Path) -> None:
    texts = problems("a: 1\na: 2\nb: !!binary aGk=\nc: 3\nc: 4\n", tmp_path)
    assert len(texts) == 3
