"""Compose tells what a document will draw before its pages are laid out (`compose.Announce`):
the font faces of its text and the picture files it shows, each once, so that a renderer can
load them meanwhile (`ahead`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest

from zjlab_reports.compose import compose_placed
from zjlab_reports.diagnostics import DiagnosticError
from zjlab_reports.document import Document, FontFace, Image

from .conftest import CREATED, ROOT


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


def _composed(profile, layout, theme, lang: str) -> tuple[Document, list[tuple[Any, ...]]]:
    told: list[tuple[Any, ...]] = []
    placed = compose_placed(
        profile, layout, theme, lang, root=ROOT, created=CREATED, announce=lambda *what: told.append(what)
    )
    return placed.document, told


def test_what_is_announced_is_what_the_document_draws(profile, theme, layouts, case) -> None:
    layout, lang = case
    document, told = _composed(profile, layouts[layout], theme, lang)
    assert len(told) == 1
    faces, pictures = told[0]
    drawn_faces: set[FontFace] = set()
    drawn_pictures: set[Path] = set()
    _drawn(document.pages, drawn_faces, drawn_pictures)
    assert drawn_faces and drawn_faces <= set(faces)  # (a role's weight may go unused)
    assert len(set(faces)) == len(faces)
    assert set(pictures) == drawn_pictures and len(set(pictures)) == len(pictures)
    assert all(path.is_file() for path in pictures)


def test_nothing_is_announced_for_a_document_with_problems(profile, theme, scratch_layout) -> None:
    """A field the profile lacks is found while binding, before the announcement, which never comes."""
    text = (ROOT / "layouts" / "brochure-a4.yaml").read_text(encoding="utf-8")
    assert "{vision}" in text
    layout, _ = scratch_layout(text.replace("{vision}", "{visoin}", 1))
    told: list[object] = []
    with pytest.raises(DiagnosticError, match="visoin"):
        compose_placed(
            profile, layout, theme, "en", root=ROOT, created=CREATED, announce=lambda *what: told.append(what)
        )
    assert told == []
