"""Loading layouts: named frames and typed blocks; unknown block types and keys get hints."""

from __future__ import annotations

from pathlib import Path

import pytest

from zjlab_reports.diagnostics import DiagnosticError
from zjlab_reports.loaders import load_layout

ROOT = Path(__file__).resolve().parents[2]
LAYOUTS = sorted((ROOT / "layouts").glob("*.yaml"))

MINIMAL = """\
id: tiny
kind: brochure
theme: zhejiang-lab
title: "{name}"
subject: "{name}"
size: A4
pages:
  - name: one
    frames:
      - name: f
        column: 1
        span: 6
        y: 0
        height: 20
        blocks:
          - {type: heading, text: "{name}"}
"""


def messages(path: Path) -> list[str]:
    with pytest.raises(DiagnosticError) as info:
        load_layout(path)
    return [d.render() for d in info.value.diagnostics]


@pytest.mark.parametrize("path", LAYOUTS, ids=lambda p: p.stem)
def test_shipped_layouts_load(path: Path) -> None:
    layout = load_layout(path).layout
    assert layout.id == path.stem
    assert all(frame.name for page in layout.pages for frame in page.frames)


def test_kinds_and_page_counts() -> None:
    by_id = {p.stem: load_layout(p).layout for p in LAYOUTS}
    assert by_id["brochure-a4"].kind == "brochure" and len(by_id["brochure-a4"].pages) >= 6
    assert by_id["deck-16x9"].kind == "deck" and len(by_id["deck-16x9"].pages) >= 10
    assert by_id["factsheet-letter"].size == "Letter"


def test_minimal_layout(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(MINIMAL)
    assert load_layout(path).layout.pages[0].frames[0].blocks[0].type == "heading"


def test_unknown_block_type_hint(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(MINIMAL.replace("type: heading", "type: headng"))
    (text,) = messages(path)
    assert "tiny.yaml:16:20: error: unknown type 'headng'" in text and "did you mean 'heading'?" in text


def test_unknown_key_in_a_block(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(MINIMAL.replace('text: "{name}"}', 'txt: "{name}"}'))
    texts = messages(path)
    assert any("unknown key 'txt'" in t and "did you mean 'text'?" in t for t in texts)


def test_frame_needs_one_placement(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(MINIMAL.replace("        span: 6\n", "        span: 6\n        x: 3\n"))
    (text,) = messages(path)
    assert "place a frame with 'column' and 'span', or with 'x' and 'width'" in text


def test_negative_height(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(MINIMAL.replace("height: 20", "height: -20"))
    (text,) = messages(path)
    assert "tiny.yaml:14:17: error:" in text and "greater than 0" in text


def test_shipped_decks_give_every_slide_a_title() -> None:
    for path in LAYOUTS:
        layout = load_layout(path).layout
        if layout.kind == "deck":
            assert all(any(f.role == "title" for f in page.frames) for page in layout.pages)


@pytest.mark.parametrize("untitled", [1, 2])
def test_deck_page_without_title_frame_is_reported_at_its_line(tmp_path: Path, untitled: int) -> None:
    titled = (
        "  - name: titled\n    frames:\n      - name: head\n        role: title\n"
        "        column: 1\n        span: 6\n        y: 0\n        height: 20\n"
        '        blocks:\n          - {type: heading, text: "{name}"}'
    )
    head, _, pages = MINIMAL.replace("kind: brochure", "kind: deck").partition("pages:\n")
    plain = [pages.replace("name: one", f"name: plain{n}") for n in range(untitled)]
    path = tmp_path / "deck.yaml"
    path.write_text(head + "pages:\n" + titled + "\n" + "".join(plain))
    found = messages(path)
    assert len(found) == untitled
    first_line = (head + "pages:\n" + titled + "\n").count("\n") + 1
    assert found[0].startswith(f"{path}:{first_line}:") or f"deck.yaml:{first_line}:" in found[0]
    assert "deck page 'plain0' has no frame with `role: title`" in found[0]
    assert "role: title" in found[0].split("\n", 1)[1]  # the hint
