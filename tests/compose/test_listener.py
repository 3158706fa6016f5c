"""Compose tells a listener what a document will be as soon as it knows it (`compose.Listener`):
before pagination its header (all but pages and outline), the font faces of its text and the
picture files it shows, each once; then each page as it is laid out, bookmarked where the
outline points. A renderer draws the document meanwhile (`ahead`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest

from zjlab_reports.compose import compose_placed
from zjlab_reports.diagnostics import DiagnosticError
from zjlab_reports.document import Document, FontFace, Image, Page

from .conftest import CREATED, ROOT


class Told:
    def __init__(self) -> None:
        self.begun: list[tuple[Document, tuple[FontFace, ...], tuple[Path, ...]]] = []
        self.pages: list[tuple[Page, bool]] = []

    def begin(self, header: Document, faces: tuple[FontFace, ...], pictures: tuple[Path, ...]) -> None:
        assert not self.pages
        self.begun.append((header, faces, pictures))

    def page(self, page: Page, bookmarked: bool) -> None:
        assert self.begun
        self.pages.append((page, bookmarked))


def _drawn(value: Any, faces: set[FontFace], pictures: set[Path]) -> None:
    """Every font face and picture file `value` (a Document, or part of one) holds."""
    if isinstance(value, FontFace):
        faces.add(value)
    elif isinstance(value, msgspec.Struct):
        if isinstance(value, Image):
            pictures.add(value.path)
        for name in value.__struct_fields__:
            _drawn(getattr(value, name), faces, pictures)
    elif isinstance(value, (list, tuple)):
        for part in value:
            _drawn(part, faces, pictures)


def test_the_listener_is_told_the_document_it_gets(profile, theme, layouts, case) -> None:
    layout, lang = case
    told = Told()
    document = compose_placed(
        profile, layouts[layout], theme, lang, root=ROOT, created=CREATED, listener=told
    ).document
    ((header, faces, pictures),) = told.begun
    assert (header.pages, header.outline) == ((), ())
    assert msgspec.structs.replace(header, pages=document.pages, outline=document.outline) == document
    assert tuple(page for page, _ in told.pages) == document.pages
    assert [index for index, (_, marked) in enumerate(told.pages) if marked] == sorted(
        {entry.page for entry in document.outline}
    )
    drawn_faces: set[FontFace] = set()
    drawn_pictures: set[Path] = set()
    _drawn(document.pages, drawn_faces, drawn_pictures)
    assert drawn_faces and drawn_faces <= set(faces)  # (a role's weight may go unused)
    assert len(set(faces)) == len(faces)
    assert set(pictures) == drawn_pictures and len(set(pictures)) == len(pictures)


def test_a_document_with_an_outline_bookmarks_the_pages_it_points_at(profile, theme, layouts) -> None:
    """(The check above can fail: a shipped layout has bookmarks.)"""
    told = Told()
    document = compose_placed(
        profile, layouts["brochure-a4"], theme, "en", root=ROOT, created=CREATED, listener=told
    ).document
    assert document.outline and any(marked for _, marked in told.pages)


def test_nothing_is_told_of_a_document_with_problems(profile, theme, scratch_layout) -> None:
    """A field the profile lacks is found while binding, before anything is told."""
    text = (ROOT / "layouts" / "brochure-a4.yaml").read_text(encoding="utf-8")
    assert "{vision}" in text
    layout, _ = scratch_layout(text.replace("{vision}", "{visoin}", 1))
    told = Told()
    with pytest.raises(DiagnosticError, match="visoin"):
        compose_placed(profile, layout, theme, "en", root=ROOT, created=CREATED, listener=told)
    assert (told.begun, told.pages) == ([], [])
