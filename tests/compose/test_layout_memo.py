"""Layout memos: a node laid out once per region in a page template (`Done`), and fits and
layouts shared between the documents of a process (`fit.Fitter`, `layout.dispatch`) only when
everything they depend on is equal.

A wrong hit is a wrong document, so these tests change one input at a time and check that the
memo misses (`shape_of` tells every field apart, theme, language, text scale and fonts are
in the key), and that documents composed after others equal the same documents composed with
an empty memo.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import msgspec
import pytest

from zjlab_reports.compose import compose, fit, pages
from zjlab_reports.compose.bind import Bound
from zjlab_reports.compose.layout import Done, Env, Region, dispatch, lay, shapes
from zjlab_reports.compose.layout.shapes import clear_shapes, shape_of
from zjlab_reports.compose.nodes import Grid, Picture, Stack, Text
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
    return msgspec.structs.replace(node, **changes)


def test_shape_ignores_where_texts_come_from() -> None:
    one = _text()
    other = _text(texts=(_bound("Zhejiang Lab", "b.yaml", 9), _bound("A second paragraph", "b.yaml", 10)))
    assert one != other  # the spans differ...
    assert shape_of(one) == shape_of(other)  # ...and no layout reads them
    assert shape_of(Stack((one,), (0.0,))) == shape_of(Stack((other,), (0.0,)))


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
def test_shape_tells_apart_every_field_a_layout_reads(changes: dict[str, Any]) -> None:
    assert shape_of(_text(**changes)) != shape_of(_text())
    assert shape_of(Stack((_text(**changes),), (0.0,))) != shape_of(Stack((_text(),), (0.0,)))
    assert shape_of(Stack((_text(),), (1.0,))) != shape_of(Stack((_text(),), (0.0,)))


def test_shape_leaves_out_a_pictures_source_only() -> None:
    source = PictureSource("images.cover", Span("p.yaml", 1, 1), Span("l.yaml", 2, 2), "hero", 150)
    picture = Picture(Path("data/images/cover.jpg"), 0.5, "The campus", source=source)
    moved = msgspec.structs.replace(source, picture=Span("q.yaml", 4, 4))
    assert shape_of(picture) == shape_of(msgspec.structs.replace(picture, source=moved))
    assert shape_of(picture) != shape_of(msgspec.structs.replace(picture, alt="The lake"))
    assert shape_of(picture) != shape_of(msgspec.structs.replace(picture, path=Path("x.jpg")))


@pytest.mark.parametrize(
    "kind", sorted(shapes._FIELDS, key=lambda kind: kind.__name__), ids=lambda k: k.__name__
)
def test_shapes_read_node_types_as_written_as_their_resolved_types_say(kind: type) -> None:
    """The fields of a node that hold nodes, bound texts or milestones, found from the types
    as `nodes` writes them (cheap at start-up), are those the resolved types name."""
    laid = [f for f in msgspec.structs.fields(kind) if (kind, f.name) != (Picture, "source")]
    deep = [f.name for f in laid if any(word in str(f.type) for word in shapes._HOLDERS)]
    leaves = [f.name for f in laid if f.name not in deep]
    node = _EXAMPLES.get(kind)
    written = shapes._written_types(kind)
    assert [name for name in written if name in deep] == deep
    assert all(not any(word in written[name] for word in shapes._HOLDERS) for name in leaves)
    if node is not None:
        got_leaves, got_deep = shapes._FIELDS[kind]
        assert got_deep(node) == tuple(getattr(node, name) for name in deep)
        assert got_leaves(node) == tuple(getattr(node, name) for name in leaves)


_EXAMPLES: dict[type, Any] = {
    Text: _text(),
    Stack: Stack((_text(),), (0.0,)),
    Grid: Grid((_text(),), 50.0, 6.0),
}


def test_shape_tells_apart_the_order_of_children() -> None:
    one, two = _text(), _text(role="heading")
    assert shape_of(Stack((one, two), (0.0, 0.0))) != shape_of(Stack((two, one), (0.0, 0.0)))
    assert shape_of(Grid((one, two), 50.0, 6.0)) != shape_of(Grid((two, one), 50.0, 6.0))


def test_a_forgotten_shape_number_is_never_given_again() -> None:
    before = shape_of(_text())
    clear_shapes()
    others = {shape_of(_text(name=f"frame-{i}")) for i in range(20)}
    again = shape_of(_text())
    assert before not in others | {again}  # the same node gets a new number: a miss, never a wrong hit


def test_the_shape_table_stays_bounded_and_never_reuses_a_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shapes, "_LIMIT", 8)
    clear_shapes()
    numbers = [shape_of(_text(name=f"frame-{i}")) for i in range(20)]
    assert len(shapes._SHAPES) <= 8
    assert len(set(numbers)) == 20
    assert shape_of(_text(name="frame-0")) not in numbers  # forgotten: a new number
    clear_shapes()


def test_documents_share_a_layout_only_for_the_same_shape_region_scale_and_setting(
    theme: LoadedTheme,
) -> None:
    pages.clear_memo()
    ts = Typesetter(theme, "brochure", "en", "Zhejiang Lab A second paragraph.")
    setting = object()
    one, other = (Env(ts, done=Done(), setting=setting) for _ in range(2))
    first = lay(_text(), Region(200.0), one)
    moved = _text(texts=(_bound("Zhejiang Lab", "b.yaml", 9), _bound("A second paragraph", "b.yaml", 10)))
    assert lay(moved, Region(200.0), other) is first  # another document, same shape: shared
    for node, region, env in [
        (_text(role="heading"), Region(200.0), other),
        (moved, Region(120.0), other),
        (moved, Region(200.0, 40.0, more=True), other),
        (moved, Region(200.0), other.scaled(0.9)),
        (moved, Region(200.0), Env(ts, done=Done(), setting=object())),
        (moved, Region(200.0), Env(ts, done=Done())),  # no setting: shares nothing
    ]:
        assert lay(node, region, env) is not first


def test_done_lays_a_node_once_per_region_and_scale(theme: LoadedTheme) -> None:
    ts = Typesetter(theme, "brochure", "en", "Zhejiang Lab A second paragraph.")
    env = Env(ts, done=Done())
    node = _text()
    first = lay(node, Region(200.0), env)
    assert lay(node, Region(200.0), env) is first
    assert len(env.done) == 1
    narrower = lay(node, Region(60.0), env)
    smaller = lay(node, Region(200.0), env.scaled(0.9))
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
    pages.clear_memo()
    alone = [_compose(p, layout, theme) for p in others]
    pages.clear_memo()
    _compose(profile, layout, theme)  # fills the memo with the shipped profile's fits
    after = [_compose(p, layout, theme) for p in others]
    assert after == alone
    assert len(fit._FITS) > 0 and len(dispatch._LAID) > 0


def test_a_layout_memo_keyed_without_the_texts_would_be_caught(
    layouts: dict[str, LoadedLayout],
    theme: LoadedTheme,
    profile: LoadedProfile,
    profile_with: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The comparison above fails for a memo keyed too loosely: shapes that leave out what a
    text says hand one document's cards to another."""
    layout = layouts["brochure-a4"]
    other = profile_with(numbered=True, focus_areas=5)
    pages.clear_memo()
    alone = _compose(other, layout, theme)
    pages.clear_memo()
    leaves, _ = shapes._FIELDS[Text]
    monkeypatch.setitem(shapes._FIELDS, Text, (leaves, lambda node: ()))  # without `texts`
    _compose(profile, layout, theme)
    assert _compose(other, layout, theme) != alone
    pages.clear_memo()


def test_a_changed_theme_language_or_text_scale_never_reuses_a_fit(
    layouts: dict[str, LoadedLayout], theme: LoadedTheme, profile: LoadedProfile
) -> None:
    layout = layouts["brochure-a4"]
    roles = theme.theme.typography.roles
    bigger = {name: msgspec.structs.replace(role, size=role.size * 1.05) for name, role in roles.items()}
    typography = msgspec.structs.replace(theme.theme.typography, roles=bigger)
    other_theme = msgspec.structs.replace(
        theme, theme=msgspec.structs.replace(theme.theme, typography=typography)
    )
    scaled = msgspec.structs.replace(layout, layout=msgspec.structs.replace(layout.layout, text_scale=0.9))
    cases = [(layout, other_theme, "en"), (layout, theme, "zh"), (scaled, theme, "en")]
    pages.clear_memo()
    alone = [_compose(profile, lay_, th, lang) for lay_, th, lang in cases]
    pages.clear_memo()
    _compose(profile, layout, theme)
    after = [_compose(profile, lay_, th, lang) for lay_, th, lang in cases]
    assert after == alone
    assert alone[0] != _compose(profile, layout, theme)


def test_a_page_shows_its_own_notes_when_its_frames_are_another_documents(
    layouts: dict[str, LoadedLayout],
    theme: LoadedTheme,
    profile: LoadedProfile,
    write_profile: Any,
    with_counts: Any,
) -> None:
    """The title slide's frames do not show `standing`, its speaker notes do: the slide made
    for a profile with it is not the slide of a profile without it."""
    layout = layouts["deck-16x9"]
    data = with_counts()
    del data["standing"]
    plain = write_profile(data)
    pages.clear_memo()
    first = _compose(profile, layout, theme).pages[0]
    second = _compose(plain, layout, theme).pages[0]
    assert first.items == second.items and "top research institutes" in first.notes
    assert "top research institutes" not in second.notes


@pytest.mark.parametrize("height", [377.96692125984254, 401.1, 523.7])
@pytest.mark.parametrize("before", [0.0, 8.503937007874017, 11.338582677165354])
def test_a_heading_lays_the_child_it_keeps_with_once(
    theme: LoadedTheme, monkeypatch: pytest.MonkeyPatch, height: float, before: float
) -> None:
    """A stack asks whether a heading keeps with the next child in the very room it then lays
    that child in (to the last bit), so the child is laid out once, not twice."""
    ts = Typesetter(theme, "brochure", "en", "Zhejiang Lab A second paragraph. About")
    laid: list[int] = []
    real = dispatch._lay
    monkeypatch.setattr(
        dispatch, "_lay", lambda node, region, env: laid.append(id(node)) or real(node, region, env)
    )
    lead, heading, body = _text(), _text(heading=True, role="heading", name="about"), _text(name="body")
    stack = Stack((lead, heading, body), (0.0, before, before / 3), gap=7.0866141732283445)
    result = lay(stack, Region(200.0, height, more=True), Env(ts, done=Done()))
    assert result.fragment is not None and result.rest is None
    assert laid.count(id(body)) == 1
