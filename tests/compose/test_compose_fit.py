"""Shrink-to-fit: text too long for its frame shrinks, never below `min-size`; past that, an error.

Each test writes a one-page layout whose frame `squeezed` holds the profile's `international`
text (and, for the stacked case, a heading and a list), sized from the text's own natural
height, so the tests hold whatever the fonts measure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from zjlab_reports.compose import compose
from zjlab_reports.diagnostics import Diagnostic, DiagnosticError
from zjlab_reports.document import Document, TextBox
from zjlab_reports.loaders import LoadedLayout, LoadedProfile, LoadedTheme

MM = 72 / 25.4
ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "data" / "zhejiang-lab.yaml"
TOP_MARGIN, FRAME_Y = 20.0, 10.0  # mm: where the frame starts below the page top
LEAD_SIZE, BODY_SIZE, TITLE_SIZE = 13.0, 10.0, 26.0  # points: the theme's lead, body, title
CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)

LAYOUT = """\
id: scratch
kind: brochure
theme: zhejiang-lab
title: "{name}"
subject: "{name}"
size: A4
margins: {top: 20, right: 18, bottom: 20, left: 18}
grid: {columns: 12, gutter: 5}
pages:
  - name: only
    frames:
      - name: squeezed
        column: 1
        span: 5
        y: 10
        height: HEIGHT
        fit: {policy: POLICY, min-size: MIN_SIZE}
        blocks:
BLOCKS"""
PARAGRAPH = '          - {type: paragraph, style: lead, text: "{international}"}\n'
STACK = (
    '          - {type: heading, style: title, text: "{name}"}\n'
    + PARAGRAPH
    + "          - {type: list, bind: work, style: body}\n"
)

Compose = Callable[..., Document]


@pytest.fixture
def squeeze(
    scratch_layout: Callable[[str], tuple[LoadedLayout, Path]],
    profile: LoadedProfile,
    theme: LoadedTheme,
) -> Compose:
    """`squeeze(lang, height_mm, min_size, blocks=PARAGRAPH, policy="shrink")`: compose it."""

    def run(
        lang: str, height: float, min_size: float, blocks: str = PARAGRAPH, policy: str = "shrink"
    ) -> Document:
        text = LAYOUT.replace("HEIGHT", f"{height:.2f}").replace("MIN_SIZE", str(min_size))
        layout, _ = scratch_layout(text.replace("POLICY", policy).replace("BLOCKS", blocks))
        return compose(profile, layout, theme, lang, root=ROOT, created=CREATED)

    return run


def boxes(document: Document) -> list[TextBox]:
    return [item for item in document.pages[0].items if isinstance(item, TextBox)]


def sizes(document: Document) -> list[float]:
    return [p.style.size for box in boxes(document) for p in box.paragraphs]


def natural_height(squeeze: Compose, lang: str, blocks: str = PARAGRAPH) -> float:
    """Millimetres the blocks take at their full size (composed in a tall frame)."""
    document = squeeze(lang, 200, 6, blocks)
    top = min(box.y for box in boxes(document))
    bottom = max(box.y + box.height for box in boxes(document))
    return (bottom - top) / MM


def assert_inside_frame(document: Document, height: float) -> None:
    top, bottom = (TOP_MARGIN + FRAME_Y) * MM, (TOP_MARGIN + FRAME_Y + height) * MM
    for box in boxes(document):
        assert top - 0.01 <= box.y and box.y + box.height <= bottom + 0.01, box.name


def line_of(path: Path, needle: str, after: str = "") -> tuple[int, int]:
    """(line, column), counted from 1, where `needle` first occurs (after the line holding `after`)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    for number, line in enumerate(lines[start:], start=start + 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_text_that_fits_keeps_its_size(squeeze: Compose, lang: str) -> None:
    height = natural_height(squeeze, lang) + 1
    document = squeeze(lang, height, 6)
    assert sizes(document) == [LEAD_SIZE]
    assert_inside_frame(document, height)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_too_long_text_shrinks_but_not_below_min_size(squeeze: Compose, lang: str) -> None:
    height = natural_height(squeeze, lang) * 0.75
    document = squeeze(lang, height, 6)
    (size,) = sizes(document)
    assert 6 <= size < LEAD_SIZE
    assert_inside_frame(document, height)


@pytest.mark.parametrize("min_size", [6, 8, 9, 11])
@pytest.mark.parametrize("share", [0.35, 0.55, 0.75, 0.95])
def test_stacked_blocks_shrink_together_and_never_below_min_size(
    squeeze: Compose, share: float, min_size: float
) -> None:
    """A title, a paragraph and a list in `share` of the room they need at full size.

    Text heights scale about with the size, so it fits when the smallest style (body, 10 pt)
    may shrink well below `share` of its size, and cannot when that would go under `min_size`.
    """
    height = natural_height(squeeze, "en", STACK) * share
    try:
        document = squeeze("en", height, min_size, STACK)
    except DiagnosticError as error:
        assert share < min_size / BODY_SIZE + 0.1, f"{share:.0%} of the room fits at {min_size} pt"
        assert "'squeezed'" in overflow(error).message
        return
    assert share > min_size / BODY_SIZE * 0.9, "it fitted, so some text must be below min-size"
    assert min(sizes(document)) >= min_size - 0.01
    assert max(sizes(document)) < TITLE_SIZE  # the title shrank with the rest
    assert_inside_frame(document, height)


def overflow(error: DiagnosticError) -> Diagnostic:
    found = [d for d in error.diagnostics if "does not fit" in d.message]
    assert len(found) == 1, error
    return found[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_text_that_cannot_fit_names_the_frame_and_the_profile_field(
    squeeze: Compose, tmp_path: Path, lang: str
) -> None:
    height = natural_height(squeeze, lang) * 0.5
    with pytest.raises(DiagnosticError) as raised:
        squeeze(lang, height, 12)  # 12 pt would need far more than half the room of 13 pt
    diagnostic = overflow(raised.value)
    layout_path = tmp_path / "layouts" / "scratch.yaml"  # where `scratch_layout` wrote it
    assert "'squeezed'" in diagnostic.message
    assert Path(diagnostic.span.file).resolve() == layout_path.resolve()
    assert (diagnostic.span.line, diagnostic.span.column) == line_of(layout_path, "squeezed")
    profile_line, _ = line_of(PROFILE, f"  {lang}:", after="international:")
    fields = [(Path(span.file).resolve(), span.line, text) for span, text in diagnostic.related]
    assert (PROFILE.resolve(), profile_line, "profile field 'international' is set in this frame") in fields
    assert f"zhejiang-lab.yaml:{profile_line}:" in diagnostic.render()


def test_fit_policy_none_never_shrinks(squeeze: Compose) -> None:
    height = natural_height(squeeze, "en") * 0.9
    with pytest.raises(DiagnosticError) as raised:
        squeeze("en", height, 6, policy="none")
    assert "'squeezed'" in overflow(raised.value).message


def test_the_sizes_these_tests_assume_are_the_themes(theme: LoadedTheme) -> None:
    roles = theme.theme.typography.roles
    assert (roles["lead"].size, roles["body"].size, roles["title"].size) == (LEAD_SIZE, BODY_SIZE, TITLE_SIZE)


def test_a_frame_that_does_not_fit_is_reported_every_time_it_is_composed(squeeze: Compose) -> None:
    """Pages are shared between the documents of a process, but not one with a problem: the
    second document with the same page must say what is wrong with it too."""
    height = natural_height(squeeze, "en", STACK) * 0.3
    found = []
    for _ in range(2):
        with pytest.raises(DiagnosticError) as error:
            squeeze("en", height, 9, STACK)
        found.append(overflow(error.value))
    assert found[0] == found[1]
