"""The one-pass reader gives exactly the exact reader's `SourceDoc`, or declines the text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zjlab_reports.diagnostics import DiagnosticError
from zjlab_reports.loaders import yaml_events, yaml_source
from zjlab_reports.loaders.yaml_doc import MAX_DEPTH, MAX_STRING_CHARS
from zjlab_reports.loaders.yaml_events import read_events
from zjlab_reports.loaders.yaml_parse import LIBYAML

REPO = Path(__file__).resolve().parents[2]
PROJECT_FILES = sorted(p for part in ("data", "layouts", "themes") for p in (REPO / part).rglob("*.yaml"))
CORPUS_FILES = sorted((REPO / "tests" / "bad_inputs").rglob("*.yaml"))

pytestmark = pytest.mark.skipif(not LIBYAML, reason="PyYAML is built without libyaml here")


def fields(doc: Any) -> Any:
    """Everything a `SourceDoc` holds, with the types of the values (1 and True are equal)."""
    return (doc.path, typed(doc.data), doc.spans, doc.key_spans, doc.problems, doc.rejected)


def typed(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}, list(value)
    if isinstance(value, list):
        return [typed(item) for item in value]
    return type(value).__name__, value


def exact(text: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """What the exact reader makes of `text`: the `SourceDoc`'s fields, or the diagnostics."""
    with monkeypatch.context() as patch:
        patch.setattr(yaml_source, "read_events", lambda text, name: None)
        try:
            return fields(yaml_source.read_yaml(Path("f.yaml"), data=text.encode()))
        except DiagnosticError as exc:
            return [d.render() for d in exc.diagnostics]


@pytest.mark.parametrize("path", PROJECT_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_project_files_are_read_in_one_pass_as_the_exact_reader_reads_them(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = path.read_text(encoding="utf-8")
    doc = read_events(text, "f.yaml")
    assert doc is not None
    assert fields(doc) == exact(text, monkeypatch)


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_the_bad_input_corpus_reads_the_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8")
    doc = read_events(text, "f.yaml")
    if doc is not None:
        assert fields(doc) == exact(text, monkeypatch)


def test_values_keep_their_types_and_positions(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        "a: 1\nb: 1.5\nc: true\nd: ~\ne: 2017-09-06\nf: '1'\ng: \"yes\"\nh: |\n  two\n  lines\n"
        "i: >-\n  folded\n  text\nj: [0x1F, .inf, -2, null, '', off]\nk: {x: {y: [[], {}]}}\nl:\nm: 0o17\n"
        "'n': 1_000\n\"o\": 2017-9-6\np:\n  - - deep\n  - {q: r}\n"
    )
    doc = read_events(text, "f.yaml")
    assert doc is not None
    assert doc.data["e"] == dt.date(2017, 9, 6) and doc.data["c"] is True and doc.data["l"] is None
    assert doc.spans[("p", 0, 0)].line == 21 and doc.key_spans[("o",)].column == 1
    assert fields(doc) == exact(text, monkeypatch)


DECLINED = {
    "an anchor": "a: &x 1\n",
    "an alias": "a: &x {k: 1}\nb: *x\n",
    "a tag": "a: !!str 1\n",
    "a local tag": "a: 1\nb: !x 2\n",
    "a duplicate key": "a: 1\nb:\n  c: 1\n  c: 2\n",
    "a merge key": "a: {x: 1}\nb:\n  <<: {y: 2}\n",
    "a number key": "a: 1\n2: b\n",
    "a null key": "a: 1\n~: b\n",
    "a mapping as key": "{[a]: 1}\n",
    "a long text": f"a: {'x' * (MAX_STRING_CHARS + 1)}\n",
    "a long quoted text": f"a: '{'x' * (MAX_STRING_CHARS + 1)}'\n",
    "an invalid date": "a: 2017-02-30\n",
    "a date-time": "a: 2017-09-06 10:00:00\n",
    "a '=' value": "a: =\n",
    "deep nesting": "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "an empty file": "# nothing\n",
    "a syntax error": "a: [1, 2\nb: c\n",
    "a tab (libyaml disagrees)": "a: b\t\n",
    "no final line break": "a: 1",
}


@pytest.mark.parametrize("text", DECLINED.values(), ids=DECLINED.keys())
def test_what_the_exact_reader_reports_is_left_to_it(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert read_events(text, "f.yaml") is None
    got: Any
    try:
        got = fields(yaml_source.read_yaml(Path("f.yaml"), data=text.encode()))
    except DiagnosticError as exc:
        got = [d.render() for d in exc.diagnostics]
    assert got == exact(text, monkeypatch)


def test_nesting_up_to_the_limit_is_read_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    doc = read_events(text, "f.yaml")
    assert doc is not None and fields(doc) == exact(text, monkeypatch)


def test_the_memo_of_plain_texts_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_events, "_PLAIN", {})
    monkeypatch.setattr(yaml_events, "_PLAIN_LIMIT", 8)
    for count in (5, 30):
        long = "y" * (yaml_events._MEMO_LONGEST + 1)
        doc = read_events("".join(f"k{i}: {i}\n" for i in range(count)) + f"z: {long}\n", "f.yaml")
        assert doc is not None and doc.data[f"k{count - 1}"] == count - 1 and doc.data["z"] == long
        assert 0 < len(yaml_events._PLAIN) <= 8 and long not in yaml_events._PLAIN


_PIECES = st.sampled_from(
    [
        *"ab1:-#[]{},'\"&*!?|>%@`.\\ ",
        *("\n", "\n  ", "\n    ", ": ", "- ", "中", "é", "\u00a0", "\r\n", "&x ", "*x", "---"),
        *("...", '"\\x41"', '"\\u4e2d"', "'it''s'", "%YAML 1.1\n", "~", "null", "yes", "2017-09-06"),
        *("0x1F", "1e3", ".inf", "=", "<<", "|-\n", ">+\n", "|2\n", "a: b\n", "- x\n", "a:\n  - "),
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=30).map("".join))
def test_random_yaml_reads_the_same_in_one_pass(text: str) -> None:
    text += "\n"
    doc = read_events(text, "f.yaml")
    if doc is not None:
        with pytest.MonkeyPatch.context() as monkeypatch:
            assert fields(doc) == exact(text, monkeypatch)
