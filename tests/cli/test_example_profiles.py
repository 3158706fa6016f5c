"""Example profiles: `data/examples/*.yaml`, fictional organisations the tool finds by id.

The default build and list leave them out; `--profile ID` asks for one; `validate` checks
them with every layout, like any profile. The shipped example differs from Zhejiang Lab's
profile in every list length the issue names and leaves out every optional field.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import msgspec
import pytest

from zjlab_reports.cli import main
from zjlab_reports.loaders import load_profile
from zjlab_reports.model.profile import Milestone

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "data" / "examples").glob("*.yaml"))
EXAMPLE = ROOT / "data" / "examples" / "example-tidewater.yaml"


def optional_fields_set(model: msgspec.Struct, where: str = "") -> list[str]:
    """Every optional field (default None) of `model` and the models in it that holds a value.

    A milestone's `date`, `after` and `ahead` are not counted: it needs exactly one of them.
    """
    found = []
    for info in msgspec.structs.fields(model):
        name = info.name
        value = getattr(model, name)
        when = isinstance(model, Milestone) and name in ("date", "after", "ahead")
        if info.default is None and not info.required and value is not None and not when:
            found.append(f"{where}{name}")
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(item, msgspec.Struct):
                found += optional_fields_set(item, f"{where}{name}.{i}.")
    for key, value in (getattr(model, "facts", None) or {}).items():
        found += optional_fields_set(value, f"{where}facts.{key}.")
    return found


def test_examples_are_named_after_their_ids_and_marked_fictional() -> None:
    assert EXAMPLES, "no example profile in data/examples/"
    for path in EXAMPLES:
        profile = load_profile(path).profile
        assert profile.id == path.stem
        assert "fictional" in profile.name.en.lower() and "虚构" in profile.name.zh
        assert "FICTIONAL EXAMPLE" in path.read_text(encoding="utf-8")


def test_the_example_differs_from_the_lab_in_every_list_and_leaves_out_optional_fields() -> None:
    example = load_profile(EXAMPLE).profile
    lab = load_profile(ROOT / "data" / "zhejiang-lab.yaml").profile
    counts = {
        "founders": 1,
        "focus_areas": 7,
        "goals.centres": 6,
        "work": 6,
        "mission": 2,
        "milestones": 6,
    }
    seen: dict[str, Any] = {
        "founders": example.founders,
        "focus_areas": example.focus_areas,
        "goals.centres": example.goals.centres,
        "work": example.work,
        "mission": example.mission,
        "milestones": example.milestones,
    }
    assert {key: len(value) for key, value in seen.items()} == counts
    assert len(lab.founders) != 1 and len(lab.focus_areas) != 7 and len(lab.goals.centres) != 6
    assert optional_fields_set(example) == []
    assert len(example.about.en) > 1.5 * len(lab.about.en)
    assert len(example.international.en) > len(lab.international.en)


def test_validate_checks_an_example_on_its_own(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project", str(ROOT), "validate", str(EXAMPLE)]) == 0
    assert "ok: 1 file valid" in capsys.readouterr().out


def test_validate_reports_a_broken_example_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ("data", "layouts", "themes"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    broken = tmp_path / "data" / "examples" / EXAMPLE.name
    broken.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("unit: year", "unit: yeer"), encoding="utf-8"
    )
    assert main(["--project", str(tmp_path), "validate"]) == 1
    err = capsys.readouterr().err
    assert f"{EXAMPLE.name}:" in err and "'yeer' is not one of" in err and "did you mean 'year'?" in err


def test_the_default_list_leaves_examples_out(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project", str(ROOT), "list"]) == 0
    profiles = {line.split("\t")[0] for line in capsys.readouterr().out.splitlines()}
    assert profiles == {"zhejiang-lab"}


def test_an_example_is_built_when_asked_for_by_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project", str(ROOT), "list", "--profile", "example-tidewater", "--lang", "zh"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert {line.split("\t")[0] for line in lines} == {"example-tidewater"}
    assert {line.split("\t")[1] for line in lines} == {"brochure-a4", "deck-16x9", "factsheet-letter"}
