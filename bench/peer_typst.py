"""The peer: Typst (the `typst` wheel from PyPI, optional) making the same brochure from the same YAML.

`typst/brochure.typ` lays out the seven pages of `layouts/brochure-a4.yaml` from a profile file
(`sys.inputs.profile`) with the same fonts. Measured as a whole process (one brochure, and a
batch of variants in one process, as a script would run it) and in-process per brochure.
Install with `pip install -e '.[bench]'`; without it the benchmark leaves these rows out.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

from measure import Run, run_process, time_call

__all__ = ["available", "batch", "in_process", "prepare", "whole_process"]

TEMPLATE = Path(__file__).parent / "typst" / "brochure.typ"

#: What a script does to make brochures with Typst: fonts from the PyPI packages, one compiler.
_SCRIPT = """
import sys, typst
from pathlib import Path
root, fonts, profiles = Path(sys.argv[1]), sys.argv[2].split(":"), sys.argv[3:]
template = str(root / "brochure.typ")
compiler = typst.Compiler(template, root=str(root), font_paths=fonts, ignore_system_fonts=True)
for i, profile in enumerate(profiles):
    (root / f"typst-{i}.pdf").write_bytes(compiler.compile(format="pdf", sys_inputs={"profile": profile}))
"""


def available() -> bool:
    spec = importlib.util.find_spec("typst")
    return spec is not None and spec.origin is not None  # not bench/typst/, the template's folder


def font_folders() -> list[str]:
    """The folders of Source Sans 3 and Noto Sans SC in their PyPI packages."""
    from zjlab_reports.fonts import FontSpec, locate

    specs = [
        FontSpec("s", "Source Sans 3", "fontpkg_source_sans_3", "files/SourceSans3[wght].ttf", "-"),
        FontSpec(
            "n", "Noto Sans SC", "justmytype_intl_cjk", "fonts/ofl/notosanssc/NotoSansSC[wght].ttf", "-"
        ),
    ]
    return [str(locate(spec).parent) for spec in specs]


def prepare(project: Path) -> None:
    """Put the template at the root of `project` (whose data/ holds the profiles)."""
    shutil.copy(TEMPLATE, project / "brochure.typ")


def _argv(project: Path, profiles: list[str]) -> list[str]:
    return [sys.executable, "-c", _SCRIPT, str(project), ":".join(font_folders()), *profiles]


def whole_process(project: Path, profile: str, env: dict[str, str], count: int) -> list[Run]:
    """`count` runs of a process that makes one brochure."""
    return [run_process(_argv(project, [profile]), env) for _ in range(count)]


def batch(project: Path, profiles: list[str], env: dict[str, str]) -> Run:
    """One process making a brochure of every profile in `profiles`."""
    return run_process(_argv(project, profiles), env)


def in_process(project: Path, profiles: list[str], count: int) -> list[float]:
    """Seconds per brochure in a warm process, cycling through `profiles` (after one warm-up)."""
    import typst

    compiler = typst.Compiler(
        str(project / "brochure.typ"), root=str(project), font_paths=font_folders(), ignore_system_fonts=True
    )
    turn = iter(range(10**9))

    def one() -> None:
        compiler.compile(format="pdf", sys_inputs={"profile": profiles[next(turn) % len(profiles)]})

    one()
    return time_call(one, count)
