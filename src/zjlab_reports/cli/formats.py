"""Machine-readable output: a finished command (`Outcome`) in; JSON, SARIF or GitHub annotations out.

- `outcome_json`: one JSON document for CI jobs and editor plugins: the command, its status
  and exit code, the artifacts (manifest entries), every diagnostic (file, line, column,
  severity, message, hint), and timings.
- `sarif_log`: the diagnostics as a SARIF 2.1.0 log (code-scanning tools, IDEs).
- `github_annotations`: `::error file=…,line=…,col=…::…` workflow commands, which GitHub
  Actions shows on the pull request's lines.

Paths are written as the diagnostics name them (relative to the working folder where the
file lies below it); GitHub annotations are made relative to `GITHUB_WORKSPACE` when set.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from .. import __version__
from ..diagnostics import Diagnostic, Severity, Span

__all__ = ["STATUS", "Outcome", "diagnostic_record", "github_annotations", "outcome_json", "sarif_log"]

#: The status word of each exit code.
STATUS = {0: "ok", 1: "invalid", 2: "usage", 3: "internal", 130: "interrupted"}
_RULE = "zjlab-reports/input"
_SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


class Outcome(Struct, eq=False):
    """What one command did: its exit code, artifacts, problems, timings and other results.

    `timings` are seconds by name ("total", "load", and per artifact under "artifacts");
    `results` holds what a command reports besides artifacts (e.g. `checked` files).
    """

    command: str
    exit_code: int = 0
    artifacts: list[dict[str, Any]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    timings: dict[str, Any] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict)


def _position(span: Span) -> dict[str, Any]:
    return {"file": span.file, "line": span.line or None, "column": span.column or None}


def diagnostic_record(diagnostic: Diagnostic) -> dict[str, Any]:
    """A diagnostic as plain data; `line`/`column` are None when unknown, `hint` None when none."""
    return {
        **_position(diagnostic.span),
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "hint": "\n".join(diagnostic.hints) or None,
        "related": [{**_position(span), "message": text} for span, text in diagnostic.related],
    }


def outcome_json(outcome: Outcome, indent: int | None = 2) -> str:
    """The one JSON document `--json` prints (keys in a fixed order, UTF-8 text kept).

    `indent=None` gives one line (watch prints one such line per rebuild).
    """
    document = {
        "tool": "zjlab-reports",
        "version": __version__,
        "command": outcome.command,
        "status": STATUS.get(outcome.exit_code, "failed"),
        "exit_code": outcome.exit_code,
        "artifacts": outcome.artifacts,
        "diagnostics": [diagnostic_record(d) for d in outcome.diagnostics],
        "timings": outcome.timings,
        **outcome.results,
    }
    return json.dumps(document, indent=indent, ensure_ascii=False)


def _is_file(name: str) -> bool:
    """Whether a span names a file (not "command line" or an environment variable)."""
    return Path(name).is_file()


def _sarif_location(span: Span) -> dict[str, Any]:
    region = {"startLine": span.line, "startColumn": max(span.column, 1)} if span.line > 0 else {}
    physical: dict[str, Any] = {"artifactLocation": {"uri": Path(span.file).as_posix()}}
    if region:
        physical["region"] = region
    return {"physicalLocation": physical}


def _sarif_result(diagnostic: Diagnostic) -> dict[str, Any]:
    text = "\n".join([diagnostic.message, *(f"hint: {hint}" for hint in diagnostic.hints)])
    result: dict[str, Any] = {
        "ruleId": _RULE,
        "level": "error" if diagnostic.severity is Severity.ERROR else "warning",
        "message": {"text": text},
    }
    if _is_file(diagnostic.span.file):
        result["locations"] = [_sarif_location(diagnostic.span)]
    related = [(span, note) for span, note in diagnostic.related if _is_file(span.file)]
    if related:
        result["relatedLocations"] = [
            {"id": i, **_sarif_location(span), "message": {"text": note}}
            for i, (span, note) in enumerate(related)
        ]
    return result


def sarif_log(diagnostics: list[Diagnostic]) -> str:
    """A SARIF 2.1.0 log with one run of zjlab-reports and one result per diagnostic."""
    rule = {
        "id": _RULE,
        "name": "InvalidInput",
        "shortDescription": {"text": "A profile, layout or theme has a problem that stops a build."},
    }
    run = {
        "tool": {"driver": {"name": "zjlab-reports", "version": __version__, "rules": [rule]}},
        "results": [_sarif_result(d) for d in diagnostics],
    }
    log = {"$schema": _SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _workspace_path(name: str) -> str:
    """`name` relative to GITHUB_WORKSPACE when it lies below it, else as given."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if not workspace:
        return Path(name).as_posix()
    try:
        return Path(name).resolve().relative_to(Path(workspace).resolve()).as_posix()
    except ValueError:
        return Path(name).as_posix()


def github_annotations(diagnostics: list[Diagnostic]) -> list[str]:
    """One `::error …::message` (or `::warning`) workflow command per diagnostic."""
    lines = []
    for diagnostic in diagnostics:
        span = diagnostic.span
        props = []
        if _is_file(span.file):
            props.append(f"file={_escape_property(_workspace_path(span.file))}")
            if span.line > 0:
                props += [f"line={span.line}", f"col={max(span.column, 1)}"]
        props.append("title=zjlab-reports")
        text = "\n".join([diagnostic.message, *(f"hint: {hint}" for hint in diagnostic.hints)])
        lines.append(f"::{diagnostic.severity.value} {','.join(props)}::{_escape_data(text)}")
    return lines
