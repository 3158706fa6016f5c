"""One entry point: any node and a region in; `Laid` (its fragment, and its rest) out.

Each node is laid out once per region and text scale in a page template (`env.done`): asking
again, as grids, headings, rows and shrink steps do, hands back the same `Laid`. The documents
of a process share what they lay out, bounded (least recently used out): a node of the same
shape (`shapes`: every field a layout reads) in the same region, at the same text scale and
in the same setting (`setting_of`: theme, language, text scale and fonts) lays out alike, so a
batch of variants lays out only what is new in each (a card in another order, a number).
"""

from __future__ import annotations

from ...text.memo import Memo
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
from .shapes import shape_of
from .text import lay_lines, lay_text
from .timeline import lay_timeline

__all__ = ["clear_memo", "lay"]

# What the documents of this process laid out: a brochure lays out some 120 (node, region)
# pairs, a deck some 100, and a variant brings a few dozen new ones; a few kB each.
_LAID = Memo(limit=768)


def lay(node: Node, region: Region, env: Env) -> Laid:
    """Lay `node` out in `region` (see `regions`): what fits here, and what goes on."""
    where = (region.width, region.height, region.more, region.fresh, env.scale)
    return env.done.get("lay", node, where, lambda: _shared(node, region, env, where))


def clear_memo() -> None:
    """Forget what the documents of this process laid out (for tests)."""
    _LAID.clear()


def _shared(node: Node, region: Region, env: Env, where: tuple[float | bool, ...]) -> Laid:
    """`_lay`, or what a document before laid out of a node of the same shape in the same
    region, scale and setting (None: shares nothing)."""
    if env.setting is None:
        return _lay(node, region, env)
    key = (shape_of(node, env.done), *where, env.setting)
    return _LAID.get(key, lambda: _lay(node, region, env))


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
