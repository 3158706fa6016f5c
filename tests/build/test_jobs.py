"""`build -j N`: documents made by a pool of processes give the files, manifest and diagnostics of `-j 1`."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PIL import Image

import zjlab_reports.batch as batch_module
import zjlab_reports.build as build_module
from zjlab_reports import jobs

REPO = Path(__file__).resolve().parents[2]
BAD_LAYOUT = REPO / "tests" / "bad_inputs" / "layout" / "bind-missing-field.yaml"


@pytest.fixture(scope="module")
def sequential(shipped_builds: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every file of a whole build made with `-j 1` (in a child process, as a user runs it)."""
    out = tmp_path_factory.mktemp("j1")
    outcome = shipped_builds.run_process(out, "-j", "1", env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert outcome.code == 0, outcome.stderr
    return shipped_builds.snapshot(out)


@pytest.mark.parametrize("count", [2, 3])
def test_a_pool_builds_the_same_bytes(builds: Any, sequential: dict[str, bytes], tmp_path: Path, count: int):
    outcome = builds.run(tmp_path, "-j", str(count))
    assert outcome.code == 0, outcome.stderr
    made = builds.snapshot(tmp_path)
    assert sorted(made) == sorted(sequential)
    assert [name for name in made if made[name] != sequential[name]] == []
    manifest = [entry["path"] for entry in builds.manifest(tmp_path)]
    assert manifest == [entry["path"] for entry in json.loads(sequential["manifest.json"])["artifacts"]]


def test_spawned_workers_build_the_same_bytes(
    builds: Any, sequential: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Where workers cannot be forked they are spawned, and get the inputs pickled."""
    monkeypatch.setattr(jobs, "_context", lambda: multiprocessing.get_context("spawn"))
    outcome = builds.run(tmp_path, "-j", "2", "--layout", "factsheet-letter")
    assert outcome.code == 0, outcome.stderr
    made = builds.snapshot(tmp_path)
    assert {name for name in made if name != "manifest.json"} == {
        "zhejiang-lab-factsheet-letter-en.pdf",
        "zhejiang-lab-factsheet-letter-zh.pdf",
    }
    assert all(made[name] == sequential[name] for name in made if name != "manifest.json")


def _with_bad_layouts(own_project: Any) -> None:
    """Two layouts that fail to compose (a field that does not exist), in both languages."""
    text = BAD_LAYOUT.read_text(encoding="utf-8")
    (own_project.project / "assets").mkdir(exist_ok=True)  # the picture it shows: checked at loading
    Image.new("L", (1, 1)).save(own_project.project / "assets" / "pixel.png")
    for layout_id in ("bad-one", "bad-two"):
        bad = text.replace("id: one-pager", f"id: {layout_id}")
        (own_project.project / "layouts" / f"{layout_id}.yaml").write_text(bad, encoding="utf-8")


def test_diagnostics_come_in_the_same_order(own_project: Any, tmp_path: Path) -> None:
    _with_bad_layouts(own_project)
    one = own_project.run(tmp_path / "one", "-j", "1")
    two = own_project.run(tmp_path / "two", "-j", "2")
    assert one.code == two.code == 1, one.stderr
    errors = [line for line in one.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 2, one.stderr  # two layouts (one problem in both languages is said once)
    assert "bad-one.yaml" in errors[0] and "bad-two.yaml" in errors[-1]
    assert two.stderr == one.stderr
    assert not (tmp_path / "two").exists() or own_project.snapshot(tmp_path / "two") == {}


def test_a_crash_in_a_worker_is_an_internal_error(
    builds: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def render_pptx(document: Any) -> bytes:
        raise RuntimeError("the PPTX renderer fell over")

    monkeypatch.setattr(build_module, "render_pptx", render_pptx)  # forked workers inherit it
    outcome = builds.run(tmp_path, "-j", "2")
    assert outcome.code == 3, outcome.stderr
    assert "RuntimeError: the PPTX renderer fell over" in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert builds.snapshot(tmp_path) == {}


def test_heavy_documents_are_handed_out_first(monkeypatch: pytest.MonkeyPatch) -> None:
    handed: list[int] = []

    def in_pool(make: Any, order: list[int], count: int, on_done: Any, meanwhile: Any = None) -> list[Any]:
        handed.extend(order)
        return [([], [], [], [], ([], [])) for _ in order]

    monkeypatch.setattr(jobs, "in_pool", in_pool)
    monkeypatch.setattr(batch_module, "warm_up", lambda *args: None)  # these layouts are sketches
    kinds = ["brochure", "deck", "brochure", "deck"]
    pages = [2, 10, 7, 10]
    planned: Any = [
        (f"p{index}", _layout(kind, count), "en")
        for index, (kind, count) in enumerate(zip(kinds, pages, strict=True))
    ]
    batch: Any = batch_module.Batch(planned, [b""] * len(planned), {}, None)
    assert (
        batch_module.render_parallel(
            SimpleNamespace(root=REPO), batch, build_module.Selection(), 2, build_module.SILENT
        )
        == []
    )
    assert handed == [1, 3, 2, 0]  # decks first (in plan order when equal), then by pages


def test_progress_hears_of_every_file_made_by_the_workers_in_plan_order(builds: Any, tmp_path: Path) -> None:
    outcome = builds.run(tmp_path, "-j", "2", "--layout", "deck-16x9", "--json")
    assert outcome.code == 0, outcome.stderr
    steps = json.loads(outcome.stdout)["timings"]["artifacts"]
    files = [f"zhejiang-lab-deck-16x9-{lang}.{ext}" for lang in ("en", "zh") for ext in ("pdf", "pptx")]
    assert list(steps) == files  # in plan order, whichever worker finished first
    assert all(step["compose"] > 0 and step["render"] > 0 for step in steps.values())


def test_jobs_must_be_a_positive_number(builds: Any, tmp_path: Path) -> None:
    for bad in ("0", "-1", "two"):
        outcome = builds.run(tmp_path, "-j", bad)
        assert outcome.code == 2, outcome.stderr
        assert "a number of processes (1 or more)" in outcome.stderr


def test_default_jobs_is_the_usable_core_count() -> None:
    assert 1 <= jobs.default_jobs() <= (multiprocessing.cpu_count() or 1)


def _layout(kind: str, pages: int) -> Any:
    return SimpleNamespace(layout=SimpleNamespace(kind=kind, pages=[None] * pages))


def _square(index: int, failed: Any) -> int:
    return index * index


def test_the_pool_runs_meanwhile_here_once_while_the_workers_work() -> None:
    import os

    calls: list[int] = []
    arrived: list[int] = []
    squares = jobs.in_pool(
        _square,
        [3, 1, 2, 0],
        2,
        lambda index, result: arrived.append(index),
        lambda: calls.append(os.getpid()),
    )
    assert squares == [0, 1, 4, 9]
    assert calls == [os.getpid()]
    assert sorted(arrived) == [0, 1, 2, 3]


def _fails_at_one_and_three(index: int, failed: Any) -> int:
    import time

    if index == 1:
        time.sleep(0.5)  # still running when the task at 3 has failed
        raise ValueError("one")
    if index == 3:
        raise ValueError("three")
    return index


@pytest.mark.parametrize("count", [4, 60])
def test_of_the_tasks_that_failed_the_earliest_position_is_raised(count: int) -> None:
    arrived: list[int] = []
    with pytest.raises(ValueError, match="one"):
        jobs.in_pool(
            _fails_at_one_and_three, [3, 1, *range(4, count), 2, 0], 2, lambda i, r: arrived.append(i)
        )
    assert 3 not in arrived and 1 not in arrived
    assert len(arrived) < count - 2  # what was not handed out yet when one failed is not made
