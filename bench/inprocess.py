"""In-process costs: a project in; per artifact kind, the median seconds of compose and of each renderer,
the same pages drawn by the floors, and the cost per page of a long brochure out.

Everything runs in this (warm) process: imports done, fonts cached and loaded, one call of each
thing made before timing — what a batch, a `watch` process or a pool worker sees.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import floors
from measure import median_of, time_call

__all__ = ["artifact_costs", "page_costs"]

CREATED = dt.datetime(2023, 11, 14, tzinfo=dt.UTC)
KINDS = [("brochure-a4", "en"), ("brochure-a4", "zh"), ("deck-16x9", "en"), ("deck-16x9", "zh")]


def _inputs(project: Path, layouts: tuple[str, ...]) -> Any:
    from zjlab_reports.build import Selection, load_inputs
    from zjlab_reports.project import Project

    return load_inputs(Project(project), Selection(layouts=layouts))


def _composer(project: Path, inputs: Any, layout_id: str, lang: str):
    from zjlab_reports.compose import compose

    profile = inputs.profiles[0]
    layout = next(lay for lay in inputs.layouts if lay.id == layout_id)
    theme = inputs.themes[layout.layout.theme]
    return lambda: compose(profile, layout, theme, lang, root=project, created=CREATED)


def artifact_costs(project: Path, repeat: int, ops_folder: Path) -> dict[str, dict[str, float]]:
    """Per (layout, language): median ms of load, compose, PDF, PPTX and the floors.

    Writes each document's floor operations to `ops_folder` (for the whole-process floors).
    """
    from zjlab_reports.build import render_pdf, render_pptx

    loading = time_call(lambda: _inputs(project, ()), repeat)
    inputs = _inputs(project, ())
    out: dict[str, dict[str, float]] = {}
    for layout_id, lang in KINDS:
        make = _composer(project, inputs, layout_id, lang)
        document = make()
        ops = floors.operations(document)
        (ops_folder / f"{layout_id}-{lang}.json").write_text(json.dumps(ops), encoding="utf-8")
        floors.register_fonts(ops)
        row = {"pages": len(document.pages), "load": median_of(loading) * 1000}
        row["compose"] = _ms(make, repeat)
        row["pdf"] = _ms(lambda d=document: render_pdf(d), repeat)
        row["floor_pdf"] = _ms(lambda o=ops: floors.draw_pdf(o), repeat)
        if document.kind == "deck":
            row["pptx"] = _ms(lambda d=document: render_pptx(d), max(3, repeat // 2))
            row["floor_pptx"] = _ms(lambda o=ops: floors.draw_pptx(o), max(3, repeat // 2))
        out[f"{layout_id}-{lang}"] = row
    return out


def _ms(function: Any, repeat: int) -> float:
    function()  # warm: fonts registered, caches filled
    return median_of(time_call(function, repeat)) * 1000


def page_costs(projects: dict[int, Path], repeat: int) -> dict[int, dict[str, float]]:
    """For each page count, the ms per page of composing and drawing (PDF) the long brochure."""
    from zjlab_reports.build import render_pdf

    out = {}
    for pages, project in projects.items():
        inputs = _inputs(project, (f"long-{pages:03d}",))
        make = _composer(project, inputs, f"long-{pages:03d}", "en")
        document = make()
        assert len(document.pages) == pages, len(document.pages)
        compose_ms = _ms(make, repeat)
        pdf_ms = _ms(lambda d=document: render_pdf(d), repeat)
        out[pages] = {
            "compose": compose_ms / pages,
            "pdf": pdf_ms / pages,
            "total": (compose_ms + pdf_ms) / pages,
        }
    return out
