"""The file: the objects a ReportLab canvas collected in; the bytes of the finished PDF out, in one pass.

`FileDocument` is ReportLab's `PDFDocument` with its own `format`, the step that turns the
objects into bytes. It differs from ReportLab's in what the standards ask of the file:
- the header names the version the variant claims, then a comment of four bytes above 127;
- every `endstream` follows an end-of-line marker that the stream's `/Length` does not count;
- the XMP packet (`metadata`) is written last, after every other object, and the document
  ID is the MD5 digest of all the bytes before it: the trailer's `/ID` holds the digest and
  the packet names it as a UUID (`packet(uuid)`), so the ID follows the content and nothing
  written is ever patched afterwards;
- no comments, no encryption: the output depends only on the objects;
- the objects are written by `syntax` (the bytes ReportLab's own `format` writes, cheaper).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFDocument, PDFName, PDFStream

from .syntax import Syntax

__all__ = ["FileDocument"]

_STREAM_END = b"endstream\nendobj\n"


class FileDocument(PDFDocument):
    """A ReportLab document written as described above; `packet(uuid)` gives the XMP bytes."""

    def __init__(self, version: tuple[int, int], lang: str, packet: Callable[[str], bytes]) -> None:
        super().__init__(compression=1, invariant=1, pdfVersion=version, lang=lang)
        self.packet = packet
        self.metadata = PDFStream(
            PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), b""
        )
        self.Catalog.Metadata = self.metadata
        self.syntax = Syntax(self)

    def format(self) -> bytes:
        """The file: header, objects in number order (the metadata last), xref table, trailer."""
        self.Reference(self.Catalog)
        self.Reference(self.info)
        chunks = [b"%%PDF-%d.%d\n%%\xe2\xe3\xcf\xd3\n" % self._pdfVersion]
        offsets: dict[int, int] = {}
        digest = hashlib.md5(chunks[0], usedforsecurity=False)
        position, number, last = len(chunks[0]), 0, 0
        while (number := number + 1) in self.numberToId:  # formatting may register more objects
            name = self.numberToId[number]
            if self.idToObject[name] is self.metadata:
                last = number
                continue
            offsets[number] = position
            for chunk in self._object(name):
                chunks.append(chunk)
                digest.update(chunk)
                position += len(chunk)
        self.metadata.content = self.packet(str(uuid.UUID(bytes=digest.digest())))
        offsets[last] = position
        for chunk in self._object(self.numberToId[last]):
            chunks.append(chunk)
            position += len(chunk)
        chunks.append(self._xref_and_trailer(offsets, position, digest.hexdigest()))
        return b"".join(chunks)

    def _object(self, name: str) -> list[bytes]:
        """One indirect object, in pieces (a stream's data apart, never copied); a stream's data
        ends with an end-of-line marker before `endstream`."""
        value = self.idToObject[name]
        header = b"%d %d obj\n" % self.idToObjectNumberAndVersion[name]
        if type(value) is PDFStream:
            head, data = self.syntax.stream_parts(value)
            return [header + head + b"\nstream\n", data, b"\n" + _STREAM_END]
        body = self.syntax.of(value, top=True)
        chunk = header + body + (b"" if body.endswith(b"\n") else b"\n") + b"endobj\n"
        if chunk.endswith(_STREAM_END):
            chunk = chunk[: -len(_STREAM_END)] + b"\n" + _STREAM_END
        return [chunk]

    def _xref_and_trailer(self, offsets: dict[int, int], position: int, digest: str) -> bytes:
        rows = [b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)]
        rows += [b"%010d 00000 n \n" % offsets[number] for number in range(1, len(offsets) + 1)]
        root = self.Reference(self.Catalog).format(self)
        info = self.Reference(self.info).format(self)
        rows.append(
            b"trailer\n<< /Size %d /Root %s /Info %s /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(offsets) + 1, root, info, digest.encode(), digest.encode(), position)
        )
        return b"".join(rows)
