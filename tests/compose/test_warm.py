"""Warming up (`compose.warm`): what the first document of a process would do first is done once,
whatever the profile, and changes nothing a document holds or a diagnostic says."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from zjlab_reports import compose as composing
from zjlab_reports.compose import compose, warm
from zjlab_reports.compose.format import babel_version
from zjlab_reports.diagnostics import DiagnosticError
from zjlab_reports.loaders import LoadedLayout, LoadedProfile, LoadedTheme
from zjlab_reports.model.common import Text
from zjlab_reports.model.template import _parsed

from .test_compose_bindings import HEAD

ROOT = Path(__file__).resolve().parents[2]
CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _parsed_again(text: str) -> bool:
    """Whether `text` was already parsed as a layout template in this process."""
    hits = _parsed.cache_info().hits
    _parsed(text, True)
    return _parsed.cache_info().hits == hits + 1


def test_warming_reads_every_layouts_templates_in_each_language_and_checks_its_frames(
    layouts: dict[str, LoadedLayout],
) -> None:
    _parsed.cache_clear()
    composing._ON_PAGE.clear()
    warm(list(layouts.values()), ["zh"])
    for layout in layouts.values():
        title, bookmark = layout.layout.title, layout.layout.pages[0].bookmark
        for template in (title, bookmark):
            if template is not None:
                assert _parsed_again(template["zh"] if isinstance(template, Text) else template)
    assert len(composing._ON_PAGE) == len(layouts)


def test_warming_finds_the_installed_babels_version_once(
    layouts: dict[str, LoadedLayout],
) -> None:
    babel_version.cache_clear()
    warm(list(layouts.values()), ["en"])
    assert babel_version.cache_info().currsize == 1
    assert "babel" in babel_version()


def test_a_document_composed_after_warming_is_the_one_composed_without(
    profile: LoadedProfile,
    theme: LoadedTheme,
    scratch_layout: Callable[[str], tuple[LoadedLayout, Path]],
) -> None:
    text = HEAD + '          - {type: paragraph, text: "{facts.staff} people in {location.city}"}\n'
    cold, _ = scratch_layout(text)
    expected = compose(profile, cold, theme, "zh", root=ROOT, created=CREATED)
    warmed, _ = scratch_layout(text)  # loaded again: another object, checked on the page again
    _parsed.cache_clear()
    warm([warmed], ["en", "zh"])
    assert compose(profile, warmed, theme, "zh", root=ROOT, created=CREATED) == expected


def test_bad_input_is_left_for_compose_to_report(
    profile: LoadedProfile,
    theme: LoadedTheme,
    scratch_layout: Callable[[str], tuple[LoadedLayout, Path]],
) -> None:
    layout, _ = scratch_layout(HEAD + '          - {type: paragraph, text: "{facts.staff in [town"}\n')
    with pytest.raises(DiagnosticError) as cold:
        compose(profile, layout, theme, "en", root=ROOT, created=CREATED)
    warm([layout], ["en", "zh"])  # the template does not raise here
    with pytest.raises(DiagnosticError) as warmed:
        compose(profile, layout, theme, "en", root=ROOT, created=CREATED)
    assert [d.render() for d in warmed.value.diagnostics] == [d.render() for d in cold.value.diagnostics]
