"""The models (msgspec structs) and the checker that explains why a file fails them.

A file is judged twice: `msgspec.convert` decides whether it is valid (and builds the model),
and only when it is not does `loaders.validation.check` walk it to name every problem. The
two must agree, or a valid file would be refused or an invalid one reported as nothing: the
fuzz test below mutates the shipped files thousands of ways and compares the two verdicts.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from pathlib import Path
from typing import Any

import msgspec
import pytest

from zjlab_reports.loaders.validation import check
from zjlab_reports.loaders.yaml_source import read_yaml
from zjlab_reports.model.common import FieldProblem, Label, Sentence, Text
from zjlab_reports.model.layout import Heading, ImageBlock, Layout
from zjlab_reports.model.profile import Milestone, Profile
from zjlab_reports.model.theme import Theme

ROOT = Path(__file__).resolve().parents[2]
FILES = [
    (ROOT / "data" / "zhejiang-lab.yaml", Profile),
    *((path, Layout) for path in sorted((ROOT / "layouts").glob("*.yaml"))),
    (ROOT / "themes" / "zhejiang-lab.yaml", Theme),
]


def test_texts_are_trimmed_then_held_to_their_limits() -> None:
    assert Label(en="  Hangzhou\n", zh="杭州 ").en == "Hangzhou"
    assert msgspec.convert({"en": "a\n", "zh": " 乙"}, Label) == Label(en="a", zh="乙")
    Label(en="x" * 60, zh="字" * 30)  # at the limits
    with pytest.raises(FieldProblem) as info:
        Label(en="x" * 61, zh="字")
    assert (info.value.field, info.value.message) == ("en", "text is 61 characters long; the limit is 60")
    with pytest.raises(FieldProblem) as info:
        Sentence(en="fine", zh="   ")
    assert (info.value.field, info.value.message) == ("zh", "text is empty")
    # a trailing newline (a block scalar's) does not count against the limit
    assert len(msgspec.convert({"en": "x" * 60 + "\n", "zh": "字"}, Label).en) == 60


def test_a_block_knows_its_type_and_a_frame_takes_any_block() -> None:
    layout = msgspec.convert(_data(ROOT / "layouts" / "brochure-a4.yaml"), Layout)
    blocks = [block for page in layout.pages for frame in page.frames for block in frame.blocks]
    assert {type(block).type for block in blocks} >= {"heading", "paragraph", "cards"}
    assert all(block.type == type(block).type for block in blocks)
    assert Heading(text="x").type == "heading"


def test_checks_run_when_a_model_is_made_in_code_too() -> None:
    with pytest.raises(ValueError, match="exactly one of 'date', 'after' or 'ahead'"):
        Milestone(title=Text(en="a", zh="甲"), text=Text(en="b", zh="乙"))
    with pytest.raises(ValueError, match="exactly one of 'image'"):
        ImageBlock()


def test_the_checker_reports_every_problem_at_once() -> None:
    data = _data(ROOT / "themes" / "zhejiang-lab.yaml")
    data["typography"]["roles"]["body"]["size"] = -1
    data["typography"]["roles"]["body"]["weight"] = 425
    data["colour"] = {}
    del data["meta"]
    problems = {(p.path, p.kind, p.message) for p in check(data, Theme)}
    assert problems == {
        (("typography", "roles", "body", "size"), "value", "expected a number greater than 0, got -1"),
        (("typography", "roles", "body", "weight"), "value", "expected a multiple of 50, got 425"),
        (("colour",), "unknown", "unknown key 'colour'"),
        (("meta",), "missing", "missing"),
    }


def test_a_model_check_points_at_its_field() -> None:
    data = _data(ROOT / "data" / "zhejiang-lab.yaml")
    data["location"]["city"]["zh"] = "字" * 31
    data["milestones"][0]["after"] = "facts.years"  # with its date: two times
    problems = [(p.path, p.message) for p in check(data, Profile)]
    assert problems == [
        (("location", "city", "zh"), "text is 31 characters long; the limit is 30"),
        (("milestones", 0), "a milestone needs exactly one of 'date', 'after' or 'ahead'"),
    ]


@pytest.mark.parametrize(("path", "model"), FILES, ids=lambda value: getattr(value, "stem", ""))
def test_the_checker_and_msgspec_agree_on_mutated_files(path: Path, model: type) -> None:
    """Mutate the shipped file 1,500 ways; the checker finds a problem exactly when msgspec
    refuses the data (and none when it takes it)."""
    original = _data(path)
    places = list(_places(original, ()))
    rng = random.Random(f"{path.name}")
    disagreements = []
    refused = 0
    for _ in range(1500):
        data = copy.deepcopy(original)
        for _ in range(rng.choice((1, 1, 2, 3))):
            _mutate(data, rng.choice(places), rng)
        try:
            msgspec.convert(data, model)
            valid = True
        except msgspec.ValidationError:
            valid = False
        problems = check(data, model)
        refused += not valid
        if valid == bool(problems):
            disagreements.append((valid, problems[:2]))
    assert not disagreements[:5], f"{len(disagreements)} disagreements"
    assert refused > 500, "the mutations should break most files"


def _data(path: Path) -> Any:
    return read_yaml(path).data


def _places(node: Any, path: tuple[Any, ...]) -> Any:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _places(value, (*path, index))


_VALUES = [
    None, True, 0, 1, -1, 2.5, -0.5, 1e13, float("nan"), float("inf"), 50, 425, 3000, "", " ", "x",
    "auto", "heading", "A4",
    "top", "#123456", "1C2533", "bad name", "ok-name", "Name", "x" * 61, "x" * 301, "字" * 31,
    "2017-09-06", "2017-02-30", dt.date(2017, 9, 6), dt.datetime(2017, 9, 6, 1, 2), [], ["x"],
    [{}], {}, {"en": "a", "zh": "b"}, {"en": "", "zh": "b"}, {"type": "paragraph"},
    {"type": "nonsense"},
]  # fmt: skip


def _mutate(data: Any, path: tuple[Any, ...], rng: random.Random) -> None:
    parent: Any = data
    for step in path[:-1]:
        try:
            parent = parent[step]
        except (KeyError, IndexError, TypeError):
            return
    if not path or not isinstance(parent, dict | list):
        return
    key = path[-1]
    try:
        current = parent[key]
    except (KeyError, IndexError, TypeError):
        return
    action = rng.randrange(6)
    if action == 0 and isinstance(parent, dict):
        del parent[key]
    elif action == 1 and isinstance(parent, dict):
        parent[rng.choice(["extra", "styel", f"{key}s"])] = rng.choice(_VALUES)
    elif action == 2 and isinstance(current, list):
        parent[key] = current * rng.choice((0, 2, 7, 30))
    elif action == 3 and isinstance(current, str):
        parent[key] = rng.choice(("", "  ", current + " " * 3, current * 40, current.upper()))
    else:
        parent[key] = copy.deepcopy(rng.choice(_VALUES))
