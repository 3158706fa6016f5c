"""PDF standards: a Document and its variant in; what makes the file tagged, printable and archival out.

ReportLab's canvas draws the pages; what it does not write by itself is added to the objects
of its document before the one pass that writes the file (`writer`): the structure tree
(`tagging`), `/MarkInfo` and `/ViewerPreferences << /DisplayDocTitle true >>` (PDF/UA), the
page boxes of a print sheet (TrimBox inside BleedBox inside MediaBox), the registration colour
of crop marks, the output intent with its embedded ICC profile, the info dictionary, the XMP
packet naming what the file claims (`xmp`), and a document ID that is a digest of the content.

The variants and what they claim:
- `screen`: sRGB colour, sRGB output intent (`GTS_PDFA1`), PDF 1.7, PDF/A-2u and PDF/UA-1.
- `print`: CMYK colour only, FOGRA39 output intent (`GTS_PDFX`), trim and bleed boxes,
  `Trapped False`, PDF 1.6, PDF/X-4 and PDF/UA-1.
Nothing here reads a clock or a path, so identical Documents give identical bytes.
"""

from __future__ import annotations

import functools
import hashlib
import zlib

from msgspec.structs import replace
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFArrayCompact,
    PDFCatalog,
    PDFDictionary,
    PDFDocument,
    PDFInfo,
    PDFName,
    PDFStream,
    PDFString,
)
from reportlab.pdfgen.canvas import Canvas

from zjlab_reports.document import Document

from .colour import CMYK_PROFILE, SRGB_PROFILE, Profile, Variant
from .drawing import REGISTRATION
from .sheet import Sheet
from .stored import stored
from .tagging import Structure, write_structure
from .writer import FileDocument
from .xmp import Claims, XmpFields, pdf_date, xmp_packet

__all__ = ["CLAIMS", "CREATOR", "PRODUCER", "finish", "new_document", "output_profile"]

CREATOR = "zjlab-reports"
PRODUCER = "zjlab-reports (ReportLab)"
CLAIMS: dict[Variant, Claims] = {"screen": Claims(pdfa=(2, "U")), "print": Claims(pdfx="PDF/X-4")}
_VERSION: dict[Variant, tuple[int, int]] = {"screen": (1, 7), "print": (1, 6)}  # PDF/X-4 is PDF 1.6
_INTENT: dict[Variant, tuple[str, Profile]] = {
    "screen": ("GTS_PDFA1", SRGB_PROFILE),
    "print": ("GTS_PDFX", CMYK_PROFILE),
}
_REGISTRY = "http://www.color.org"


def new_document(document: Document, variant: Variant) -> FileDocument:
    """The ReportLab document a canvas draws `document` into: its version, info and XMP packet."""
    fields = XmpFields(
        title=document.title,
        author=document.author,
        subject=document.subject,
        keywords=", ".join(document.keywords),
        lang=document.lang,
        creator_tool=CREATOR,
        producer=PRODUCER,
        created=document.created,
        document_id="",  # the digest of the file, known when it is written
        trapped=False if variant == "print" else None,
    )

    def packet(document_id: str) -> bytes:
        return xmp_packet(replace(fields, document_id=document_id), CLAIMS[variant])

    pdf = FileDocument(_VERSION[variant], document.lang, packet)
    pdf.info = _Info(fields, CLAIMS[variant])
    return pdf


def finish(canvas: Canvas, document: Document, variant: Variant, sheet: Sheet, structure: Structure) -> bytes:
    """Add tagging, boxes and colour to the drawn pages of `canvas`; write and return the file."""
    pdf: PDFDocument = canvas._doc
    write_structure(pdf, structure)
    pdf.Catalog.ViewerPreferences = PDFDictionary({"DisplayDocTitle": "true"})
    for pdf_page, page in zip(pdf.Pages.pages, document.pages, strict=True):
        for name, box in sheet.boxes(page).items():
            setattr(pdf_page, name.lstrip("/"), PDFArrayCompact([round(value, 4) for value in box]))
    if sheet.marks:
        _add_registration(pdf)
    _add_output_intent(pdf.Catalog, *_INTENT[variant])
    data: bytes = canvas.getpdfdata()
    return data


class _Info(PDFInfo):
    """The document information dictionary: what the XMP packet mirrors, and PDF/X's keys."""

    def __init__(self, fields: XmpFields, claims: Claims) -> None:
        super().__init__()
        date = PDFString(pdf_date(fields.created))
        self.entries = {
            "Title": PDFString(fields.title),
            "Author": PDFString(fields.author),
            "Subject": PDFString(fields.subject),
            "Keywords": PDFString(fields.keywords),
            "Creator": PDFString(fields.creator_tool),
            "Producer": PDFString(fields.producer),
            "CreationDate": date,
            "ModDate": date,
        }
        if fields.trapped is not None:
            self.entries["Trapped"] = PDFName(str(fields.trapped))
        if claims.pdfx is not None:
            self.entries["GTS_PDFXVersion"] = PDFString(claims.pdfx)

    def format(self, document: FileDocument) -> bytes:
        return document.syntax.entries(self.entries)


def output_profile(variant: Variant) -> bytes:
    """The compressed ICC profile of `variant`'s output intent (compressed once per cache:
    ~20 ms for print's CMYK profile; read from the cache folder after that)."""
    return _compressed(_INTENT[variant][1])


def _add_registration(pdf: PDFDocument) -> None:
    """Give every page the registration colour: `/Separation /All`, shown as full CMYK."""
    tint = PDFDictionary(
        {
            "FunctionType": 2,
            "Domain": PDFArrayCompact([0, 1]),
            "C0": PDFArrayCompact([0, 0, 0, 0]),
            "C1": PDFArrayCompact([1, 1, 1, 1]),
            "N": 1,
        }
    )
    space = [PDFName("Separation"), PDFName("All"), PDFName("DeviceCMYK"), tint]
    pdf.Reference(PDFArrayCompact(space), REGISTRATION)
    for page in pdf.Pages.pages:  # their resources name the colour spaces in `_colorsUsed`
        page._colorsUsed = {**page._colorsUsed, REGISTRATION: REGISTRATION}


def _add_output_intent(catalog: PDFCatalog, subtype: str, profile: Profile) -> None:
    icc = PDFStream(
        PDFDictionary({"N": profile.components, "Filter": PDFName("FlateDecode")}), _compressed(profile)
    )
    condition = PDFString(profile.condition)
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName(subtype),
            "OutputConditionIdentifier": PDFString(profile.identifier),
            "OutputCondition": condition,
            "Info": condition,
            "RegistryName": PDFString(_REGISTRY),
            "DestOutputProfile": icc,
        }
    )
    catalog.__NoDefault__ = [*PDFCatalog.__NoDefault__, "OutputIntents"]  # the keys it writes
    catalog.OutputIntents = PDFArray([intent])


@functools.cache
def _compressed(profile: Profile) -> bytes:
    """The profile's bytes, Flate-compressed once per process, and read from the cache folder
    (`stored`, keyed by their digest) by every process after the first."""
    data = profile.data
    return stored(f"icc\0{hashlib.sha256(data).hexdigest()}\0level=6", lambda: zlib.compress(data, 6))
