"""Frames with `fit: continue` flow onto continuation pages instead of shrinking or failing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from zjlab_reports.compose import compose
from zjlab_reports.diagnostics import DiagnosticError
from zjlab_reports.document import TextBox
from zjlab_reports.loaders import load_layout, load_profile, load_theme

ROOT = Path(__file__).resolve().parents[2]
LAYOUT = """\
id: flow
kind: brochure
theme: zhejiang-lab
title: "{{name}}"
subject: "{{name}}"
size: A5
pages:
  - name: long
    bookmark: {{en: Long, zh: 长}}
    frames:
      - name: header
        repeat: true
        column: 1
        span: 12
        y: 0
        height: 12
        blocks: [{{type: heading, text: "{{name}}"}}]
      - name: body
        column: 1
        span: 12
        y: 16
        height: {height}
        fit: {{policy: continue}}
        blocks:
          - {{type: paragraph, text: "{{about}} {{about}} {{about}} {{international}} {{international}}"}}
          - {{type: list, bind: mission}}
          - {{type: figures, facts: [facts.area]}}
  - name: next
    bookmark: {{en: Next, zh: 下}}
    frames:
      - {{name: x, column: 1, span: 12, y: 0, height: 20, blocks: [{{type: heading, text: "{{vision}}"}}]}}
"""


def compose_flow(tmp_path: Path, lang: str, height: float = 60):
    path = tmp_path / "flow.yaml"
    path.write_text(LAYOUT.format(height=height), encoding="utf-8")
    return compose(
        load_profile(ROOT / "data" / "zhejiang-lab.yaml"),
        load_layout(path),
        load_theme(ROOT / "themes" / "zhejiang-lab.yaml"),
        lang,
        root=ROOT,
        created=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
    )


def texts(page) -> str:
    return "".join(
        line.text
        for item in page.items
        if isinstance(item, TextBox)
        for p in item.paragraphs
        for line in p.lines
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_long_text_flows_onto_continuation_pages(tmp_path: Path, lang: str) -> None:
    document = compose_flow(tmp_path, lang)
    names = [page.name for page in document.pages]
    assert names[0] == "long" and names[-1] == "next"
    continued = [p for p in document.pages if p.name == "long-continued"]
    assert continued, names
    # the repeated header is on every continuation page; the body never leaves its frame
    body_bottom = (16 + 60 + 15) * 72 / 25.4  # frame y + height + top margin, in points
    for page in document.pages[:-1]:
        boxes = [i for i in page.items if isinstance(i, TextBox)]
        assert boxes[0].name == "heading"
        for box in boxes[1:]:
            assert box.y + box.height <= body_bottom + 0.01
    # nothing lost: every word of the mission list appears once, in order, across the pages
    flowed = "".join(texts(p) for p in document.pages[:-1])
    profile = load_profile(ROOT / "data" / "zhejiang-lab.yaml").profile
    last = -1
    for item in profile.mission:
        first_word = item[lang].split()[0] if lang == "en" else item[lang][:4]
        where = flowed.find(first_word, last + 1)
        assert where > last, first_word
        last = where
    # the outline points at each section's first page
    assert [(o.title, o.page) for o in document.outline][1][1] == len(document.pages) - 1


def test_a_block_taller_than_the_frame_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DiagnosticError) as info:
        compose_flow(tmp_path, "en", height=8)
    (problem,) = [d for d in info.value.diagnostics if "does not fit frame 'body'" in d.message]
    assert "even on a continuation page" in problem.message
    body_line = LAYOUT.splitlines().index("      - name: body") + 1
    assert problem.span.file.endswith("flow.yaml") and problem.span.line == body_line


def test_shipped_layouts_do_not_need_copies() -> None:
    for path in sorted((ROOT / "layouts").glob("*.yaml")):
        layout = load_layout(path)
        document = compose(
            load_profile(ROOT / "data" / "zhejiang-lab.yaml"),
            layout,
            load_theme(ROOT / "themes" / "zhejiang-lab.yaml"),
            "en",
            root=ROOT,
            created=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
        )
        assert len(document.pages) == len(layout.layout.pages)
