"""The records compose and the PDF backend make (faces, font chains, styles, layout settings,
binding contexts, drawing targets) are plain classes, not dataclasses: making a dataclass
generates and compiles its methods in every process that imports it. They keep what their
dataclasses gave: immutability, equality and hashing by the same fields (or by identity)."""

from __future__ import annotations

import dataclasses
import importlib
import sys
from pathlib import Path
from types import MappingProxyType

import pytest

from zjlab_reports.compose.layout import Done, Env
from zjlab_reports.compose.tree.context import Ctx, Where
from zjlab_reports.compose.typeset import Styled
from zjlab_reports.document import Color, FontFace, TextStyle
from zjlab_reports.fonts import Face
from zjlab_reports.text import FontChain

STAGES = ("zjlab_reports.compose", "zjlab_reports.text", "zjlab_reports.fonts", "zjlab_reports.backends.pdf")


def _face(name: str = "Sans-W400", ascent: float = 0.9, advances: dict[int, float] | None = None) -> Face:
    font = FontFace(name, "Sans", 400, Path(f"/fonts/{name}.ttf"), "Arial")
    return Face(font, ascent, 0.25, 0.7, MappingProxyType(advances or {65: 0.6}), 0.5)


def test_the_stages_define_no_dataclass() -> None:
    for name in ("zjlab_reports.compose", "zjlab_reports.fonts._face", "zjlab_reports.backends.pdf"):
        importlib.import_module(name)
    found = [
        f"{module.__name__}.{attribute}"
        for name, module in sorted(sys.modules.items())
        if name.startswith(STAGES)
        for attribute, value in vars(module).items()
        if isinstance(value, type) and value.__module__ == name and dataclasses.is_dataclass(value)
    ]
    assert found == []


def test_a_face_is_equal_and_hashed_by_its_font_and_vertical_metrics_only() -> None:
    face = _face()
    same = _face(advances={66: 0.7})  # advances are not compared, as before
    assert face == same and hash(face) == hash(same)
    assert face != _face(ascent=0.95)
    assert face != _face(name="Sans-W700")
    assert face.__eq__(object()) is NotImplemented
    assert face.advance("AA", 10.0) == pytest.approx(12.0)


def test_a_font_chain_is_equal_and_hashed_by_its_fonts_and_shares_nothing_else() -> None:
    one, other = _face(), _face(name="Other-W400")
    chain, same = FontChain(latin=(one,), east_asian=(other,)), FontChain(latin=(one,), east_asian=(other,))
    assert chain == same and hash(chain) == hash(same)
    assert chain.memo is not same.memo and chain.glyph_memo is not same.glyph_memo
    assert chain != FontChain(latin=(other,), east_asian=(one,))
    with pytest.raises(ValueError, match="at least one font"):
        FontChain(latin=(), east_asian=())


def test_a_styled_role_is_equal_and_hashed_by_its_style_and_chain() -> None:
    chain = FontChain(latin=(_face(),), east_asian=())
    style = TextStyle(10.0, 12.0, Color(0, 0, 0))
    styled = Styled(style, chain)
    assert styled == Styled(style, FontChain(latin=(_face(),), east_asian=()))
    assert hash(styled) == hash((style, chain))
    assert styled != Styled(TextStyle(11.0, 12.0, Color(0, 0, 0)), chain)
    assert (styled.size, styled.leading) == (10.0, 12.0)


@pytest.mark.parametrize(
    "record",
    [
        _face(),
        FontChain(latin=(_face(),), east_asian=()),
        Styled(TextStyle(10.0, 12.0, Color(0, 0, 0)), FontChain(latin=(_face(),), east_asian=())),
        Where(("pages", 0), "body", None, "p0"),
    ],
    ids=lambda record: type(record).__name__,
)
def test_immutable_records_refuse_to_change(record: object) -> None:
    name = next(iter(getattr(record, "__slots__", None) or vars(record)))
    with pytest.raises(AttributeError):
        setattr(record, name, None)
    with pytest.raises(AttributeError):
        delattr(record, name)


def test_a_scaled_environment_shares_what_was_laid_out_and_the_setting() -> None:
    setting, done = object(), Done()
    env = Env(None, done=done, setting=setting)  # type: ignore[arg-type]  # no text set here
    smaller = env.scaled(0.9)
    assert (smaller.scale, smaller.done, smaller.setting, smaller.ts) == (0.9, done, setting, None)
    assert env.scale == 1.0 and env != Env(None, done=done, setting=setting)  # type: ignore[arg-type]
    assert Env(None).done is not Env(None).done  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        env.scale = 0.5  # type: ignore[misc]


def test_a_context_with_another_binder_shares_the_problems_and_heading_levels() -> None:
    ctx = Ctx(object(), object(), object(), "en", "brochure", Path("."))  # type: ignore[arg-type]
    scoped = ctx.with_binder("item binder")  # type: ignore[arg-type]
    assert scoped.binder == "item binder"
    assert scoped.problems is ctx.problems and scoped.levels is ctx.levels == [0]
    assert (scoped.theme, scoped.layout, scoped.lang, scoped.kind, scoped.root, scoped.text_scale) == (
        ctx.theme,
        ctx.layout,
        "en",
        "brochure",
        Path("."),
        1.0,
    )
    assert Ctx(*[object()] * 3, "en", "deck", Path(".")).problems is not ctx.problems  # type: ignore[arg-type]
