"""Compose geometry: every shipped layout × language, checked on the Document's absolute boxes.

Lengths are points from the page's top-left corner (see `zjlab_reports.document`). Shapes may
lie under text (card fills, bands, chart bars); text must never overlap other text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import combinations

from zjlab_reports.document import Chart, Document, Item, Page, Shape, TextBox
from zjlab_reports.loaders import LoadedLayout

EPS = 0.01  # points: rounding slack


def items_of(page: Page) -> Iterator[Item]:
    """Every item on `page`, the shapes and text boxes drawing a chart included (after it)."""
    stack = list(reversed(page.items))
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, Chart):
            stack.extend(reversed(item.drawing))


def text_boxes(page: Page) -> list[TextBox]:
    """Every text box on `page` that shows some text, chart labels included."""
    return [
        item
        for item in items_of(page)
        if isinstance(item, TextBox) and any(p.text.strip() for p in item.paragraphs)
    ]


def box_text(box: TextBox) -> str:
    """The text box's paragraphs, one per line, non-breaking spaces made plain."""
    return "\n".join(p.text for p in box.paragraphs).replace("\u00a0", " ")


def bounds(item: Item) -> tuple[float, float, float, float]:
    """(left, top, right, bottom); a line's width or height may be negative."""
    left, right = sorted((item.x, item.x + item.width))
    top, bottom = sorted((item.y, item.y + item.height))
    return left, top, right, bottom


def inside(inner: Item, outer: Item) -> bool:
    a, b = bounds(inner), bounds(outer)
    return a[0] >= b[0] - EPS and a[1] >= b[1] - EPS and a[2] <= b[2] + EPS and a[3] <= b[3] + EPS


def overlap(one: Item, other: Item) -> bool:
    a, b = bounds(one), bounds(other)
    return a[0] < b[2] - EPS and b[0] < a[2] - EPS and a[1] < b[3] - EPS and b[1] < a[3] - EPS


def where(page: Page, item: Item) -> str:
    text = box_text(item)[:30] if isinstance(item, TextBox) else ""
    left, top, right, bottom = bounds(item)
    name = item.name or type(item).__name__
    return f"page '{page.name}' {name} {text!r} ({left:.1f}, {top:.1f})–({right:.1f}, {bottom:.1f})"


def test_every_item_lies_inside_its_page(document: Document) -> None:
    outside = [
        where(page, item)
        for page in document.pages
        for item in items_of(page)
        if not inside(item, Shape("rect", 0, 0, page.width, page.height))
    ]
    assert outside == []


def test_every_line_fits_its_box_width(document: Document) -> None:
    too_wide = []
    for page in document.pages:
        for box in text_boxes(page):
            for paragraph in box.paragraphs:
                for line in paragraph.lines:
                    if paragraph.indent + line.width > box.width + EPS:
                        too_wide.append(f"{where(page, box)}: {line.text!r} is {line.width:.2f} pt")
    assert too_wide == []


def test_every_run_is_drawn_inside_its_box(document: Document) -> None:
    """Runs start at box left + indent + run.x (the alignment offset is in run.x)."""
    outside = []
    for page in document.pages:
        for box in text_boxes(page):
            for paragraph in box.paragraphs:
                for line in paragraph.lines:
                    for run in line.runs:
                        right = paragraph.indent + run.x + run.width
                        if run.x < -EPS or right > box.width + EPS:
                            outside.append(f"{where(page, box)}: run {run.text!r} spans to {right:.2f} pt")
    assert outside == []


def test_baselines_lie_inside_the_box_and_go_down(document: Document) -> None:
    wrong = []
    for page in document.pages:
        for box in text_boxes(page):
            baselines = [line.baseline for p in box.paragraphs for line in p.lines]
            first = next((p for p in box.paragraphs if p.lines), None)
            if any(not 0 < b <= box.height + EPS for b in baselines):
                wrong.append(f"{where(page, box)}: baselines {baselines} in a {box.height:.2f} pt box")
            elif baselines != sorted(baselines):
                wrong.append(f"{where(page, box)}: baselines {baselines} do not go down")
            elif first is not None and baselines[0] < 0.6 * first.style.size:
                wrong.append(f"{where(page, box)}: first baseline {baselines[0]:.2f} pt pokes out at the top")
    assert wrong == []


def test_lines_hold_the_whole_paragraph(document: Document) -> None:
    """Breaking loses no character: the lines, joined, are the paragraph (spaces aside)."""
    lost = []
    for page in document.pages:
        for box in text_boxes(page):
            for paragraph in box.paragraphs:
                joined = "".join(line.text for line in paragraph.lines)
                if re.sub(r"\s", "", joined) != re.sub(r"\s", "", paragraph.text):
                    lost.append(f"{where(page, box)}: {[line.text for line in paragraph.lines]}")
    assert lost == []


def test_text_never_overlaps_other_text(document: Document) -> None:
    clashes = [
        f"{where(page, one)}  ×  {where(page, other)}"
        for page in document.pages
        for one, other in combinations(text_boxes(page), 2)
        if overlap(one, other)
    ]
    assert clashes == []


def test_text_never_overlaps_a_chart(document: Document) -> None:
    """A native chart draws its own labels: no other text box may lie on it."""
    clashes = []
    for page in document.pages:
        charts = [item for item in page.items if isinstance(item, Chart)]
        boxes = [item for item in page.items if isinstance(item, TextBox) and box_text(item).strip()]
        clashes += [where(page, box) for chart in charts for box in boxes if overlap(box, chart)]
        clashes += [
            f"{where(page, a)} × {where(page, b)}" for a, b in combinations(charts, 2) if overlap(a, b)
        ]
    assert clashes == []


def test_chart_drawing_stays_inside_the_chart(document: Document) -> None:
    outside = [
        f"{where(page, part)} outside {where(page, chart)}"
        for page in document.pages
        for chart in page.items
        if isinstance(chart, Chart)
        for part in chart.drawing
        if not inside(part, chart)
    ]
    assert outside == []


CARD = re.compile(r"card-(\d+)")


def cards(page: Page) -> list[Shape]:
    return [item for item in page.items if isinstance(item, Shape) and CARD.fullmatch(item.name)]


def test_cards_in_a_grid_do_not_overlap(document: Document) -> None:
    clashes = [
        f"{where(page, a)} × {where(page, b)}"
        for page in document.pages
        for a, b in combinations(cards(page), 2)
        if overlap(a, b)
    ]
    assert clashes == []


def test_card_texts_and_accents_lie_inside_their_card(document: Document) -> None:
    outside = []
    for page in document.pages:
        card: Shape | None = None
        for item in page.items:
            if isinstance(item, Shape) and CARD.fullmatch(item.name):
                card = item
            elif card is not None and item.name.startswith(card.name + "-") and not inside(item, card):
                outside.append(f"{where(page, item)} outside {where(page, card)}")
    assert outside == []


#: Chinese line-breaking rules (GB/T 15834, W3C clreq): closing marks never start a line,
#: opening marks never end one.
NO_LINE_START = set("，。、；：？！）」』》")
NO_LINE_END = set("（「『《")


def test_chinese_lines_keep_punctuation_rules(
    composed: Callable[[str, str], Document], layouts: dict[str, LoadedLayout]
) -> None:
    broken = []
    for layout_id in layouts:
        for page in composed(layout_id, "zh").pages:
            for box in text_boxes(page):
                for line in (line for paragraph in box.paragraphs for line in paragraph.lines):
                    text = line.text.strip()
                    if text and (text[0] in NO_LINE_START or text[-1] in NO_LINE_END):
                        broken.append(f"{layout_id} {where(page, box)}: line {text!r}")
    assert broken == []
