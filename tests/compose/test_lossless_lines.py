"""Lossless lines: a paragraph split between lines is exactly its source text, in every output.

The property test sets random texts (addresses, hyphenated words, soft hyphens, Chinese,
mixed scripts, numbers) with the real fonts at random widths and cuts them at every line:
the parts, joined, are the input, and every line indexes its own characters. The scenario of
issue 15 (a deck paragraph with 22 addresses flowing over slides) is then checked in the
Document, in the PPTX runs a presenter edits and in the PDF text a reader copies.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation

from zjlab_reports.backends.pptx import render_pptx
from zjlab_reports.compose import compose
from zjlab_reports.compose.layout.text import cut_paragraph
from zjlab_reports.document import Color, Paragraph, TextBox, TextStyle
from zjlab_reports.fonts import FontSpec, load_face
from zjlab_reports.loaders import load_layout, load_profile, load_theme
from zjlab_reports.text import FontChain, layout_lines, shown

ROOT = Path(__file__).resolve().parents[2]
URL = "https://www.zhejianglab.org/en/programs"
PIECES = [
    URL,
    "http://x.org/a/b?c=d&e=f",
    "state-of-the-art",
    "co-founded",
    "inter\u00adnational",
    "tech\u00adno\u00adlogy",
    "之江实验室",
    "智能计算",
    "，",
    "。",
    "（1,358亩）",
    "AI芯片",
    "5G网络",
    "90.5\u00a0ha",
    "1,358",
    "—",
    "“quoted”",
    "a",
    "the",
    "research",
]
POOL = "".join(sorted(set("".join(PIECES)) | set(" -")))
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).flatmap(
    lambda pieces: st.tuples(*(st.sampled_from(["", " "]) for _ in pieces)).map(
        lambda gaps: "".join(g + p for g, p in zip(gaps, pieces, strict=True)).strip() or "a"
    )
)


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> FontChain:
    cache = tmp_path_factory.mktemp("fonts")
    latin = FontSpec("sans", "Source Sans 3", "fontpkg_source_sans_3", "files/SourceSans3[wght].ttf", "Sans")
    cjk = FontSpec(
        "cjk",
        "Noto Sans SC",
        "justmytype_intl_cjk",
        "fonts/ofl/notosanssc/NotoSansSC[wght].ttf",
        "YaHei",
        True,
    )
    return FontChain(
        latin=(load_face(latin, 400, POOL, cache),), east_asian=(load_face(cjk, 400, POOL, cache),)
    )


def split_everywhere(paragraph: Paragraph) -> list[Paragraph]:
    """The paragraph cut after each of its lines: one part per line."""
    parts = []
    while len(paragraph.lines) > 1:
        head, paragraph = cut_paragraph(paragraph, 1)
        parts.append(head)
    return [*parts, paragraph]


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(text=texts, width=st.floats(20, 400), lang=st.sampled_from(["en", "zh"]), data=st.data())
def test_parts_of_a_split_paragraph_rejoin_to_the_input(
    chain: FontChain, text: str, width: float, lang: str, data: st.DataObject
) -> None:
    style = TextStyle(10.0, 13.0, Color(0, 0, 0))
    paragraph = Paragraph(text, style, layout_lines(text, chain, 10.0, 13.0, width, lang))
    parts = split_everywhere(paragraph)
    assert "".join(part.text for part in parts) == text
    offset = 0
    for part in parts:
        for line in part.lines:
            assert line.text == shown(text, offset + line.start, offset + line.end)
            assert part.text[line.start : line.end] == text[offset + line.start : offset + line.end]
        offset += len(part.text)
    # cutting once, anywhere, gives two slices too
    count = data.draw(st.integers(1, max(len(paragraph.lines) - 1, 1)))
    if count < len(paragraph.lines):
        head, tail = cut_paragraph(paragraph, count)
        assert head.text + tail.text == text and tail.bullet is None


# -- issue 15: 22 addresses in a deck paragraph that continues over slides ---------------------

SENTENCE = f"{URL}: state-of-the-art inter\u00adnational work. "
DECK = """\
id: lossless
kind: deck
theme: zhejiang-lab
title: "{name}"
subject: "{name}"
size: "16:9"
margins: {top: 14, right: 20, bottom: 12, left: 20}
pages:
  - name: international
    frames:
      - name: title
        role: title
        column: 1
        span: 12
        y: 0
        height: 22
        blocks: [{type: heading, style: slide-title, text: International}]
      - name: band
        role: body
        column: 1
        span: 8
        y: 34
        height: 96
        fit: {policy: continue}
        blocks: [{type: paragraph, style: slide-lead, text: "{international}"}]
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lossless")
    profile = yaml.safe_load((ROOT / "data" / "zhejiang-lab.yaml").read_text(encoding="utf-8"))
    profile["international"] = {"en": (SENTENCE * 22).strip(), "zh": ("参见" + SENTENCE * 22).strip()}
    for folder in ("data", "layouts", "themes"):
        (root / folder).mkdir()
    (root / "data" / "zhejiang-lab.yaml").write_text(
        yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8"
    )
    (root / "layouts" / "lossless.yaml").write_text(DECK, encoding="utf-8")
    (root / "themes" / "zhejiang-lab.yaml").write_bytes((ROOT / "themes" / "zhejiang-lab.yaml").read_bytes())
    shutil.copytree(ROOT / "data" / "images", root / "data" / "images")  # the profile's pictures, the logo
    return root


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_paragraph_over_many_slides_keeps_every_character(project: Path, lang: str, tmp_path: Path) -> None:
    profile = load_profile(project / "data" / "zhejiang-lab.yaml")
    source = profile.profile.international[lang]
    document = compose(
        profile,
        load_layout(project / "layouts" / "lossless.yaml"),
        load_theme(project / "themes" / "zhejiang-lab.yaml"),
        lang,
        root=project,
        created=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
    )
    bodies = [
        paragraph.text
        for page in document.pages
        for item in page.items
        if isinstance(item, TextBox) and item.name == "band"
        for paragraph in item.paragraphs
    ]
    assert len(document.pages) >= 3 and len(bodies) == len(document.pages)
    assert "".join(bodies) == source
    # what a presenter edits: each slide's body placeholder holds its part, exactly
    deck = Presentation(io.BytesIO(render_pptx(document)))
    edited = [
        "".join(run.text for p in _body(slide).text_frame.paragraphs for run in p.runs)
        for slide in deck.slides
    ]
    assert "".join(edited) == source
    assert "".join(edited).count(URL) == 22 and "state- of" not in "".join(edited)
    # what a reader copies from the PDF: every address whole once line ends and titles are out
    pdf = tmp_path / "deck.pdf"
    pdf.write_bytes(_render_pdf(document))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    lines = [line for line in text.replace("\f", "\n").splitlines() if not line.startswith("International")]
    assert "".join(lines).count(URL) == 22


def _body(slide):  # type: ignore[no-untyped-def]
    return next(shape for shape in slide.shapes if shape.has_text_frame and shape.name == "band")


def _render_pdf(document) -> bytes:  # type: ignore[no-untyped-def]
    from zjlab_reports.backends import pdf

    return pdf.render_pdf(document)
