"""Backend fixtures: real fonts (static subset instances, as compose loads them) and a picture.

`faces["sans"]` is Source Sans 3 Regular and `faces["cjk"]` Noto Sans SC Regular, subset to
`LATIN_TEXT` and `CJK_TEXT`; `line(parts, size, baseline)` lays runs end to end as compose
measures them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from PIL import Image as PILImage

from zjlab_reports.document import Line, Run
from zjlab_reports.fonts import Face, FontSpec, load_face

SOURCE_SANS = FontSpec(
    id="source-sans-3",
    family="Source Sans 3",
    package="fontpkg_source_sans_3",
    file="files/SourceSans3[wght].ttf",
    office_name="Arial",
)
NOTO_SC = FontSpec(
    id="noto-sans-sc",
    family="Noto Sans SC",
    package="justmytype_intl_cjk",
    file="fonts/ofl/notosanssc/NotoSansSC[wght].ttf",
    office_name="Microsoft YaHei",
    east_asian=True,
)
LATIN_TEXT = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,:;—–-·•()%'’" + "ß Ω"
CJK_TEXT = "之江实验室致力于智能计算。成果关于我们研究方向年人"


@pytest.fixture(scope="session")
def font_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("font-cache")


@pytest.fixture(scope="session")
def faces(font_cache: Path) -> dict[str, Face]:
    return {
        "sans": load_face(SOURCE_SANS, 400, LATIN_TEXT, font_cache),
        "cjk": load_face(NOTO_SC, 400, CJK_TEXT, font_cache),
    }


def line(parts: Sequence[tuple[str, Face]], size: float, baseline: float) -> Line:
    """Runs laid end to end from x = 0, as compose would measure them."""
    runs, x = [], 0.0
    for text, face in parts:
        width = face.advance(text, size)
        runs.append(Run(text=text, font=face.face, x=x, width=width))
        x += width
    return Line(runs=tuple(runs), baseline=baseline, width=x, start=0, end=len("".join(t for t, _ in parts)))


@pytest.fixture(scope="session")
def picture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 40x20 px PNG with an alpha channel: drawn into a square box, it keeps its 2:1 shape."""
    path = tmp_path_factory.mktemp("images") / "logo.png"
    PILImage.new("RGBA", (40, 20), (0, 91, 172, 200)).save(path)
    return path
