"""Fixtures for the compose tests: the shipped project composed, and scratch layouts for edge cases.

Every shipped layout is composed in both languages once per test session (`composed`); the
`document` fixture hands each test one of those Documents, so a geometry rule is checked for
every layout × language (`case` says which). `scratch_layout` writes a layout of the test's
own into a temporary folder, for shrink-to-fit and diagnostics.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from zjlab_reports.compose import compose
from zjlab_reports.document import Document
from zjlab_reports.loaders import (
    LoadedLayout,
    LoadedProfile,
    LoadedTheme,
    load_layout,
    load_profile,
    load_theme,
)

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "data" / "zhejiang-lab.yaml"
THEME = ROOT / "themes" / "zhejiang-lab.yaml"
LAYOUTS = tuple(sorted(path.stem for path in (ROOT / "layouts").glob("*.yaml")))
LANGS = ("en", "zh")
CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
CASES = [(layout, lang) for layout in LAYOUTS for lang in LANGS]


@pytest.fixture(scope="session")
def profile() -> LoadedProfile:
    return load_profile(PROFILE)


@pytest.fixture(scope="session")
def theme() -> LoadedTheme:
    return load_theme(THEME)


@pytest.fixture(scope="session")
def layouts() -> dict[str, LoadedLayout]:
    return {name: load_layout(ROOT / "layouts" / f"{name}.yaml") for name in LAYOUTS}


@pytest.fixture(scope="session")
def composed(
    profile: LoadedProfile, theme: LoadedTheme, layouts: dict[str, LoadedLayout]
) -> Callable[[str, str], Document]:
    """`composed(layout, lang)`: the shipped layout composed in `lang`, once per session."""
    cache: dict[tuple[str, str], Document] = {}

    def get(layout: str, lang: str) -> Document:
        if (layout, lang) not in cache:
            cache[layout, lang] = compose(profile, layouts[layout], theme, lang, root=ROOT, created=CREATED)
        return cache[layout, lang]

    return get


@pytest.fixture(params=CASES, ids=[f"{layout}-{lang}" for layout, lang in CASES])
def case(request: pytest.FixtureRequest) -> tuple[str, str]:
    """(layout id, language): each shipped layout in each language."""
    return request.param


@pytest.fixture
def document(case: tuple[str, str], composed: Callable[[str, str], Document]) -> Document:
    """The shipped layout of `case`, composed in its language."""
    return composed(*case)


@pytest.fixture
def scratch_layout(tmp_path: Path) -> Callable[[str], tuple[LoadedLayout, Path]]:
    """`write(yaml_text)`: that text saved as a layout in a temporary folder, then loaded.

    Returns the loaded layout and its path. Compose it with the shipped `profile` and `theme`.
    """
    (tmp_path / "layouts").mkdir()

    def write(text: str) -> tuple[LoadedLayout, Path]:
        path = tmp_path / "layouts" / "scratch.yaml"
        path.write_text(text, encoding="utf-8")
        return load_layout(path), path

    return write


@pytest.fixture
def write_profile(tmp_path: Path) -> Callable[[dict[str, Any]], LoadedProfile]:
    """`write(data)`: profile data saved in a temporary folder, then loaded."""

    def write(data: dict[str, Any]) -> LoadedProfile:
        path = tmp_path / "data" / "profile.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return load_profile(path)

    return write


@pytest.fixture
def profile_with(
    write_profile: Callable[[dict[str, Any]], LoadedProfile], with_counts: Callable[..., dict[str, Any]]
) -> Callable[..., LoadedProfile]:
    """`profile_with(focus_areas=7, goals__centres=3)`: the shipped profile, lists resized
    (`numbered=True`: every item of them numbered)."""
    return lambda numbered=False, **counts: write_profile(with_counts(numbered, **counts))
