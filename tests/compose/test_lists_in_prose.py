"""Lists in prose: profile lists of 0 to 12 items in, sentences joined the language's way out.

Each test writes a profile with the list sizes it needs (from the shipped profile) and a layout
file holding the templates, then fills them with the `Binder` as compose does. Expected texts
are spelt out here, not computed with Babel: `A, B, and C` (CLDR `en`, serial comma, the seed
text's style) and `A、B和C` (CLDR `zh`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from zjlab_reports.compose.bind import Binder, Bound
from zjlab_reports.diagnostics import Diagnostic
from zjlab_reports.loaders import load_profile
from zjlab_reports.loaders.yaml_source import read_yaml

ROOT = Path(__file__).resolve().parents[2]
BASE: dict[str, Any] = yaml.safe_load((ROOT / "data" / "zhejiang-lab.yaml").read_text(encoding="utf-8"))
COUNTS = (1, 2, 3, 12)
FOUNDERS = {
    "en": "{founders: [the {description} ]{name}}",
    "zh": "{founders: [{description}的]{name}}",
}

Fill = Callable[..., tuple[list[str], list[Diagnostic], Path]]


def founders(count: int) -> list[dict[str, Any]]:
    """`count` founders; every other one (the 1st, 3rd, ...) has a description."""
    out: list[dict[str, Any]] = []
    for i in range(1, count + 1):
        founder: dict[str, Any] = {"name": {"en": f"Founder {i}", "zh": f"创始方{i}"}}
        if i % 2:
            founder["description"] = {"en": f"famous-{i}", "zh": f"著名{i}"}
        out.append(founder)
    return out


def areas(count: int) -> list[dict[str, Any]]:
    return [{"id": f"area-{i}", "name": {"en": f"area {i}", "zh": f"领域{i}"}} for i in range(1, count + 1)]


def english(items: list[str], conjunction: str = "and") -> str:
    if len(items) <= 2:
        return f" {conjunction} ".join(items)
    return ", ".join(items[:-1]) + f", {conjunction} {items[-1]}"


def chinese(items: list[str], conjunction: str = "和") -> str:
    if len(items) <= 2:
        return conjunction.join(items)
    return "、".join(items[:-1]) + conjunction + items[-1]


@pytest.fixture
def fill(tmp_path: Path) -> Fill:
    """`fill(templates, lang, **profile_changes)`: each template filled; the problems; the layout path."""

    def run(templates: list[str], lang: str, **changes: Any) -> tuple[list[str], list[Diagnostic], Path]:
        data = copy.deepcopy(BASE)
        data.update(changes)
        if "focus_areas" in changes:
            data["goals"]["strengthen"] = []
        profile_path = tmp_path / "profile.yaml"
        profile_path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        layout_path = tmp_path / "texts.yaml"
        layout_path.write_text(yaml.safe_dump({"texts": templates}, allow_unicode=True), encoding="utf-8")
        layout = read_yaml(layout_path)
        binder = Binder(load_profile(profile_path), layout, lang)
        bound: list[Bound] = [binder.template(text, ("texts", i)) for i, text in enumerate(templates)]
        return [b.text for b in bound], binder.problems, layout_path

    return run


@pytest.mark.parametrize("count", COUNTS)
def test_founders_read_as_prose_in_english(fill: Fill, count: int) -> None:
    (text,), problems, _ = fill([f"Founded by {FOUNDERS['en']}."], "en", founders=founders(count))
    assert not problems
    named = [f"the famous-{i} Founder {i}" if i % 2 else f"Founder {i}" for i in range(1, count + 1)]
    assert text == f"Founded by {english(named)}."


@pytest.mark.parametrize("count", COUNTS)
def test_founders_read_as_prose_in_chinese(fill: Fill, count: int) -> None:
    (text,), problems, _ = fill([f"由{FOUNDERS['zh']}创建。"], "zh", founders=founders(count))
    assert not problems
    named = [f"著名{i}的创始方{i}" if i % 2 else f"创始方{i}" for i in range(1, count + 1)]
    assert text == f"由{chinese(named)}创建。"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("count", (0, *COUNTS))
def test_a_list_field_is_joined_and_an_empty_one_drops_its_group(fill: Fill, lang: str, count: int) -> None:
    templates = {
        "en": ["[[Focusing on {focus_areas}, ]{name} works.]", "[{focus_areas|or}]", "[{focus_areas|comma}]"],
        "zh": [
            "[{name}[聚焦{focus_areas}等领域，]开展研究。]",
            "[{focus_areas|or}]",
            "[{focus_areas|comma}]",
        ],
    }[lang]
    texts, problems, _ = fill(templates, lang, focus_areas=areas(count))
    assert not problems
    names = [f"area {i}" if lang == "en" else f"领域{i}" for i in range(1, count + 1)]
    if lang == "en":
        lead = f"Focusing on {english(names)}, " if names else ""
        assert texts == [f"{lead}Zhejiang Lab works.", english(names, "or"), ", ".join(names)]
    else:
        lead = f"聚焦{chinese(names)}等领域，" if names else ""
        assert texts == [f"之江实验室{lead}开展研究。", chinese(names, "或"), "、".join(names)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_twelve_items_all_appear_in_order(fill: Fill, lang: str) -> None:
    work = [{"en": f"does thing {i:02d}", "zh": f"做事{i:02d}"} for i in range(1, 13)]
    (text, plain), problems, _ = fill(["{work: {.}}", "{work}"], lang, work=work)
    assert not problems and text == plain
    items = [w[lang] for w in work]
    assert [text.index(item) for item in items] == sorted(text.index(item) for item in items)
    assert text == (english(items) if lang == "en" else chinese(items))


def test_an_optional_field_drops_its_group_and_keeps_the_rest(fill: Fill) -> None:
    templates = ["In {location.city}[, {location.description}].", "Founded[ — {standing}]."]
    texts, problems, _ = fill(templates, "en", location={"city": {"en": "Hangzhou", "zh": "杭州"}})
    assert texts[0] == "In Hangzhou."
    assert texts[1] == "Founded — one of the top research institutes in China."
    assert not problems


def test_a_template_that_drops_entirely_gives_no_text(fill: Fill) -> None:
    data = {k: v for k, v in BASE.items() if k != "standing"}
    (text,), problems, _ = fill(["[Today it has become {standing}.]"], "en", **data, standing=None)
    assert (text, problems) == ("", [])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_empty_field_outside_a_group_is_an_error_naming_it(fill: Fill, lang: str) -> None:
    (_,), problems, path = fill(["Focus: {focus_areas}."], lang, focus_areas=[])
    (problem,) = problems
    assert problem.message == "profile field 'focus_areas' is empty, but this text uses it"
    assert "[brackets]" in problem.hints[0]
    assert (problem.span.file, problem.span.line) == (str(path), 2)


@pytest.mark.parametrize(
    ("template", "message", "hint"),
    [
        (
            "{founders: {descripton}}",
            "no field 'descripton' in the items of 'founders'",
            "did you mean 'description'?",
        ),
        (
            "{founders: {city}}",
            "no field 'city' in the items of 'founders'",
            "is a field of each item: name, description",
        ),
        (
            "{short_name: {en}}",
            "'short_name' is not a list, so an item template does not apply",
            "{short_name}",
        ),
        ("{vision|or}", "'vision' is not a list, so the list style 'or' does not apply", "{vision}"),
        ("{founderz: {name}}", "no profile field 'founderz'", "did you mean 'founders'?"),
        ("{.}", "'{.}' is the item itself", "{work: {.}}"),
        ("{milestones}", "'milestones' is a list of groups of fields", "{milestones: {date}}"),
        ("By {founders: [the {description} {name}}", "unclosed optional group", "end the group with ]"),
    ],
)
def test_mistakes_are_reported_at_the_layout_text(fill: Fill, template: str, message: str, hint: str) -> None:
    (_,), problems, path = fill([template], "en")
    assert [p.message for p in problems if message in p.message], [p.render() for p in problems]
    problem = next(p for p in problems if message in p.message)
    assert any(hint in h for h in problem.hints), problem.hints
    assert (problem.span.file, problem.span.line) == (str(path), 2)


def test_a_filled_text_remembers_which_profile_field_gave_each_part(tmp_path: Path) -> None:
    layout_path = tmp_path / "texts.yaml"
    layout_path.write_text('texts: ["By {founders: {name}} in {location.city}."]\n', encoding="utf-8")
    profile = load_profile(ROOT / "data" / "zhejiang-lab.yaml")
    bound = Binder(profile, read_yaml(layout_path), "en").template(
        "By {founders: {name}} in {location.city}.", ("texts", 0)
    )
    assert bound.text == "By Zhejiang University and innovative enterprises in Hangzhou."
    fields = {part[0] for part in bound.parts}
    assert fields == {"founders.0.name", "founders.1.name", "location.city"}
    field_of_z = bound.field_of("Z")
    assert field_of_z is not None and field_of_z[0] == "founders.0.name"
    assert field_of_z[1] == profile.source.span(("founders", 0, "name", "en"))
