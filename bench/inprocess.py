"""In-process costs: a project in; per artifact kind, the median seconds of compose and of each renderer,
the same pages drawn by the floors, and the cost per page of a long brochure out.

Everything runs in this (warm) process: imports done, fonts cached and loaded, one call of each
thing made before timing — what a batch, a `watch` process or a pool worker sees. Each timed
call composes (and draws) another profile variant (`workload.variants_project`), never the one
before it again: compose and the backends keep results between documents (bounded memos), and
timing the same document over and over would time those memos' hits, not a batch's work.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import floors
from measure import median_of, time_call, time_call_once

__all__ = ["artifact_costs", "page_costs"]

CREATED = dt.datetime(2023, 11, 14, tzinfo=dt.UTC)
KINDS = [("brochure-a4", "en"), ("brochure-a4", "zh"), ("deck-16x9", "en"), ("deck-16x9", "zh")]


def _inputs(project: Path, layouts: tuple[str, ...]) -> Any:
    from zjlab_reports.build import Selection, load_inputs
    from zjlab_reports.project import Project

    return load_inputs(Project(project), Selection(layouts=layouts))


def _composer(project: Path, inputs: Any, layout_id: str, lang: str, profile: Any = None):
    from zjlab_reports.compose import compose

    profile = profile or inputs.profiles[0]
    layout = next(lay for lay in inputs.layouts if lay.id == layout_id)
    theme = inputs.themes[layout.layout.theme]
    return lambda: compose(profile, layout, theme, lang, root=project, created=CREATED)


def artifact_costs(
    project: Path, variants: Path, repeat: int, ops_folder: Path
) -> dict[str, dict[str, float]]:
    """Per (layout, language): median ms of load, compose, PDF, PPTX and the floors.

    `project` is the shipped project (its documents give the floors' operations, written to
    `ops_folder` for the whole-process floors); `variants` a project of profile variants, one
    composed and drawn per timed call (the first of them only warms).
    """
    loading = time_call(lambda: _inputs(project, ()), repeat)
    inputs, batch = _inputs(project, ()), _inputs(variants, ())
    out: dict[str, dict[str, float]] = {}
    for layout_id, lang in KINDS:
        document = _composer(project, inputs, layout_id, lang)()
        ops = floors.operations(document)
        (ops_folder / f"{layout_id}-{lang}.json").write_text(json.dumps(ops), encoding="utf-8")
        floors.register_fonts(ops)
        row = {"pages": len(document.pages), "load": median_of(loading) * 1000}
        row.update(_variant_costs(variants, batch, layout_id, lang, document.kind == "deck"))
        row["floor_pdf"] = _ms(lambda o=ops: floors.draw_pdf(o), repeat)
        if document.kind == "deck":
            row["floor_pptx"] = _ms(lambda o=ops: floors.draw_pptx(o), max(3, repeat // 2))
        out[f"{layout_id}-{lang}"] = row
    return out


def _variant_costs(project: Path, inputs: Any, layout_id: str, lang: str, deck: bool) -> dict[str, float]:
    """Median ms of composing and rendering each profile variant of `inputs` but the first."""
    from zjlab_reports.build import render_pdf, render_pptx

    times: dict[str, list[float]] = (
        {"compose": [], "pdf": [], "pptx": []} if deck else {"compose": [], "pdf": []}
    )
    for index, profile in enumerate(inputs.profiles):
        make = _composer(project, inputs, layout_id, lang, profile)
        document = _timed(make, times["compose"], index)
        _timed(lambda d=document: render_pdf(d), times["pdf"], index)
        if deck:
            _timed(lambda d=document: render_pptx(d), times["pptx"], index)
    return {name: median_of(values) * 1000 for name, values in times.items()}


def _timed(function: Any, into: list[float], index: int) -> Any:
    """Call `function`; record its seconds in `into` unless it is the first (warming) call."""
    seconds, result = time_call_once(function)
    if index:
        into.append(seconds)
    return result


def _ms(function: Any, repeat: int) -> float:
    function()  # warm: fonts registered, caches filled
    return median_of(time_call(function, repeat)) * 1000


def page_costs(projects: dict[int, Path], repeat: int) -> dict[int, dict[str, float]]:
    """For each page count, the ms per page of composing and drawing (PDF) the long brochure,
    a different profile variant each time (`repeat` of them, after one that warms)."""
    out = {}
    for pages, project in projects.items():
        inputs = _inputs(project, (f"long-{pages:03d}",))
        assert len(inputs.profiles) > repeat, "the long project needs a variant per repeat"
        costs = _variant_costs(project, inputs, f"long-{pages:03d}", "en", deck=False)
        out[pages] = {
            "compose": costs["compose"] / pages,
            "pdf": costs["pdf"] / pages,
            "total": (costs["compose"] + costs["pdf"]) / pages,
        }
    return out
