"""Content lives in the profile: the shipped layouts hold only labels and connective words.

The layouts' texts name no list item by index and say nothing about Zhejiang Lab in words of
their own; composed with a profile that leaves out every optional field, they set no empty
text, no `None` and no template syntax.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from zjlab_reports.cli import main
from zjlab_reports.compose import compose
from zjlab_reports.diagnostics import DiagnosticError
from zjlab_reports.document import Document, TextBox
from zjlab_reports.loaders import LoadedLayout, LoadedTheme, load_profile
from zjlab_reports.loaders.yaml_source import read_yaml

from .conftest import CASES, CREATED, LAYOUTS, ROOT

#: A reference that picks one item of a list: `{founders.0.name}`, `{work.2}`.
INDEX_REFERENCE = re.compile(r"\{[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\.\d+(?:[.|:}])")
#: Words that belong to the organisation, not to a layout (its name, place, kind).
ORGANISATION_WORDS = re.compile(r"Zhejiang|Hangzhou|China|\bLab\b|之江|杭州|中国|实验室")
#: Optional profile fields, each as the path to delete.
OPTIONAL = (
    ("standing",),
    ("achievements",),
    ("progress",),
    ("goals", "outlook"),
    ("location", "country"),
    ("location", "description"),
    ("founders", 0, "description"),
)


def layout_texts(node: Any) -> Iterator[str]:
    """Every string in a layout file's data."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from layout_texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from layout_texts(value)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_layout_text_picks_a_list_item_by_index(layout: str) -> None:
    texts = list(layout_texts(read_yaml(ROOT / "layouts" / f"{layout}.yaml").data))
    assert any("{founders" in text for text in texts) or layout != "deck-16x9"
    assert [text for text in texts if INDEX_REFERENCE.search(text)] == []


@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_layout_text_speaks_of_the_organisation_in_its_own_words(layout: str) -> None:
    texts = list(layout_texts(read_yaml(ROOT / "layouts" / f"{layout}.yaml").data))
    assert [text for text in texts if ORGANISATION_WORDS.search(text)] == []


def test_the_index_pattern_catches_index_references() -> None:
    caught = ["{founders.0.name}", "{work.2}", "{founders.1|or}", "{a.10: {b}}"]
    missed = ["{founders: {name}}", "{facts.staff}", "{location.city}", "{facts.area2}"]
    assert [bool(INDEX_REFERENCE.search(t)) for t in caught + missed] == [True] * 4 + [False] * 4


def without_optional_fields(tmp_path: Path) -> Path:
    data = yaml.safe_load((ROOT / "data" / "zhejiang-lab.yaml").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    for path in OPTIONAL:
        node = data
        for step in path[:-1]:
            node = node[step]
        del node[path[-1]]
    out = tmp_path / "bare.yaml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return out


def texts_of(document: Document) -> Iterator[str]:
    """Speaker notes and the text of every paragraph (a figure without qualifier keeps a blank one)."""
    for page in document.pages:
        yield page.notes
        for item in page.items:
            if isinstance(item, TextBox) and item.name != "figure-qualifier":
                yield from (paragraph.text for paragraph in item.paragraphs)


@pytest.mark.parametrize(("layout", "lang"), CASES, ids=[f"{lay}-{lang}" for lay, lang in CASES])
def test_layouts_leave_out_the_words_of_missing_optional_fields(
    tmp_path: Path, layouts: dict[str, LoadedLayout], theme: LoadedTheme, layout: str, lang: str
) -> None:
    profile = load_profile(without_optional_fields(tmp_path))
    try:
        document = compose(profile, layouts[layout], theme, lang, root=ROOT, created=CREATED)
    except DiagnosticError as exc:
        pytest.fail(f"a profile without optional fields does not compose:\n{exc}")
    texts = [text for text in texts_of(document) if text]
    assert texts
    bad = [t for t in texts if "None" in t or re.search(r"[{}\[\]]", t) or t != t.strip() or "  " in t]
    assert bad == []
    every = "\n".join(texts)
    assert ("China" not in every) if lang == "en" else ("中国" not in every)
    boxes = [item for page in document.pages for item in page.items if isinstance(item, TextBox)]
    empty = [box.name for box in boxes if not any(p.text.strip() for p in box.paragraphs)]
    assert set(empty) <= {"figure-qualifier"}, "a text that dropped entirely still has a text box"


@pytest.mark.parametrize(("layout", "lang"), CASES, ids=[f"{lay}-{lang}" for lay, lang in CASES])
def test_the_example_profile_binds_cleanly_to_every_layout(
    layouts: dict[str, LoadedLayout], theme: LoadedTheme, layout: str, lang: str
) -> None:
    """The example (longer lists and texts than the Lab's) composes with no problem at all:
    flows carry what does not fit on to continuation pages (test_counts checks every item shows)."""
    example = load_profile(ROOT / "data" / "examples" / "example-tidewater.yaml")
    try:
        document = compose(example, layouts[layout], theme, lang, root=ROOT, created=CREATED)
    except DiagnosticError as exc:
        pytest.fail(f"the example profile does not compose cleanly:\n{exc}")
    texts = "\n".join(texts_of(document))
    assert example.profile.name[lang] in texts and "None" not in texts


def test_the_example_profile_builds_cleanly(tmp_path: Path) -> None:
    """`zjlab-reports build --profile example-tidewater`: every layout, both languages, exit 0."""
    assert (
        main(["--project", str(ROOT), "build", "--profile", "example-tidewater", "--out", str(tmp_path)]) == 0
    )
    built = sorted(path.name for path in tmp_path.iterdir())
    assert len([name for name in built if name.endswith(".pdf")]) == 2 * len(LAYOUTS)
    assert "manifest.json" in built
