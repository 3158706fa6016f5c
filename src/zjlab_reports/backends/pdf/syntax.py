"""PDF syntax: ReportLab's PDF objects in; their bytes out, the same bytes ReportLab's `format` writes.

ReportLab turns its objects into bytes through `pdfdoc.format`, one generic function that every
value passes through (about 3,000 calls per brochure, each with several `isinstance` and
`hasattr` checks and an encoding lookup). `Syntax` writes the kinds a document is made of
(names, numbers, strings, references, dictionaries, arrays, streams, the catalog, page tree,
pages, their resources, fonts and outline entries) with one dictionary lookup per value, and
hands every other object to its own `format`, so the bytes never depend on which path wrote
them. It writes what ReportLab writes with its defaults: no comments, no encryption, and
ReportLab's line breaks (after every six dictionary entries and every ten array elements,
unless `rl_config.pdfMultiLine` is set). A maker that writes many objects of one shape (the
structure tree's elements) registers them itself (`register`) and writes them with
`dictionary_of` and `array_of`, the same layout, as `Written` objects whose bytes are copied
out as they are.
"""

from __future__ import annotations

import functools
import weakref
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import (
    DummyDoc,
    NoEncryption,
    OutlineEntryObject,
    PDFArray,
    PDFArrayCompact,
    PDFCatalog,
    PDFDictionary,
    PDFDocument,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFResourceDictionary,
    PDFStream,
    PDFString,
    PDFType1Font,
    PDFZCompress,
)

from .deflate import deflated

__all__ = ["Syntax", "Written", "array_of", "dictionary_of", "register", "text_string"]


class Written(PDFObject):
    """An object whose bytes are already written (`data`): its maker registers it with the
    document first (so it has its object number) and sets `data` before the file is written."""

    def __init__(self, data: bytes = b"") -> None:
        self.data = data

    def format(self, document: PDFDocument) -> bytes:
        return self.data


def register(document: PDFDocument, value: PDFObject) -> bytes:
    """Register `value`, an object never registered, with `document` as `document.Reference(value)`
    does (the next object number, named `R<number>`); return its reference as written (`12 0 R`).
    For a maker that registers many objects at once (the structure tree's elements)."""
    number = document.objectcounter = document.objectcounter + 1
    name = f"R{number}"
    if name in document.idToObject:
        raise ValueError(f"redefining named object: {name!r}")
    value.__InternalName__ = name
    document.idToObjectNumberAndVersion[name] = (number, 0)
    document.numberToId[number] = name
    document.idToObject[name] = value
    return b"%d 0 R" % number


def dictionary_of(parts: list[bytes], multiline: object = True) -> bytes:
    """`<< /Key value ... >>` from its entries already written (`/Key value`), in their order."""
    return b"<<\n" + _joined(parts, multiline, 6) + b"\n>>"


def array_of(parts: list[bytes], multiline: object = True) -> bytes:
    """`[ a b c ]` from its elements already written."""
    return b"[ " + _joined(parts, multiline, 10) + b" ]"


def _joined(parts: list[bytes], multiline: object, every: int) -> bytes:
    """`parts` on one line each (ReportLab's multi-line mode), else spaced with a line break after
    every `every`, as ReportLab joins a dictionary's entries (6) and an array's elements (10)."""
    if (multiline and rl_config.pdfMultiLine) or multiline == "forced":
        return b"\n ".join(parts)
    if len(parts) <= every:
        return b" ".join(parts)
    lines = [b" ".join(parts[start : start + every]) for start in range(0, len(parts), every)]
    return b" \n  ".join(lines)


class Syntax:
    """Writes the objects of one ReportLab document; `of(value, top)` gives a value's bytes.

    `top` is True for the value of an indirect object: objects that ReportLab only writes as
    indirect objects (streams, pages, fonts) are written in full there and as a reference
    (registering them with the document if needed) anywhere else. The document is held weakly
    (it holds its writer): nothing keeps a written document in a cycle, so its objects are
    freed as soon as it goes, without the garbage collector.
    """

    def __init__(self, document: PDFDocument) -> None:
        self.document = weakref.proxy(document)
        self.values: dict[type, Callable[[Any], bytes]] = {
            str: _text,
            int: _integer,
            float: _number,
            bytes: _same,
            PDFObjectReference: self.reference,
        }
        self.inline: dict[type, Callable[[Any], bytes]] = {  # classes never marked `__RefOnly__`
            PDFDictionary: self.dictionary,
            PDFArray: self.array,
            PDFArrayCompact: self.array,
            PDFString: self.string,
        }
        self.objects = {**self.inline, PDFStream: self.stream, Written: _written}
        self.built: dict[object, Callable[[Any], dict[str, object]]] = {  # by the `format` they replace
            PDFCatalog.format: self.catalog_entries,
            PDFType1Font.format: _font_entries,
            PDFResourceDictionary.format: _resource_entries,
            OutlineEntryObject.format: _outline_entries,
        }

    def of(self, value: object, top: bool = False) -> bytes:
        """`value` in PDF syntax, as ReportLab's `pdfdoc.format(value, document, top)` writes it."""
        write = self.values.get(type(value))
        if write is not None:
            return write(value)
        if not isinstance(value, PDFObject):
            return _other(value)
        if not top and hasattr(value, "__RefOnly__"):
            return self.reference(self.document.Reference(value))
        write = self.objects.get(type(value))
        if write is not None:
            return write(value)
        build = self.built.get(getattr(type(value), "format", None))
        if build is not None:
            return self.entries(build(value))
        formatted: bytes = value.format(self.document)
        return formatted

    def value(self, value: object) -> bytes:
        """`of(value)` inside another value: the commonest kinds (numbers, names, references,
        dictionaries and arrays that are not marked to be written as references) looked up first."""
        write = self.values.get(type(value))
        if write is not None:
            return write(value)
        write = self.inline.get(type(value))
        if write is not None and "__RefOnly__" not in value.__dict__:  # nor is this instance
            return write(value)
        return self.of(value)

    def reference(self, reference: PDFObjectReference) -> bytes:
        """`12 0 R`; KeyError if the object it names was never registered."""
        try:
            return b"%d %d R" % self.document.idToObjectNumberAndVersion[reference.name]
        except KeyError:
            raise KeyError(
                f"forward reference to {reference.name!r} not resolved upon final formatting"
            ) from None

    def dictionary(self, dictionary: PDFDictionary) -> bytes:
        return self.entries(dictionary.dict, dictionary.multiline)

    def entries(self, entries: Mapping[str, object], multiline: object = True) -> bytes:
        """`<< /Key value ... >>`, keys sorted unless `entries` is an OrderedDict."""
        keys = list(entries) if isinstance(entries, OrderedDict) else sorted(entries)
        return dictionary_of([_name(key) + b" " + self.value(entries[key]) for key in keys], multiline)

    def array(self, array: PDFArray) -> bytes:
        """`[ a b c ]`; the numbers of a font's widths (floats) and the bytes of references written
        here directly, any other value by `value`."""
        value = self.value
        parts = [
            _number(item) if type(item) is float else item if type(item) is bytes else value(item)
            for item in array.sequence
        ]
        return array_of(parts, array.multiline)

    def string(self, string: PDFString) -> bytes:
        """A string; text with ReportLab's defaults (every one a document holds) by `text_string`."""
        plain = string.escape == 1 and string.enc == "auto" and type(self.document.encrypt) is NoEncryption
        if plain and type(string.s) is str:
            return text_string(string.s)
        formatted: bytes = string.format(self.document)
        return formatted

    def stream(self, stream: PDFStream) -> bytes:
        """The stream's dictionary (its filters and `/Length` added) and its data, encoded by its filters."""
        head, data = self.stream_parts(stream)
        return head + b"\nstream\n" + data + b"endstream\n"

    def stream_parts(self, stream: PDFStream) -> tuple[bytes, bytes]:
        """`stream` apart: its dictionary (filters and `/Length` added), its data encoded by its filters."""
        if stream.content is None:
            raise ValueError("stream content not set")
        entries = stream.dictionary.dict.copy()
        content = stream.content
        filters = stream.filters if stream.filters is not None else self.document.defaultStreamFilters
        if filters is not None and "Filter" not in entries:
            content = _encoded(content, filters)
            entries["Filter"] = PDFArray([PDFName(encoder.pdfname) for encoder in filters])
        data = self.of(content)
        entries["Length"] = len(content)
        return self.entries(entries), data

    def catalog_entries(self, catalog: PDFCatalog) -> dict[str, object]:
        """A catalog, page tree or page: its defaults, its other set keys, references where asked."""
        catalog.check_format(self.document)
        entries: dict[str, object] = {}
        for key, default in catalog.__Defaults__.items():
            if (value := getattr(catalog, key, default)) is not None:
                entries[key] = value
        for key in catalog.__NoDefault__:
            if (value := getattr(catalog, key, None)) is not None:
                entries[key] = value
        for key in catalog.__Refs__:
            if key in entries:
                entries[key] = self.document.Reference(entries[key])
        return entries


def _font_entries(font: PDFType1Font) -> dict[str, object]:
    """A font dictionary: its name attributes as names, its other attributes as they are."""
    entries: dict[str, object] = {}
    for key in font.name_attributes:
        if hasattr(font, key):
            entries[key] = PDFName(getattr(font, key))
    for key in font.local_attributes:
        if hasattr(font, key):
            entries[key] = getattr(font, key)
    return entries


def _resource_entries(resources: PDFResourceDictionary) -> dict[str, object]:
    """A page's resources: its non-empty sub-dictionaries and its procedure sets."""
    entries: dict[str, object] = {}
    for key in resources.dict_attributes:
        value = getattr(resources, key)
        if not isinstance(value, dict):
            entries[key] = value
        elif value:
            entries[key] = PDFDictionary(value)
    procedures = resources.ProcSet
    if not isinstance(procedures, tuple | list):
        entries["ProcSet"] = procedures
    elif procedures:
        entries["ProcSet"] = PDFArray(procedures)
    return entries


def _outline_entries(entry: OutlineEntryObject) -> dict[str, object]:
    """An outline entry: its title, parent and destination, and its links where set."""
    entries: dict[str, object] = {"Title": PDFString(entry.Title), "Parent": entry.Parent, "Dest": entry.Dest}
    for key in ("Prev", "Next", "First", "Last", "Count"):
        if (value := getattr(entry, key)) is not None:
            entries[key] = value
    return entries


def _encoded(content: str | bytes, filters: list[Any]) -> str | bytes:
    """`content` encoded by `filters` (the last first); Flate alone by `deflated`, which keeps its results."""
    if len(filters) == 1 and filters[0] is PDFZCompress:
        return deflated(content.encode("utf8") if isinstance(content, str) else content)
    for encoder in reversed(filters):
        content = encoder.encode(content)
    return content


@functools.lru_cache(maxsize=1024)
def text_string(text: str) -> bytes:
    """`PDFString(text)` as ReportLab writes it in a document that is not encrypted, `(...)`
    (PDFDocEncoding, else UTF-16 with its byte order mark; escaped); written once per value
    (a batch's documents repeat their titles, authors and alternative texts)."""
    written: bytes = PDFString(text).format(DummyDoc())
    return written


def _text(text: str) -> bytes:
    """A string as ReportLab encodes it (its extended PDFDocEncoding)."""
    if len(text) <= 64:
        return _short_text(text)
    encoded: bytes = text.encode("extpdfdoc")
    return encoded


@functools.lru_cache(maxsize=4096)
def _short_text(text: str) -> bytes:
    """A short string encoded once: names and numbers written as text repeat across objects."""
    encoded: bytes = text.encode("extpdfdoc")
    return encoded


@functools.lru_cache(maxsize=1024)
def _name(key: str) -> bytes:
    """A dictionary key as a name: `/Key`, characters outside `!`..`~` and delimiters as `#xx`."""
    return _text(PDFName(key))


@functools.lru_cache(maxsize=4096, typed=True)
def _number(number: float) -> bytes:
    """An int or float as ReportLab's `fp_str` writes it (at most 6 decimals, no trailing zeros);
    kept per value (a font's widths, a page's boxes repeat)."""
    written: str = fp_str(number)
    return written.encode("ascii")


def _integer(number: int) -> bytes:
    """An int as `fp_str` writes it: its digits (formatted here directly)."""
    return b"%d" % number if -_EXACT < number < _EXACT else _number(number)


_EXACT = 10**15  # ints checked to be written by fp_str as their digits


def _same(data: bytes) -> bytes:
    return data


def _written(written: Written) -> bytes:
    return written.data


def _other(value: object) -> bytes:
    """A value of no PDF type, as ReportLab writes it: bytes as they are, anything else as text."""
    if isinstance(value, bytes):
        return value
    return _text(value if isinstance(value, str) else str(value))
