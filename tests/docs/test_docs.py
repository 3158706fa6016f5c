"""The docs cannot drift: the reference is current and complete, the how-to's YAML and the CI
recipe's commands are accepted by the same schemas and parser that check users' files."""

from __future__ import annotations

import re
import shlex
import typing
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml

from zjlab_reports.cli.arguments import UsageError, parser
from zjlab_reports.model.layout import Block, Frame, PageTemplate
from zjlab_reports.model.theme import BrandColors, Typography
from zjlab_reports.reference import NOTES, reference_markdown
from zjlab_reports.schemas import schema_for

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def test_the_reference_is_current() -> None:
    committed = (DOCS / "reference.md").read_text(encoding="utf-8")
    assert reference_markdown(ROOT) == committed, "docs/reference.md is stale: run scripts/docs"


def block_models() -> list[type[msgspec.Struct]]:
    return list(typing.get_args(Block))


def section(text: str, heading: str) -> str:
    start = text.index(f"\n### {heading}\n")
    end = text.find("\n### ", start + 1)
    return text[start : end if end != -1 else len(text)]


def test_the_reference_covers_every_block_type_and_option() -> None:
    text = (DOCS / "reference.md").read_text(encoding="utf-8")
    assert len(block_models()) >= 11
    for model in block_models():
        kind = model.type  # type: ignore[attr-defined]
        part = section(text, f"`{kind}`")
        for field in msgspec.structs.fields(model):
            assert f"| `{field.encode_name}` |" in part, f"block '{kind}': option '{field.encode_name}'"
    for model, heading in ((Frame, "Frame"), (PageTemplate, "PageTemplate"), (BrandColors, "BrandColors")):
        part = section(text, heading)
        for field in msgspec.structs.fields(model):
            assert f"| `{field.encode_name}` |" in part, f"{heading}: '{field.encode_name}'"


def test_every_note_names_a_key_that_exists() -> None:
    keys = set()
    for kind in ("layout", "profile", "theme"):
        schema = schema_for(kind)
        keys |= {f"{kind.title()}.{key}" for key in schema.get("properties", {})}
        for name, definition in schema.get("$defs", {}).items():
            keys |= {f"{name}.{key}" for key in definition.get("properties", {})}
    assert not set(NOTES) - keys, "reference.NOTES names keys the schemas no longer have"


#: The first comment line of a YAML example names what it is; the model that checks it.
EXAMPLES: dict[str, Any] = {
    "a page template": PageTemplate,
    "a block": Block,
    "theme colours": BrandColors,
    "theme typography": Typography,
}


def yaml_examples(path: Path) -> list[tuple[str, str]]:
    blocks = re.findall(r"```yaml\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)
    return [(block.splitlines()[0], block) for block in blocks]


def test_the_how_to_examples_validate() -> None:
    examples = yaml_examples(DOCS / "how-to.md")
    assert len(examples) >= 5
    for first, block in examples:
        kind = next((k for k in EXAMPLES if first.startswith(f"# {k}")), None)
        assert kind is not None, f"how-to.md: say what this example is in its first line: {first!r}"
        msgspec.convert(yaml.safe_load(block), EXAMPLES[kind])


def recipe_commands() -> list[list[str]]:
    workflow = yaml.safe_load((DOCS / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
    runs = [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]
    lines = [line.split(">")[0] for run in runs for line in run.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.strip().startswith("zjlab-reports ")]


def test_the_ci_recipe_runs_real_commands() -> None:
    commands = recipe_commands()
    assert [c[0] for c in commands] == ["validate", "build", "preview"]
    for argv in commands:
        try:
            parser().parse_args(argv)
        except UsageError as exc:
            pytest.fail(f"docs/ci/github-actions.yml: zjlab-reports {' '.join(argv)}: {exc}")
    workflow = (DOCS / "ci" / "github-actions.yml").read_text(encoding="utf-8")
    assert "actions/upload-artifact" in workflow and "dist/" in workflow


def test_the_sharded_ci_recipe_runs_real_commands_with_one_shard_count() -> None:
    text = (DOCS / "ci" / "github-actions-sharded.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    shards = workflow["jobs"]["shard"]["strategy"]["matrix"]["shard"]
    runs = [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]
    lines = [line.strip().replace("${{ matrix.shard }}", "K") for run in runs for line in run.splitlines()]
    commands = [shlex.split(line)[1:] for line in lines if line.startswith("zjlab-reports ")]
    assert [c[:2] for c in commands] == [["build", "--shard"], ["manifest", "merge"]]
    build = commands[0]
    assert build[2] == f"K/{len(shards)}"
    assert shards == list(range(1, len(shards) + 1))
    for argv in ([*build[:2], f"1/{len(shards)}", *build[3:]], commands[1]):
        try:
            parser().parse_args(argv)
        except UsageError as exc:
            pytest.fail(f"docs/ci/github-actions-sharded.yml: zjlab-reports {' '.join(argv)}: {exc}")
    assert "pattern: shard-*" in text and "name: shard-${{ matrix.shard }}" in text
