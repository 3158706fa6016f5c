"""The preview command: a selection (built now, or from a build folder) in; pictures and an index out."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from msgspec.structs import asdict

from ..diagnostics import Diagnostic, DiagnosticError, Span, display_path
from .commands import output_error, selection
from .formats import Outcome
from .output import Console

__all__ = ["preview", "preview_sources"]


def preview(args: argparse.Namespace, console: Console, outcome: Outcome) -> int:
    from ..preview import write_preview

    started = time.perf_counter()
    sources = _built_sources(args.source, args) if args.source else preview_sources(args, outcome)
    try:
        entries = write_preview(args.out, sources, args.dpi)
    except OSError as exc:
        raise output_error(args.out, exc) from None
    except ValueError as exc:
        raise DiagnosticError([Diagnostic(Span(display_path(args.source or args.out)), str(exc))]) from None
    out = display_path(args.out)
    for entry in entries:
        console.say(
            f"{out}/{entry.sheet}  {len(entry.pages)} {'slides' if entry.kind == 'deck' else 'pages'}"
        )
    outcome.results["previews"] = [{**asdict(entry), "folder": out} for entry in entries]
    outcome.timings["preview"] = round(time.perf_counter() - started, 3)
    console.say(f"wrote {len(entries)} contact sheets to {out}; open {out}/index.html")
    return 0


def preview_sources(args: argparse.Namespace, outcome: Outcome) -> list[Any]:
    """Build the selection in memory (nothing is written) and return its PDFs to picture."""
    from ..build import load_inputs, render
    from ..preview import PdfSource
    from ..project import Project
    from .progress import StepTimes

    times = StepTimes()
    chosen = selection(args)
    artifacts = render(Project(args.project), load_inputs(Project(args.project), chosen), chosen, times)
    outcome.timings["artifacts"] = times.as_json()
    return [PdfSource(a.path[: -len(".pdf")], a.kind, a.lang, a.data) for a in artifacts if a.format == "pdf"]


def _built_sources(folder: Path, args: argparse.Namespace) -> list[Any]:
    """The PDFs of an earlier build in `folder` (its manifest.json), narrowed by the selection."""
    from ..preview import PdfSource

    entries = _manifest(folder)
    wanted = [e for e in entries if _selected(e, args)]
    sources = []
    for entry in (e for e in wanted if e["format"] == "pdf"):
        stem = entry["path"][: -len(".pdf")]
        files = tuple(folder / e["path"] for e in entries if e["path"].rsplit(".", 1)[0] == stem)
        sources.append(PdfSource(stem, entry["kind"], entry["lang"], _read(folder / entry["path"]), files))
    return sources


def _manifest(folder: Path) -> list[dict[str, Any]]:
    path = folder / "manifest.json"
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["artifacts"]
        if all({"path", "format", "kind", "lang", "profile", "layout"} <= set(e) for e in entries):
            return list(entries)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    raise DiagnosticError(
        [
            Diagnostic(
                Span(display_path(path)),
                "no build manifest here",
                (f"build first: zjlab-reports build --out {display_path(folder)}",),
            )
        ]
    )


def _selected(entry: dict[str, Any], args: argparse.Namespace) -> bool:
    return all(
        not wanted or entry[key] in wanted
        for key, wanted in (("profile", args.profile), ("layout", args.layout), ("lang", args.lang))
    )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DiagnosticError(
            [
                Diagnostic(
                    Span(display_path(path)), f"cannot read the built file: {exc.strerror}", ("build again",)
                )
            ]
        ) from None
