"""One entry point: any node and a region in; `Laid` (its fragment, and its rest) out.

Each node is laid out once per region and text scale in a page template (`env.done`): asking
again, as grids, headings, rows and shrink steps do, hands back the same `Laid`.
"""

from __future__ import annotations

from ..nodes import (
    Chart,
    FrameNode,
    Grid,
    KeyFigure,
    Lines,
    Node,
    Panel,
    Picture,
    Row,
    Rule,
    Spacer,
    Stack,
    Text,
    Timeline,
)
from .boxes import lay_frame, lay_panel, lay_row, lay_stack
from .chart import lay_chart
from .env import Env
from .figure import lay_key_figure
from .graphics import lay_picture, lay_rule, lay_spacer
from .grid import lay_grid
from .regions import Laid, Region
from .text import lay_lines, lay_text
from .timeline import lay_timeline

__all__ = ["lay"]


def lay(node: Node, region: Region, env: Env) -> Laid:
    """Lay `node` out in `region` (see `regions`): what fits here, and what goes on."""
    where = (region.width, region.height, region.more, region.fresh, env.scale)
    return env.done.get("lay", node, where, lambda: _lay(node, region, env))


def _lay(node: Node, region: Region, env: Env) -> Laid:
    match node:
        case Text():
            return lay_text(node, region, env)
        case Lines():
            return lay_lines(node, region, env)
        case Stack():
            return lay_stack(node, region, env)
        case FrameNode():
            return lay_frame(node, region, env)
        case Grid():
            return lay_grid(node, region, env)
        case Panel():
            return lay_panel(node, region, env)
        case Row():
            return lay_row(node, region, env)
        case KeyFigure():
            return lay_key_figure(node, region, env)
        case Timeline():
            return lay_timeline(node, region, env)
        case Chart():
            return lay_chart(node, region, env)
        case Picture():
            return lay_picture(node, region)
        case Rule():
            return lay_rule(node, region)
        case Spacer():
            return lay_spacer(node, region)
