"""Bindings: a layout that names a profile field the profile lacks is a diagnostic at its line:col.

Each test writes a layout with one or more misspelt bindings and checks that compose raises one
`DiagnosticError` holding every problem, each at the exact spot in the layout, with a hint.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from zjlab_reports.compose import compose
from zjlab_reports.diagnostics import Diagnostic, DiagnosticError
from zjlab_reports.loaders import LoadedLayout, LoadedProfile, LoadedTheme

ROOT = Path(__file__).resolve().parents[2]
CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)

HEAD = """\
id: scratch
kind: brochure
theme: zhejiang-lab
title: "{name}"
subject: "{name}"
size: A4
pages:
  - name: only
    frames:
      - name: body
        column: 1
        span: 12
        y: 0
        height: 200
        blocks:
"""

Problems = Callable[[str, str], tuple[list[Diagnostic], Path]]


@pytest.fixture
def problems(
    scratch_layout: Callable[[str], tuple[LoadedLayout, Path]], profile: LoadedProfile, theme: LoadedTheme
) -> Problems:
    """`problems(blocks_yaml, lang)`: the diagnostics composing that layout raises, and its path."""

    def run(blocks: str, lang: str) -> tuple[list[Diagnostic], Path]:
        layout, path = scratch_layout(HEAD + blocks)
        with pytest.raises(DiagnosticError) as raised:
            compose(profile, layout, theme, lang, root=ROOT, created=CREATED)
        return list(raised.value.diagnostics), path

    return run


def position(path: Path, needle: str) -> tuple[int, int]:
    """(line, column) counted from 1 of the first `needle` in the file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


def at(diagnostic: Diagnostic, path: Path) -> tuple[int, int]:
    assert Path(diagnostic.span.file).resolve() == path.resolve(), diagnostic.render()
    return diagnostic.span.line, diagnostic.span.column


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_missing_field_in_a_template_is_reported_at_the_text(problems: Problems, lang: str) -> None:
    blocks = '          - {type: paragraph, text: "{facts.staf} in {location.city}"}\n'
    (diagnostic,), path = problems(blocks, lang)
    assert diagnostic.message == "no profile field 'facts.staf'"
    assert at(diagnostic, path) == position(path, '"{facts.staf}')
    assert "did you mean 'staff'?" in diagnostic.hints


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_missing_field_in_a_bilingual_template_points_at_that_language(problems: Problems, lang: str) -> None:
    blocks = (
        "          - type: heading\n"
        "            text:\n"
        '              en: "Growing to {facts.staff_targte}"\n'
        '              zh: "员工规模达{facts.staff_targte}"\n'
    )
    (diagnostic,), path = problems(blocks, lang)
    assert diagnostic.message == "no profile field 'facts.staff_targte'"
    line, column = position(path, f"{lang}: ")
    assert at(diagnostic, path) == (line, column + 4)  # the value, after `en: ` / `zh: `
    assert "did you mean 'staff_target'?" in diagnostic.hints


def test_missing_list_binding_is_reported_at_bind(problems: Problems) -> None:
    blocks = "          - type: list\n            bind: focus_area\n"
    (diagnostic,), path = problems(blocks, "en")
    assert diagnostic.message == "no profile field 'focus_area'"
    assert at(diagnostic, path) == position(path, "focus_area")
    assert "did you mean 'focus_areas'?" in diagnostic.hints


def test_missing_fact_in_figures_is_reported_at_its_list_item(problems: Problems) -> None:
    blocks = "          - {type: figures, facts: [facts.area, facts.aera]}\n"
    (diagnostic,), path = problems(blocks, "zh")
    assert "facts.aera" in diagnostic.message
    assert at(diagnostic, path) == position(path, "facts.aera")
    assert any("area" in hint for hint in diagnostic.hints)


def test_every_missing_binding_is_reported_at_once(problems: Problems) -> None:
    blocks = (
        '          - {type: paragraph, text: "{nmae}"}\n'
        "          - {type: cards, bind: goals.centers}\n"
        "          - {type: chart, facts: [facts.staff, facts.stuff]}\n"
    )
    diagnostics, path = problems(blocks, "en")
    spots = {at(d, path) for d in diagnostics}
    assert {
        position(path, '"{nmae}"'),
        position(path, "goals.centers"),
        position(path, "facts.stuff"),
    } <= spots
    hints = [hint for d in diagnostics for hint in d.hints]
    assert "did you mean 'name'?" in hints and "did you mean 'centres'?" in hints
