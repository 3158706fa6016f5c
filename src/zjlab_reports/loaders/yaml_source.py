"""Safe YAML reading: bytes of a user file in, plain data plus the source span of every value out.

PyYAML composes nodes with marks (`yaml_parse`: libyaml's parser where it reads as PyYAML's
does); we build the Python values ourselves so that we can refuse what `safe_load` lets through
silently or dangerously (a file with nothing unusual in it is read in one pass over libyaml's
events instead, `yaml_events`, to the same result):

- files over `MAX_FILE_BYTES`, byte-order marks, invalid UTF-8 and control characters;
- any explicit tag (`!!python/object/apply` and friends are never constructed, let alone run);
- duplicate keys (PyYAML keeps the last one), merge keys and non-string keys;
- alias expansion beyond `MAX_NODES` values ("billion laughs") and nesting beyond `MAX_DEPTH`;
- strings longer than `MAX_STRING_CHARS`.

Every problem found is collected; `read_yaml` raises one `DiagnosticError` with all of them.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from ..diagnostics import Diagnostic, DiagnosticError, Span, display_path
from .yaml_doc import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_NODES,
    MAX_STRING_CHARS,
    DataPath,
    SourceDoc,
    position,
    share_paths,
    shared,
)
from .yaml_events import read_events
from .yaml_parse import compose_nodes

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "MAX_STRING_CHARS",
    "DataPath",
    "SourceDoc",
    "read_yaml",
    "share_paths",
]

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


def read_yaml(path: Path, *, data: bytes | None = None) -> SourceDoc:
    """Read the YAML file at `path` (or `data`, named `path`) safely.

    Raises `DiagnosticError` for problems that stop reading (syntax, encoding, size, an empty
    file); problems in values (duplicate keys, tags, overlong text) are left in `problems`
    so that validation can report them together with its own.
    """
    name = display_path(path)
    if data is None:
        try:
            data = _read_bytes(path, name)
        except OSError as exc:
            raise DiagnosticError([Diagnostic(Span(name), f"cannot read file: {exc.strerror}")]) from None
    text = _decode(data, name)
    return read_events(text, name) or _Builder(name).build(text)


def _read_bytes(path: Path, name: str) -> bytes:
    with open(path, "rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise DiagnosticError([_too_big(name)])
    return data


def _too_big(name: str) -> Diagnostic:
    return Diagnostic(
        Span(name),
        f"file is larger than {MAX_FILE_BYTES // 1024} KiB",
        ("profiles, layouts and themes are small text files; is this the right file?",),
    )


def _decode(data: bytes, name: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise DiagnosticError([_too_big(name)])
    if _looks_utf16(data):
        raise DiagnosticError(
            [
                Diagnostic(
                    Span(name, 1, 1), "file is encoded as UTF-16", ("save the file as UTF-8 (without BOM)",)
                )
            ]
        )
    if data.startswith(b"\xef\xbb\xbf"):
        raise DiagnosticError(
            [
                Diagnostic(
                    Span(name, 1, 1),
                    "file starts with a byte-order mark (BOM)",
                    ("save the file as UTF-8 without BOM",),
                )
            ]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data[: exc.start].decode("utf-8", "replace"))
        raise DiagnosticError(
            [
                Diagnostic(
                    Span(name, line, col),
                    f"invalid UTF-8 byte 0x{data[exc.start]:02x}",
                    ("save the file as UTF-8",),
                )
            ]
        ) from None
    problems = [_control_char(name, text, m.start()) for m in _CONTROL.finditer(text)]
    if problems:
        raise DiagnosticError(problems[:20])
    return text


def _looks_utf16(data: bytes) -> bool:
    """A UTF-16 byte-order mark, or text whose every other byte is NUL (ASCII in UTF-16)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = data[:200]
    return len(head) >= 4 and (head[1::2].count(0) > len(head) // 3 or head[0::2].count(0) > len(head) // 3)


def _control_char(name: str, text: str, index: int) -> Diagnostic:
    line, col = _line_col(text[:index])
    return Diagnostic(
        Span(name, line, col),
        f"control character U+{ord(text[index]):04X} in text",
        ("delete it; only tabs and line breaks may appear between characters",),
    )


def _line_col(prefix: str) -> tuple[int, int]:
    line = prefix.count("\n") + 1
    return line, len(prefix) - (prefix.rfind("\n") + 1) + 1


def _mark_span(name: str, mark: Any) -> Span:
    return Span(name, mark.line + 1, mark.column + 1)


class _Builder:
    """Turns composed YAML nodes into plain values, recording spans and problems."""

    def __init__(self, name: str):
        self.doc = SourceDoc(name, None)
        self.problems: list[Diagnostic] = []
        self.nodes = 0
        self.aliases: list[Span] = []  # the aliases being expanded, outermost first
        self.constructor = SafeConstructor()

    def build(self, text: str) -> SourceDoc:
        node = self._compose(text)
        if node is None:
            raise DiagnosticError(
                [Diagnostic(Span(self.doc.path, 1, 1), "file is empty", ("a mapping of keys is expected",))]
            )
        self.doc.data = self._value(node, (), 0)
        self.doc.problems = self.problems  # not fatal: schema checks still run and add theirs
        return self.doc

    def _compose(self, text: str) -> yaml.Node | None:
        try:
            return compose_nodes(text)
        except yaml.MarkedYAMLError as exc:
            raise DiagnosticError([_syntax_diagnostic(self.doc.path, exc)]) from None
        except yaml.YAMLError as exc:
            raise DiagnosticError([Diagnostic(Span(self.doc.path), f"YAML error: {exc}")]) from None
        except RecursionError:  # PyYAML composes recursively; find the spot without recursion
            raise DiagnosticError([_too_many(_too_deep(self.doc.path, text), deep=True)]) from None

    def _value(self, node: yaml.Node, path: DataPath, depth: int) -> Any:
        span = _mark_span(self.doc.path, node.start_mark)
        self.doc.spans.packed.setdefault(path, position(node.start_mark))
        self.nodes += 1
        if self.nodes > MAX_NODES or depth > MAX_DEPTH:
            where = self.aliases[0] if (self.aliases and self.nodes > MAX_NODES) else span
            raise DiagnosticError([*self.problems, _too_many(where, depth > MAX_DEPTH)])
        if not getattr(node, "alias", False):
            return self._plain_value(node, path, depth, span)
        self.aliases.append(span)
        try:
            return self._plain_value(node, path, depth, span)
        finally:
            self.aliases.pop()

    def _plain_value(self, node: yaml.Node, path: DataPath, depth: int, span: Span) -> Any:
        before = len(self.problems)
        if node.tag not in _PLAIN_TAGS:
            self.problems.append(_bad_tag(span, node.tag))
            self.doc.rejected.append(path)
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self._value(item, shared((*path, i)), depth + 1) for i, item in enumerate(node.value)]
        value = self._scalar(node, span)
        if len(self.problems) > before:
            self.doc.rejected.append(path)
        return value

    def _mapping(self, node: yaml.MappingNode, path: DataPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_span = _mark_span(self.doc.path, key_node.start_mark)
            key = self._key(key_node, key_span)
            if key is None:
                continue
            if key in result:
                first = self.doc.key_spans[(*path, key)]
                self.problems.append(
                    Diagnostic(
                        key_span,
                        f"duplicate key '{key}'",
                        ("each key may appear once in a mapping; delete or rename one",),
                        related=((first, f"'{key}' first appears here"),),
                    )
                )
                continue
            here = shared((*path, key))  # one tuple for both tables
            self.doc.key_spans.packed[here] = position(key_node.start_mark)
            result[key] = self._value(value_node, here, depth + 1)
        return result

    def _key(self, node: yaml.Node, span: Span) -> str | None:
        if node.tag == "tag:yaml.org,2002:merge":
            self.problems.append(
                Diagnostic(span, "merge keys ('<<') are not supported", ("write the keys out in full",))
            )
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            self.problems.append(
                Diagnostic(
                    span,
                    "keys must be plain text",
                    ("quote the key if it looks like a number, date or list",),
                )
            )
            return None
        return sys.intern(str(node.value))  # shared by every file that has the key

    def _scalar(self, node: yaml.Node, span: Span) -> Any:
        if len(node.value) > MAX_STRING_CHARS:
            self.problems.append(
                Diagnostic(
                    span,
                    f"text is {len(node.value):,} characters long; the limit is {MAX_STRING_CHARS:,}",
                    ("shorten the text",),
                )
            )
            return ""
        try:
            value = self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            if node.tag.endswith(":timestamp"):
                self.problems.append(
                    Diagnostic(
                        span,
                        f"'{node.value}' is not a valid date: {exc}",
                        ("write a real date as YYYY-MM-DD",),
                    )
                )
            else:
                self.problems.append(
                    Diagnostic(span, f"cannot read value {node.value!r}: {exc}", ("check the value",))
                )
            return None
        if isinstance(value, dt.datetime):
            self.problems.append(
                Diagnostic(span, "a date-time is not expected here", ("write a date as YYYY-MM-DD",))
            )
        return value


def _too_deep(name: str, text: str) -> Span:
    """Where nesting first goes deeper than `MAX_DEPTH` (the parser's events are not recursive)."""
    open_collections = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if open_collections > MAX_DEPTH:
                return _mark_span(name, event.start_mark)
            open_collections += 1
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            open_collections -= 1
    return Span(name)


def _too_many(span: Span, deep: bool) -> Diagnostic:
    if deep:
        return Diagnostic(
            span,
            f"nesting is deeper than {MAX_DEPTH} levels",
            ("profiles, layouts and themes nest a few levels; is a bracket left open?",),
        )
    return Diagnostic(
        span,
        f"document expands to more than {MAX_NODES:,} values",
        ("aliases (*name) that repeat anchors (&name) multiply the document; write the values out",),
    )


def _bad_tag(span: Span, tag: str) -> Diagnostic:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return Diagnostic(
        span,
        f"tag '{shown}' is not allowed",
        ("tags are never constructed; remove it and write a plain value",),
    )


def _syntax_diagnostic(name: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    """A YAML syntax error at the spot that explains it, with a note at its context."""
    problem = exc.problem or exc.context or "syntax error"
    context = exc.context or ""
    problem_mark, context_mark = exc.problem_mark, exc.context_mark
    at_end = "end of stream" in problem
    mark = context_mark if (at_end and context_mark) else (problem_mark or context_mark)
    span = _mark_span(name, mark) if mark else Span(name)
    if context.startswith("expected a single document"):
        message = "a file holds a single document; " + problem.removeprefix("but ")
    elif at_end:
        message = f"{context.removeprefix('while ')}: {problem}"
    else:
        message = problem
    related: tuple[tuple[Span, str], ...] = ()
    if context_mark is not None and mark is not context_mark:
        related = ((_mark_span(name, context_mark), context.removeprefix("while ") or "started here"),)
    return Diagnostic(span, f"YAML syntax error: {message}", _syntax_hints(problem, context), related=related)


def _syntax_hints(problem: str, context: str) -> tuple[str, ...]:
    if "\\t" in problem or "\t" in problem or "tab" in problem:
        return ("a tab character is here; indent with spaces, not tabs",)
    if "mapping values are not allowed" in problem:
        return ("a value containing ': ' must be quoted",)
    if "flow mapping" in context or "flow sequence" in context:
        return ("close the bracket, or quote a value that contains ',', ':', '{' or '['",)
    if "quoted scalar" in context:
        return ("the closing quote is missing",)
    if "single document" in context:
        return ("remove the '---' line and what follows, or move it to a file of its own",)
    if "expected <block end>" in problem or "could not find expected ':'" in problem:
        return ("check the indentation of this line and the one before it",)
    return ("see the YAML syntax at this line",)
