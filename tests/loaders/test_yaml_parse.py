"""libyaml's fast path gives exactly the nodes, positions, values and diagnostics of the pure parser."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from zjlab_reports.diagnostics import DiagnosticError
from zjlab_reports.loaders import yaml_source
from zjlab_reports.loaders.yaml_parse import _DISAGREE, LIBYAML, compose_nodes, libyaml_agrees

REPO = Path(__file__).resolve().parents[2]
PROJECT_FILES = sorted(p for part in ("data", "layouts", "themes") for p in (REPO / part).rglob("*.yaml"))
CORPUS_FILES = sorted((REPO / "tests" / "bad_inputs").rglob("*.yaml"))

needs_libyaml = pytest.mark.skipif(not LIBYAML, reason="PyYAML is built without libyaml here")


def shape(node: Any) -> Any:
    """Everything about a node tree that reading uses: kinds, tags, values, marks, aliases."""
    if node is None:
        return None
    where = (node.start_mark.line, node.start_mark.column, getattr(node, "alias", False))
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, where)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, where, [shape(item) for item in node.value])
    return ("map", node.tag, where, [(shape(k), shape(v)) for k, v in node.value])


def outcome(text: str, *, fast: bool) -> Any:
    try:
        return shape(compose_nodes(text, fast=fast))
    except yaml.YAMLError as exc:
        return ("error", type(exc).__name__, str(exc))


def read(path: Path, monkeypatch: pytest.MonkeyPatch, *, fast: bool) -> Any:
    """What `read_yaml` makes of `path`: the document's every field, or the diagnostics."""
    with monkeypatch.context() as patch:
        patch.setattr(yaml_source, "read_events", lambda text, name: None)  # the nodes' path
        patch.setattr(yaml_source, "compose_nodes", partial(compose_nodes, fast=fast))
        try:
            doc = yaml_source.read_yaml(path)
        except DiagnosticError as exc:
            return [d.render() for d in exc.diagnostics]
    return (doc.data, doc.spans, doc.key_spans, [d.render() for d in doc.problems], doc.rejected)


@needs_libyaml
@pytest.mark.parametrize("path", PROJECT_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_project_files_take_the_fast_path(path: Path) -> None:
    assert libyaml_agrees(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", PROJECT_FILES + CORPUS_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_reading_is_the_same_on_both_paths(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert read(path, monkeypatch, fast=True) == read(path, monkeypatch, fast=False)


#: Where the two parsers disagree (found by differential fuzzing): the fast path must not
#: take these, and the result is the pure parser's.
DISAGREEMENTS = [
    "a: b\t\n",  # a trailing tab: libyaml accepts it
    "a: [1,\t2]\n",
    "{en: Why?, zh: x}\n",  # '?' inside a flow mapping ends a plain scalar for PyYAML
    "? a\n",  # a complex key's empty value
    "a: !\n",  # the non-specific tag on an empty value
    "a: |#\n  x\n",  # a block scalar header followed by '#'
    "a: >#\n",
    "---",  # no final line break: the end of the stream moves
    "a:",
    "? a",
]


@needs_libyaml
@pytest.mark.parametrize("text", DISAGREEMENTS)
def test_disagreements_go_to_the_pure_parser(text: str) -> None:
    assert not libyaml_agrees(text)
    assert outcome(text, fast=True) == outcome(text, fast=False)


@needs_libyaml
def test_the_disagreements_are_real() -> None:
    """Most listed texts do read differently with libyaml (else the rule could be relaxed)."""
    differ = 0
    for text in DISAGREEMENTS:
        raw: Any
        try:
            raw = shape(yaml.compose(text, Loader=yaml.CSafeLoader))
        except yaml.YAMLError:
            raw = "error"
        differ += raw != outcome(text, fast=False)
    assert differ >= len(DISAGREEMENTS) // 2


@needs_libyaml
def test_syntax_errors_keep_the_pure_parsers_message(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a: [1, 2\nb: c\n", encoding="utf-8")
    with pytest.raises(DiagnosticError) as caught:
        yaml_source.read_yaml(path)
    (diagnostic,) = caught.value.diagnostics
    # PyYAML's wording ("did not find expected ',' or ']'" is libyaml's)
    assert "expected ',' or ']', but got ':'" in diagnostic.render()


def test_aliases_point_at_the_alias_on_the_fast_path() -> None:
    node: Any = compose_nodes("a: &x {k: 1}\nb: *x\n")
    alias = node.value[1][1]
    assert (alias.start_mark.line, alias.start_mark.column, alias.alias) == (1, 3, True)
    assert shape(node) == outcome("a: &x {k: 1}\nb: *x\n", fast=False)


_PIECES = st.sampled_from(
    [
        *"ab1:-#[]{},'\"&*!?|>%@`.\\ ",
        *("\n", "\n  ", "\n    ", ": ", "- ", "中", "é", "\u00a0", "\r\n", "&x ", "*x", "\t", "---"),
        *("...", '"\\x41"', '"\\u4e2d"', "'it''s'", "%YAML 1.1\n", "~", "null", "yes", "2017-09-06"),
        *("0x1F", "1e3", ".inf", "=", "<<", "|-\n", ">+\n", "|2\n", "a: b\n", "- x\n"),
    ]
)


@needs_libyaml
@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=30).map("".join), st.booleans())
def test_random_yaml_reads_the_same_on_both_paths(text: str, final_break: bool) -> None:
    text += "\n" if final_break else ""
    assert outcome(text, fast=True) == outcome(text, fast=False)


@needs_libyaml
@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from([*" \n\t!?|>#[]{},ax1-+", "\u3000", "\u00a0", "\u2028"]), max_size=12))
def test_looking_at_the_suspect_characters_only_is_searching_the_whole_text(text: str) -> None:
    """`libyaml_agrees` looks for `_DISAGREE` only where one of its characters stands."""
    text += "\n"
    assert libyaml_agrees(text) == (_DISAGREE.search(text) is None)
