"""Fixtures for the font tests: the installed font specs, a shared cache, tiny fabricated fonts."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

from zjlab_reports.fonts import FontSpec
from zjlab_reports.fonts._face import clear_memo

SOURCE_SANS = FontSpec(
    id="source-sans-3",
    family="Source Sans 3",
    package="fontpkg_source_sans_3",
    file="files/SourceSans3[wght].ttf",
    office_name="Arial",
)
ARIMO = FontSpec(
    id="arimo",
    family="Arimo",
    package="fontpkg_arimo",
    file="files/Arimo[wght].ttf",
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

# About 300 distinct characters of ordinary Chinese text (plus the base set added by load_face).
CJK_TEXT = (
    "之江实验室成立于二零一七年九月，坐落于杭州城西科创大走廊核心地带，是浙江省委省政府深入实施创新驱动"
    "发展战略、探索新型举国体制浙江路径的重大科技创新平台。实验室以重大科技任务攻关和大型科技基础设施建"
    "设为主线，聚焦智能计算、人工智能、智能感知、智能网络和智能系统五大科研方向，建设国际一流的交叉研究"
    "平台与开放协同创新体系。围绕计算科学与工程、生命健康、材料化学、天文地理、社会治理等领域开展数据驱"
    "动的科学发现，打造面向全球的开源开放生态，培养高水平人才队伍，服务国家战略需求与经济社会高质量发展"
    "。我们期待与海内外高校、科研院所及企业携手合作，共同推动前沿技术突破、成果转化和产业应用落地，让科"
    "技更好地造福人类。"
    "欢迎访问我们的园区：这里有图书馆、报告厅、餐厅与运动场，四季风景优美，湖光山色相映成趣。每年春秋两"
    "季举办学术年会和青年论坛，邀请诺贝尔奖得主、院士专家作主题演讲，促进思想碰撞；夏令营则向本科生开放"
    "，提供导师指导、项目实践与奖学金资助。联系邮箱、电话及地址请见封底，期待您的来信！"
    "附录列出历年获批项目、专利授权、论文引用与经费统计，数据截至去年底；详细说明另见官方网站及年度白皮书。"
)


@pytest.fixture
def source_sans() -> FontSpec:
    return SOURCE_SANS


@pytest.fixture
def arimo() -> FontSpec:
    return ARIMO


@pytest.fixture
def noto_sc() -> FontSpec:
    return NOTO_SC


@pytest.fixture
def cjk_text() -> str:
    return CJK_TEXT


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache root for tests that only read faces, so each instance is built once per run."""
    return tmp_path_factory.mktemp("shared-cache")


@pytest.fixture
def fresh_memo() -> Iterator[None]:
    """Forget in-process faces before and after the test, so the disk cache is exercised."""
    clear_memo()
    yield
    clear_memo()


_package_numbers = itertools.count()


@pytest.fixture
def font_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[dict[str, bytes]], str]:
    """Make an importable package holding the given files; returns the package's name."""

    def make(files: dict[str, bytes]) -> str:
        name = f"zjlab_test_fontpkg_{next(_package_numbers)}"
        root = tmp_path / "site" / name
        root.mkdir(parents=True)
        (root / "__init__.py").write_text("")
        for relative, data in files.items():
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_bytes(data)
        monkeypatch.syspath_prepend(str(tmp_path / "site"))
        return name

    return make


def _builder(flavour: str, weight: int) -> FontBuilder:
    builder = FontBuilder(1000, isTTF=flavour == "ttf")
    builder.setupGlyphOrder([".notdef", "space", "A"])
    builder.setupCharacterMap({0x20: "space", 0x41: "A"})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "space": (250, 0), "A": (600, 50)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupOS2(usWeightClass=weight, sTypoAscender=800, sTypoDescender=-200, sCapHeight=700)
    return builder


def _finish(builder: FontBuilder, path: Path) -> bytes:
    builder.setupNameTable({"familyName": "Tiny", "styleName": "Regular"})
    builder.setupPost()
    builder.save(str(path))
    return path.read_bytes()


@pytest.fixture
def tiny_ttf(tmp_path: Path) -> Callable[[int], bytes]:
    """A static TrueType font (glyf outlines) with weight class `weight`, as bytes."""

    def make(weight: int) -> bytes:
        builder = _builder("ttf", weight)
        glyphs = {}
        for name in (".notdef", "space", "A"):
            pen = TTGlyphPen(None)
            if name != "space":
                pen.moveTo((50, 0)), pen.lineTo((300, 700)), pen.lineTo((550, 0)), pen.closePath()
            glyphs[name] = pen.glyph()
        builder.setupGlyf(glyphs)
        return _finish(builder, tmp_path / f"tiny-{weight}.ttf")

    return make


@pytest.fixture
def tiny_cff(tmp_path: Path) -> bytes:
    """A static font with CFF (PostScript) outlines, as bytes."""
    builder = _builder("otf", 400)
    charstrings = {}
    for name in (".notdef", "space", "A"):
        pen = T2CharStringPen(500, None)
        if name != "space":
            pen.moveTo((50, 0)), pen.lineTo((300, 700)), pen.lineTo((550, 0)), pen.closePath()
        charstrings[name] = pen.getCharString()
    builder.setupCFF("Tiny-Regular", {"FullName": "Tiny Regular"}, charstrings, {})
    return _finish(builder, tmp_path / "tiny-cff.otf")
