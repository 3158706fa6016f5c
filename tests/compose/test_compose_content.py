"""Compose content: what the shipped layouts show, checked on the Document against the profile.

Key figures, focus-area cards, chart data, speaker notes, bookmarks and metadata.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from zjlab_reports.document import Chart, Document, Page, Shape, TextBox
from zjlab_reports.loaders import LoadedLayout, LoadedProfile
from zjlab_reports.model.common import Text
from zjlab_reports.model.layout import Chart as ChartBlock

#: The seed's key figures as each language writes them (90.5 ha = 1,358 mu; about 2 million m²).
FIGURES = {
    "en": ("90.5", "2 million", "3,000", "10,000"),
    "zh": ("90.5", "200万", "3,000", "10,000"),
}
FIGURE_FACTS = ("area", "construction_area", "staff", "staff_target")
#: Square metres per unit of area, to convert chart values independently of compose.
SQUARE_METRES = {"square-metre": 1.0, "hectare": 10_000.0, "mu": 10_000.0 / 15}
BOTH = pytest.mark.parametrize("lang", ["en", "zh"])


def plain(text: str) -> str:
    return text.replace("\u00a0", " ")


def box_text(box: TextBox) -> str:
    return plain("\n".join(p.text for p in box.paragraphs))


def named(page: Page, name: str) -> list[str]:
    """Texts of the page's top-level text boxes called `name`, in drawing order."""
    return [box_text(item) for item in page.items if isinstance(item, TextBox) and item.name == name]


def figures_page(document: Document) -> Page:
    """The first page whose figures block shows all four key figures."""
    pages = [page for page in document.pages if len(named(page, "figure-number")) >= 4]
    assert pages, f"no page of {document.title!r} shows the four key figures"
    return pages[0]


def test_figures_block_shows_the_key_facts(
    case: tuple[str, str], document: Document, profile: LoadedProfile
) -> None:
    lang = case[1]
    page = figures_page(document)
    facts = profile.profile.facts
    assert named(page, "figure-number")[:4] == list(FIGURES[lang])
    assert "1,358" in named(page, "figure-unit")[0]
    assert named(page, "figure-label")[:4] == [facts[name].label[lang] for name in FIGURE_FACTS]
    qualifiers = [text.strip() for text in named(page, "figure-qualifier")[:4]]
    assert qualifiers[1:3] == (["about", "nearly"] if lang == "en" else ["约", "近"])


def card_grids(page: Page) -> list[list[dict[str, str]]]:
    """The page's card grids in drawing order: per card, its texts by key (number, title, body)."""
    grids: list[list[dict[str, str]]] = []
    for item in page.items:
        name = item.name.removeprefix("card-")
        if isinstance(item, Shape) and name.isdigit():
            if name == "1":
                grids.append([])
            grids[-1].append({})
        elif isinstance(item, TextBox) and item.name.startswith("card-") and grids:
            grids[-1][-1][name.split("-", 1)[1]] = box_text(item)
    return grids


@BOTH
@pytest.mark.parametrize("layout_id", ["brochure-a4", "deck-16x9"])
def test_focus_areas_become_one_card_each(
    composed: Callable[[str, str], Document], profile: LoadedProfile, layout_id: str, lang: str
) -> None:
    (page,) = [page for page in composed(layout_id, lang).pages if page.name == "focus-areas"]
    cards = card_grids(page)[0]
    names = [area.name[lang] for area in profile.profile.focus_areas]
    assert [card["title"].casefold() for card in cards] == [name.casefold() for name in names]
    assert [card.get("number") for card in cards] == [f"{i:02d}" for i in range(1, len(names) + 1)]


def chart_blocks(layout: LoadedLayout, page_index: int) -> list[ChartBlock]:
    template = layout.layout.pages[page_index]
    return [block for frame in template.frames for block in frame.blocks if block.type == "chart"]


def expected_values(block: ChartBlock, profile: LoadedProfile) -> tuple[float, ...]:
    """The chart's facts in the chart's unit (its own, or the first fact's)."""
    facts = [profile.profile.facts[path.removeprefix("facts.")] for path in block.facts]
    unit = block.unit or facts[0].unit
    return tuple(
        fact.value if fact.unit == unit else fact.value * SQUARE_METRES[fact.unit] / SQUARE_METRES[unit]
        for fact in facts
    )


def test_chart_data_equals_the_profile_numbers(
    case: tuple[str, str], document: Document, layouts: dict[str, LoadedLayout], profile: LoadedProfile
) -> None:
    layout_id, lang = case
    facts = profile.profile.facts
    for index, page in enumerate(document.pages):
        charts = [item for item in page.items if isinstance(item, Chart)]
        blocks = chart_blocks(layouts[layout_id], index)
        assert len(charts) == len(blocks), f"page '{page.name}'"
        for chart, block in zip(charts, blocks, strict=True):
            labels = tuple(facts[path.removeprefix("facts.")].label[lang] for path in block.facts)
            assert chart.categories == labels
            assert [series.values for series in chart.series] == [
                pytest.approx(expected_values(block, profile))
            ]
            assert [len(row) for row in chart.value_labels] == [len(labels)]


@BOTH
@pytest.mark.parametrize("layout_id", ["brochure-a4", "deck-16x9"])
def test_talent_chart_shows_3000_and_10000(
    composed: Callable[[str, str], Document], profile: LoadedProfile, layout_id: str, lang: str
) -> None:
    facts = profile.profile.facts
    staff = (float(facts["staff"].value), float(facts["staff_target"].value))
    assert staff == (3000.0, 10000.0)  # the seed's numbers
    charts = [
        item for page in composed(layout_id, lang).pages for item in page.items if isinstance(item, Chart)
    ]
    people = [chart for chart in charts if chart.series[0].values == staff]
    assert people, f"no chart shows {staff}: {[chart.series[0].values for chart in charts]}"
    shown = [plain(label) for label in people[0].value_labels[0]]
    assert shown == (["nearly 3,000 people", "10,000 people"] if lang == "en" else ["近3,000人", "10,000人"])


@BOTH
def test_every_deck_slide_has_speaker_notes(composed: Callable[[str, str], Document], lang: str) -> None:
    document = composed("deck-16x9", lang)
    assert document.kind == "deck"
    assert [page.name for page in document.pages if not page.notes.strip()] == []
    assert [page.name for page in document.pages if "{" in page.notes] == [], "an unfilled {template}"


def test_outline_matches_the_layout_bookmarks(
    case: tuple[str, str], document: Document, layouts: dict[str, LoadedLayout]
) -> None:
    """One entry per bookmarked page template, in order, pointing at a page made from it."""
    layout_id, lang = case
    marked = [page for page in layouts[layout_id].layout.pages if page.bookmark is not None]
    assert len(document.outline) == len(marked)
    pages = [entry.page for entry in document.outline]
    assert pages == sorted(pages) and all(0 <= page < len(document.pages) for page in pages)
    for entry, template in zip(document.outline, marked, strict=True):
        raw = template.bookmark[lang] if isinstance(template.bookmark, Text) else template.bookmark
        assert entry.title == raw if "{" not in raw else "{" not in entry.title
        assert document.pages[entry.page].name == template.name


def test_metadata_is_filled_in(case: tuple[str, str], document: Document, profile: LoadedProfile) -> None:
    lang = case[1]
    assert document.lang == {"en": "en", "zh": "zh-CN"}[lang]
    assert profile.profile.name[lang] in document.title
    assert document.author and document.subject
    assert not any("{" in text for text in (document.title, document.subject, document.author))
    assert {area.name[lang] for area in profile.profile.focus_areas} <= set(document.keywords)


def test_no_template_is_left_unfilled(document: Document) -> None:
    unfilled = [
        f"{page.name}: {box_text(item)!r}"
        for page in document.pages
        for item in page.items
        if isinstance(item, TextBox) and "{" in box_text(item)
    ]
    assert unfilled == []
