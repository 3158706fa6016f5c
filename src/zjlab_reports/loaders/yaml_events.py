"""YAML text in; its `SourceDoc` (data, the span of every value and key) out, in one pass over
libyaml's events, or None when the text needs the exact reader.

The exact reader (`yaml_parse` composes PyYAML's nodes, `yaml_source` turns them into values)
makes a node for every value, then walks the nodes. Most files a build reads have nothing
unusual in them; for those, `read_events` builds the very same `SourceDoc` (values, spans,
key spans, shared data paths, interned keys) straight from libyaml's events, with no nodes,
in some 40% of the time. It declines (returns None) wherever the exact reader does more:

- text libyaml does not read as PyYAML does (`libyaml_agrees`), or a syntax error;
- an anchor or an alias, an explicit tag, an empty stream or a second document;
- anything the exact reader reports: a duplicate, merge or non-text key, a text longer than
  `MAX_STRING_CHARS`, a value that does not construct (an invalid date), a date-time,
  nesting deeper than `MAX_DEPTH`, more than `MAX_NODES` values.

The exact reader then reads the text again, so its diagnostics stay the only ones, word for
word. `tests/loaders/test_yaml_events.py` compares the two on every project file, the
bad-input corpus and random YAML.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.resolver import Resolver

from .yaml_doc import MAX_DEPTH, MAX_NODES, MAX_STRING_CHARS, DataPath, SourceDoc, position, shared
from .yaml_parse import LIBYAML, libyaml_agrees

if LIBYAML:  # (else `libyaml_agrees` is always False)
    from yaml._yaml import CParser

__all__ = ["read_events"]

_STR = "tag:yaml.org,2002:str"
#: The implicit tags of plain values the exact reader constructs (it refuses `=`'s `value`
#: and reports `<<`'s `merge`).
_CONSTRUCTED = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "null", "timestamp")
)
_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()

#: Plain (unquoted) texts up to `_MEMO_LONGEST` characters, each with its tag and value: the
#: keys and the short values (`auto`, `0`, `true`) that every file of a kind repeats. The
#: result depends on the text alone (PyYAML's resolver and constructors); emptied when full.
_PLAIN: dict[str, tuple[str, Any]] = {}
_PLAIN_LIMIT = 4096
_MEMO_LONGEST = 64


class _Declined(Exception):
    """The text needs the exact reader (see the module docstring)."""


def read_events(text: str, name: str) -> SourceDoc | None:
    """`text`, the file `name`, read in one pass; None when the exact reader must read it."""
    if not libyaml_agrees(text):
        return None
    parser = CParser(text)
    try:
        return _Reader(name, parser.get_event).read()
    except (_Declined, yaml.YAMLError):
        return None
    finally:
        parser.dispose()


class _Reader:
    """Builds one file's `SourceDoc` from its events, in the order the exact reader walks its
    nodes (a collection's values by recursion, which `MAX_DEPTH` bounds); raises `_Declined`."""

    def __init__(self, name: str, next_event: Callable[[], Any]) -> None:
        self.next_event = next_event
        self.doc = SourceDoc(name, None)
        self.nodes = 0

    def read(self) -> SourceDoc:
        """The document of a stream that holds exactly one."""
        _expect(self.next_event(), StreamStartEvent)
        _expect(self.next_event(), DocumentStartEvent)
        self.doc.data = self._value(self.next_event(), (), 0)
        _expect(self.next_event(), DocumentEndEvent)
        _expect(self.next_event(), StreamEndEvent)
        return self.doc

    def _value(self, event: Any, path: DataPath, depth: int) -> Any:
        """The value `event` starts, at `path`, its span kept."""
        if event.anchor is not None or event.tag is not None or depth > MAX_DEPTH:
            raise _Declined  # (an alias has an anchor: its name)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Declined
        self.doc.spans.packed[path] = position(event.start_mark)
        kind = type(event)
        if kind is ScalarEvent:
            return _scalar(event)
        if kind is MappingStartEvent:
            return self._mapping(path, depth)
        return self._sequence(path, depth)

    def _mapping(self, path: DataPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while type(event := self.next_event()) is not MappingEndEvent:
            key = _key(event)
            if key in result:
                raise _Declined
            here = shared((*path, key))  # one tuple for both tables
            self.doc.key_spans.packed[here] = position(event.start_mark)
            result[key] = self._value(self.next_event(), here, depth + 1)
        return result

    def _sequence(self, path: DataPath, depth: int) -> list[Any]:
        result: list[Any] = []
        while type(event := self.next_event()) is not SequenceEndEvent:
            result.append(self._value(event, shared((*path, len(result))), depth + 1))
        return result


def _key(event: Any) -> str:
    """A mapping key: a scalar that is text, interned (shared by every file that has it)."""
    if type(event) is not ScalarEvent or event.anchor is not None or event.tag is not None:
        raise _Declined
    if event.implicit[0] and _plain(event.value)[0] != _STR:
        raise _Declined  # a number, date, null or merge key
    return sys.intern(event.value)


def _expect(event: Any, kind: type) -> None:
    if type(event) is not kind:
        raise _Declined


def _scalar(event: Any) -> Any:
    """A scalar's value: a quoted or block scalar is text; a plain one is resolved."""
    text = event.value
    if len(text) > MAX_STRING_CHARS:
        raise _Declined
    return _plain(text)[1] if event.implicit[0] else text


def _plain(text: str) -> tuple[str, Any]:
    """The tag and value PyYAML gives the plain scalar `text` (see `_PLAIN`)."""
    found = _PLAIN.get(text)
    if found is None:
        found = _resolved(text)
        if len(text) <= _MEMO_LONGEST:
            if len(_PLAIN) >= _PLAIN_LIMIT:
                _PLAIN.clear()
            _PLAIN[text] = found
    return found


def _resolved(text: str) -> tuple[str, Any]:
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    if tag == _STR:
        return tag, text
    if tag not in _CONSTRUCTED:
        raise _Declined
    try:
        value = SafeConstructor.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, text))
    except (yaml.YAMLError, ValueError, OverflowError):
        raise _Declined from None
    if isinstance(value, dt.datetime):
        raise _Declined
    return tag, value
