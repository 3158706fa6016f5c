"""Publishing's problems: an OSError or a message in; a diagnostic naming the output folder out.

An OSError while publishing is raised as a `DiagnosticError` (never with an input's name);
a warning is logged to `zjlab_reports.publish` as a `Diagnostic` (`extra={"diagnostic": ...}`).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import Diagnostic, DiagnosticError, Severity, Span, display_path

__all__ = ["LOG", "count", "warn", "writing"]

LOG = logging.getLogger("zjlab_reports.publish")


@contextlib.contextmanager
def writing(out: Path) -> Iterator[None]:
    """Turn an OSError into a diagnostic that names the output folder (never an input's)."""
    try:
        yield
    except OSError as exc:
        where = f" ({display_path(exc.filename)})" if exc.filename else ""
        raise DiagnosticError(
            [
                Diagnostic(
                    Span(display_path(out)),
                    f"cannot write output: {exc.strerror or exc}{where}",
                    ("check that the output folder and its parent exist and are writable",),
                )
            ]
        ) from None


def warn(out: Path, message: str) -> None:
    """Log `message` as a warning about the output folder `out`."""
    diagnostic = Diagnostic(Span(display_path(out)), message, severity=Severity.WARNING)
    LOG.warning("%s", message, extra={"diagnostic": diagnostic})


def count(n: int, what: str) -> str:
    """`1 file`, `2 files`."""
    return f"{n} {what}{'s' if n != 1 else ''}"
