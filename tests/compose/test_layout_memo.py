"""Layout memos: a node laid out once per region in a page template (`Done`), and fits shared
between the documents of a process (`fit.Fitter`) only when everything they depend on is equal.

A wrong hit is a wrong document, so these tests change one input at a time and check that the
memo misses (`layout_key` tells every field apart, theme, language, text scale and fonts are
in the key), and that documents composed after others equal the same documents composed with
an empty memo.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from zjlab_reports.compose import compose, fit
from zjlab_reports.compose.bind import Bound
from zjlab_reports.compose.layout import Done, Env, Region, lay
from zjlab_reports.compose.nodes import Picture, Stack, Text, layout_key
from zjlab_reports.compose.pictures import PictureSource
from zjlab_reports.compose.typeset import Typesetter
from zjlab_reports.diagnostics import Span
from zjlab_reports.document import Color, Tag
from zjlab_reports.loaders import LoadedLayout, LoadedProfile, LoadedTheme

ROOT = Path(__file__).resolve().parents[2]
CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _bound(text: str, file: str = "a.yaml", line: int = 1) -> Bound:
    return Bound(text, Span("layout.yaml", 3, 5), "mission", Span(file, line, 7))


def _text(**changes: Any) -> Text:
    node = Text((_bound("Zhejiang Lab"), _bound("A second paragraph")), "body", "about")
    return dataclasses.replace(node, **changes)


def test_layout_key_ignores_where_texts_come_from() -> None:
    one = _text()
    other = _text(texts=(_bound("Zhejiang Lab", "b.yaml", 9), _bound("A second paragraph", "b.yaml", 10)))
    assert one != other  # the spans differ...
    assert layout_key(one) == layout_key(other)  # ...and no layout reads them
    assert layout_key(Stack((one,), (0.0,))) == layout_key(Stack((other,), (0.0,)))


@pytest.mark.parametrize(
    "changes",
    [
        {"texts": (_bound("Zhejiang Lab"), _bound("A second paragraph."))},
        {"texts": (_bound("Zhejiang Lab"),)},
        {"role": "heading"},
        {"name": "mission"},
        {"color": Color(1, 2, 3)},
        {"align": "center"},
        {"bullet": "•"},
        {"bullet_gap": 0.5},
        {"gap_em": 0.25},
        {"heading": True},
        {"tag": Tag("P")},
    ],
    ids=lambda changes: next(iter(changes)),
)
def test_layout_key_tells_apart_every_field_a_layout_reads(changes: dict[str, Any]) -> None:
    assert layout_key(_text(**changes)) != layout_key(_text())
    assert layout_key(Stack((_text(**changes),), (0.0,))) != layout_key(Stack((_text(),), (0.0,)))
    assert layout_key(Stack((_text(),), (1.0,))) != layout_key(Stack((_text(),), (0.0,)))


def test_layout_key_leaves_out_a_pictures_source_only() -> None:
    source = PictureSource("images.cover", Span("p.yaml", 1, 1), Span("l.yaml", 2, 2), "hero", 150)
    picture = Picture(Path("data/images/cover.jpg"), 0.5, "The campus", source=source)
    moved = dataclasses.replace(source, picture=Span("q.yaml", 4, 4))
    assert layout_key(picture) == layout_key(dataclasses.replace(picture, source=moved))
    assert layout_key(picture) != layout_key(dataclasses.replace(picture, alt="The lake"))
    assert layout_key(picture) != layout_key(dataclasses.replace(picture, path=Path("x.jpg")))


def test_done_lays_a_node_once_per_region_and_scale(theme: LoadedTheme) -> None:
    ts = Typesetter(theme, "brochure", "en", "Zhejiang Lab A second paragraph.")
    env = Env(ts, done=Done())
    node = _text()
    first = lay(node, Region(200.0), env)
    assert lay(node, Region(200.0), env) is first
    assert len(env.done) == 1
    narrower = lay(node, Region(60.0), env)
    smaller = lay(node, Region(200.0), dataclasses.replace(env, scale=0.9))
    equal_node = lay(_text(), Region(200.0), env)  # equal, but not the same node: laid again
    assert len(env.done) == 4
    assert narrower.fragment is not None and first.fragment is not None
    assert narrower.fragment.height > first.fragment.height
    assert smaller.fragment is not None and smaller.fragment.smallest < first.fragment.smallest
    assert equal_node == first and equal_node is not first


def _compose(profile: LoadedProfile, layout: LoadedLayout, theme: LoadedTheme, lang: str = "en") -> Any:
    return compose(profile, layout, theme, lang, root=ROOT, created=CREATED)


@pytest.mark.parametrize("layout_id", ["brochure-a4", "deck-16x9"])
def test_documents_composed_after_others_are_the_documents_composed_alone(
    layout_id: str,
    layouts: dict[str, LoadedLayout],
    theme: LoadedTheme,
    profile: LoadedProfile,
    profile_with: Any,
) -> None:
    layout = layouts[layout_id]
    others = [profile_with(focus_areas=count) for count in (2, 5)]
    fit.clear_memo()
    alone = [_compose(p, layout, theme) for p in others]
    fit.clear_memo()
    _compose(profile, layout, theme)  # fills the memo with the shipped profile's fits
    after = [_compose(p, layout, theme) for p in others]
    assert after == alone
    assert len(fit._FITS) > 0


def test_a_changed_theme_language_or_text_scale_never_reuses_a_fit(
    layouts: dict[str, LoadedLayout], theme: LoadedTheme, profile: LoadedProfile
) -> None:
    layout = layouts["brochure-a4"]
    roles = theme.theme.typography.roles
    bigger = {name: role.model_copy(update={"size": role.size * 1.05}) for name, role in roles.items()}
    typography = theme.theme.typography.model_copy(update={"roles": bigger})
    other_theme = dataclasses.replace(theme, theme=theme.theme.model_copy(update={"typography": typography}))
    scaled = dataclasses.replace(layout, layout=layout.layout.model_copy(update={"text_scale": 0.9}))
    cases = [(layout, other_theme, "en"), (layout, theme, "zh"), (scaled, theme, "en")]
    fit.clear_memo()
    alone = [_compose(profile, lay_, th, lang) for lay_, th, lang in cases]
    fit.clear_memo()
    _compose(profile, layout, theme)
    after = [_compose(profile, lay_, th, lang) for lay_, th, lang in cases]
    assert after == alone
    assert alone[0] != _compose(profile, layout, theme)
