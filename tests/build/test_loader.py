"""One project loader (issue 15, item 4): build, list and validate share it; a watcher reloads with it.

A `Loader` re-reads a file only when it changed on disk (unchanged files give the very same
objects), loads each theme once for every layout, re-checks pictures that changed under an
unchanged layout, and fixes one creation time that build and validate both use.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
from pathlib import Path
from typing import Any

import pytest

import zjlab_reports.build as build_module
import zjlab_reports.compose as compose_package
import zjlab_reports.inputs as inputs_module
import zjlab_reports.validate as validate_module
from zjlab_reports.build import Selection
from zjlab_reports.diagnostics import DiagnosticError
from zjlab_reports.inputs import FALLBACK_CREATED, Loader
from zjlab_reports.project import Project
from zjlab_reports.validate import validate_paths


def _touch_later(path: Path, text: str) -> None:
    """Write `text` and make sure the modification time moves on (coarse clocks)."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))


def test_a_reload_reads_only_what_changed(own_project: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []
    for kind, real in list(inputs_module._LOADERS.items()):
        monkeypatch.setitem(
            inputs_module._LOADERS,
            kind,
            lambda path, real=real: (reads.append(Path(path).name), real(path))[1],
        )
    loader = Loader(Project(own_project.project))
    first = loader.load()
    layouts = len(list((own_project.project / "layouts").glob("*.yaml")))
    assert len(reads) == 1 + layouts + 1, reads  # one profile, every layout, one theme for all
    assert len(first.themes) == 1
    reads.clear()
    second = loader.load()
    assert reads == []
    assert second.profiles[0] is first.profiles[0] and second.layouts == first.layouts
    assert next(iter(second.themes.values())) is next(iter(first.themes.values()))
    profile = own_project.project / "data" / "zhejiang-lab.yaml"
    text = profile.read_text(encoding="utf-8")
    _touch_later(profile, text + "# edited\n")
    third = loader.load()
    assert reads == ["zhejiang-lab.yaml"]
    assert third.profiles[0] is not first.profiles[0]
    assert all(a is b for a, b in zip(third.layouts, first.layouts, strict=True))


def test_a_broken_save_then_a_fixed_one(own_project: Any) -> None:
    loader = Loader(Project(own_project.project))
    loader.load()
    layout = own_project.project / "layouts" / "factsheet-letter.yaml"
    good = layout.read_text(encoding="utf-8")
    _touch_later(layout, good.replace("\npages:", "\npages: [\n", 1))
    with pytest.raises(DiagnosticError) as caught:
        loader.load()
    assert all("factsheet-letter.yaml" in d.span.file for d in caught.value.diagnostics)
    with pytest.raises(DiagnosticError):
        loader.load()  # still broken: the same answer, without parsing again
    _touch_later(layout, good)
    assert [lay.id for lay in loader.load(Selection(layouts=("factsheet-letter",))).layouts] == [
        "factsheet-letter"
    ]


def test_a_picture_changed_under_an_unchanged_layout_is_checked_again(own_project: Any) -> None:
    project = own_project.project
    (project / "assets").mkdir()
    picture = project / "assets" / "logo.png"
    from PIL import Image

    Image.new("RGB", (40, 20), (10, 60, 120)).save(picture)
    layout = project / "layouts" / "factsheet-letter.yaml"
    text = layout.read_text(encoding="utf-8")
    block = "\n        blocks:\n"
    assert block in text, "the shipped fact sheet changed: update this test's edit"
    image = "          - {type: image, src: assets/logo.png, alt: {en: Logo, zh: 标志}, height: 5}\n"
    layout.write_text(text.replace(block, block + image, 1), encoding="utf-8")
    loader = Loader(Project(project))
    loader.load()
    data = picture.read_bytes()
    picture.write_bytes(data[: len(data) // 2])
    with pytest.raises(DiagnosticError) as caught:
        loader.load()
    (problem,) = caught.value.diagnostics
    assert "image 'assets/logo.png' is a damaged PNG file" in problem.message
    assert problem.span.file.endswith("factsheet-letter.yaml") and problem.span.line > 0


@pytest.mark.parametrize("epoch", [None, "1700000000"])
def test_build_and_validate_use_one_creation_time(
    own_project: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, epoch: str | None
) -> None:
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    seen: dict[str, set[dt.datetime]] = {"build": set(), "validate": set()}
    # build imports compose when it first composes (compose_placed: with the pictures placed);
    # -j 1: compose runs in this process
    spied = (("build", compose_package, "compose_placed"), ("validate", validate_module, "compose"))
    for name, module, function in spied:
        real = getattr(module, function)

        def spy(*args: Any, real: Any = real, name: str = name, **kwargs: Any) -> Any:
            seen[name].add(kwargs["created"])
            return real(*args, **kwargs)

        monkeypatch.setattr(module, function, spy)
    assert own_project.run(tmp_path / "out", "--layout", "factsheet-letter", "-j", "1").code == 0
    validate_paths(own_project.project, [])
    expected = FALLBACK_CREATED if epoch is None else dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    assert seen == {"build": {expected}, "validate": {expected}}
    assert expected.tzinfo is dt.UTC


def test_one_loader_serves_validate_and_build(own_project: Any, tmp_path: Path) -> None:
    loader = Loader(Project(own_project.project))
    assert validate_paths(own_project.project, [], loader=loader) > 0
    kept = loader.load()
    artifacts = build_module.build(
        Project(own_project.project),
        tmp_path / "out",
        Selection(layouts=("factsheet-letter",)),
        loader=loader,
    )
    assert {a.layout for a in artifacts} == {"factsheet-letter"}
    assert loader.load().profiles[0] is kept.profiles[0]


def test_a_selection_of_layouts_loads_only_those(own_project: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A layout the selection does not name is not read, even broken; one naming no layout at
    all reads every layout again, so that the diagnostic lists them."""
    reads: list[str] = []
    real = inputs_module._LOADERS["layout"]
    monkeypatch.setitem(
        inputs_module._LOADERS, "layout", lambda path: (reads.append(Path(path).name), real(path))[1]
    )
    broken = own_project.project / "layouts" / "factsheet-letter.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "\nnot-a-key: 1\n", encoding="utf-8")
    inputs = Loader(Project(own_project.project)).load(Selection(layouts=("brochure-a4",)))
    assert [layout.id for layout in inputs.layouts] == ["brochure-a4"]
    assert reads == ["brochure-a4.yaml"]
    with pytest.raises(DiagnosticError) as everything:
        Loader(Project(own_project.project)).load()
    assert any("unknown key 'not-a-key'" in d.message for d in everything.value.diagnostics)
    reads.clear()
    with pytest.raises(DiagnosticError) as unknown:
        Loader(Project(own_project.project)).load(Selection(layouts=("brochure-a5",)))
    assert len(reads) == len(list(broken.parent.glob("*.yaml")))
    assert any("not-a-key" in d.message for d in unknown.value.diagnostics)  # read again, so reported


def _many_profiles(root: Path, count: int) -> list[str]:
    """`count` copies of the project's profile under other ids (and file names); their ids."""
    shipped = (root / "data" / "zhejiang-lab.yaml").read_text(encoding="utf-8")
    assert shipped.count("\nid: zhejiang-lab\n") == 1
    ids = [f"copy-{index:02d}" for index in range(count)]
    for name in ids:
        (root / "data" / f"{name}.yaml").write_text(
            shipped.replace("\nid: zhejiang-lab\n", f"\nid: {name}\n")
        )
    return ids


def test_profiles_read_in_parallel_are_those_read_one_by_one(own_project: Any) -> None:
    root = own_project.project
    ids = _many_profiles(root, inputs_module.READ_AHEAD_FROM + 2)
    one_by_one = Loader(Project(root)).load()
    parallel_loader = Loader(Project(root))
    parallel = parallel_loader.load(jobs=2)
    assert [p.id for p in parallel.profiles] == [p.id for p in one_by_one.profiles] == [*ids, "zhejiang-lab"]
    assert parallel.profiles == one_by_one.profiles
    assert one_by_one.pickled == {}
    assert sorted(parallel.pickled) == sorted(p.id for p in parallel.profiles)
    for profile in parallel.profiles:
        assert pickle.loads(parallel.pickled[profile.id]) == profile
    again = parallel_loader.load(jobs=2)  # nothing changed: nothing read again, no pickles
    assert all(a is b for a, b in zip(again.profiles, parallel.profiles, strict=True))
    assert again.pickled == {}


def test_bad_profiles_read_in_parallel_give_the_same_diagnostics_in_the_same_order(own_project: Any) -> None:
    root = own_project.project
    _many_profiles(root, 3)
    corpus = sorted((Path(__file__).parents[1] / "bad_inputs" / "profile").glob("*.yaml"))
    assert len(corpus) >= inputs_module.READ_AHEAD_FROM
    for path in corpus:
        (root / "data" / path.name).write_bytes(path.read_bytes())
    found = []
    for jobs in (1, 2):
        with pytest.raises(DiagnosticError) as caught:
            Loader(Project(root)).load(jobs=jobs)
        found.append(caught.value.diagnostics)
    assert found[0] == found[1]
    assert len({d.span.file for d in found[0]}) >= len(corpus) - 1  # (not one file's problems only)


def test_profiles_read_in_parallel_share_their_data_paths_and_keys(own_project: Any) -> None:
    """As files read in one process do: a batch's profiles are kept by the build's process."""
    _many_profiles(own_project.project, inputs_module.READ_AHEAD_FROM)
    first, second = Loader(Project(own_project.project)).load(jobs=2).profiles[:2]
    shared = [path for path in first.source.spans if path in second.source.spans]
    assert len(shared) > 100
    theirs = {path: path for path in second.source.spans}
    assert all(theirs[path] is path for path in shared)
    assert all(a is b for a, b in zip(first.source.data, second.source.data, strict=True))


def test_profiles_kept_at_rest_are_those_read_one_by_one(own_project: Any) -> None:
    """A parallel build's loader keeps each profile read in parallel as its pickle and what
    loading needs of it: the same ids, the same profiles once unpickled, the same problems."""
    root = own_project.project
    ids = _many_profiles(root, inputs_module.READ_AHEAD_FROM + 1)
    one_by_one = Loader(Project(root)).load()
    at_rest = Loader(Project(root), at_rest=True).load(jobs=2)
    assert [p.id for p in at_rest.profiles] == [*ids, "zhejiang-lab"]
    assert all(isinstance(p, inputs_module.ProfileAtRest) for p in at_rest.profiles)
    assert [p.loaded() for p in at_rest.profiles] == list(one_by_one.profiles)  # type: ignore[union-attr]
    assert all(at_rest.pickled[p.id] is p.data for p in at_rest.profiles)  # type: ignore[union-attr]
    for profile, kept in zip(one_by_one.profiles, at_rest.profiles, strict=True):
        assert isinstance(kept, inputs_module.ProfileAtRest)
        assert kept.source.span(("id",)) == profile.source.span(("id",))
        assert [src for src, _ in kept.pictures] == [p.src for p in profile.profile.images.values()]  # type: ignore[union-attr]


def test_problems_of_profiles_at_rest_are_those_found_one_by_one(own_project: Any) -> None:
    """A missing picture and an id used twice, among profiles kept at rest: the same
    diagnostics, in the same order, as a serial load's."""
    root = own_project.project
    ids = _many_profiles(root, inputs_module.READ_AHEAD_FROM + 1)
    third = root / "data" / f"{ids[2]}.yaml"
    text = third.read_text(encoding="utf-8").replace(
        "src: data/images/cover.jpg", "src: data/images/gone.jpg"
    )
    third.write_text(text.replace(f"\nid: {ids[2]}\n", f"\nid: {ids[1]}\n"), encoding="utf-8")
    found = []
    for loader, jobs in ((Loader(Project(root)), 1), (Loader(Project(root), at_rest=True), 2)):
        with pytest.raises(DiagnosticError) as caught:
            loader.load(jobs=jobs)
        found.append(caught.value.diagnostics)
    assert found[0] == found[1]
    messages = [d.message for d in found[0]]
    assert any("gone.jpg" in m for m in messages) and any("already used" in m for m in messages)
    assert any(d.related and d.related[0][0].file.endswith(f"{ids[1]}.yaml") for d in found[1])


@pytest.mark.parametrize("chosen", [(), ("copy-00", "copy-03", "zhejiang-lab")])
def test_a_parallel_build_keeps_no_profile_object_while_its_workers_work(
    own_project: Any, monkeypatch: pytest.MonkeyPatch, chosen: tuple[str, ...]
) -> None:
    """Its process holds no profile object (memory flat over a batch); the workers build from
    their own copies, the same files as one process does. A selection by profile id loads
    first (pickles kept at rest); a whole batch is one pipeline (see test_pipeline.py)."""
    import gc

    import zjlab_reports.batch as batch_module
    import zjlab_reports.pipeline as pipeline_module
    from zjlab_reports.loaders import LoadedProfile

    root = own_project.project
    _many_profiles(root, inputs_module.READ_AHEAD_FROM)
    held: list[int] = []

    def counting(real: Any) -> Any:
        def count(*args: Any, **kwargs: Any) -> Any:
            gc.collect()
            held.append(sum(isinstance(o, LoadedProfile) for o in gc.get_objects()))
            return real(*args, **kwargs)

        return count

    monkeypatch.setattr(batch_module, "render_parallel", counting(batch_module.render_parallel))
    monkeypatch.setattr(pipeline_module, "in_pool", counting(pipeline_module.in_pool))
    selection = Selection(profiles=chosen, layouts=("factsheet-letter",), langs=("en",))
    made = build_module.build(Project(root), root / "two", selection, jobs=2)
    assert held == [0]
    one = build_module.build(Project(root), root / "one", selection, jobs=1)
    assert [(a.path, a.blob) for a in made] == [(a.path, a.blob) for a in one]
    assert len(made) == len(chosen) or len(made) == inputs_module.READ_AHEAD_FROM + 1
