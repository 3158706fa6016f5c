"""zjlab-reports: a lab profile (YAML) + layouts + a brand theme in; brochure PDFs and PPTX decks out.

The pipeline: loaders (profile, layout, theme) -> compose -> Document -> backends (pdf, pptx).
The names below are imported when first used, so that `import zjlab_reports` (and the command
line's `--help`) stays quick.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .diagnostics import Diagnostic, DiagnosticError, Span
    from .document import Document

__all__ = ["Diagnostic", "DiagnosticError", "Document", "Span"]


def _import_msgspec() -> None:
    """Import msgspec (every stage's records are its Structs) without `typing_extensions`.

    msgspec takes `get_type_hints`, `Required` and `NotRequired` from typing_extensions when it
    is installed (python-pptx installs it) and from `typing` when it is not; on Python 3.11+
    they are the same for our models. Importing typing_extensions costs every process about
    6 ms (it imports `inspect`), so msgspec is shown it as missing, for its own import only:
    later imports (python-pptx's) get the real module. Nothing changes where either is
    already imported (a test run).
    """
    if "msgspec" in sys.modules or "typing_extensions" in sys.modules:
        return
    sys.modules["typing_extensions"] = None  # type: ignore[assignment]  # `import` raises ImportError
    try:
        import msgspec  # noqa: F401
    finally:
        del sys.modules["typing_extensions"]


_import_msgspec()
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
