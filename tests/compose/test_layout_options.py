"""Layout-wide options: `text-scale` scales every role; a grid with no room is reported."""

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
id: options
kind: brochure
theme: zhejiang-lab
title: "{{name}}"
subject: "{{name}}"
size: {size}
margins: {{top: 10, right: {margin}, bottom: 10, left: {margin}}}
text-scale: {scale}
pages:
  - name: one
    frames:
      - name: head
        column: 1
        span: 12
        y: 0
        height: 40
        blocks:
          - {{type: heading, style: heading, text: "{{name}}"}}
"""


def compose_with(tmp_path: Path, *, scale: float = 1.0, size: str = "A5", margin: float = 10):
    path = tmp_path / "options.yaml"
    path.write_text(LAYOUT.format(scale=scale, size=size, margin=margin), encoding="utf-8")
    return compose(
        load_profile(ROOT / "data" / "zhejiang-lab.yaml"),
        load_layout(path),
        load_theme(ROOT / "themes" / "zhejiang-lab.yaml"),
        "en",
        root=ROOT,
        created=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
    )


def heading_size(document) -> float:
    (box,) = [item for item in document.pages[0].items if isinstance(item, TextBox)]
    return box.paragraphs[0].style.size


def test_text_scale_multiplies_every_role(tmp_path: Path) -> None:
    theme = load_theme(ROOT / "themes" / "zhejiang-lab.yaml")
    base = theme.theme.typography.roles["heading"].size
    assert heading_size(compose_with(tmp_path, scale=1.0)) == pytest.approx(base)
    assert heading_size(compose_with(tmp_path, scale=1.5)) == pytest.approx(base * 1.5)


def test_margins_that_leave_no_room_are_named(tmp_path: Path) -> None:
    with pytest.raises(DiagnosticError) as info:
        compose_with(tmp_path, size="{width: 30, height: 100}", margin=20)
    (problem,) = info.value.diagnostics
    assert "frame 'head' has no width" in problem.message and problem.hints
    assert problem.span.line == LAYOUT.splitlines().index("      - name: head") + 1


def test_a_layout_checked_before_is_reported_again_and_another_is_checked_anew(tmp_path: Path) -> None:
    """The check that frames lie on the page is made once per loaded layout: composing the
    same layout again reports the same problem; another layout is checked for itself."""
    path = tmp_path / "options.yaml"
    path.write_text(LAYOUT.format(scale=1.0, size="{width: 30, height: 100}", margin=20), encoding="utf-8")
    narrow, profile = load_layout(path), load_profile(ROOT / "data" / "zhejiang-lab.yaml")
    theme = load_theme(ROOT / "themes" / "zhejiang-lab.yaml")
    found = []
    for _ in range(2):
        with pytest.raises(DiagnosticError) as info:
            compose(profile, narrow, theme, "en", root=ROOT, created=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
        found.append(info.value.diagnostics)
    assert found[0] == found[1] and len(found[0]) == 1
    assert heading_size(compose_with(tmp_path)) > 0  # a layout with room: no problem
