"""The watch command: a project and a selection in; a rebuild, reported, after every saved change.

For people: the artifacts rebuilt (with their times), problems as they appear, and a line
saying the folder is watched. With --json: one JSON document per line for every rebuild (an
editor plugin reads them as they come), then one for the whole session when it stops.
Ctrl-C stops watching cleanly (exit code 0).
"""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path

from ..diagnostics import display_path
from .commands import selection
from .formats import Outcome, outcome_json
from .output import Console

__all__ = ["watch"]


def watch(args: argparse.Namespace, console: Console, outcome: Outcome) -> int:
    from ..project import Project
    from ..rebuild import Rebuilder
    from ..watch import watch as watch_project

    rebuilder = Rebuilder(Project(args.project), args.out, selection(args))
    rounds = {"count": 0, "failed": 0}

    def report(result, changed: list[Path]) -> None:
        rounds["count"] += 1
        rounds["failed"] += bool(result.diagnostics)
        _report_round(console, args, result, changed)

    def progress(changed: list[Path]):
        if changed:
            console.say(f"changed: {', '.join(display_path(p) for p in changed)}")
        return console.progress(args.out)

    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how one stops watching
        watch_project(rebuilder, report, progress)
    console.say("stopped watching")
    outcome.artifacts = [a.manifest_entry() for a in rebuilder.artifacts()]
    outcome.results["rounds"] = rounds["count"]
    outcome.results["rounds_with_problems"] = rounds["failed"]
    return 0


def _report_round(console: Console, args: argparse.Namespace, result, changed: list[Path]) -> None:
    if args.preview and result.rebuilt:
        _preview(console, args, result)
    if console.json:
        print(outcome_json(_round_outcome(result, changed), indent=None), file=console.stdout, flush=True)
    elif result.diagnostics:
        console.problems(result.diagnostics)
    if result.diagnostics:
        what = "kept the last good files; fix the problem and save again"
    elif result.changed:
        what = f"{'re' if changed else ''}built {len(result.rebuilt)} files in {result.seconds:.2f} s"
    else:
        what = "no document changed"
    console.say(f"{what}; watching {_folders(args)} (Ctrl-C stops)")


def _round_outcome(result, changed: list[Path]) -> Outcome:
    round_ = Outcome("watch", 1 if result.diagnostics else 0)
    round_.artifacts = [a.manifest_entry() for a in result.rebuilt]
    round_.diagnostics = list(result.diagnostics)
    round_.timings["total"] = round(result.seconds, 3)
    round_.results["changed"] = [display_path(p) for p in changed]
    return round_


def _preview(console: Console, args: argparse.Namespace, result) -> None:
    from ..preview import PdfSource, write_preview

    sources = [
        PdfSource(a.path[: -len(".pdf")], a.kind, a.lang, a.data) for a in result.rebuilt if a.format == "pdf"
    ]
    try:
        write_preview(args.preview_out, sources)
    except (OSError, ValueError) as exc:
        console.say(f"{display_path(args.preview_out)}: could not refresh the preview: {exc}")
        return
    console.say(f"preview: {display_path(args.preview_out / 'index.html')}")


def _folders(args: argparse.Namespace) -> str:
    root = args.project
    return ", ".join(display_path(root / name) for name in ("data", "layouts", "themes"))
