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

import functools
from typing import NamedTuple

from msgspec import Struct, field
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFDocument,
    PDFName,
    PDFObjectReference,
    PDFPage,
)
from reportlab.pdfgen.canvas import Canvas

from zjlab_reports.document import Tag

from .syntax import Written, array_of, dictionary_of, register, text_string

__all__ = [
    "ROLE_MAP",
    "STANDARD_TYPES",
    "Content",
    "Element",
    "PageMarks",
    "Sequence",
    "Structure",
    "write_structure",
]

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


class Content(NamedTuple):
    """A marked-content sequence: its page (0-based) and its MCID on that page."""

    page: int
    mcid: int


class Element(Struct, eq=False):
    """A structure element: its type, children in reading order, alt text, language.

    (No link back to its parent: the tree holds no cycle, so it is freed as soon as the file is
    written, without waiting for the garbage collector.)
    """

    role: str
    kids: list[Element | Content] = field(default_factory=list)
    alt: str = ""
    lang: str = ""

    def add(self, role: str, alt: str = "", lang: str = "") -> Element:
        """A new child element of type `role`, after the existing children."""
        child = Element(role, alt=alt, lang=lang)
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

        Raises ValueError for a type that is neither standard nor in `ROLE_MAP` (a group's
        type is checked when the group is first met).
        """
        _check_type(role, tag)
        parent = self.root
        for group in tag.groups:
            found = self._groups.get(group)
            if found is None:
                _check_type(group[0], tag)
                found = self._groups[group] = parent.add(group[0])
            parent = found
        return parent.add(role, alt=alt, lang=tag.lang)

    def page(self, canvas: Canvas) -> PageMarks:
        """The marker for the next page drawn on `canvas`."""
        self.pages.append([])
        return PageMarks(canvas, len(self.pages) - 1, self.pages[-1])


def _check_type(name: str, tag: Tag) -> None:
    if name not in STANDARD_TYPES and name not in ROLE_MAP:
        raise ValueError(f"'{name}' is not a PDF structure type (tag {tag})")


class PageMarks:
    """Writes one page's marked-content operators and records which element owns each MCID."""

    def __init__(self, canvas: Canvas, page: int, owners: list[Element]) -> None:
        self.canvas = canvas
        self.page = page
        self.owners = owners

    def content(self, element: Element) -> Sequence:
        """Mark what is drawn inside (`with`) as content of `element` (a new MCID)."""
        mcid = len(self.owners)
        self.owners.append(element)
        element.kids.append(Content(self.page, mcid))
        return Sequence(self.canvas, f"/{element.role} <</MCID {mcid}>> BDC")

    def artifact(self) -> Sequence:
        """Mark what is drawn inside (`with`) as an artifact: decoration, not content."""
        return Sequence(self.canvas, "/Artifact BMC")


class Sequence:
    """A marked-content sequence: its opening operator written on entering, `EMC` on leaving."""

    __slots__ = ("canvas", "opening")

    def __init__(self, canvas: Canvas, opening: str) -> None:
        self.canvas = canvas
        self.opening = opening

    def __enter__(self) -> None:
        self.canvas._code.append(self.opening)

    def __exit__(self, *_: object) -> None:
        self.canvas._code.append("EMC")


def write_structure(pdf: PDFDocument, structure: Structure) -> None:
    """Add `structure` to the objects of `pdf` (drawn): the tree, the parent tree, the catalog's entries.

    Elements that mark nothing (no content anywhere below them) are left out.
    """
    tree_root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    root = pdf.Reference(tree_root)
    tree = _Tree(pdf, _first_pages(structure.root))
    document = tree.write(structure.root, tree.reference(root))
    tree_root["K"] = document if document is not None else PDFArray([])
    tree_root["RoleMap"] = PDFDictionary({k: PDFName(v) for k, v in ROLE_MAP.items()})
    numbers: list[object] = []
    for index, owners in enumerate(structure.pages):
        if owners:
            page = tree.pages[index]
            page.__NoDefault__ = [*PDFPage.__NoDefault__, "StructParents"]  # the keys it writes
            page.StructParents = index
            numbers += [index, pdf.Reference(PDFArray([tree.written[id(e)] for e in owners]))]
    tree_root["ParentTree"] = pdf.Reference(PDFDictionary({"Nums": PDFArray(numbers)}))
    tree_root["ParentTreeNextKey"] = len(structure.pages)
    pdf.Catalog.StructTreeRoot = root
    pdf.Catalog.MarkInfo = PDFDictionary({"Marked": "true"})


class _Tree:
    """Writes structure elements as objects of `pdf`; `written` maps each element's id to its reference.

    A tree has a few hundred elements: each is written here, straight to its bytes (`Written`),
    as ReportLab writes the dictionary `<< /Alt /K /Lang /P /Pg /S /Type >>` (keys sorted).
    Every element is registered before its kids, so their `/P` can name it.
    """

    def __init__(self, pdf: PDFDocument, first_pages: dict[int, int]) -> None:
        self.pdf = pdf
        self.pages: list[PDFPage] = pdf.Pages.pages
        self.page_references = [
            self.reference(pdf.Reference(page)) for page in self.pages
        ]  # registered when drawn
        self.first_pages = first_pages
        self.written: dict[int, bytes] = {}

    def reference(self, reference: PDFObjectReference) -> bytes:
        """`12 0 R`: a registered object's reference, as it is written."""
        return b"%d %d R" % self.pdf.idToObjectNumberAndVersion[reference.name]

    def write(self, element: Element, parent: bytes) -> bytes | None:
        """Write `element` and its subtree (depth first, in order); None if it marks nothing."""
        first = self.first_pages.get(id(element))
        if first is None:
            return None
        node = Written()
        reference = self.written[id(element)] = register(self.pdf, node)
        kids: list[bytes] = []
        for kid in element.kids:
            if isinstance(kid, Content):
                kids.append(b"%d" % kid.mcid if kid.page == first else self._marked(kid))
            elif (child := self.write(kid, reference)) is not None:
                kids.append(child)
        entries = [b"/Alt " + text_string(element.alt)] if element.alt else []
        entries.append(b"/K " + array_of(kids))
        if element.lang:
            entries.append(b"/Lang " + text_string(element.lang))
        page, role = self.page_references[first], _name(element.role)
        entries += [b"/P " + parent, b"/Pg " + page, b"/S " + role, b"/Type /StructElem"]
        node.data = dictionary_of(entries)
        return reference

    def _marked(self, content: Content) -> bytes:
        """A marked-content reference to a sequence on another page than its element's `/Pg`."""
        page = self.page_references[content.page]
        return dictionary_of([b"/MCID %d" % content.mcid, b"/Pg " + page, b"/Type /MCR"])


@functools.lru_cache(maxsize=256)
def _name(role: str) -> bytes:
    """A structure type as a name, as it is written (`/P`)."""
    return PDFName(role).encode("ascii")


def _first_pages(element: Element, found: dict[int, int] | None = None) -> dict[int, int]:
    """For `element` and every element below it that marks content: the page of its first content, by id."""
    found = {} if found is None else found
    first: int | None = None
    for kid in element.kids:
        page = kid.page if isinstance(kid, Content) else _first_pages(kid, found).get(id(kid))
        if first is None:
            first = page
    if first is not None:
        found[id(element)] = first
    return found
