"""Tagged PDF: the Document's `Tag`s in; marked-content operators and the structure tree out.

While pages are drawn, `Structure` turns each tagged item into structure elements (`P`, `H1`,
`L`/`LI`/`Lbl`/`LBody`, `Figure`, ...) under the groups its tag names (`Sect`, `Div`, ...,
shared by key across pages), all under one `Document` element, in the order items are drawn:
the Document lists items in reading order, so the tree reads in that order. Every drawn
sequence gets a marked-content ID (MCID) on its page; items without a tag are drawn as
`/Artifact`. After drawing, `write_structure` adds the tree to the objects ReportLab writes:
`/StructTreeRoot`, the elements with `/Pg`, `/Alt` and `/Lang`, the parent tree that maps each
page's MCIDs back to their elements (`/StructParents` on the page), the role map for the one
non-standard type (`Title`, mapped to `H1`), and `/MarkInfo << /Marked true >>`.

ReportLab's canvas has no tagging API, so the operators are written into the page stream with
`canvas.addLiteral`, between drawing calls (never inside a text object).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFDocument,
    PDFName,
    PDFObjectReference,
    PDFPage,
    PDFString,
)
from reportlab.pdfgen.canvas import Canvas

from zjlab_reports.document import Tag

__all__ = ["ROLE_MAP", "STANDARD_TYPES", "Content", "Element", "PageMarks", "Structure", "write_structure"]

#: Structure types the Document may use beyond PDF 1.7's standard ones, and what they are.
ROLE_MAP = {"Title": "H1"}
#: PDF 1.7's standard structure types (ISO 32000-1, 14.8.4).
# fmt: off
STANDARD_TYPES = frozenset({
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody",
    "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference",
    "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure",
    "Formula", "Form",
})
# fmt: on


@dataclass(frozen=True)
class Content:
    """A marked-content sequence: its page (0-based) and its MCID on that page."""

    page: int
    mcid: int


@dataclass(eq=False)
class Element:
    """A structure element: its type, parent, children in reading order, alt text, language."""

    role: str
    parent: Element | None = None
    kids: list[Element | Content] = field(default_factory=list)
    alt: str = ""
    lang: str = ""

    def add(self, role: str, alt: str = "", lang: str = "") -> Element:
        """A new child element of type `role`, after the existing children."""
        child = Element(role, self, alt=alt, lang=lang)
        self.kids.append(child)
        return child


class Structure:
    """The logical structure of one document, built while its pages are drawn."""

    def __init__(self) -> None:
        self.root = Element("Document")
        self.pages: list[list[Element]] = []  # per page: the element of each MCID, in order
        self._groups: dict[tuple[str, str], Element] = {}

    def element(self, role: str, tag: Tag, alt: str = "") -> Element:
        """A new element of type `role` for a tagged item, inside the groups `tag` names.

        Raises ValueError for a type that is neither standard nor in `ROLE_MAP`.
        """
        for name in (role, *(kind for kind, _ in tag.groups)):
            if name not in STANDARD_TYPES and name not in ROLE_MAP:
                raise ValueError(f"'{name}' is not a PDF structure type (tag {tag})")
        parent = self.root
        for group in tag.groups:
            if group not in self._groups:
                self._groups[group] = parent.add(group[0])
            parent = self._groups[group]
        return parent.add(role, alt=alt, lang=tag.lang)

    def page(self, canvas: Canvas) -> PageMarks:
        """The marker for the next page drawn on `canvas`."""
        self.pages.append([])
        return PageMarks(canvas, len(self.pages) - 1, self.pages[-1])


class PageMarks:
    """Writes one page's marked-content operators and records which element owns each MCID."""

    def __init__(self, canvas: Canvas, page: int, owners: list[Element]) -> None:
        self.canvas = canvas
        self.page = page
        self.owners = owners

    @contextmanager
    def content(self, element: Element) -> Iterator[None]:
        """Mark what is drawn inside as content of `element` (a new MCID)."""
        mcid = len(self.owners)
        self.owners.append(element)
        element.kids.append(Content(self.page, mcid))
        self.canvas.addLiteral(f"/{element.role} <</MCID {mcid}>> BDC")
        yield
        self.canvas.addLiteral("EMC")

    @contextmanager
    def artifact(self) -> Iterator[None]:
        """Mark what is drawn inside as an artifact: decoration, not content."""
        self.canvas.addLiteral("/Artifact BMC")
        yield
        self.canvas.addLiteral("EMC")


def write_structure(pdf: PDFDocument, structure: Structure) -> None:
    """Add `structure` to the objects of `pdf` (drawn): the tree, the parent tree, the catalog's entries.

    Elements that mark nothing (no content anywhere below them) are left out.
    """
    pages = pdf.Pages.pages
    tree_root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    root = pdf.Reference(tree_root)
    written: dict[int, PDFObjectReference] = {}
    document = _write(pdf, pages, structure.root, root, written)
    tree_root["K"] = document if document is not None else PDFArray([])
    tree_root["RoleMap"] = PDFDictionary({k: PDFName(v) for k, v in ROLE_MAP.items()})
    numbers: list[object] = []
    for index, owners in enumerate(structure.pages):
        if owners:
            pages[index].__NoDefault__ = [*PDFPage.__NoDefault__, "StructParents"]  # the keys it writes
            pages[index].StructParents = index
            numbers += [index, pdf.Reference(PDFArray([written[id(e)] for e in owners]))]
    tree_root["ParentTree"] = pdf.Reference(PDFDictionary({"Nums": PDFArray(numbers)}))
    tree_root["ParentTreeNextKey"] = len(structure.pages)
    pdf.Catalog.StructTreeRoot = root
    pdf.Catalog.MarkInfo = PDFDictionary({"Marked": "true"})


def _write(
    pdf: PDFDocument,
    pages: list[PDFPage],
    element: Element,
    parent: PDFObjectReference,
    written: dict[int, PDFObjectReference],
) -> PDFObjectReference | None:
    """Write `element` and its subtree (depth first, in order); None if it marks nothing."""
    if not _marks_content(element):
        return None
    first = _first_page(element)
    node = PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName(element.role), "P": parent})
    node["Pg"] = pages[first]  # a page is always written as a reference
    if element.alt:
        node["Alt"] = PDFString(element.alt)
    if element.lang:
        node["Lang"] = PDFString(element.lang)
    reference = written[id(element)] = pdf.Reference(node)
    kids: list[object] = []
    for kid in element.kids:
        if isinstance(kid, Content):
            kids.append(kid.mcid if kid.page == first else _reference(pages, kid))
        else:
            child = _write(pdf, pages, kid, reference, written)
            if child is not None:
                kids.append(child)
    node["K"] = PDFArray(kids)
    return reference


def _reference(pages: list[PDFPage], content: Content) -> PDFDictionary:
    """A marked-content reference to a sequence on another page than its element's `/Pg`."""
    return PDFDictionary({"Type": PDFName("MCR"), "Pg": pages[content.page], "MCID": content.mcid})


def _marks_content(element: Element) -> bool:
    return any(isinstance(kid, Content) or _marks_content(kid) for kid in element.kids)


def _first_page(element: Element) -> int:
    """The page of the first content marked anywhere below `element` (it marks some)."""
    for kid in element.kids:
        if isinstance(kid, Content):
            return kid.page
        if _marks_content(kid):
            return _first_page(kid)
    raise ValueError(f"structure element {element.role} marks no content")
