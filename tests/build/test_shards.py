"""`build --shard K/N` builds a deterministic part of the plan; `manifest merge` joins the parts' manifests
into the manifest of one whole build, byte for byte."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest

from zjlab_reports.cli import main
from zjlab_reports.shards import Shard


@pytest.fixture(scope="module")
def whole(shipped_builds: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A whole build of the shipped project, made in one go."""
    out = tmp_path_factory.mktemp("whole")
    outcome = shipped_builds.run_process(out, "-j", "1", env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert outcome.code == 0, outcome.stderr
    return out


def merge(*argv: str | Path) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["manifest", "merge", *map(str, argv)])
    return code, stdout.getvalue(), stderr.getvalue()


def build_shards(builds: Any, folder: Path, count: int) -> list[Path]:
    outs = []
    for index in range(1, count + 1):
        out = folder / f"shard-{index}"
        outcome = builds.run(out, "--shard", f"{index}/{count}", "-j", "1")
        assert outcome.code == 0, outcome.stderr
        outs.append(out)
    return outs


@pytest.mark.parametrize("count", [2, 3, 7])
def test_shards_merge_into_the_whole_builds_manifest(builds: Any, whole: Path, tmp_path: Path, count: int):
    outs = build_shards(builds, tmp_path, count)
    files = [name for out in outs for name in builds.snapshot(out) if name != "manifest.json"]
    assert sorted(files) == sorted(name for name in builds.snapshot(whole) if name != "manifest.json")
    for out in outs:  # each shard's files are the whole build's, byte for byte
        assert all(
            data == (whole / name).read_bytes()
            for name, data in builds.snapshot(out).items()
            if name != "manifest.json"
        )
    code, _, stderr = merge(*(out / "manifest.json" for out in reversed(outs)), "-o", tmp_path / "m.json")
    assert code == 0, stderr
    assert (tmp_path / "m.json").read_bytes() == (whole / "manifest.json").read_bytes()


def test_a_shards_manifest_names_its_part_and_the_plan(builds: Any, tmp_path: Path) -> None:
    (out,) = build_shards(builds, tmp_path, 1)
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    shard = data["shard"]
    assert (shard["index"], shard["count"]) == (1, 1)
    assert shard["documents"][:2] == ["zhejiang-lab/brochure-a4/en", "zhejiang-lab/brochure-a4/zh"]
    assert len(shard["documents"]) == 6


def test_shards_split_the_plan_round_robin() -> None:
    plan = list(range(10))
    parts = [Shard(k, 3).pick(plan) for k in (1, 2, 3)]
    assert parts == [[0, 3, 6, 9], [1, 4, 7], [2, 5, 8]]
    assert Shard(4, 4).pick([0, 1]) == []


@pytest.mark.parametrize("text", ["0/2", "3/2", "x", "1/0", "1-2", ""])
def test_a_bad_shard_is_a_usage_error(builds: Any, tmp_path: Path, text: str) -> None:
    outcome = builds.run(tmp_path, "--shard", text)
    assert outcome.code == 2, outcome.stderr
    assert "--shard" in outcome.stderr


def test_list_shows_a_shards_part(builds: Any) -> None:
    def listed(*extra: str) -> list[str]:
        stdout = io.StringIO()
        with contextlib.redirect_stdout(stdout):
            assert main(["--project", str(builds.project), "list", *extra]) == 0
        return stdout.getvalue().splitlines()

    every = listed()
    assert listed("--shard", "2/2") == every[1::2]


@pytest.fixture(scope="module")
def two_shards(shipped_builds: Any, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("two-shards")
    for index in (1, 2):
        outcome = shipped_builds.run_process(
            folder / str(index), "--shard", f"{index}/2", env={"SOURCE_DATE_EPOCH": "1700000000"}
        )
        assert outcome.code == 0, outcome.stderr
    return [folder / str(index) / "manifest.json" for index in (1, 2)]


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": error: " in line]


def test_a_missing_shard_is_named(two_shards: list[Path]) -> None:
    code, stdout, stderr = merge(two_shards[0])
    assert (code, stdout) == (1, "")
    assert _errors(stderr) == ["command line: error: shard 2/2 missing"]
    assert "hint: pass the manifest.json of every shard" in stderr


def test_a_shard_given_twice_is_named(two_shards: list[Path]) -> None:
    code, _, stderr = merge(two_shards[0], two_shards[1], two_shards[0])
    assert code == 1
    assert _errors(stderr) == [f"{two_shards[0]}: error: shard 1/2 is given twice"]


def test_a_whole_builds_manifest_is_not_a_shard(two_shards: list[Path], whole: Path) -> None:
    code, _, stderr = merge(two_shards[0], whole / "manifest.json")
    assert code == 1
    assert "not a shard's manifest: it was built without --shard" in stderr


def test_shards_of_another_build_are_refused(two_shards: list[Path], tmp_path: Path) -> None:
    other = json.loads(two_shards[1].read_text(encoding="utf-8"))
    other["shard"]["documents"] = other["shard"]["documents"][:-1]
    other["artifacts"] = [a for a in other["artifacts"] if a["lang"] == "en"]
    (tmp_path / "other.json").write_text(json.dumps(other), encoding="utf-8")
    code, _, stderr = merge(two_shards[0], tmp_path / "other.json")
    assert code == 1
    assert "it is a shard of another build" in stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not a manifest: "),
        ('{"artifacts": 3}', "not a manifest: it has no list of artifacts"),
        (
            '{"artifacts": [], "shard": {"index": 3, "count": 2, "documents": []}}',
            "it names shard 3/2: K must be between 1 and N",
        ),
    ],
)
def test_what_is_not_a_shards_manifest_is_named(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "manifest.json"
    path.write_text(content, encoding="utf-8")
    code, _, stderr = merge(path)
    assert code == 1
    assert f"{path}: error: {message}" in stderr


def test_merge_prints_when_no_output_is_given(two_shards: list[Path], whole: Path) -> None:
    code, stdout, _ = merge(*two_shards)
    assert code == 0
    assert stdout.encode() == (whole / "manifest.json").read_bytes()
