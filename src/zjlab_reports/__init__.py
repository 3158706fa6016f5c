"""zjlab-reports: a lab profile (YAML) + layouts + a brand theme in; brochure PDFs and PPTX decks out.

The pipeline: loaders (profile, layout, theme) -> compose -> Document -> backends (pdf, pptx).
The names below are imported when first used, so that `import zjlab_reports` (and the command
line's `--help`) stays quick.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .diagnostics import Diagnostic, DiagnosticError, Span
    from .document import Document

__all__ = ["Diagnostic", "DiagnosticError", "Document", "Span"]
__version__ = "0.1.0"

_HOMES = {
    "Diagnostic": "diagnostics",
    "DiagnosticError": "diagnostics",
    "Span": "diagnostics",
    "Document": "document",
}


def __getattr__(name: str) -> Any:
    """The public names, imported from their modules on first use (PEP 562)."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    globals()[name] = value
    return value
