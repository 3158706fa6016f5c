"""XMP metadata: a Document's metadata and the variant's claims in, the bytes of an XMP packet out.

The packet repeats the document information dictionary (title, author, subject, keywords,
creator tool, producer, dates: PDF/A requires the two to agree) and names the standards the
file claims: `pdfaid` (PDF/A), `pdfxid` (PDF/X), `pdfuaid` (PDF/UA). PDF/A allows only the
schemas XMP predefines unless an extension schema describes the others, so an archival packet
also describes `pdfuaid`. Raw RDF/XML lives here and nowhere else in the backend.
"""

from __future__ import annotations

import datetime as dt

from msgspec import Struct

__all__ = ["Claims", "XmpFields", "iso_date", "pdf_date", "xmp_packet"]

_NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfxid": "http://www.npes.org/pdfx/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}

_PDFUA_EXTENSION = """<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates which part of ISO 14289 the file conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>"""


class Claims(Struct, frozen=True, eq=False):
    """The standards a file claims: PDF/A part and level, PDF/X version, PDF/UA part (None: none)."""

    pdfa: tuple[int, str] | None = None
    pdfx: str | None = None
    pdfua: int | None = 1

    def names(self) -> tuple[str, ...]:
        """The claims as people write them: `PDF/A-2u`, `PDF/X-4`, `PDF/UA-1`."""
        names = []
        if self.pdfa is not None:
            names.append(f"PDF/A-{self.pdfa[0]}{self.pdfa[1].lower()}")
        if self.pdfx is not None:
            names.append(self.pdfx)
        if self.pdfua is not None:
            names.append(f"PDF/UA-{self.pdfua}")
        return tuple(names)


class XmpFields(Struct, frozen=True, eq=False):
    """What the packet says about the document; `keywords` as the info dictionary has them."""

    title: str
    author: str
    subject: str
    keywords: str
    lang: str
    creator_tool: str
    producer: str
    created: dt.datetime
    document_id: str  # a UUID, without the `uuid:` prefix
    trapped: bool | None = None  # None: say nothing about trapping


def iso_date(moment: dt.datetime) -> str:
    """`moment` as an XMP date (`2024-05-06T07:08:09+08:00`); a naive datetime is taken as UTC."""
    sign, hours, minutes = _offset(moment)
    return f"{moment:%Y-%m-%dT%H:%M:%S}{sign}{hours:02d}:{minutes:02d}"


def pdf_date(moment: dt.datetime) -> str:
    """The same moment as the info dictionary writes it: `D:YYYYMMDDHHmmSS+HH'mm'`."""
    sign, hours, minutes = _offset(moment)
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{hours:02d}'{minutes:02d}'"


def _offset(moment: dt.datetime) -> tuple[str, int, int]:
    offset = moment.utcoffset() or dt.timedelta(0)
    total = int(offset.total_seconds()) // 60
    hours, minutes = divmod(abs(total), 60)
    return ("-" if total < 0 else "+"), hours, minutes


def xmp_packet(fields: XmpFields, claims: Claims) -> bytes:
    """The XMP packet (UTF-8, with its `xpacket` wrapper) for `fields` and `claims`."""
    declarations = "".join(f' xmlns:{prefix}="{uri}"' for prefix, uri in _NAMESPACES.items())
    body = "\n".join([*_descriptive(fields), *_identification(fields, claims)])
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        f'<rdf:Description rdf:about=""{declarations}>\n{body}\n</rdf:Description>\n'
        "</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    ).encode()


def _descriptive(fields: XmpFields) -> list[str]:
    date = iso_date(fields.created)
    lines = [
        "<dc:format>application/pdf</dc:format>",
        f"<dc:title>{_alt(fields.title)}</dc:title>",
        f"<dc:creator><rdf:Seq><rdf:li>{_escape(fields.author)}</rdf:li></rdf:Seq></dc:creator>",
        f"<dc:description>{_alt(fields.subject)}</dc:description>",
        f"<dc:language><rdf:Bag><rdf:li>{_escape(fields.lang)}</rdf:li></rdf:Bag></dc:language>",
        f"<pdf:Keywords>{_escape(fields.keywords)}</pdf:Keywords>",
        f"<pdf:Producer>{_escape(fields.producer)}</pdf:Producer>",
        f"<xmp:CreatorTool>{_escape(fields.creator_tool)}</xmp:CreatorTool>",
        f"<xmp:CreateDate>{date}</xmp:CreateDate>",
        f"<xmp:ModifyDate>{date}</xmp:ModifyDate>",
        f"<xmp:MetadataDate>{date}</xmp:MetadataDate>",
    ]
    if fields.trapped is not None:
        lines.append(f"<pdf:Trapped>{fields.trapped}</pdf:Trapped>")
    return lines


def _identification(fields: XmpFields, claims: Claims) -> list[str]:
    lines = [
        f"<xmpMM:DocumentID>uuid:{fields.document_id}</xmpMM:DocumentID>",
        f"<xmpMM:InstanceID>uuid:{fields.document_id}</xmpMM:InstanceID>",
    ]
    if claims.pdfx is not None:
        lines += [
            "<xmpMM:VersionID>1</xmpMM:VersionID>",
            "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>",
            f"<pdfxid:GTS_PDFXVersion>{_escape(claims.pdfx)}</pdfxid:GTS_PDFXVersion>",
        ]
    if claims.pdfa is not None:
        part, level = claims.pdfa
        lines += [f"<pdfaid:part>{part}</pdfaid:part>", f"<pdfaid:conformance>{level}</pdfaid:conformance>"]
    if claims.pdfua is not None:
        lines.append(f"<pdfuaid:part>{claims.pdfua}</pdfuaid:part>")
        if claims.pdfa is not None:
            lines.append(_PDFUA_EXTENSION)
    return lines


def _escape(text: str) -> str:
    """`text` as XML character data: `&`, `<` and `>` escaped (as `xml.sax.saxutils.escape`
    does; that module imports `urllib.request`, http and ssl: some 30 ms of a build's start)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _alt(text: str) -> str:
    return f'<rdf:Alt><rdf:li xml:lang="x-default">{_escape(text)}</rdf:li></rdf:Alt>'
