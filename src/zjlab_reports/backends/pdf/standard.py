"""PDF-standard plumbing: a drawn PDF and its variant in; the finished, identified file's bytes out.

What ReportLab's canvas cannot write is added here with pikepdf: the structure tree
(`tagging`), `/MarkInfo` and `/ViewerPreferences << /DisplayDocTitle true >>` (PDF/UA), the
page boxes of a print sheet (TrimBox inside BleedBox inside MediaBox), the registration colour
of crop marks, CMYK pictures (print), the output intent with its embedded ICC profile, the XMP
packet naming what the file claims (`xmp`), and a document ID that is a digest of the content.

The variants and what they claim:
- `screen`: sRGB colour, sRGB output intent (`GTS_PDFA1`), PDF 1.7, PDF/A-2u and PDF/UA-1.
- `print`: CMYK colour only, FOGRA39 output intent (`GTS_PDFX`), trim and bleed boxes,
  `Trapped False`, PDF 1.6, PDF/X-4 and PDF/UA-1.
The output depends only on the drawn PDF: saving is deterministic (qpdf's deterministic ID,
fixed compression), so identical Documents give identical bytes.
"""

from __future__ import annotations

import hashlib
import io
import uuid

import pikepdf

from zjlab_reports.document import Document, Page

from .colour import CMYK_PROFILE, SRGB_PROFILE, Profile, Variant
from .drawing import REGISTRATION
from .sheet import Sheet
from .tagging import Structure, write_structure
from .xmp import Claims, XmpFields, xmp_packet

__all__ = ["CLAIMS", "CREATOR", "PRODUCER", "finish"]

CREATOR = "zjlab-reports"
PRODUCER = "zjlab-reports (ReportLab, pikepdf)"
CLAIMS: dict[Variant, Claims] = {"screen": Claims(pdfa=(2, "U")), "print": Claims(pdfx="PDF/X-4")}
_VERSION: dict[Variant, str] = {"screen": "1.7", "print": "1.6"}  # PDF/X-4 is PDF 1.6
_INTENT: dict[Variant, tuple[str, Profile]] = {
    "screen": ("/GTS_PDFA1", SRGB_PROFILE),
    "print": ("/GTS_PDFX", CMYK_PROFILE),
}
_REGISTRY = "http://www.color.org"


def finish(raw: bytes, document: Document, variant: Variant, sheet: Sheet, structure: Structure) -> bytes:
    """Add tagging, boxes, colour and identification to the drawn PDF `raw`; return the file.

    Raises pikepdf.PdfError if `raw` is not a readable PDF (a bug in drawing).
    """
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        write_structure(pdf, structure)
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        for pdf_page, page in zip(pdf.pages, document.pages, strict=True):
            _set_boxes(pdf_page, page, sheet)
        if sheet.marks:
            _add_registration(pdf)
        _add_output_intent(pdf, *_INTENT[variant])
        _identify(pdf, document, variant, _content_id(raw))
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            force_version=_VERSION[variant],
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,  # objects stay readable
            fix_metadata_version=False,
        )
    return out.getvalue()


def _set_boxes(pdf_page: pikepdf.Page, page: Page, sheet: Sheet) -> None:
    for name, box in sheet.boxes(page).items():
        pdf_page.obj[name] = pikepdf.Array([round(value, 4) for value in box])


def _add_registration(pdf: pikepdf.Pdf) -> None:
    """Give every page the registration colour: `/Separation /All`, shown as full CMYK."""
    tint = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1)
    space = pdf.make_indirect(
        pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name.All, pikepdf.Name.DeviceCMYK, tint])
    )
    for page in pdf.pages:
        resources = page.obj.Resources
        if "/ColorSpace" not in resources:
            resources.ColorSpace = pikepdf.Dictionary()
        resources.ColorSpace[f"/{REGISTRATION}"] = space


def _add_output_intent(pdf: pikepdf.Pdf, subtype: str, profile: Profile) -> None:
    icc = pdf.make_stream(profile.data)
    icc.N = profile.components
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name(subtype),
        OutputConditionIdentifier=pikepdf.String(profile.identifier),
        OutputCondition=pikepdf.String(profile.condition),
        Info=pikepdf.String(profile.condition),
        RegistryName=pikepdf.String(_REGISTRY),
        DestOutputProfile=icc,
    )
    pdf.Root.OutputIntents = pikepdf.Array([intent])


def _identify(pdf: pikepdf.Pdf, document: Document, variant: Variant, document_id: str) -> None:
    """The info dictionary's trapping and PDF/X keys, and the XMP packet that mirrors it."""
    info = pdf.docinfo
    printing = variant == "print"
    if printing:
        info.Trapped = pikepdf.Name("/False")
        info.GTS_PDFXVersion = pikepdf.String("PDF/X-4")
    elif "/Trapped" in info:
        del info.Trapped  # not among the keys PDF/A mirrors in XMP: leave it out
    fields = XmpFields(
        title=document.title,
        author=document.author,
        subject=document.subject,
        keywords=str(info.get("/Keywords", "")),
        lang=document.lang,
        creator_tool=CREATOR,
        producer=PRODUCER,
        created=document.created,
        document_id=document_id,
        trapped=False if printing else None,
    )
    metadata = pdf.make_stream(xmp_packet(fields, CLAIMS[variant]))
    metadata.Type = pikepdf.Name.Metadata
    metadata.Subtype = pikepdf.Name.XML
    pdf.Root.Metadata = metadata
    if "/ID" in pdf.trailer:
        del pdf.trailer.ID  # ReportLab's follows SOURCE_DATE_EPOCH; qpdf's follows the content


def _content_id(raw: bytes) -> str:
    """A UUID that is a digest of the drawn file up to its trailer (which holds a dated ID)."""
    body = raw.rpartition(b"trailer")[0]
    return str(uuid.UUID(bytes=hashlib.md5(body, usedforsecurity=False).digest()))
