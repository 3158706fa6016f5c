"""Checks a prepress preflight and an accessibility checker run on a PDF, written with pikepdf.

Shared by the backend's unit tests (hand-built Documents) and the end-to-end tests (real
builds). Each `*_problems` function returns a list of readable problems (empty: the file
passes); nothing here knows how the file was made. What they cover is what the README's
"Output guarantees" table lists; full PDF/A-2 and PDF/X-4 validation needs veraPDF.
"""

from __future__ import annotations

import io
import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec
import pdfplumber
import pikepdf

from zjlab_reports.document import Chart, Document, Item, Page, TextBox

MM = 72 / 25.4
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfxid": "http://www.npes.org/pdfx/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
}
TEXT_SHOWING = {"Tj", "TJ", "'", '"'}
PAINTING = TEXT_SHOWING | {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "Do", "sh", "BI", "INLINE IMAGE"}
RGB_OPERATORS = {"rg", "RG"}
STANDARD_TYPES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form",
}  # fmt: skip


def open_pdf(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


# --- page boxes ---------------------------------------------------------------------------------


def box(page: pikepdf.Page, name: str) -> tuple[float, float, float, float] | None:
    """A page box as (x0, y0, x1, y1), or None when the page does not set it."""
    value = page.obj.get(name)
    return None if value is None else tuple(float(v) for v in value)  # type: ignore[return-value]


def inside(inner: tuple[float, ...], outer: tuple[float, ...], tolerance: float = 0.01) -> bool:
    return (
        inner[0] >= outer[0] - tolerance
        and inner[1] >= outer[1] - tolerance
        and inner[2] <= outer[2] + tolerance
        and inner[3] <= outer[3] + tolerance
    )


def box_problems(pdf: pikepdf.Pdf, bleed: float) -> list[str]:
    """TrimBox inside BleedBox inside MediaBox on every page, the bleed `bleed` points on each side."""
    problems = []
    for number, page in enumerate(pdf.pages, 1):
        media, trim, bleed_box = box(page, "/MediaBox"), box(page, "/TrimBox"), box(page, "/BleedBox")
        if media is None or trim is None or bleed_box is None:
            problems.append(f"page {number}: MediaBox, TrimBox and BleedBox are not all set")
            continue
        if not (inside(trim, bleed_box) and inside(bleed_box, media)):
            problems.append(f"page {number}: boxes not nested: trim {trim} bleed {bleed_box} media {media}")
        margins = [
            trim[0] - bleed_box[0],
            trim[1] - bleed_box[1],
            bleed_box[2] - trim[2],
            bleed_box[3] - trim[3],
        ]
        if any(abs(m - bleed) > 0.01 for m in margins):
            problems.append(f"page {number}: bleed {margins} points, not {bleed:.3f}")
    return problems


# --- content streams ----------------------------------------------------------------------------


def instructions(page: pikepdf.Page) -> list[tuple[list[Any], str]]:
    return [(list(i.operands), str(i.operator)) for i in pikepdf.parse_content_stream(page)]


def unmarked_painting(page: pikepdf.Page) -> list[str]:
    """Operators that paint or show text outside every marked-content sequence."""
    depth, found = 0, []
    for _operands, operator in instructions(page):
        if operator in ("BMC", "BDC"):
            depth += 1
        elif operator == "EMC":
            depth -= 1
        elif operator in PAINTING and depth == 0:
            found.append(operator)
    return found


def marked_sequences(page: pikepdf.Page) -> list[tuple[str, int | None]]:
    """Every top-level marked-content sequence on the page: (tag, MCID or None), in order."""
    sequences: list[tuple[str, int | None]] = []
    depth = 0
    for operands, operator in instructions(page):
        if operator in ("BMC", "BDC"):
            if depth == 0:
                properties = operands[1] if operator == "BDC" and len(operands) > 1 else None
                mcid = properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
                sequences.append((str(operands[0])[1:], None if mcid is None else int(mcid)))
            depth += 1
        elif operator == "EMC":
            depth -= 1
    return sequences


# --- colour ---------------------------------------------------------------------------------------


def rgb_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Every use of RGB: operators, colour spaces (device or ICC-based), images, output intents."""
    problems = []
    for number, page in enumerate(pdf.pages, 1):
        used = {op for _, op in instructions(page) if op in RGB_OPERATORS}
        problems += [f"page {number}: RGB operator {op}" for op in sorted(used)]
        resources = page.obj.get("/Resources", pikepdf.Dictionary())
        for name, space in resources.get("/ColorSpace", pikepdf.Dictionary()).items():
            if _is_rgb_space(space):
                problems.append(f"page {number}: colour space {name} is RGB")
        for name, image in page.get_images().items():
            if _is_rgb_space(image.get("/ColorSpace")):
                problems.append(f"page {number}: image {name} is RGB")
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/N") == 3 and _is_icc_rgb(obj):
            problems.append(f"object {obj.objgen}: an RGB ICC profile")
    return problems


def _is_rgb_space(space: Any) -> bool:
    if space is None:
        return False
    if isinstance(space, pikepdf.Name):
        return space == pikepdf.Name.DeviceRGB or space == pikepdf.Name.CalRGB
    if isinstance(space, pikepdf.Array) and len(space):
        family = space[0]
        if family == pikepdf.Name.ICCBased:
            return int(space[1].get("/N", 0)) == 3
        if family in (pikepdf.Name.Indexed, pikepdf.Name.Separation, pikepdf.Name.DeviceN):
            base = space[1] if family == pikepdf.Name.Indexed else space[2]
            return _is_rgb_space(base)
        return family == pikepdf.Name.CalRGB
    return False


def _is_icc_rgb(stream: pikepdf.Stream) -> bool:
    try:
        header = stream.read_bytes()[:20]
    except pikepdf.PdfError:
        return False
    return header[16:20] == b"RGB "


# --- output intents and XMP ----------------------------------------------------------------------


@dataclass(frozen=True)
class Intent:
    subtype: str
    identifier: str
    components: int
    profile: bytes

    @property
    def device_class(self) -> bytes:
        return self.profile[12:16]

    @property
    def colour_space(self) -> bytes:
        return self.profile[16:20]


def output_intents(pdf: pikepdf.Pdf) -> list[Intent]:
    intents = []
    for intent in pdf.Root.get("/OutputIntents", pikepdf.Array()):
        profile = intent.get("/DestOutputProfile")
        intents.append(
            Intent(
                str(intent.get("/S")),
                str(intent.get("/OutputConditionIdentifier", "")),
                int(profile.get("/N", 0)) if profile is not None else 0,
                profile.read_bytes() if profile is not None else b"",
            )
        )
    return intents


def xmp(pdf: pikepdf.Pdf) -> ET.Element:
    """The parsed XMP packet of the document; raises if there is none or it is not XML."""
    return ET.fromstring(pdf.Root.Metadata.read_bytes())


def xmp_text(root: ET.Element, prefix: str, name: str) -> str | None:
    """The text of a simple property, or of the first `rdf:li` of an array property."""
    found = root.find(f".//{{{NS[prefix]}}}{name}")
    if found is None:
        return None
    item = found.find(f".//{{{NS['rdf']}}}li")
    return (item if item is not None else found).text or ""


def _info_date_as_xmp(value: str) -> str:
    """`D:20240506070809+08'00'` as `2024-05-06T07:08:09+08:00`."""
    m = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-Z])(\d\d)?'?(\d\d)?'?", value)
    assert m, value
    sign = m[7]
    zone = "Z" if sign == "Z" else f"{sign}{m[8]}:{m[9]}"
    return f"{m[1]}-{m[2]}-{m[3]}T{m[4]}:{m[5]}:{m[6]}{zone}"


def info_xmp_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Every info dictionary entry PDF/A mirrors must equal its XMP property (ISO 19005-2 6.6.2.3)."""
    root, info, problems = xmp(pdf), pdf.docinfo, []
    pairs = {
        "/Title": ("dc", "title"),
        "/Author": ("dc", "creator"),
        "/Subject": ("dc", "description"),
        "/Keywords": ("pdf", "Keywords"),
        "/Creator": ("xmp", "CreatorTool"),
        "/Producer": ("pdf", "Producer"),
        "/CreationDate": ("xmp", "CreateDate"),
        "/ModDate": ("xmp", "ModifyDate"),
    }
    for key, (prefix, name) in pairs.items():
        if key not in info:
            continue
        value = str(info[key])
        if key.endswith("Date"):
            value = _info_date_as_xmp(value)
        if xmp_text(root, prefix, name) != value:
            problems.append(f"info {key} {value!r} != XMP {prefix}:{name} {xmp_text(root, prefix, name)!r}")
    return problems


# --- fonts ----------------------------------------------------------------------------------------


def _to_unicode(font: pikepdf.Dictionary) -> dict[int, str]:
    """The code -> text map of a simple font's ToUnicode CMap (bfchar and bfrange)."""
    mapping: dict[int, str] = {}
    stream = font.get("/ToUnicode")
    if stream is None:
        return mapping
    text = stream.read_bytes().decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            mapping[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(dst, 16)
            for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                mapping[code] = chr(start + offset)
    return mapping


def font_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Fonts embedded, with a ToUnicode entry for every code shown that is not U+0000/FEFF/FFFE.

    Also the PDF/A-2 TrueType rules ReportLab's subsets fall under: a symbolic TrueType font
    has no /Encoding and its program's cmap has exactly one subtable or a (3,0) one.
    """
    problems: list[str] = []
    for number, page in enumerate(pdf.pages, 1):
        fonts = page.obj.Resources.get("/Font", pikepdf.Dictionary())
        for name, font in fonts.items():
            problems += [f"page {number} font {name}: {p}" for p in _font_program_problems(font)]
        maps = {name: _to_unicode(font) for name, font in fonts.items()}
        current = None
        for operands, operator in instructions(page):
            if operator == "Tf":
                current = str(operands[0])
            elif operator in TEXT_SHOWING and current is not None:
                for code in _codes(operands):
                    text = maps[current].get(code)
                    if not text or text in ("\x00", "\ufeff", "\ufffe"):
                        problems.append(f"page {number} font {current}: code {code:#04x} has no Unicode")
    return sorted(set(problems))


def _codes(operands: list[Any]) -> Iterator[int]:
    for operand in operands:
        if isinstance(operand, pikepdf.String):
            yield from bytes(operand)
        elif isinstance(operand, pikepdf.Array):
            yield from _codes(list(operand))


def _font_program_problems(font: pikepdf.Dictionary) -> list[str]:
    from fontTools.ttLib import TTFont

    descriptor = font.get("/FontDescriptor")
    if descriptor is None or "/FontFile2" not in descriptor:
        return ["not an embedded TrueType font"]
    if "/ToUnicode" not in font:
        return ["no ToUnicode map"]
    problems = []
    symbolic = int(descriptor.get("/Flags", 0)) & 4
    if symbolic:
        if "/Encoding" in font:
            problems.append("a symbolic TrueType font with an /Encoding")
        program = TTFont(io.BytesIO(descriptor.FontFile2.read_bytes()))
        tables = [(t.platformID, t.platEncID) for t in program["cmap"].tables]
        if len(tables) != 1 and (3, 0) not in tables:
            problems.append(f"a symbolic TrueType font whose cmap has subtables {tables}")
    return problems


# --- archival (PDF/A-2) and print (PDF/X-4) rules one can check without veraPDF -----------------


def pdfa2_problems(data: bytes) -> list[str]:
    """The PDF/A-2u rules checkable with pikepdf (see the README's table for what they are)."""
    pdf = open_pdf(data)
    problems = _common_problems(data, pdf, max_version="1.7")
    root = xmp(pdf)
    if (xmp_text(root, "pdfaid", "part"), xmp_text(root, "pdfaid", "conformance")) != ("2", "U"):
        problems.append("XMP does not say pdfaid:part 2, conformance U")
    if root.find(f".//{{{NS['pdfaExtension']}}}schemas") is None and xmp_text(root, "pdfuaid", "part"):
        problems.append("pdfuaid is used in XMP without a PDF/A extension schema describing it")
    intents = output_intents(pdf)
    if [i.subtype for i in intents] != ["/GTS_PDFA1"] or intents[0].colour_space != b"RGB ":
        problems.append(f"not one GTS_PDFA1 output intent with an RGB profile: {intents}")
    problems += [p for p in _device_spaces(pdf) if "DeviceCMYK" in p or "DeviceGray" in p]
    problems += info_xmp_problems(pdf)
    return problems


def pdfx4_problems(data: bytes, bleed: float) -> list[str]:
    """The PDF/X-4 rules checkable with pikepdf: boxes, CMYK only, output intent, identification."""
    pdf = open_pdf(data)
    problems = _common_problems(data, pdf, max_version="1.6")
    root = xmp(pdf)
    expected = {
        ("pdfxid", "GTS_PDFXVersion"): "PDF/X-4",
        ("pdf", "Trapped"): "False",
        ("xmpMM", "RenditionClass"): "default",
    }
    for (prefix, name), value in expected.items():
        if xmp_text(root, prefix, name) != value:
            problems.append(f"XMP {prefix}:{name} is {xmp_text(root, prefix, name)!r}, not {value!r}")
    for prefix, name in (("xmpMM", "VersionID"), ("xmpMM", "DocumentID"), ("dc", "title")):
        if not xmp_text(root, prefix, name):
            problems.append(f"XMP has no {prefix}:{name}")
    if pdf.docinfo.get("/Trapped") != pikepdf.Name("/False"):
        problems.append("info /Trapped is not /False")
    intents = output_intents(pdf)
    good = [i for i in intents if i.subtype == "/GTS_PDFX" and i.components == 4]
    if len(good) != 1 or good[0].device_class != b"prtr" or good[0].colour_space != b"CMYK":
        problems.append(f"not one GTS_PDFX output intent with an embedded CMYK printer profile: {intents}")
    problems += box_problems(pdf, bleed) + rgb_problems(pdf) + info_xmp_problems(pdf)
    return problems


def _common_problems(data: bytes, pdf: pikepdf.Pdf, max_version: str) -> list[str]:
    problems = []
    if not re.match(rb"%PDF-1\.[0-7]\r?\n%[\x80-\xff]{4}", data):
        problems.append("the header is not %PDF-1.n followed by a binary comment")
    if pdf.pdf_version > max_version:
        problems.append(f"PDF {pdf.pdf_version}, newer than {max_version}")
    if pdf.is_encrypted or "/Encrypt" in pdf.trailer:
        problems.append("encrypted")
    if "/ID" not in pdf.trailer:
        problems.append("no document ID in the trailer")
    metadata = pdf.Root.get("/Metadata")
    if metadata is None or "/Filter" in metadata:
        problems.append("no uncompressed XMP metadata stream in the catalog")
    if not data.rstrip().endswith(b"%%EOF"):
        problems.append("data after %%EOF")
    for forbidden in ("/JavaScript", "/AA", "/EmbeddedFiles", "/OpenAction"):
        if forbidden in pdf.Root or forbidden in pdf.Root.get("/Names", pikepdf.Dictionary()):
            problems.append(f"catalog has {forbidden}")
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and "LZWDecode" in str(obj.get("/Filter", "")):
            problems.append(f"object {obj.objgen} is LZW-compressed")
    return problems + stream_problems(data, pdf) + font_problems(pdf)


_STREAM_KEYWORD = re.compile(rb">>\s*stream(\r\n|\n)")
_STREAM_END = re.compile(rb"(\r\n|\r|\n)endstream")


def stream_problems(data: bytes, pdf: pikepdf.Pdf) -> list[str]:
    """Every stream's framing (ISO 19005-2 6.1.7.1): `stream` and an end-of-line marker, exactly
    `/Length` bytes of data, then an end-of-line marker and `endstream`."""
    offsets, problems = xref_offsets(data), []
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        keyword = _STREAM_KEYWORD.search(data, offsets[obj.objgen[0]])
        if keyword is None:
            problems.append(f"object {obj.objgen}: no `stream` keyword followed by an end-of-line marker")
            continue
        end = keyword.end() + int(obj.stream_dict.Length)
        if not _STREAM_END.match(data, end):
            problems.append(
                f"object {obj.objgen}: its /Length bytes are not followed by an EOL and endstream"
            )
    return problems


def xref_offsets(data: bytes) -> dict[int, int]:
    """Object number -> byte offset, from the file's (classic) cross-reference table."""
    start = int(data[data.rindex(b"startxref") + len(b"startxref") :].split()[0])
    assert data.startswith(b"xref", start), "not a classic cross-reference table"
    tokens, offsets, at = data[start + 4 :].split(), {}, 0
    while tokens[at] != b"trailer":
        first, count = int(tokens[at]), int(tokens[at + 1])
        rows = tokens[at + 2 : at + 2 + 3 * count]
        for index in range(count):
            if rows[3 * index + 2] == b"n":
                offsets[first + index] = int(rows[3 * index])
        at += 2 + 3 * count
    return offsets


def _device_spaces(pdf: pikepdf.Pdf) -> list[str]:
    """Device colour spaces used by content operators and images (for matching the output intent)."""
    found = []
    operators = {"k": "DeviceCMYK", "K": "DeviceCMYK", "g": "DeviceGray", "G": "DeviceGray"}
    for number, page in enumerate(pdf.pages, 1):
        used = {operators[op] for _, op in instructions(page) if op in operators}
        found += [f"page {number} paints in {space}" for space in sorted(used)]
        for name, image in page.get_images().items():
            if image.get("/ColorSpace") == pikepdf.Name.DeviceCMYK:
                found.append(f"page {number} image {name} is DeviceCMYK")
    return found


# --- the structure tree ---------------------------------------------------------------------------


@dataclass
class Node:
    """A structure element as a reader sees it: its type (role-mapped), its own properties."""

    role: str
    depth: int
    alt: str | None = None
    lang: str | None = None
    content: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID), in order
    kids: list[Node] = field(default_factory=list)


def structure(pdf: pikepdf.Pdf) -> Node:
    """The structure tree from `/StructTreeRoot`, with `/RoleMap` applied."""
    tree = pdf.Root.StructTreeRoot
    role_map = {str(k)[1:]: str(v)[1:] for k, v in tree.get("/RoleMap", pikepdf.Dictionary()).items()}
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    root = Node("StructTreeRoot", 0)
    _add_kids(root, tree.get("/K"), None, role_map, pages)
    return root


def _add_kids(node: Node, kids: Any, page: int | None, role_map: dict[str, str], pages: dict) -> None:
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, int):
            assert page is not None, "an MCID without a /Pg"
            node.content.append((page, int(kid)))
        elif kid.get("/Type") == pikepdf.Name.MCR:
            node.content.append((pages[kid.Pg.objgen], int(kid.MCID)))
        elif kid.get("/Type") == pikepdf.Name.OBJR:
            continue
        else:
            role = str(kid.S)[1:]
            child = Node(
                role_map.get(role, role),
                node.depth + 1,
                str(kid.Alt) if "/Alt" in kid else None,
                str(kid.Lang) if "/Lang" in kid else None,
            )
            node.kids.append(child)
            own_page = pages[kid.Pg.objgen] if "/Pg" in kid else page
            _add_kids(child, kid.get("/K"), own_page, role_map, pages)


def walk(node: Node) -> Iterator[Node]:
    """Every node below `node`, depth first, in reading order."""
    for kid in node.kids:
        yield kid
        yield from walk(kid)


def heading_problems(root: Node) -> list[str]:
    """The first heading is H1 and no heading goes more than one level below the one before."""
    levels = [int(n.role[1]) for n in walk(root) if re.fullmatch(r"H[1-6]", n.role)]
    problems = []
    if levels and levels[0] != 1:
        problems.append(f"the first heading is H{levels[0]}")
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            problems.append(f"H{before} is followed by H{after}")
    return problems


def structure_problems(pdf: pikepdf.Pdf) -> list[str]:
    """The catalog entries of a tagged PDF, standard types, figures with Alt, a sound parent tree."""
    problems = []
    if pdf.Root.get("/MarkInfo", {}).get("/Marked") is not True:
        problems.append("no /MarkInfo << /Marked true >>")
    if pdf.Root.get("/ViewerPreferences", {}).get("/DisplayDocTitle") is not True:
        problems.append("no /ViewerPreferences << /DisplayDocTitle true >>")
    if not str(pdf.Root.get("/Lang", "")):
        problems.append("no /Lang in the catalog")
    root = structure(pdf)
    for node in walk(root):
        if node.role not in STANDARD_TYPES:
            problems.append(f"structure type {node.role} is neither standard nor role-mapped")
        if node.role == "Figure" and not (node.alt or "").strip():
            problems.append("a Figure without /Alt")
    problems += heading_problems(root) + _parent_tree_problems(pdf, root)
    for number, page in enumerate(pdf.pages, 1):
        problems += [f"page {number}: {op} outside marked content" for op in unmarked_painting(page)]
    return problems


def _parent_tree_problems(pdf: pikepdf.Pdf, root: Node) -> list[str]:
    """Every MCID in a page's content is claimed by exactly one element, and the parent tree agrees."""
    claimed = [c for node in walk(root) for c in node.content]
    problems = [f"MCID {c} claimed twice" for c in set(claimed) if claimed.count(c) > 1]
    tree = pdf.Root.StructTreeRoot.get("/ParentTree")
    nums = list(tree.get("/Nums", [])) if tree is not None else []
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for index, page in enumerate(pdf.pages):
        mcids = [mcid for tag, mcid in marked_sequences(page) if mcid is not None]
        mine = sorted(m for p, m in claimed if p == index)
        if sorted(mcids) != mine:
            problems.append(f"page {index + 1}: content MCIDs {mcids} but the tree claims {mine}")
        if mcids and (int(page.obj.get("/StructParents", -1)) not in parents):
            problems.append(f"page {index + 1}: no /StructParents entry in the parent tree")
        elif mcids and len(parents[int(page.obj.StructParents)]) != len(mcids):
            problems.append(f"page {index + 1}: the parent tree lists the wrong number of MCIDs")
    return problems


def mcid_texts(data: bytes) -> dict[tuple[int, int], str]:
    """The text shown inside each marked-content sequence: (page index, MCID) -> text."""
    texts: dict[tuple[int, int], str] = {}
    with pdfplumber.open(io.BytesIO(data)) as opened:
        for index, page in enumerate(opened.pages):
            for char in page.chars:
                if char.get("mcid") is not None:
                    key = (index, int(char["mcid"]))
                    texts[key] = texts.get(key, "") + char["text"]
    return texts


def tagged_text(data: bytes) -> list[tuple[str, str]]:
    """(element type, text) of every element that marks text, in structure-tree order."""
    texts = mcid_texts(data)
    out = []
    for node in walk(structure(open_pdf(data))):
        text = "".join(texts.get(c, "") for c in node.content)
        if text:
            out.append((node.role, text))
    return out


def squeeze(text: str) -> str:
    """`text` without any white space (pdftotext and the tree differ in spaces and line breaks)."""
    return re.sub(r"\s+", "", text)


def in_order(chunks: list[str], text: str) -> list[str]:
    """The chunks that do not occur in `text` one after another (white space ignored)."""
    haystack, position, missing = squeeze(text), 0, []
    for chunk in chunks:
        found = haystack.find(squeeze(chunk), position)
        if found < 0:
            missing.append(chunk)
        else:
            position = found + len(squeeze(chunk))
    return missing


def document_reading(document: Document) -> list[tuple[str, str]]:
    """(type, text) of every tagged text of a Document, in its order: what the tree must read.

    A `P` box is a `P` per paragraph, an `L` box a label and a body per paragraph, other text
    roles one element (`Title` read as `H1`, its role map); a tagged chart is one element with
    the text of its drawing.
    """
    out: list[tuple[str, str]] = []
    for page in document.pages:
        for item in page.items:
            if isinstance(item, Chart) and item.tag is not None:
                texts = [
                    p.text for part in item.drawing if isinstance(part, TextBox) for p in part.paragraphs
                ]
                out.append((item.tag.role, "".join(texts)))
            elif isinstance(item, Chart):
                out += document_reading(_only(document, item.drawing))
            elif isinstance(item, TextBox) and item.tag is not None:
                out += _box_reading(item, item.tag.role)
    return [(role, text) for role, text in out if text]


def _only(document: Document, items: tuple[Item, ...]) -> Document:
    page = Page(document.pages[0].width, document.pages[0].height, items)
    return msgspec.structs.replace(document, pages=(page,))


def _box_reading(box: TextBox, role: str) -> list[tuple[str, str]]:
    if role == "L":
        return [pair for p in box.paragraphs for pair in (("Lbl", p.bullet or ""), ("LBody", p.text))]
    if role == "P":
        return [("P", p.text) for p in box.paragraphs]
    return [("H1" if role == "Title" else role, "".join(p.text for p in box.paragraphs))]


def pdfua_findings(path: Path) -> list[str]:
    """The independent `pdfua` checker's findings (every rule it has), as text."""
    import pdfua

    report = pdfua.validate(str(path))
    return [f"{f.rule_id} {f.severity.name}: {f.message}" for f in report.findings]
