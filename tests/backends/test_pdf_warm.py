"""Warming the PDF backend up (`backends.pdf.warm`): a process's once-only work done before its first
file, and no byte of any file changed by it; nor by loading a document's fonts and pictures before
it is drawn (`backends.pdf.prefetch`), nor by drawing its pages as compose lays them out
(`backends.pdf.Drawing`, a `compose.Listener`'s work in a renderer)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from zjlab_reports.backends.pdf import colour, standard, warm
from zjlab_reports.document import Color

ROOT = Path(__file__).resolve().parents[2]

# The shipped brochure in English, composed, drawn in both variants; with WARM set, every
# warm-up runs first (compose's and the backend's, with the theme's palette); with STREAM
# set, a listener loads the fonts and pictures compose tells it and draws each page as it is
# laid out, in both variants at once (a renderer draws one), then finishes with the document.
_DRAW = """
import datetime as dt, hashlib, os, sys
from pathlib import Path
from zjlab_reports import compose
from zjlab_reports.backends import pdf
from zjlab_reports.loaders import load_layout, load_profile, load_theme
root = Path(sys.argv[1])
theme = load_theme(root / "themes" / "zhejiang-lab.yaml")
layout = load_layout(root / "layouts" / "brochure-a4.yaml")
profile = load_profile(root / "data" / "zhejiang-lab.yaml")
if os.environ.get("WARM"):
    compose.warm([layout], ["en"])
    pdf.warm(pdf.VARIANTS, compose.palette(theme).values())
created = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
class Drawer:
    def begin(self, header, faces, pictures):
        pdf.prefetch(faces, pictures, pdf.VARIANTS)
        self.drawings = [pdf.Drawing(header, variant) for variant in pdf.VARIANTS]
    def page(self, page, bookmarked):
        for drawing in self.drawings:
            drawing.page(page, bookmarked)
listener = Drawer() if os.environ.get("STREAM") else None
document = compose.compose_placed(
    profile, layout, theme, "en", root=root, created=created, listener=listener
).document
for index, variant in enumerate(pdf.VARIANTS):
    data = listener.drawings[index].finish(document) if listener else pdf.render_pdf(document, variant)
    print(variant, hashlib.sha256(data).hexdigest())
"""


def test_files_drawn_after_warming_up_or_page_by_page_are_byte_identical_to_files_drawn_without() -> None:
    runs = [
        subprocess.run(
            [sys.executable, "-c", _DRAW, str(ROOT)],
            env=os.environ | extra,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for extra in ({}, {"WARM": "1"}, {"STREAM": "1"})
    ]
    assert runs[0].count("\n") == 2 and runs[1] == runs[0] and runs[2] == runs[0]


def test_warming_up_print_makes_its_output_profile_and_colours() -> None:
    brand = Color(0, 94, 184)
    warm(["print"], [brand])
    before = colour.cmyk_of.cache_info()
    assert colour.paint_for(brand, "print") == colour.cmyk_of(0, 94, 184)
    assert (
        colour.cmyk_of.cache_info().hits == before.hits + 2
        and colour.cmyk_of.cache_info().misses == before.misses
    )
    compressed = standard._compressed.cache_info()
    assert hashlib.sha256(standard.output_profile("print")).digest()
    assert standard._compressed.cache_info().hits == compressed.hits + 1


_WARM_PRINT = """
import sys
from zjlab_reports.backends.pdf import colour, warm
from zjlab_reports.document import Color
warm(["print"], [Color(0, 94, 184), Color(63, 169, 224)])
print(colour._transform.cache_info().currsize, "PIL._imaging" in sys.modules)
"""


def test_warming_up_print_builds_the_colour_transform_only_for_a_colour_not_stored(tmp_path: Path) -> None:
    """The first process converts the colours (building the transform) and stores them; the
    next reads them, loading neither the transform nor Pillow's core."""
    env = {**os.environ, "ZJLAB_REPORTS_CACHE": str(tmp_path / "cache")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", _WARM_PRINT], capture_output=True, text=True, env=env, check=True
        )
        for _ in "12"
    ]
    assert [run.stdout.split() for run in runs] == [["1", "True"], ["0", "False"]]


def test_an_unknown_variant_is_refused() -> None:
    with pytest.raises(ValueError, match="no PDF variant 'web'"):
        warm(["screen", "web"])


def test_prefetching_registers_the_fonts_and_makes_the_pictures_a_document_then_finds(tmp_path: Path) -> None:
    """The document's own calls then load nothing: its fonts are registered, its pictures in the memo."""
    probe = """
import datetime as dt, sys
from pathlib import Path
from zjlab_reports import compose
from zjlab_reports.backends import pdf
from zjlab_reports.backends.pdf import fonts, pictures
from zjlab_reports.loaders import load_layout, load_profile, load_theme
from reportlab.pdfbase import pdfmetrics
root = Path(sys.argv[1])
told = []
class Listener:
    def begin(self, header, faces, pictures):
        told.append((faces, pictures))
    def page(self, page, bookmarked):
        pass
compose.compose_placed(
    load_profile(root / "data" / "zhejiang-lab.yaml"), load_layout(root / "layouts" / "brochure-a4.yaml"),
    load_theme(root / "themes" / "zhejiang-lab.yaml"), "en", root=root,
    created=dt.datetime(2000, 1, 1, tzinfo=dt.UTC), listener=Listener(),
)
(faces, paths), = told
before = len(pdfmetrics.getRegisteredFontNames()), len(pictures._MEMO)
pdf.prefetch(faces, paths, ["screen"])
after = len(pdfmetrics.getRegisteredFontNames()), len(pictures._MEMO)
read = []
fonts._load = lambda *args: read.append(args)  # a font registered again would be parsed again
pictures._make = lambda *args: read.append(args)  # a picture not in the memo would be made again
for face in faces:
    fonts.register_font(face)
for path in paths:
    pictures.raster_for(path, "screen")
print(len(faces), len(paths), after[0] - before[0], after[1] - before[1], len(read))
"""
    done = subprocess.run(
        [sys.executable, "-c", probe, str(ROOT)], capture_output=True, text=True, check=True
    )
    faces, paths, registered, made, read_again = map(int, done.stdout.split())
    assert faces >= 2 and paths >= 1
    assert (registered, made, read_again) == (faces, paths, 0)


def test_a_drawing_finished_with_other_pages_than_it_drew_is_refused() -> None:
    probe = """
import datetime as dt, sys
from pathlib import Path
from msgspec.structs import replace
from zjlab_reports import compose
from zjlab_reports.backends import pdf
from zjlab_reports.loaders import load_layout, load_profile, load_theme
root = Path(sys.argv[1])
document = compose.compose(
    load_profile(root / "data" / "zhejiang-lab.yaml"), load_layout(root / "layouts" / "brochure-a4.yaml"),
    load_theme(root / "themes" / "zhejiang-lab.yaml"), "en", root=root,
    created=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
)
drawing = pdf.Drawing(replace(document, pages=(), outline=()))
for page in document.pages[:-1]:
    drawing.page(page, False)
try:
    drawing.finish(document)
except ValueError as exc:
    print(exc)
"""
    done = subprocess.run(
        [sys.executable, "-c", probe, str(ROOT)], capture_output=True, text=True, check=True
    )
    assert "were drawn" in done.stdout
