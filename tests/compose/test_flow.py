"""Flow regions: frames as tall as their content stack down a region and continue on
continuation pages of the same template; headings keep with what follows, cards and rows stay
whole, paragraphs break between lines with orphans and widows; decks number their titles.

Each test writes a layout of its own (`scratch_layout`) and grows the shipped profile's lists
(`with_counts`) so the content is what a real year might bring.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from zjlab_reports.compose import compose
from zjlab_reports.diagnostics import DiagnosticError
from zjlab_reports.document import Document, Page, Shape, TextBox
from zjlab_reports.loaders import LoadedLayout, LoadedProfile, LoadedTheme

ROOT = Path(__file__).resolve().parents[2]
MM = 72 / 25.4
CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
CARD = re.compile(r"card-(\d+)")

FLOW = """\
id: flow
kind: {kind}
theme: zhejiang-lab
title: "{{name}}"
subject: "{{name}}"
size: "{size}"
margins: {{top: 12, right: 12, bottom: 12, left: 12}}
pages:
  - name: body
    bookmark: {{en: Body, zh: 正文}}
    notes: {{en: "Notes {{name}}", zh: "备注{{name}}"}}
    flow: {{column: 1, span: 12, y: 18, height: {height}, gap: 4}}
    frames:
      - name: title
        role: title
        column: 1
        span: 12
        y: 0
        height: 14
        blocks: [{{type: heading, style: {title_style}, text: {{en: Focus areas, zh: 研究方向}}}}]
{frames}      - name: folio
        repeat: true
        column: 1
        span: 12
        y: {folio_y}
        height: 8
        blocks: [{{type: paragraph, style: {folio_style}, text: "{{name}}"}}]
  - name: after
    bookmark: {{en: After, zh: 后}}
    frames:
      - {{name: x, role: title, column: 1, span: 12, y: 0, height: 20,
         blocks: [{{type: heading, text: "{{vision}}"}}]}}
"""

Make = Callable[..., Document]


@pytest.fixture
def flow(
    scratch_layout: Callable[[str], tuple[LoadedLayout, Path]],
    profile_with: Callable[..., LoadedProfile],
    theme: LoadedTheme,
) -> Make:
    """`flow(frames_yaml, lang="en", height=120, counts={}, kind="brochure")`: compose it."""

    def make(
        frames: str,
        lang: str = "en",
        height: float = 120,
        counts: dict[str, int] | None = None,
        kind: str = "brochure",
    ) -> Document:
        brochure = kind == "brochure"
        size, folio, style = ("A5", height + 20, "title") if brochure else ("16:9", 155, "slide-title")
        folio_style = "caption" if brochure else "slide-caption"
        text = FLOW.format(
            kind=kind,
            size=size,
            height=height,
            folio_y=folio,
            title_style=style,
            folio_style=folio_style,
            frames=frames,
        )
        layout, _ = scratch_layout(text)
        profile = profile_with(**(counts or {}))
        return compose(profile, layout, theme, lang, root=ROOT, created=CREATED)

    return make


def frames_yaml(*frames: str) -> str:
    """Flow frames (`height: auto` added to each)."""
    return "".join(f"      - {{height: auto, {frame[1:]}\n" for frame in frames)


def body_pages(document: Document) -> list[Page]:
    return [page for page in document.pages if page.name.startswith("body")]


def boxes(page: Page, pattern: str = "") -> list[TextBox]:
    return [i for i in page.items if isinstance(i, TextBox) and re.fullmatch(pattern or ".*", i.name)]


def folio(page: Page) -> list[TextBox]:
    """The repeated folio line (the only text in the `caption` style)."""
    return [box for box in boxes(page) if box.paragraphs[0].style.role in ("caption", "slide-caption")]


def flow_items(page: Page) -> list[TextBox]:
    """The text boxes in the flow (not the title or folio)."""
    return [box for box in boxes(page) if box.name != "title" and box not in folio(page)]


CARDS = "{name: cards, blocks: [{type: cards, bind: focus_areas, min-width: 30, height: 28}]}"
LEAD = "{name: lead, fill: surface, padding: 3, blocks: [{type: paragraph, style: lead, text: '{about}'}]}"
WORK = "{name: work, blocks: [{type: heading, text: {en: Work, zh: 工作}}, {type: list, bind: work}]}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_frames_stack_down_the_flow_each_as_tall_as_its_content(flow: Make, lang: str) -> None:
    document = flow(frames_yaml(LEAD, CARDS, WORK), lang, height=170)
    (page,) = body_pages(document)
    fill = next(i for i in page.items if isinstance(i, Shape) and i.name == "lead-fill")
    lead = next(box for box in boxes(page) if box.name == "paragraph")
    assert fill.y == pytest.approx((12 + 18) * MM, abs=0.01)
    assert fill.height == pytest.approx(lead.height + 2 * 3 * MM, abs=0.01)  # content and padding
    cards = [i for i in page.items if isinstance(i, Shape) and CARD.fullmatch(i.name)]
    assert min(card.y for card in cards) == pytest.approx(fill.y + fill.height + 4 * MM, abs=0.01)
    heading = next(box for box in boxes(page) if box.name == "heading")
    assert heading.y == pytest.approx(max(c.y + c.height for c in cards) + 4 * MM, abs=0.01)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_full_flow_continues_on_pages_of_the_same_template(flow: Make, lang: str) -> None:
    document = flow(frames_yaml(LEAD, CARDS, WORK), lang, height=90, counts={"focus_areas": 12, "work": 12})
    pages = body_pages(document)
    assert len(pages) >= 2
    assert [p.name for p in pages] == ["body"] + ["body-continued"] * (len(pages) - 1)
    assert document.outline[1].page == len(pages)  # the next section starts after them
    count = len(pages)
    for k, page in enumerate(pages, 1):
        (title,) = boxes(page, "title")
        expected = f"Focus areas ({k}/{count})" if lang == "en" else f"研究方向（{k}/{count}）"
        assert title.paragraphs[0].text == expected
        assert len(folio(page)) == 1, "repeated frames are drawn on every page"
        assert page.notes == document.pages[0].notes
        # repeated frames are decoration on continuation pages; the flow stays content
        assert (title.tag is None) == (k > 1)
        assert all(box.tag is not None for box in flow_items(page))
    shown = "".join(p.text for page in pages for box in boxes(page, "card-.*-title") for p in box.paragraphs)
    for i in range(1, 13):
        assert f"{i:02d}" in "".join(
            p.text for page in pages for b in boxes(page, "card-.*-number") for p in b.paragraphs
        )
    assert len(shown) > 0


def _cards_by_page(document: Document) -> list[list[Shape]]:
    return [
        [i for i in page.items if isinstance(i, Shape) and CARD.fullmatch(i.name)]
        for page in body_pages(document)
    ]


@pytest.mark.parametrize("height", [60, 75, 90, 110])
def test_cards_stay_whole_and_break_between_rows(flow: Make, height: float) -> None:
    document = flow(frames_yaml(CARDS), "en", height=height, counts={"focus_areas": 12})
    pages = _cards_by_page(document)
    assert sum(len(cards) for cards in pages) == 12
    bottom = (12 + 18 + height) * MM
    for page, cards in zip(body_pages(document), pages, strict=True):
        for card in cards:
            assert card.y + card.height <= bottom + 0.01
            texts = [b for b in boxes(page) if b.name.startswith(card.name + "-")]
            assert texts and all(
                card.y <= b.y and b.y + b.height <= card.y + card.height + 0.01 for b in texts
            )
    columns = len({round(c.x, 1) for c in pages[0]})
    assert all(len(cards) % columns == 0 for cards in pages[:-1]), "pages end at the end of a row"


@pytest.mark.parametrize(
    ("count", "rows"), [(7, [4, 3]), (5, [3, 2]), (12, [4, 4, 4]), (3, [3]), (9, [3, 3, 3])]
)
def test_grids_balance_their_rows_and_cards_in_a_row_share_a_height(
    flow: Make, count: int, rows: list[int]
) -> None:
    cards = (
        "{name: cards, blocks: [{type: cards, bind: focus_areas, min-width: 20, columns: 4,"
        " title-style: caption, number-style: caption}]}"
    )
    document = flow(frames_yaml(cards), "en", height=170, counts={"focus_areas": count})
    (shapes,) = _cards_by_page(document)
    by_row: dict[float, list[Shape]] = {}
    for card in shapes:
        by_row.setdefault(round(card.y, 2), []).append(card)
    assert [len(row) for _, row in sorted(by_row.items())] == rows
    for row in by_row.values():
        assert len({round(card.height, 3) for card in row}) == 1


HEADED = (
    "{name: a, blocks: [{type: paragraph, text: '{about} {international}'}]}",
    "{name: b, blocks: [{type: heading, text: {en: Mission, zh: 使命}}, {type: list, bind: mission}]}",
    "{name: c, blocks: [{type: heading, text: {en: Work, zh: 工作}}]}",
    "{name: d, blocks: [{type: paragraph, text: '{goals.summary}'}]}",
)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("height", range(40, 130, 9))
def test_a_heading_never_ends_a_page_and_paragraphs_keep_two_lines_each_side(
    flow: Make, lang: str, height: float
) -> None:
    document = flow(frames_yaml(*HEADED), lang, height=height)
    pages = body_pages(document)
    for page in pages[:-1]:
        last = flow_items(page)[-1]
        assert last.tag is None or not last.tag.role.startswith("H"), f"{height} mm: page ends on a heading"
    for page in pages:
        for box in flow_items(page):
            for paragraph in box.paragraphs:
                whole = len(paragraph.lines) == 0 or paragraph.text in SOURCES[lang]
                if not whole and paragraph.bullet is None and box.name == "paragraph":
                    assert len(paragraph.lines) >= 2, f"{height} mm: a part of {len(paragraph.lines)} line"


SOURCES: dict[str, set[str]] = {"en": set(), "zh": set()}


@pytest.fixture(autouse=True)
def _sources(profile: LoadedProfile) -> None:
    """The whole texts the headed flow sets, to tell whole paragraphs from parts."""
    p = profile.profile
    for lang in ("en", "zh"):
        SOURCES[lang] = {p.goals.summary[lang]}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_split_paragraph_rejoins_across_pages(flow: Make, lang: str) -> None:
    long = "{name: a, blocks: [{type: paragraph, text: '{about} {international} {goals.summary} {vision}'}]}"
    tall = body_pages(flow(frames_yaml(long), lang, height=150))
    (whole,) = [p.text for page in tall for b in flow_items(page) for p in b.paragraphs]
    document = flow(frames_yaml(long), lang, height=30)
    parts = [p for page in body_pages(document) for box in flow_items(page) for p in box.paragraphs]
    assert len(parts) >= 2
    assert "".join(p.text for p in parts) == whole
    assert all(len(p.lines) >= 2 for p in parts)


def test_a_deck_continues_on_slides_with_the_title_in_its_placeholder(flow: Make) -> None:
    cards = "{name: cards, blocks: [{type: cards, bind: focus_areas, min-width: 60}]}"
    document = flow(frames_yaml(cards), "en", height=60, counts={"focus_areas": 12}, kind="deck")
    slides = body_pages(document)
    assert len(slides) >= 2
    for k, slide in enumerate(slides, 1):
        (title,) = boxes(slide, "title")
        assert title.role == "title" and title.paragraphs[0].text == f"Focus areas ({k}/{len(slides)})"


def test_one_page_per_item(
    scratch_layout: Callable[[str], tuple[LoadedLayout, Path]], profile, theme
) -> None:  # type: ignore[no-untyped-def]
    layout, _ = scratch_layout(
        "id: each\nkind: deck\ntheme: zhejiang-lab\ntitle: x\nsubject: x\nsize: '16:9'\npages:\n"
        "  - name: area\n    repeat: focus_areas\n    bookmark: {en: Areas, zh: 方向}\n"
        "    notes: {en: 'About {item.name}', zh: '关于{item.name}'}\n    frames:\n"
        "      - {name: title, role: title, column: 1, span: 12, y: 0, height: 20,"
        " blocks: [{type: heading, style: slide-title, text: '{item.name}', case: sentence}]}\n"
    )
    document = compose(profile, layout, theme, "en", root=ROOT, created=CREATED)
    names = [area.name.en for area in profile.profile.focus_areas]
    titles = [boxes(page, "title")[0].paragraphs[0].text for page in document.pages]
    assert titles == [name[0].upper() + name[1:] for name in names]
    assert [page.notes for page in document.pages] == [f"About {name}" for name in names]
    assert [o.page for o in document.outline] == [0]


def test_a_heading_that_skips_a_level_is_reported(scratch_layout, profile, theme) -> None:  # type: ignore[no-untyped-def]
    layout, path = scratch_layout(
        "id: levels\nkind: brochure\ntheme: zhejiang-lab\ntitle: x\nsubject: x\nsize: A5\npages:\n"
        "  - name: one\n    frames:\n"
        "      - {name: title, role: title, column: 1, span: 12, y: 0, height: 20,"
        " blocks: [{type: heading, text: A}]}\n"
        "      - name: body\n        column: 1\n        span: 12\n        y: 30\n        height: 40\n"
        "        blocks:\n          - {type: heading, text: B, level: 3}\n"
    )
    with pytest.raises(DiagnosticError) as raised:
        compose(profile, layout, theme, "en", root=ROOT, created=CREATED)
    (problem,) = raised.value.diagnostics
    assert problem.message == "heading level 3 skips a level after a level-1 heading"
    line = (
        path.read_text(encoding="utf-8").splitlines().index("          - {type: heading, text: B, level: 3}")
        + 1
    )
    assert problem.span.line == line and "level: 2" in problem.hints[0]


def _dots(document: Document) -> list[list[Shape]]:
    return [
        [i for i in p.items if isinstance(i, Shape) and i.name.endswith("-dot")] for p in body_pages(document)
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_many_milestones_wrap_into_balanced_rows(flow: Make, lang: str) -> None:
    timeline = (
        "{name: steps, blocks: [{type: timeline, title-style: slide-card-title, body-style: slide-caption}]}"
    )
    document = flow(frames_yaml(timeline), lang, height=120, counts={"milestones": 24}, kind="deck")
    dots = [dot for page in _dots(document) for dot in page]
    assert len(dots) == 24
    rows: dict[tuple[int, float], int] = {}
    for k, page in enumerate(_dots(document)):
        for dot in page:
            rows[k, round(dot.y, 1)] = rows.get((k, round(dot.y, 1)), 0) + 1
    sizes = list(rows.values())
    assert max(sizes) - min(sizes) <= 1 and max(sizes) >= 3, sizes
    for page in body_pages(document):
        texts = [b for b in boxes(page) if b.name.startswith("milestone-")]
        assert all(b.y + b.height <= (12 + 18 + 120) * MM + 0.01 for b in texts)


def test_a_timeline_in_a_narrow_column_goes_down(flow: Make) -> None:
    timeline = "{name: steps, column: 1, span: 4, blocks: [{type: timeline}]}"
    document = flow(frames_yaml(timeline), "en", height=170, counts={"milestones": 5})
    dots = [dot for page in _dots(document) for dot in page]
    assert len(dots) == 5 and len({round(d.x, 2) for d in dots}) == 1
    tops = [d.y for d in _dots(document)[0]]
    assert tops == sorted(tops)
