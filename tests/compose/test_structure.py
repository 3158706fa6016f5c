"""Structure for accessibility: every item of every shipped layout carries its `Tag` (or None
for decoration), in reading order, inside a `Sect` named after its page template; figures
and charts state their facts in their alternative text; bleeding shapes are marked.
"""

from __future__ import annotations

import re

from zjlab_reports.document import Chart, Document, Image, Shape, TextBox

ROLES = re.compile(r"H[1-6]|P|L|Lbl|Figure|Caption|Title")


def test_every_item_is_tagged_or_decoration(document: Document) -> None:
    for page in document.pages:
        template = page.name.removesuffix("-continued")
        for item in page.items:
            if isinstance(item, Shape):
                assert item.tag is None, f"{page.name}: shape {item.name} is decoration"
            elif isinstance(item, (Chart, Image)):
                assert item.tag is not None and item.tag.role == "Figure" and item.tag.alt.strip()
            if item.tag is not None:
                assert ROLES.fullmatch(item.tag.role), item.tag
                assert item.tag.groups[0] == ("Sect", template), item.tag


def test_text_is_tagged_by_what_it_is(document: Document) -> None:
    """Headings, paragraphs and lists are tagged; in a key figure only the number is (a
    `Figure` whose alt text states the fact), its bar, qualifier, unit and label are its drawing."""
    for page in document.pages:
        for box in (i for i in page.items if isinstance(i, TextBox)):
            if box.name in ("heading", "paragraph", "list") or box.role is not None:
                assert box.tag is not None or page.name.endswith("-continued"), box.name
            if box.name == "list":
                assert box.tag is not None and box.tag.role == "L"
            if box.name == "figure-number":
                assert box.tag is not None and box.tag.role == "Figure"
                number = box.paragraphs[0].text
                assert number in box.tag.alt and len(box.tag.alt) > len(number) + 3
            elif box.name.startswith("figure-"):
                assert box.tag is None


def test_cards_and_milestones_are_list_items(document: Document) -> None:
    for page in document.pages:
        for box in (i for i in page.items if isinstance(i, TextBox)):
            match = re.fullmatch(r"(card|milestone)-(\d+)-(number|when|title|body)", box.name)
            if not match:
                continue
            assert box.tag is not None
            kinds = [kind for kind, _ in box.tag.groups]
            assert kinds[:3] == ["Sect", "L", "LI"]
            key = dict(box.tag.groups)["LI"]
            assert key.endswith(f"/{int(match.group(2)) - 1}")
            label = match.group(3) in ("number", "when")
            assert box.tag.role == ("Lbl" if label else "P")
            assert ("LBody" in kinds) == (not label)


def test_charts_state_their_data(document: Document) -> None:
    for page in document.pages:
        for chart in (i for i in page.items if isinstance(i, Chart)):
            assert chart.tag is not None
            for category, value in zip(chart.categories, chart.value_labels[0], strict=True):
                assert category in chart.tag.alt and value in chart.tag.alt
            assert all(part.tag is None for part in chart.drawing)


def test_headings_never_skip_a_level(document: Document) -> None:
    last = 0
    for page in document.pages:
        for item in page.items:
            if item.tag is not None and re.fullmatch(r"H[1-6]", item.tag.role):
                level = int(item.tag.role[1])
                assert level <= last + 1, f"{page.name}: H{level} after H{last}"
                last = level
    assert last > 0


def test_shapes_at_a_page_edge_bleed(document: Document) -> None:
    for page in document.pages:
        for shape in (i for i in page.items if isinstance(i, Shape) and i.kind == "rect" and i.fill):
            at_edge = shape.x <= 0.01 or shape.y <= 0.01 or shape.x + shape.width >= page.width - 0.01
            at_edge = at_edge or shape.y + shape.height >= page.height - 0.01
            assert shape.bleed == at_edge, shape.name
