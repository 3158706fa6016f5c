"""Incremental rebuilds: only the documents a change affects are rebuilt; the folder stays whole."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from zjlab_reports.build import Selection, build
from zjlab_reports.project import Project
from zjlab_reports.rebuild import Rebuilder

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The shipped project plus a second profile and a second fact sheet layout (ids of their own)."""
    root = tmp_path / "project"
    for folder in ("data", "layouts", "themes"):
        shutil.copytree(ROOT / folder, root / folder)
    profile = (root / "data" / "zhejiang-lab.yaml").read_text(encoding="utf-8")
    (root / "data" / "partner.yaml").write_text(profile.replace("id: zhejiang-lab", "id: partner"), "utf-8")
    layout = (root / "layouts" / "factsheet-letter.yaml").read_text(encoding="utf-8")
    (root / "layouts" / "sheet-copy.yaml").write_text(
        layout.replace("id: factsheet-letter", "id: sheet-copy"), "utf-8"
    )
    return root


def rebuilder(project: Path) -> Rebuilder:
    return Rebuilder(
        Project(project), project / "dist", Selection(layouts=("factsheet-letter", "sheet-copy"))
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rebuilt(result) -> set[str]:
    return {a.path for a in result.rebuilt}


def manifest(project: Path) -> list[str]:
    return [a["path"] for a in json.loads((project / "dist" / "manifest.json").read_text())["artifacts"]]


def test_first_refresh_builds_everything_then_nothing_when_nothing_changed(project: Path) -> None:
    watcher = rebuilder(project)
    first = watcher.refresh()
    assert len(first.rebuilt) == 2 * 2 * 2 and not first.diagnostics  # profiles x layouts x langs
    stamp = (project / "dist" / "manifest.json").stat().st_mtime_ns
    again = watcher.refresh()
    assert not again.changed and not again.diagnostics
    assert (project / "dist" / "manifest.json").stat().st_mtime_ns == stamp  # nothing written


def test_a_profile_edit_rebuilds_only_that_profiles_documents(project: Path) -> None:
    watcher = rebuilder(project)
    watcher.refresh()
    edit(project / "data" / "partner.yaml", "value: 90.5", "value: 91.5")
    result = watcher.refresh()
    assert rebuilt(result) == {
        f"partner-{lay}-{lang}.pdf" for lay in ("factsheet-letter", "sheet-copy") for lang in ("en", "zh")
    }
    assert len(manifest(project)) == 8  # the manifest still lists every document


def test_a_layout_edit_rebuilds_only_that_layouts_documents(project: Path) -> None:
    watcher = rebuilder(project)
    watcher.refresh()
    edit(project / "layouts" / "sheet-copy.yaml", "\nkind:", "\n# a designer's note\nkind:")
    assert not watcher.refresh().changed  # a comment changes no document
    edit(project / "layouts" / "sheet-copy.yaml", "top: 16", "top: 17")
    result = watcher.refresh()
    assert rebuilt(result) == {
        f"{p}-sheet-copy-{lang}.pdf" for p in ("partner", "zhejiang-lab") for lang in ("en", "zh")
    }


def test_a_theme_edit_rebuilds_every_layout_that_uses_it(project: Path) -> None:
    watcher = rebuilder(project)
    watcher.refresh()
    theme = project / "themes" / "zhejiang-lab.yaml"
    colour = next(
        line.split(":", 1)[1].strip() for line in theme.read_text().splitlines() if "primary:" in line
    )
    edit(theme, f"primary: {colour}", "primary: '#5a1730'")
    assert len(watcher.refresh().rebuilt) == 8


def test_a_broken_save_reports_keeps_the_files_and_recovers(project: Path) -> None:
    watcher = rebuilder(project)
    watcher.refresh()
    before = {p.name: p.read_bytes() for p in (project / "dist").iterdir() if not p.name.startswith(".")}
    profile = project / "data" / "zhejiang-lab.yaml"
    good = profile.read_text(encoding="utf-8")
    profile.write_text(good[: len(good) // 2], encoding="utf-8")  # an editor caught mid-save
    broken = watcher.refresh()
    assert broken.diagnostics and not broken.changed
    assert all(d.span.file.endswith("zhejiang-lab.yaml") for d in broken.diagnostics)
    after = {p.name: p.read_bytes() for p in (project / "dist").iterdir() if not p.name.startswith(".")}
    assert after == before
    profile.write_text(good.replace("value: 90.5", "value: 92.5"), encoding="utf-8")
    fixed = watcher.refresh()
    assert not fixed.diagnostics
    assert rebuilt(fixed) == {
        f"zhejiang-lab-{lay}-{lang}.pdf"
        for lay in ("factsheet-letter", "sheet-copy")
        for lang in ("en", "zh")
    }


def test_a_removed_profile_is_dropped_from_the_manifest(project: Path) -> None:
    watcher = rebuilder(project)
    watcher.refresh()
    (project / "data" / "partner.yaml").unlink()
    result = watcher.refresh()
    assert len(result.dropped) == 4 and not result.rebuilt
    assert manifest(project) == [a.path for a in watcher.artifacts()]
    assert all(path.startswith("zhejiang-lab-") for path in manifest(project))


def test_incremental_output_equals_a_fresh_build(project: Path, tmp_path: Path) -> None:
    watcher = rebuilder(project)
    watcher.refresh()
    edit(project / "data" / "partner.yaml", "value: 90.5", "value: 93.5")
    watcher.refresh()
    fresh = tmp_path / "fresh"
    build(Project(project), fresh, Selection(layouts=("factsheet-letter", "sheet-copy")))
    names = sorted(p.name for p in fresh.iterdir() if not p.name.startswith("."))
    assert names == sorted(p.name for p in (project / "dist").iterdir() if not p.name.startswith("."))
    for name in names:
        assert (fresh / name).read_bytes() == (project / "dist" / name).read_bytes(), name
