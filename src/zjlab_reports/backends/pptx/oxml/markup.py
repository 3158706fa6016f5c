"""Python strings in; XML markup out: escaped attribute values and text, namespace
declarations, a part's bytes.

The parts a deck writes anew (slides, notes, charts, workbooks, relationships, content types,
properties) are markup strings from small f-string templates in the modules beside this one,
not lxml trees built element by element: building and serialising the trees was three
quarters of a deck's rendering. Every value that is not a number goes through `attr` or
`text`, which escape exactly as lxml serialises (tests compare the two on arbitrary strings)
and refuse what lxml refuses (control characters but tab, line feed and carriage return;
U+FFFE and U+FFFF), so the bytes are those lxml wrote.
"""

from __future__ import annotations

import functools
import re

from .elements import NS

__all__ = ["DECLARATION", "attr", "namespaces", "part", "text"]

DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
"""The declaration lxml writes for a standalone UTF-8 part."""

_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ATTRIBUTE_SPECIAL = re.compile('[&<>"\t\n\r\x00-\x1f\ufffe\uffff]')
_TEXT_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NOT_XML = "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters"


def attr(value: str) -> str:
    """`value` escaped for a double-quoted attribute, as lxml writes it."""
    if _ATTRIBUTE_SPECIAL.search(value) is None:
        return value  # the common case: nothing to escape
    _check(value)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return value.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")


def text(value: str) -> str:
    """`value` escaped as an element's text, as lxml writes it."""
    if _TEXT_SPECIAL.search(value) is None:
        return value
    _check(value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _check(value: str) -> None:
    """Raise lxml's ValueError if `value` holds a character XML 1.0 cannot."""
    if _INVALID.search(value) is not None:
        raise ValueError(_NOT_XML)


@functools.cache
def namespaces(*prefixes: str, default: str | None = None) -> str:
    """The declarations of a root element: ` xmlns="..."` for the `default` prefix's
    namespace, then ` xmlns:p="..."` for each of `prefixes`, in that order (as lxml writes
    a root's namespace map). A few combinations: made once each."""
    declared = f' xmlns="{NS[default]}"' if default else ""
    return declared + "".join(f' xmlns:{prefix}="{NS[prefix]}"' for prefix in prefixes)


def part(markup: str, declaration: str = DECLARATION) -> bytes:
    """A part's bytes: the declaration, then `markup`, in UTF-8."""
    return (declaration + markup).encode("utf-8")
