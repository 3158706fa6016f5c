"""The core commands: parsed arguments in; results on the console and an exit code out.

schema, build and list (validate: `validating`). Each function takes the arguments, the `Console` and the
`Outcome` it fills in (artifacts, timings, results) and returns the exit code; problems in the
user's files are raised as `DiagnosticError` and reported by `run`.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, DiagnosticError, Span, display_path
from .formats import Outcome
from .output import Console
from .run import collector_paused

if TYPE_CHECKING:
    from ..verdict_cache import VerdictCache

__all__ = ["build", "list_plan", "manifest_merge", "output_error", "schema", "selection"]


def schema(args: argparse.Namespace, console: Console, outcome: Outcome) -> int:
    from ..schemas import schema_for

    document = schema_for(args.kind)
    outcome.results["schema"] = document
    if not console.json:  # the schema is the output itself, even with --quiet
        print(json.dumps(document, indent=2, ensure_ascii=False), file=console.stdout)
    return 0


def selection(args: argparse.Namespace):
    """The build `Selection` named by --profile, --layout, --lang, --for and --marks."""
    from ..build import Selection

    variants = tuple(dict.fromkeys(getattr(args, "variants", None) or ("screen",)))
    return Selection(
        tuple(args.profile or ()),
        tuple(args.layout or ()),
        tuple(args.lang or ()),
        variants,
        getattr(args, "marks", False),
    )


def output_error(folder: Path, exc: OSError) -> DiagnosticError:
    """The diagnostic for an output folder that cannot be written."""
    reason = exc.strerror or str(exc)
    return DiagnosticError(
        [
            Diagnostic(
                Span(display_path(folder)),
                f"cannot write output: {reason}",
                ("check the folder exists and is writable",),
            )
        ]
    )


def build(args: argparse.Namespace, console: Console, outcome: Outcome) -> int:
    with collector_paused():
        from ..build import build as build_project
        from ..jobs import default_jobs
        from ..project import Project

    started = time.perf_counter()
    progress = console.progress(args.out)
    jobs = args.jobs or default_jobs()
    with progress:  # output and input errors arrive as diagnostics, each naming its own file
        artifacts = build_project(
            Project(args.project),
            args.out,
            selection(args),
            progress,
            jobs=jobs,
            shard=args.shard,
            warnings=outcome.diagnostics,
        )
    outcome.artifacts = [artifact.manifest_entry() for artifact in artifacts]
    outcome.timings["artifacts"] = progress.as_json()
    seconds = time.perf_counter() - started
    files = f"{len(artifacts)} file{'s' if len(artifacts) != 1 else ''}"
    console.say(f"wrote {files} and manifest.json to {display_path(args.out)} in {seconds:.1f} s")
    return 0


def list_plan(args: argparse.Namespace, console: Console, outcome: Outcome) -> int:
    """The plan's rows; a plan stored by an earlier run with the same inputs and options
    (`verdict_cache`) is printed as it was, without importing or loading the models."""
    from ..verdict_cache import VerdictCache

    cache = VerdictCache(args.project, [], options=_list_options(args), command="list")
    stored = cache.read()
    rows = list(stored.plan) if stored is not None and not stored.errors else _planned(args, cache)
    for row in rows:
        console.say(
            "\t".join([row["profile"], row["layout"], row["kind"], row["lang"], ", ".join(row["formats"])])
        )
    outcome.results["plan"] = rows
    return 0


def _list_options(args: argparse.Namespace) -> list[str]:
    """What `list`'s answer depends on besides the project's files: the command and its selection."""
    variants = tuple(dict.fromkeys(getattr(args, "variants", None) or ("screen",)))
    chosen = (args.profile or [], args.layout or [], args.lang or [], variants, str(args.shard or ""))
    return ["list", json.dumps(chosen)]


def _planned(args: argparse.Namespace, cache: VerdictCache) -> list[dict[str, Any]]:
    """The plan's rows, from the project loaded; stored in `cache` unless a warning was logged.

    Raises `DiagnosticError` for bad input (nothing is stored then).
    """
    with collector_paused():
        from ..build import plan
        from ..inputs import Loader
        from ..project import Project
        from ..verdict_cache import Verdict, recording_reads
        from .validating import warnings_logged

    chosen = selection(args)
    loader = Loader(Project(args.project))
    with recording_reads() as reads, warnings_logged() as logged:
        inputs = loader.load(chosen)
    rows: list[dict[str, Any]] = []
    for profile, layout, lang in plan(inputs, chosen, args.shard):
        pdfs = ["pdf (print)" if v == "print" else "pdf" for v in chosen.variants]
        formats = ["pdf", "pptx"] if layout.layout.kind == "deck" else pdfs
        rows.append(
            {
                "profile": profile.id,
                "layout": layout.id,
                "kind": layout.layout.kind,
                "lang": lang,
                "formats": formats,
            }
        )
    if not logged.count:
        cache.write(Verdict((), (), 0, tuple(rows)), reads | loader.pictures_checked)
    return rows


def manifest_merge(args: argparse.Namespace, console: Console, outcome: Outcome) -> int:
    """Join the manifests of a sharded build's parts; print it, or write it to --output."""
    from ..shards import merge_manifests

    merged = merge_manifests(args.manifests)
    outcome.results["manifest"] = json.loads(merged)
    if args.output is None:
        if not console.json:  # the manifest is the output itself, even with --quiet
            console.stdout.write(merged.decode("utf-8"))
        return 0
    try:
        args.output.write_bytes(merged)
    except OSError as exc:
        message = f"cannot write the manifest: {exc.strerror or exc}"
        raise DiagnosticError([Diagnostic(Span(display_path(args.output)), message)]) from None
    console.say(f"merged {len(args.manifests)} manifests into {display_path(args.output)}")
    return 0
