"""Layout: a node of the layout tree and a region in; fragments (relative frames) out.

`lay(node, region, env)` returns what of the node fits in the region, as a `Fragment` whose
items are placed relative to its own corner, with its facts (a word broke, content stood
out of a fixed box, the smallest size set), and the rest to lay out in the next region. The
parent positions fragments; only `compose.pages` turns them into absolute page items.

- `regions`: `Region`, `Fragment`, `Laid`;  `env`: the typesetter, text scale and `Done`
  (what this page template already laid out, handed back when asked again);
- `text`: paragraphs, broken between lines with orphans and widows;
- `boxes`: stacks (keep-with-next), cards, frames, rows of frames;
- `grid`: cards and key figures on balanced rows; `timeline`; `figure`; `chart`; `graphics`;
- `dispatch`: `lay`, the one entry point (and the layouts the documents of a process share);
- `shapes`: a node's shape, equal for nodes that lay out alike (the shared memos' keys).
"""

from .dispatch import lay
from .env import Done, Env, setting_of
from .regions import EPSILON, Fragment, Laid, Region, changed, moved

__all__ = ["EPSILON", "Done", "Env", "Fragment", "Laid", "Region", "changed", "lay", "moved", "setting_of"]
