"""Where a command's results go: the output options in; text, JSON, SARIF and annotations out.

For people (the default): results on stdout, diagnostics on stderr, progress on a terminal.
`--quiet`: only diagnostics. `--json`: stdout holds exactly one JSON document, nothing else.
`--sarif FILE`: the diagnostics also as a SARIF log. GitHub annotations are printed when asked
(`--annotations github`) or when running in GitHub Actions (`auto`, the default): on stdout,
or on stderr with `--json` (the runner reads workflow commands from both).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

from ..diagnostics import Diagnostic, Span, display_path
from .formats import Outcome, github_annotations, outcome_json, sarif_log
from .progress import ProgressLines, StepTimes

__all__ = ["Console"]


class Console:
    """The output streams and options of one command run."""

    def __init__(
        self,
        *,
        json: bool = False,
        quiet: bool = False,
        sarif: Path | None = None,
        annotations: str = "auto",
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
    ) -> None:
        self.json, self.quiet, self.sarif = json, quiet, sarif
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        in_ci = os.environ.get("GITHUB_ACTIONS") == "true"
        self.annotate = annotations == "github" or (annotations == "auto" and in_ci)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Console:
        return cls(
            json=getattr(args, "json", False),
            quiet=getattr(args, "quiet", False),
            sarif=getattr(args, "sarif", None),
            annotations=getattr(args, "annotations", "auto"),
        )

    @property
    def for_people(self) -> bool:
        """Whether results and progress are printed as text (not --json, not --quiet)."""
        return not (self.json or self.quiet)

    def say(self, text: str) -> None:
        """A result line for people (stdout); nothing with --quiet or --json."""
        if self.for_people:
            print(text, file=self.stdout, flush=True)

    def progress(self, out: Path) -> StepTimes:
        """A build progress for artifacts written to `out`: lines for people, else only timings."""
        if not self.for_people:
            return StepTimes()
        live = self.stderr if _is_terminal(self.stderr) else None
        return ProgressLines(self.stdout, Path(display_path(out)), live)

    def warning(self, diagnostic: Diagnostic, outcome: Outcome) -> None:
        """A warning raised while a command runs: on stderr now, or in the JSON document."""
        if self.json:
            outcome.diagnostics.append(diagnostic)
            return
        print(diagnostic.render(), file=self.stderr, flush=True)
        if self.annotate:
            for line in github_annotations([diagnostic]):
                print(line, file=self.stdout, flush=True)

    def problems(self, diagnostics: list[Diagnostic]) -> None:
        """Diagnostics now, in every form asked for (watch prints them without finishing)."""
        if not self.json:
            for diagnostic in diagnostics:
                print(diagnostic.render(), file=self.stderr)
            count = len(diagnostics)
            print(f"{count} problem{'s' if count != 1 else ''} found", file=self.stderr, flush=True)
        if self.annotate:
            stream = self.stderr if self.json else self.stdout
            for line in github_annotations(diagnostics):
                print(line, file=stream, flush=True)

    def finish(self, outcome: Outcome) -> int:
        """Report `outcome` (SARIF, diagnostics, the JSON document); return its exit code."""
        if self.sarif is not None:
            self._write_sarif(self.sarif, outcome)
        if outcome.diagnostics:
            self.problems(outcome.diagnostics)
        if self.json:
            print(outcome_json(outcome), file=self.stdout, flush=True)
        return outcome.exit_code

    def _write_sarif(self, path: Path, outcome: Outcome) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(sarif_log(outcome.diagnostics) + "\n", encoding="utf-8")
        except OSError as exc:
            problem = Diagnostic(
                Span(display_path(path)),
                f"cannot write the SARIF log: {exc.strerror}",
                ("check the folder exists and is writable",),
            )
            outcome.diagnostics.append(problem)
            outcome.exit_code = outcome.exit_code or 1


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False
