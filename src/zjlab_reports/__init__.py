"""zjlab-reports: a lab profile (YAML) + layouts + a brand theme in; brochure PDFs and PPTX decks out.

The pipeline: loaders (profile, layout, theme) -> compose -> Document -> backends (pdf, pptx).
"""

from .diagnostics import Diagnostic, DiagnosticError, Span
from .document import Document

__all__ = ["Diagnostic", "DiagnosticError", "Document", "Span"]
__version__ = "0.1.0"
