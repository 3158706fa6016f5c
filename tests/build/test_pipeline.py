"""A batch of profiles with `-j N` is one pipeline (`pipeline`): each worker reads a profile and
makes its documents. It gives the files, manifest, diagnostics and exit codes of `-j 1`."""

from __future__ import annotations

import gc
import json
import multiprocessing
import shutil
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

import zjlab_reports.build as build_module
import zjlab_reports.pipeline as pipeline_module
from zjlab_reports import jobs
from zjlab_reports.build import Selection
from zjlab_reports.diagnostics import DiagnosticError
from zjlab_reports.inputs import READ_AHEAD_FROM, Loader
from zjlab_reports.loaders import LoadedProfile
from zjlab_reports.project import Project

from .conftest import ROOT, Builds

BAD = ROOT / "tests" / "bad_inputs"
#: Small documents: a factsheet in English, one a profile.
ONE_EACH = ("--layout", "factsheet-letter", "--lang", "en")


def _copies(root: Path, count: int) -> list[str]:
    """`count` copies of the shipped profile, each with an id of its own (sorted before it)."""
    shipped = (root / "data" / "zhejiang-lab.yaml").read_text(encoding="utf-8")
    ids = [f"copy-{index:02d}" for index in range(count)]
    for name in ids:
        text = shipped.replace("\nid: zhejiang-lab\n", f"\nid: {name}\n")
        (root / "data" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return ids


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory, build_font_cache: Path) -> Builds:
    """A project of `READ_AHEAD_FROM` + 1 profiles (read only: tests must not change it)."""
    root = tmp_path_factory.mktemp("batch")
    for folder in ("data", "layouts", "themes"):
        shutil.copytree(ROOT / folder, root / folder)
    _copies(root, READ_AHEAD_FROM)
    return Builds(root, build_font_cache)


@pytest.fixture
def batch_builds(batch: Builds, monkeypatch: pytest.MonkeyPatch) -> Builds:
    return batch.in_this_process(monkeypatch)


@pytest.fixture
def pipelined(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """For each build of a batch in this test: whether it went through the pipeline."""
    used: list[bool] = []
    real = pipeline_module.build_batch

    def spying(*args: Any, **kwargs: Any) -> Any:
        try:
            made = real(*args, **kwargs)
        except DiagnosticError:  # it ran, and found problems
            used.append(True)
            raise
        used.append(made is not None)
        return made

    monkeypatch.setattr(pipeline_module, "build_batch", spying)
    return used


def _same_build(project: Builds, tmp_path: Path, *extra: str) -> dict[str, bytes]:
    """What `-j 2` and `-j 1` make of the same arguments, checked equal (files and manifest)."""
    two = project.run(tmp_path / "two", "-j", "2", *extra)
    one = project.run(tmp_path / "one", "-j", "1", *extra)
    assert one.code == two.code == 0, two.stderr
    made = project.snapshot(tmp_path / "two")
    assert made == project.snapshot(tmp_path / "one")
    return made


def test_a_batch_is_built_by_one_pool_into_the_same_files(
    batch_builds: Builds, tmp_path: Path, pipelined: list[bool]
) -> None:
    made = _same_build(batch_builds, tmp_path, *ONE_EACH, "--lang", "zh")
    assert pipelined == [True]
    manifest = json.loads(made["manifest.json"])["artifacts"]
    assert len(manifest) == 2 * (READ_AHEAD_FROM + 1) == len(made) - 1
    assert [entry["path"] for entry in manifest][:2] == [
        "copy-00-factsheet-letter-en.pdf",
        "copy-00-factsheet-letter-zh.pdf",
    ]


@pytest.mark.parametrize("part", ["1/3", "3/3"])
def test_a_shard_of_a_batch_is_the_shard_one_process_builds(
    batch_builds: Builds, tmp_path: Path, pipelined: list[bool], part: str
) -> None:
    made = _same_build(batch_builds, tmp_path, *ONE_EACH, "--shard", part)
    assert pipelined == [True]
    shard = json.loads(made["manifest.json"])["shard"]
    assert len(shard["documents"]) == READ_AHEAD_FROM + 1  # the whole plan, every profile's id
    assert len(made) - 1 == len(Builds.snapshot(tmp_path / "one")) - 1 == 3


def test_where_the_pipeline_does_not_apply_the_build_is_the_same(
    batch_builds: Builds, tmp_path: Path, pipelined: list[bool]
) -> None:
    """A selection by profile id is loaded first, as before (example profiles are found by id)."""
    made = _same_build(batch_builds, tmp_path, *ONE_EACH, "--profile", "copy-03", "--profile", "copy-05")
    assert pipelined == [False]
    assert sorted(made) == [
        "copy-03-factsheet-letter-en.pdf",
        "copy-05-factsheet-letter-en.pdf",
        "manifest.json",
    ]


def test_progress_hears_of_a_batchs_documents_in_plan_order(batch_builds: Builds, tmp_path: Path) -> None:
    outcome = batch_builds.run(tmp_path, "-j", "2", *ONE_EACH, "--json")
    assert outcome.code == 0, outcome.stderr
    steps = json.loads(outcome.stdout)["timings"]["artifacts"]
    ids = [f"copy-{index:02d}" for index in range(READ_AHEAD_FROM)] + ["zhejiang-lab"]
    assert list(steps) == [f"{name}-factsheet-letter-en.pdf" for name in ids]


def test_spawned_workers_build_a_batch_the_same(
    batch_builds: Builds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pipelined: list[bool]
) -> None:
    """Where workers cannot be forked they are spawned, and get the job pickled."""
    monkeypatch.setattr(jobs, "_context", lambda: multiprocessing.get_context("spawn"))
    _same_build(batch_builds, tmp_path, *ONE_EACH)
    assert pipelined == [True]


def test_the_build_process_holds_no_profile_while_the_workers_work(
    batch_builds: Builds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory flat over a batch: the workers read the profiles; the build's process keeps what
    loading needs of them (`ProfileRead`), before, while and after they work."""
    held: list[int] = []
    real = pipeline_module.in_pool

    def counting(*args: Any, **kwargs: Any) -> Any:
        gc.collect()
        held.append(sum(isinstance(o, LoadedProfile) for o in gc.get_objects()))
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline_module, "in_pool", counting)
    loader = Loader(Project(batch_builds.project), at_rest=True)
    selection = Selection(layouts=("factsheet-letter",), langs=("en",))
    made = pipeline_module.build_batch(
        Project(batch_builds.project), loader, selection, 2, None, build_module.SILENT, None
    )
    assert made is not None and len(made[0]) == READ_AHEAD_FROM + 1
    assert all(artifact.blob.synced for artifact in made[0])  # on disk as they arrived: publishing links them
    assert held == [0]
    inputs = loader.load(selection)  # what the loader kept: no profile objects either
    assert not any(isinstance(profile, LoadedProfile) for profile in inputs.profiles)


def _diagnostics_match(project: Builds, tmp_path: Path, *extra: str) -> list[str]:
    """The build fails with `-j 1` and `-j 2` alike (same exit code, same messages, in the same
    order, nothing published); its error lines."""
    one = project.run(tmp_path / "one", "-j", "1", *extra)
    two = project.run(tmp_path / "two", "-j", "2", *extra)
    assert one.code == two.code == 1, one.stderr
    assert two.stderr == one.stderr
    assert project.snapshot(tmp_path / "one") == project.snapshot(tmp_path / "two") == {}
    return [line for line in one.stderr.splitlines() if ": error: " in line]


def test_broken_profiles_in_a_batch_are_reported_as_one_process_reports_them(
    own_project: Builds, tmp_path: Path, pipelined: list[bool]
) -> None:
    _copies(own_project.project, READ_AHEAD_FROM)
    corpus = sorted((BAD / "profile").glob("*.yaml"))[:6]
    for path in corpus:
        shutil.copy(path, own_project.project / "data" / path.name)
    errors = _diagnostics_match(own_project, tmp_path, *ONE_EACH)
    assert pipelined == [True]
    assert len({line.split(":")[0] for line in errors}) >= 4  # several files' problems, only them


def test_a_duplicate_id_and_a_missing_picture_in_a_batch(
    own_project: Builds, tmp_path: Path, pipelined: list[bool]
) -> None:
    ids = _copies(own_project.project, READ_AHEAD_FROM)
    third = own_project.project / "data" / f"{ids[2]}.yaml"
    text = third.read_text(encoding="utf-8").replace(
        "src: data/images/cover.jpg", "src: data/images/gone.jpg"
    )
    third.write_text(text.replace(f"\nid: {ids[2]}\n", f"\nid: {ids[1]}\n"), encoding="utf-8")
    errors = _diagnostics_match(own_project, tmp_path, *ONE_EACH)
    assert pipelined == [True]
    assert any("gone.jpg" in line for line in errors) and any("already used" in line for line in errors)


def test_compose_problems_of_a_batchs_documents_come_in_plan_order(
    own_project: Builds, tmp_path: Path, pipelined: list[bool]
) -> None:
    _copies(own_project.project, READ_AHEAD_FROM)
    text = (BAD / "layout" / "bind-missing-field.yaml").read_text(encoding="utf-8")
    (own_project.project / "assets").mkdir(exist_ok=True)  # the picture it shows: checked at loading
    Image.new("L", (1, 1)).save(own_project.project / "assets" / "pixel.png")
    for layout_id in ("bad-one", "bad-two"):
        bad = text.replace("id: one-pager", f"id: {layout_id}")
        (own_project.project / "layouts" / f"{layout_id}.yaml").write_text(bad, encoding="utf-8")
    errors = _diagnostics_match(own_project, tmp_path, "--layout", "bad-one", "--layout", "bad-two")
    assert pipelined == [True]
    assert len(errors) == 2 and "bad-one.yaml" in errors[0] and "bad-two.yaml" in errors[1]


def test_a_broken_layout_and_profile_in_a_batch_are_reported_as_one_process_reports_them(
    own_project: Builds, tmp_path: Path, pipelined: list[bool]
) -> None:
    _copies(own_project.project, READ_AHEAD_FROM)
    shutil.copy(BAD / "profile" / "missing-required-key.yaml", own_project.project / "data")
    shutil.copy(BAD / "layout" / "unknown-colour.yaml", own_project.project / "layouts")
    errors = _diagnostics_match(own_project, tmp_path)
    assert pipelined == [False]  # the layouts are checked first: a serial load reports them all
    assert any("missing-required-key.yaml" in line for line in errors)
    assert any("unknown-colour.yaml" in line for line in errors)


def test_a_profile_changed_during_a_batch_fails_the_build(
    batch_builds: Builds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the build's process finds a profile file other than the workers read, it stops."""
    real = Loader.take

    def stale(self: Loader, path: Path, version: tuple[int, ...], read: Any) -> None:
        real(self, path, (0,) if path.stem == "copy-04" else version, read)

    monkeypatch.setattr(Loader, "take", stale)
    outcome = batch_builds.run(tmp_path, "-j", "2", *ONE_EACH)
    assert outcome.code == 1
    assert "copy-04.yaml" in outcome.stderr and "changed while it was being built" in outcome.stderr
    assert batch_builds.snapshot(tmp_path) == {}
