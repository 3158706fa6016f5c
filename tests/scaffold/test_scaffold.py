"""new and init: what they make validates and builds; bad names and folders in the way are clear errors."""

from __future__ import annotations

import json
import typing
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml

from zjlab_reports.cli import main
from zjlab_reports.model.profile import Profile
from zjlab_reports.scaffold import shipped_project

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "new-project"
    assert main(["init", str(folder), "--quiet"]) == 0
    return folder


def built(folder: Path) -> list[dict[str, Any]]:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["artifacts"]


def test_init_copies_the_shipped_project(project: Path) -> None:
    for name in ("data", "layouts", "themes", "schemas"):
        shipped = sorted(p.name for p in (shipped_project() / name).iterdir())
        assert sorted(p.name for p in (project / name).iterdir()) == shipped
    assert (project / "layouts" / "deck-16x9.yaml").read_bytes() == (
        ROOT / "layouts" / "deck-16x9.yaml"
    ).read_bytes()
    ignored = (project / ".gitignore").read_text()
    assert "/dist/" in ignored and "/.dist.zjlab-reports-*/" in ignored


def test_init_refuses_a_folder_in_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["init", str(tmp_path)]) == 1
    assert "is not an empty folder" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_new_profile_validates_and_builds(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project", str(project), "new", "profile", "partner-institute"]) == 0
    made = project / "data" / "partner-institute.yaml"
    assert made.is_file() and "partner-institute.yaml: replace the placeholders" in capsys.readouterr().out
    # validate composes every layout with every profile in both languages
    assert main(["--project", str(project), "validate", "--quiet"]) == 0
    out = project / "dist"
    argv = [
        "--project",
        str(project),
        "build",
        "--profile",
        "partner-institute",
        "--layout",
        "factsheet-letter",
    ]
    assert main([*argv, "--out", str(out), "--quiet"]) == 0
    assert [a["path"] for a in built(out)] == [
        "partner-institute-factsheet-letter-en.pdf",
        "partner-institute-factsheet-letter-zh.pdf",
    ]


def model_keys(model: type[msgspec.Struct], prefix: str = "") -> set[str]:
    """Every key a file of `model` can hold, as dotted paths (list items and dict values as '*')."""
    keys = set()
    for field in msgspec.structs.fields(model):
        key = f"{prefix}{field.encode_name}"
        keys.add(key)
        for inner in _models(field.type):
            keys |= model_keys(inner, f"{key}.*." if _is_container(field.type) else f"{key}.")
    return keys


def _models(annotation: Any) -> list[type[msgspec.Struct]]:
    if isinstance(annotation, type) and issubclass(annotation, msgspec.Struct):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models(arg)]


def _is_container(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin in (list, dict):
        return True
    return any(_is_container(arg) for arg in typing.get_args(annotation))


def data_keys(data: Any, prefix: str = "") -> set[str]:
    keys: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            keys.add(f"{prefix}{key}")
            keys |= data_keys(value, f"{prefix}{key}.")
    elif isinstance(data, list):
        for item in data:
            keys |= data_keys(item, f"{prefix}*.")
    return keys


def test_the_profile_skeleton_has_every_field(project: Path) -> None:
    assert main(["--project", str(project), "new", "profile", "skeleton", "-q"]) == 0
    data = yaml.safe_load((project / "data" / "skeleton.yaml").read_text(encoding="utf-8"))
    keyed = ("facts", "images")  # mappings by name: their entries stand for `*`
    found = data_keys({k: v for k, v in data.items() if k not in keyed})
    for name in keyed:
        found |= {f"{name}.*.{key}" for key in data_keys(list(data[name].values()), "")} | {name}
        found = {key.replace(f"{name}.*.*.", f"{name}.*.") for key in found}
    text_keys = {k for k in found if k.endswith((".en", ".zh"))}
    missing = {k for k in model_keys(Profile) if k not in found and f"{k}.en" not in text_keys}
    assert not missing, (
        f"the profile skeleton (src/zjlab_reports/scaffold/profile.yaml) lacks {sorted(missing)}"
    )


def test_new_layout_copies_under_a_new_id(project: Path) -> None:
    assert (
        main(["--project", str(project), "new", "layout", "factsheet-a4", "--from", "factsheet-letter", "-q"])
        == 0
    )
    old = (project / "layouts" / "factsheet-letter.yaml").read_text(encoding="utf-8").splitlines()
    new = (project / "layouts" / "factsheet-a4.yaml").read_text(encoding="utf-8").splitlines()
    assert [(a, b) for a, b in zip(old, new, strict=True) if a != b] == [
        ("id: factsheet-letter", "id: factsheet-a4")
    ]
    assert main(["--project", str(project), "validate", "--quiet"]) == 0
    out = project / "dist"
    assert (
        main(["--project", str(project), "build", "--layout", "factsheet-a4", "--out", str(out), "-q"]) == 0
    )
    assert {a["layout"] for a in built(out)} == {"factsheet-a4"} and len(built(out)) == 2


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["new", "layout", "Brochure A5", "--from", "brochure-a4"], "'Brochure A5' is not a layout id"),
        (["new", "layout", "brochure-a5", "--from", "brochure-a6"], "no layout 'brochure-a6'"),
        (["new", "layout", "deck-16x9", "--from", "brochure-a4"], "deck-16x9.yaml: error: already exists"),
        (["new", "profile", "zhejiang-lab"], "zhejiang-lab.yaml: error: already exists"),
        (["new", "profile", "9lives"], "'9lives' is not a profile id"),
    ],
)
def test_new_refuses_bad_or_taken_names(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    before = sorted(p.name for p in project.rglob("*"))
    assert main(["--project", str(project), *argv]) == 1
    err = capsys.readouterr().err
    assert message in err and "hint:" in err
    assert sorted(p.name for p in project.rglob("*")) == before


def test_new_without_what_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new"]) == 2
    assert "usage: zjlab-reports new" in capsys.readouterr().err
