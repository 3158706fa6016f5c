"""YAML text in; PyYAML nodes (each with its line:col mark) out, parsed by libyaml where that is safe.

libyaml, PyYAML's C extension, scans and parses about ten times faster than PyYAML's
pure-Python scanner and parser. PyYAML's own `Composer` builds the nodes from libyaml's events,
so anchors, aliases and composer errors behave as before. `compose_nodes` returns exactly what
the pure parser returns, or raises exactly what it raises: differential fuzzing of the two
parsers found where they disagree, and such text goes to the pure parser —

- tabs: libyaml accepts trailing tabs and tabs between tokens that PyYAML rejects;
- `?`: PyYAML ends a plain scalar at `?` inside `[...]`/`{...}` (libyaml keeps it), and the
  two place the empty value of a complex key (`? key`) differently;
- `!` (the non-specific tag) on an empty value: a string for libyaml, null for PyYAML;
- a block scalar header followed at once by `#` (`|#`): libyaml accepts it, PyYAML does not;
- text that does not end with a line break: libyaml moves the end of the stream to the next
  line, so an empty value at the very end gets another position.

Text libyaml rejects is parsed again by the pure parser too: its error messages are the ones
the diagnostics are written for. Without libyaml (a PyYAML built without it) every text takes
the pure path. `tests/loaders/test_yaml_parse.py` holds the cases and compares both paths.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.resolver import Resolver

__all__ = ["LIBYAML", "compose_nodes", "libyaml_agrees"]

try:
    from yaml._yaml import CParser

    #: Whether libyaml is installed (PyYAML's C extension).
    LIBYAML = True
except ImportError:  # PyYAML built without libyaml
    LIBYAML = False

#: What the two parsers read differently (see the module docstring).
_DISAGREE = re.compile(r"\t|\?|(?:^|[\s,\[\]{}])!|[|>][0-9+-]*#")
#: The characters every disagreement holds: most files have none or a few (`>-`), and finding
#: them is some ten times faster than searching `_DISAGREE` over the whole text.
_SUSPECT = re.compile(r"[\t?!|>]")


class _AliasMarking:
    """Composes an alias (`*name`) as a shallow copy of its anchor's node marked `alias` and
    carrying the alias's own position, so that problems found while expanding it point there."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if not self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            return super().compose_node(parent, index)  # type: ignore[misc]
        mark = self.peek_event().start_mark  # type: ignore[attr-defined]
        node: Any = copy.copy(super().compose_node(parent, index))  # type: ignore[misc]
        node.start_mark = mark
        node.alias = True
        return node


class _PureLoader(_AliasMarking, yaml.SafeLoader):
    """PyYAML's pure-Python scanner, parser and composer."""


if LIBYAML:

    class _LibyamlLoader(_AliasMarking, Composer, CParser, Resolver):
        """libyaml's scanner and parser; PyYAML's composer and resolver (before CParser's own)."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            Resolver.__init__(self)


def libyaml_agrees(text: str) -> bool:
    """Whether libyaml reads `text` as the pure parser does (when both accept it)."""
    return (
        LIBYAML
        and text.endswith("\n")
        and not any(_disagrees_at(text, m.start()) for m in _SUSPECT.finditer(text))
    )


def _disagrees_at(text: str, index: int) -> bool:
    """Whether `_DISAGREE` matches at the suspect character `text[index]` (or, for a `!`, at the
    character before it)."""
    start = index - 1 if text[index] == "!" and index > 0 else index
    return _DISAGREE.match(text, start) is not None


def compose_nodes(text: str, *, fast: bool = True) -> yaml.Node | None:
    """The root node of the single YAML document in `text`; None for a stream without one.

    Raises what `yaml.compose(text, Loader=SafeLoader)` raises (`yaml.YAMLError`,
    `RecursionError` on very deep nesting). `fast=False` always takes the pure path.
    """
    if fast and libyaml_agrees(text):
        loader = _LibyamlLoader(text)
        try:
            return loader.get_single_node()
        except (yaml.YAMLError, RecursionError):
            pass  # the pure parser explains it: its messages are the ones we word diagnostics for
        finally:
            loader.dispose()
    return yaml.compose(text, Loader=_PureLoader)
