"""The setting a tree is laid out in: the document's typesetter and the text scale of this try."""

from __future__ import annotations

from dataclasses import dataclass

from ...document import Color
from ..typeset import Styled, Typesetter

__all__ = ["Env"]


@dataclass(frozen=True)
class Env:
    """`scale` multiplies every text size (below 1 when a frame shrinks its text to fit)."""

    ts: Typesetter
    scale: float = 1.0

    def style(self, role: str, color: Color | None = None) -> Styled:
        return self.ts.style(role, scale=self.scale, color=color)
