"""Faces in ReportLab: they register, measure as Face.advance says, and embed under distinct names."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pypdf
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont as ReportLabFont
from reportlab.pdfgen.canvas import Canvas

from zjlab_reports.fonts import Face, FontSpec, load_face

MIXED = "之江实验室 Zhejiang Lab: “AI × Science” — 2024…\u00a0•"
_numbers = itertools.count()


def _register(face: Face) -> str:
    name = f"{face.face.name}-test{next(_numbers)}"
    pdfmetrics.registerFont(ReportLabFont(name, str(face.face.path)))
    return name


@pytest.mark.parametrize(
    ("spec_name", "weight"),
    [("noto_sc", 400), ("noto_sc", 700), ("source_sans", 700), ("arimo", 400)],
)
def test_reportlab_measures_as_face_advance(
    spec_name: str, weight: int, request: pytest.FixtureRequest, shared_cache: Path
) -> None:
    spec: FontSpec = request.getfixturevalue(spec_name)
    face = load_face(spec, weight, MIXED.replace("室", ""), shared_cache)  # 室 falls back to .notdef
    name = _register(face)
    for size in (7.5, 11.0, 36.0):
        assert pdfmetrics.stringWidth(MIXED, name, size) == pytest.approx(face.advance(MIXED, size), abs=0.01)


def test_two_weights_embed_as_two_fonts(source_sans: FontSpec, shared_cache: Path) -> None:
    faces = [load_face(source_sans, weight, "Regular Bold", shared_cache) for weight in (400, 700)]
    out = io.BytesIO()
    canvas = Canvas(out, invariant=True)
    for y, face in zip((700, 650), faces, strict=True):
        canvas.setFont(_register(face), 14)
        canvas.drawString(72, y, "Regular Bold")
    canvas.save()
    page = pypdf.PdfReader(out).pages[0]
    fonts = page["/Resources"]["/Font"]
    base_names = sorted(str(fonts[key].get_object()["/BaseFont"]) for key in fonts)
    embedded = [name.split("+")[-1] for name in base_names if "+" in name]  # subset fonts: XXXXXX+Name
    assert embedded == ["SourceSans3-W400", "SourceSans3-W700"]
