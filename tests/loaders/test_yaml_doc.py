"""A file's positions: kept packed, given back as the spans they were read as."""

from __future__ import annotations

import pickle
from pathlib import Path

from zjlab_reports.diagnostics import Span
from zjlab_reports.loaders.yaml_doc import MAX_FILE_BYTES, Spans, position
from zjlab_reports.loaders.yaml_source import read_yaml


class Mark:
    def __init__(self, line: int, column: int) -> None:
        self.line, self.column = line, column


def test_positions_come_back_as_the_spans_they_were(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\nb:\n  - x\n  - {c: 2}\n", encoding="utf-8")
    doc = read_yaml(path)
    assert dict(doc.spans) == {
        (): Span(doc.path, 1, 1),
        ("a",): Span(doc.path, 1, 4),
        ("b",): Span(doc.path, 3, 3),
        ("b", 0): Span(doc.path, 3, 5),
        ("b", 1): Span(doc.path, 4, 5),
        ("b", 1, "c"): Span(doc.path, 4, 9),
    }
    assert list(doc.key_spans) == [("a",), ("b",), ("b", 1, "c")] and len(doc.key_spans) == 3
    assert ("b", 0) in doc.spans and ("b", 2) not in doc.spans
    assert doc.spans.get(("b", 2)) is None and doc.key_spans.get(("b",)) == Span(doc.path, 2, 1)
    assert doc.span(("b", 1, "c", "deeper")) == Span(doc.path, 4, 9)
    assert doc.span(("b", 1, "c"), key=True) == Span(doc.path, 4, 6)
    assert doc.span(("b", 0), key=True) == Span(doc.path, 3, 5)  # no key: the value


def test_the_longest_line_and_the_most_lines_a_file_can_have_fit() -> None:
    spans = Spans("f.yaml")
    for line, column in ((0, 0), (MAX_FILE_BYTES, 0), (0, MAX_FILE_BYTES), (MAX_FILE_BYTES, MAX_FILE_BYTES)):
        spans.packed[(line, column)] = position(Mark(line, column))
        assert spans[(line, column)] == Span("f.yaml", line + 1, column + 1)


def test_a_read_file_pickles_whole(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\nb: [x, {c: 2}]\n", encoding="utf-8")
    doc = read_yaml(path)
    again = pickle.loads(pickle.dumps(doc))
    assert again == doc and again.spans == doc.spans and again.key_spans.file == doc.path


def test_a_span_asked_again_is_the_one_made_before_and_is_not_pickled(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\nb: [x, {c: 2}]\n", encoding="utf-8")
    doc = read_yaml(path)
    first = doc.spans[("b", 1, "c")]
    assert doc.spans[("b", 1, "c")] is first and doc.span(("b", 1, "c", "deeper")) is first
    assert doc.spans[("a",)] is not first and doc.spans[("a",)] == Span(doc.path, 1, 4)
    again = pickle.loads(pickle.dumps(doc))
    assert again.spans.made == {} and again.spans[("b", 1, "c")] == first
    assert len(pickle.dumps(doc)) == len(pickle.dumps(again))  # the made spans travel nowhere
