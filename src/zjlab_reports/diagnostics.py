"""Diagnostics: what went wrong, where in the user's files, and a hint how to fix it.

In: positions (`Span`) collected by the loaders and later stages.
Out: `Diagnostic` values, raised together in one `DiagnosticError`.

Shaped after typst's `diag.rs`: severity + span + message + hints. Only the CLI prints them;
every other stage raises or returns them.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from pathlib import Path

from msgspec import Struct, field

__all__ = ["Diagnostic", "DiagnosticError", "Severity", "Span", "did_you_mean"]


class Span(Struct, frozen=True, order=True):
    """A position in a user file; `line` and `column` count from 1 (0 means unknown).

    Slotted: a loaded file keeps one per value and per key (some 800 for a profile), and a
    batch keeps every profile it builds.
    """

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{max(self.column, 1)}"

    @classmethod
    def of_file(cls, path: Path | str) -> Span:
        """A span that names a whole file."""
        return cls(display_path(path))


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


class Diagnostic(Struct, frozen=True):
    """One problem: where, what, and optional hints ("did you mean ...?")."""

    span: Span
    message: str
    hints: tuple[str, ...] = ()
    severity: Severity = Severity.ERROR
    related: tuple[tuple[Span, str], ...] = field(default=())

    def render(self) -> str:
        """The user-facing text: `file:line:col: message`, then one indented line per hint."""
        lines = [f"{self.span}: {self.severity.value}: {self.message}"]
        lines += [f"  {span}: note: {text}" for span, text in self.related]
        lines += [f"  hint: {hint}" for hint in self.hints]
        return "\n".join(lines)


class DiagnosticError(Exception):
    """Raised by any stage with every problem it found (never empty)."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        unique = dict.fromkeys(diagnostics)  # the same problem found twice is reported once
        self.diagnostics = tuple(sorted(unique, key=_order))
        if not self.diagnostics:
            raise ValueError("DiagnosticError needs at least one diagnostic")
        super().__init__("\n".join(d.render() for d in self.diagnostics))


def _order(diagnostic: Diagnostic) -> tuple[str, int, int]:
    span = diagnostic.span
    return (span.file, span.line, span.column)


def did_you_mean(word: str, choices: Iterable[str]) -> tuple[str, ...]:
    """A hint naming the closest of `choices` to `word`, or no hint when none is close."""
    import difflib  # here: only a problem needs it, and a build without one should not pay

    close = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return (f"did you mean '{close[0]}'?",) if close else ()


def display_path(path: Path | str) -> str:
    """`path` relative to the working directory when it lies below it, else as given."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)
