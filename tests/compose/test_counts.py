"""Documents follow the count: every list the profile schema allows, at every size from its
minimum to its documented maximum, builds with every shipped layout in both languages, with
every item's text in the Document, nothing set below the theme's smallest size, and the
geometry intact (inside the page, no text on text, cards in a row of one height, no heading
last on a page). Also: every profile text doubled (within its limit) builds.

The bounds are read from the schema (the models), so the test follows the docs.
New items repeat the shipped ones with their number ("智能系统7"): no new characters, so
fonts are subset once. Composing is fast (~0.05 s a document); rendering is left to the few
cases in `tests/e2e/test_e2e_counts.py`.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import typing
from collections.abc import Callable, Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml

from zjlab_reports.compose import compose
from zjlab_reports.compose.bind import Binder
from zjlab_reports.document import Document, Page, Shape, TextBox
from zjlab_reports.loaders import LoadedLayout, LoadedProfile, LoadedTheme
from zjlab_reports.model.common import Text
from zjlab_reports.model.profile import Goals, Profile

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "data" / "zhejiang-lab.yaml"
CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
EPS = 0.01


def bounds(model: type, field: str) -> tuple[int, int]:
    """(min, max) items the schema allows for a list field."""
    kind = next(f.type for f in msgspec.inspect.type_info(model).fields if f.name == field)  # type: ignore[attr-defined]
    while isinstance(kind, msgspec.inspect.Metadata):
        kind = kind.type
    return kind.min_length or 0, kind.max_length


LISTS = {
    "founders": bounds(Profile, "founders"),
    "focus_areas": bounds(Profile, "focus_areas"),
    "work": bounds(Profile, "work"),
    "mission": bounds(Profile, "mission"),
    "milestones": bounds(Profile, "milestones"),
    "goals__centres": bounds(Goals, "centres"),
}
COUNTS = [(key, n) for key, (low, high) in LISTS.items() for n in range(low, high + 1)]


def item_texts(profile: LoadedProfile, key: str, lang: str) -> list[str]:
    """The text that names each item of the list `key` (its name, title or whole text), as
    the reader sees it before letter case."""
    binder = Binder(profile, profile.source, lang)
    items: Any = profile.profile
    for step in key.split("__"):
        items = getattr(items, step)
    at = profile.source.span(())
    return [
        binder.text_of(getattr(item, "title", None) or getattr(item, "name", item), at, 0) for item in items
    ]


def occurrences(text: str, document_text: str) -> int:
    """How often `text` is shown (not as the start of a longer number: "area 1" in "area 12")."""
    return len(re.findall(re.escape(normal(text)) + r"(?!\d)", document_text))


def normal(text: str) -> str:
    """Compared without letter case and white space (lines break at spaces, NBSP or not)."""
    return re.sub(r"\s", "", text).casefold()


def shown(document: Document) -> str:
    """Every paragraph of every tagged text box, in reading order, and the speaker notes
    (once per template), each ended by a ¶ (so that "talents 1" and the next card's "02" stay apart)."""
    texts = []
    for page in document.pages:
        texts += [
            p.text for i in page.items if isinstance(i, TextBox) and i.tag is not None for p in i.paragraphs
        ]
        texts += [] if page.name.endswith("-continued") else [page.notes]  # the same on each part
    return "¶".join(normal(text) for text in texts)


def problems(document: Document, min_size: float) -> list[str]:
    found = []
    for number, page in enumerate(document.pages, 1):
        boxes = [
            i for i in page.items if isinstance(i, TextBox) and any(p.text.strip() for p in i.paragraphs)
        ]
        found += [f"page {number}: {i.name} leaves the page" for i in page.items if not _on(page, i)]
        found += [f"page {number}: {a.name} on {b.name}" for a, b in combinations(boxes, 2) if _overlap(a, b)]
        found += [
            f"page {number}: {box.name} at {p.style.size} pt"
            for box in boxes
            for p in box.paragraphs
            if p.style.size < min_size - EPS
        ]
        found += _card_rows(page, number)
    found += _lonely_headings(document)
    return found


def _on(page: Page, item: Any) -> bool:
    return (
        item.x >= -EPS
        and item.y >= -EPS
        and item.x + item.width <= page.width + EPS
        and item.y + item.height <= page.height + EPS
    )


def _overlap(a: TextBox, b: TextBox) -> bool:
    return (
        a.x < b.x + b.width - EPS
        and b.x < a.x + a.width - EPS
        and a.y < b.y + b.height - EPS
        and b.y < a.y + a.height - EPS
    )


def _card_rows(page: Page, number: int) -> list[str]:
    rows: dict[tuple[float, str], set[float]] = {}
    for card in (i for i in page.items if isinstance(i, Shape) and re.fullmatch(r"card-\d+", i.name)):
        rows.setdefault((round(card.y, 2), str(card.fill)), set()).add(round(card.height, 2))
    return [f"page {number}: cards in a row of heights {sorted(h)}" for h in rows.values() if len(h) > 1]


def _lonely_headings(document: Document) -> list[str]:
    """A page whose last tagged text is a heading, followed by a continuation page."""
    found = []
    for page, after in zip(document.pages, document.pages[1:], strict=False):
        tagged = [i for i in page.items if isinstance(i, TextBox) and i.tag is not None]
        if after.name.endswith("-continued") and tagged and tagged[-1].tag.role.startswith("H"):  # type: ignore[union-attr]
            found.append(f"page {page.name}: ends with the heading {tagged[-1].paragraphs[0].text!r}")
    return found


@pytest.fixture(scope="module")
def make_profile(tmp_path_factory: pytest.TempPathFactory) -> Callable[[dict[str, Any]], LoadedProfile]:
    from zjlab_reports.loaders import load_profile

    folder = tmp_path_factory.mktemp("profiles")

    def write(data: dict[str, Any]) -> LoadedProfile:
        path = folder / "data" / "profile.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return load_profile(path)

    return write


def compose_all(
    profile: LoadedProfile, layouts: dict[str, LoadedLayout], theme: LoadedTheme
) -> Iterator[tuple[str, str, Document]]:
    for name, layout in layouts.items():
        for lang in ("en", "zh"):
            yield name, lang, compose(profile, layout, theme, lang, root=ROOT, created=CREATED)


SHIPPED = yaml.safe_load(PROFILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("key", "count"), COUNTS, ids=[f"{k.replace('__', '.')}={n}" for k, n in COUNTS])
def test_every_list_size_builds_every_layout_with_every_item(
    key: str,
    count: int,
    profile_with: Callable[..., LoadedProfile],
    layouts: dict[str, LoadedLayout],
    theme: LoadedTheme,
) -> None:
    profile = profile_with(numbered=True, **{key: count})
    places = shown_places(key, layouts, theme, profile_with)
    for name, lang, document in compose_all(profile, layouts, theme):
        found = [occurrences(item, shown(document)) for item in item_texts(profile, key, lang)]
        assert found == [places[name, lang]] * count, f"{name} {lang}: items shown {found} times"
        min_size = getattr(theme.theme.components, document.kind).min_size
        assert not problems(document, min_size), f"{name} {lang}: {problems(document, min_size)}"


_PLACES: dict[str, dict[tuple[str, str], int]] = {}


def shown_places(
    key: str, layouts: dict[str, LoadedLayout], theme: LoadedTheme, profile_with: Callable[..., LoadedProfile]
) -> dict[tuple[str, str], int]:
    """In how many places each document shows each item of the list (at the shipped size,
    every item numbered so that it is found only where the list is shown)."""
    if key not in _PLACES:
        size = len(_shipped(key))
        profile = profile_with(numbered=True, **{key: size})
        places = {}
        for name, lang, document in compose_all(profile, layouts, theme):
            found = {occurrences(item, shown(document)) for item in item_texts(profile, key, lang)}
            assert len(found) == 1 and found != {0}, f"{name} {lang} shows the shipped {key} {found} times"
            places[name, lang] = found.pop()
        _PLACES[key] = places
    return _PLACES[key]


def _shipped(key: str) -> list[Any]:
    items: Any = SHIPPED
    for step in key.split("__"):
        items = items[step]
    return list(items)


def _bilingual(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        if set(node) == {"en", "zh"}:
            yield path
            return
        for key, value in node.items():
            yield from _bilingual(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _bilingual(value, (*path, i))


#: Every text of the profile, list items grouped (`work.*`): each group is doubled at once.
TEXTS: dict[str, list[tuple[Any, ...]]] = {}
for _path in _bilingual(SHIPPED):
    TEXTS.setdefault(".".join("*" if isinstance(step, int) else str(step) for step in _path), []).append(
        _path
    )


def text_type(path: tuple[Any, ...]) -> type[Text]:
    """The `Text` class (with its limits) the profile schema gives the text at `path`."""
    annotation: Any = Profile
    for step in path:
        if typing.get_origin(annotation) in (list, dict):
            annotation = typing.get_args(annotation)[-1]  # list[Item], dict[Name, Item] -> Item
            continue
        model = next(
            arg for arg in (annotation, *typing.get_args(annotation)) if hasattr(arg, "__struct_fields__")
        )
        annotation = typing.get_type_hints(model)[step]
    return next(
        arg
        for arg in (annotation, *typing.get_args(annotation))
        if isinstance(arg, type) and issubclass(arg, Text)
    )


def limit(kind: type[Text], lang: str) -> int:
    return dict(zip(("en", "zh"), kind.limits, strict=True))[lang]


@pytest.mark.parametrize("field", sorted(TEXTS))
def test_every_text_doubled_builds_every_layout(
    field: str,
    make_profile: Callable[[dict[str, Any]], LoadedProfile],
    layouts: dict[str, LoadedLayout],
    theme: LoadedTheme,
) -> None:
    """Each text (each item of a list together) twice as long, or as long as its limit."""
    data = copy.deepcopy(SHIPPED)
    for path in TEXTS[field]:
        text = data
        for step in path:
            text = text[step]
        kind = text_type(path)
        text["en"] = f"{text['en']} {text['en']}"[: limit(kind, "en")].strip()
        text["zh"] = (text["zh"] * 2)[: limit(kind, "zh")]
    profile = make_profile(data)
    for name, lang, document in compose_all(profile, layouts, theme):
        min_size = getattr(theme.theme.components, document.kind).min_size
        assert not problems(document, min_size), f"{name} {lang}: {problems(document, min_size)}"
