"""Contrast: WCAG 2.1 ratios, what lies behind each line of text, and how failures are reported.

The measuring tests hand-build Documents (text on a card, on a band, on the page background,
over a picture, in a chart), so each rule is checked alone; the reporting tests compose small
layouts of their own with the shipped profile and theme; every shipped layout × language,
and the example profile, must pass.
"""

from __future__ import annotations

import colorsys
import datetime as dt
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest
from PIL import Image as PillowImage

from zjlab_reports.cli import main
from zjlab_reports.compose import compose
from zjlab_reports.compose.contrast import contrast_ratio, is_large, luminance, measure, needed_ratio
from zjlab_reports.diagnostics import DiagnosticError, Severity
from zjlab_reports.document import (
    Chart,
    ChartSeries,
    Color,
    Document,
    DocumentFonts,
    FontFace,
    Image,
    Item,
    Line,
    Page,
    Paragraph,
    Run,
    Shape,
    TextBox,
    TextStyle,
)
from zjlab_reports.loaders import LoadedLayout, LoadedProfile, LoadedTheme, load_profile

ROOT = Path(__file__).resolve().parents[2]
CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
FACE = FontFace("Test-Regular", "Test", 400, Path("test.ttf"), "Arial")
WHITE, NAVY, BLUE, SKY = (Color.from_hex(h) for h in ("FFFFFF", "0B2A55", "1D5FB4", "3FA9E0"))
GREY = Color.from_hex("888888")  # 3.54:1 on white: enough for large text only


def hexed(text: str) -> Color:
    return Color.from_hex(text)


# -- the ratio ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fore", "back", "expected"),
    [
        ("000000", "FFFFFF", 21.0),
        ("FFFFFF", "FFFFFF", 1.0),
        ("767676", "FFFFFF", 4.54),  # the lightest grey that passes AA on white
        ("777777", "FFFFFF", 4.48),  # one step lighter: fails
        ("595959", "FFFFFF", 7.0),
        ("0000FF", "FFFFFF", 8.59),
        ("FF0000", "FFFFFF", 4.0),
        ("00FF00", "FFFFFF", 1.37),
        ("FFFFFF", "808080", 3.95),
    ],
)
def test_ratio_matches_wcag_reference_values(fore: str, back: str, expected: float) -> None:
    assert contrast_ratio(hexed(fore), hexed(back)) == pytest.approx(expected, abs=0.006)
    assert contrast_ratio(hexed(back), hexed(fore)) == contrast_ratio(hexed(fore), hexed(back))


def test_luminance_runs_from_black_to_white() -> None:
    assert luminance(hexed("000000")) == 0.0
    assert luminance(WHITE) == pytest.approx(1.0)
    assert luminance(hexed("0A0A0A")) == pytest.approx(10 / 255 / 12.92 * 1.0, rel=1e-9)  # linear part


@pytest.mark.parametrize(
    ("size", "weight", "large"),
    [
        (18, 400, True),
        (17.9, 700, True),
        (17.9, 400, False),
        (14, 700, True),
        (14, 650, False),
        (13.9, 700, False),
    ],
)
def test_large_text_is_18_pt_or_14_pt_bold(size: float, weight: int, large: bool) -> None:
    assert is_large(size, weight) is large
    assert needed_ratio(TextStyle(size, size * 1.2, WHITE, weight)) == (3.0 if large else 4.5)


# -- what lies behind a line -------------------------------------------------------------------


def text(
    x: float, y: float, color: Color, size: float = 10.0, weight: int = 400, width: float = 100.0
) -> TextBox:
    """A one-line text box at (x, y): its line's ink spans `width` points from x."""
    style = TextStyle(size, size * 1.2, color, weight, role="body")
    line = Line((Run("Sample", FACE, 0.0, width),), baseline=size, width=width, start=0, end=6)
    paragraph = Paragraph("Sample", style, (line,))
    return TextBox(x, y, width, size * 1.3, (paragraph,), name="text", frame="frame")


def rect(x: float, y: float, width: float, height: float, fill: Color | None, name: str = "card") -> Shape:
    return Shape("rect", x, y, width, height, fill=fill, name=name)


def document(*items: Item, background: Color | None = None) -> Document:
    page = Page(595.0, 842.0, tuple(items), name="page", background=background)
    return Document(
        kind="brochure",
        lang="en",
        title="t",
        author="a",
        subject="s",
        keywords=(),
        created=CREATED,
        pages=(page,),
        fonts=DocumentFonts(FACE, FACE, FACE, FACE),
        palette={},
    )


def failing(doc: Document) -> list[tuple[str, float]]:
    """(backdrop name, ratio) of each failing line; "page" for the page background."""
    return [("page" if f.backdrop.page else f.backdrop.name, round(f.ratio, 2)) for f in measure(doc).failing]


def test_text_on_a_shape_is_measured_against_its_fill() -> None:
    assert failing(document(rect(50, 50, 200, 60, BLUE), text(60, 60, NAVY))) == [("card", 2.27)]
    assert failing(document(rect(50, 50, 200, 60, BLUE), text(60, 60, WHITE))) == []


def test_a_page_measured_before_is_measured_again_where_it_differs_and_numbered_where_it_stands() -> None:
    """Pages are measured once per page object (a batch shares the pages it shows alike): an
    equal page that is another object, a page elsewhere in the document, or a changed page
    is each measured where it stands."""
    failing_page = document(rect(50, 50, 200, 60, BLUE), text(60, 60, NAVY)).pages[0]
    passing_page = document(rect(50, 50, 200, 60, BLUE), text(60, 60, WHITE)).pages[0]
    twice = msgspec.structs.replace(document(), pages=(failing_page, passing_page, failing_page))
    assert [f.page for f in measure(twice).failing] == [0, 2]
    swapped = msgspec.structs.replace(twice, pages=(passing_page, failing_page, passing_page))
    assert [f.page for f in measure(swapped).failing] == [1]
    fixed = msgspec.structs.replace(failing_page, items=passing_page.items)
    assert measure(msgspec.structs.replace(twice, pages=(fixed,))).failing == ()


def test_text_on_a_band_is_measured_against_the_band_not_the_page() -> None:
    band = Shape("rect", 0, 0, 595, 300, fill=SKY, name="cover-band", bleed=True)
    assert failing(document(band, text(60, 100, WHITE))) == [("cover-band", 2.64)]
    assert failing(document(band, text(60, 400, WHITE))) == [("page", 1.0)]  # below the band
    assert failing(document(rect(0, 0, 595, 300, NAVY, "band"), text(60, 100, WHITE))) == []


def test_text_on_the_page_background_else_white() -> None:
    assert failing(document(text(60, 60, BLUE), background=NAVY)) == [("page", 2.27)]
    assert failing(document(text(60, 60, BLUE))) == []  # no background: white paper
    assert failing(document(text(60, 60, hexed("EDF2F8")))) == [("page", 1.13)]


def test_the_topmost_fill_covering_the_line_counts_and_later_items_do_not() -> None:
    under, over = rect(0, 0, 595, 842, NAVY, "under"), rect(50, 50, 300, 100, WHITE, "card")
    assert failing(document(under, over, text(60, 60, WHITE))) == [("card", 1.0)]
    assert failing(document(under, text(60, 60, WHITE), over)) == []  # painted after the text
    assert failing(document(under, rect(400, 400, 50, 50, WHITE), text(60, 60, WHITE))) == []  # elsewhere


def test_strokes_and_lines_are_no_background() -> None:
    outline = Shape("rect", 50, 50, 300, 100, stroke=WHITE, stroke_width=1.0, name="outline")
    rule = Shape("line", 50, 65, 300, 0, stroke=WHITE, stroke_width=20, name="rule")
    assert failing(document(outline, rule, text(60, 60, NAVY))) == []


def test_a_line_partly_on_a_fill_is_measured_against_each_colour_behind_it() -> None:
    half = rect(0, 0, 110, 842, NAVY, "left-half")  # the line runs from x 60 to 160
    assert failing(document(half, text(60, 60, WHITE))) == [("page", 1.0)]
    assert failing(document(half, text(60, 60, SKY))) == [("page", 2.64)]  # 5.39:1 on the navy part
    grey = hexed("777777")  # 4.48:1 on white, 3.17:1 on navy: the worst is reported
    assert failing(document(half, text(60, 60, grey))) == [("left-half", 3.18)]


def test_text_inside_an_ellipse_is_measured_against_its_fill() -> None:
    dot = Shape("ellipse", 0, 0, 400, 400, fill=NAVY, name="dot")
    assert failing(document(dot, text(150, 190, BLUE))) == [("dot", 2.27)]


@pytest.mark.parametrize(
    ("size", "weight", "fails"),
    [(12, 400, True), (18, 400, False), (14, 700, False), (14, 600, True), (13.5, 700, True)],
)
def test_large_text_needs_3_to_1_and_body_text_4_5_to_1(size: float, weight: int, fails: bool) -> None:
    found = measure(document(text(60, 60, GREY, size=size, weight=weight))).failing
    assert [round(f.ratio, 2) for f in found] == ([3.54] if fails else [])
    assert all(f.needed == 4.5 for f in found)


def test_whitespace_is_not_measured() -> None:
    blank = text(60, 60, WHITE)
    run = Run("  ", FACE, 0.0, 100.0)
    line = Line((run,), baseline=10, width=100, start=0, end=2)
    blank = TextBox(60, 60, 100, 13, (Paragraph("  ", blank.paragraphs[0].style, (line,)),), frame="f")
    assert measure(document(blank)).failing == ()


def test_text_over_a_picture_is_not_guessed_but_reported() -> None:
    picture = Image(40, 40, 300, 200, Path("photo.png"), "A photo", name="photo")
    found = measure(document(picture, text(60, 60, WHITE)))
    assert [(u.box.frame, u.image.name) for u in found.unmeasured] == [("frame", "photo")]
    assert found.failing == ()  # the picture covers the line: nothing else shows behind it
    beside = measure(document(picture, text(60, 400, NAVY)))
    assert beside.unmeasured == () and beside.failing == ()
    partly = measure(document(picture, text(300, 60, WHITE)))  # runs off the picture onto white
    assert len(partly.unmeasured) == 1 and [f.backdrop.page for f in partly.failing] == [True]


def test_chart_labels_are_measured_on_their_bars_and_the_page() -> None:
    style = TextStyle(9, 10.8, WHITE, role="chart")
    label = text(70, 210, WHITE, size=9)
    label = TextBox(
        label.x, label.y, label.width, label.height, (Paragraph("Sample", style, label.paragraphs[0].lines),)
    )
    bar = rect(60, 200, 150, 30, SKY, "bar-1")
    chart = Chart(
        50, 150, 300, 200, "bar", ("a",), (ChartSeries("s", (1.0,), SKY),), (("1",),), style, (bar, label)
    )
    assert failing(document(chart)) == [("bar-1", 2.64)]
    on_navy = Chart(
        50,
        150,
        300,
        200,
        "bar",
        ("a",),
        (ChartSeries("s", (1.0,), NAVY),),
        (("1",),),
        style,
        (rect(60, 200, 150, 30, NAVY, "bar-1"), label),
    )
    assert failing(document(on_navy)) == []


# -- the shipped project -------------------------------------------------------------------------


def test_every_shipped_layout_passes(
    document: Document, layouts: dict[str, LoadedLayout], case: tuple[str, str]
) -> None:
    found = measure(document)
    assert found.failing == () and found.unmeasured == ()
    frames = {frame.name for page in layouts[case[0]].layout.pages for frame in page.frames}
    boxes = [box for page in document.pages for box in _text_boxes(page.items)]
    assert boxes and all(box.frame in frames for box in boxes)  # each points at its layout frame


def _text_boxes(items: tuple[Item, ...]) -> list[TextBox]:
    out: list[TextBox] = []
    for item in items:
        if isinstance(item, TextBox):
            out.append(item)
        elif isinstance(item, Chart):
            out += _text_boxes(item.drawing)
    return out


def test_the_example_profile_passes(layouts: dict[str, LoadedLayout], theme: LoadedTheme) -> None:
    example = load_profile(ROOT / "data" / "examples" / "example-tidewater.yaml")
    for layout in layouts.values():
        for lang in ("en", "zh"):
            warnings: list = []
            doc = compose(example, layout, theme, lang, root=ROOT, created=CREATED, warnings=warnings)
            assert measure(doc).failing == () and warnings == []


def test_small_text_keeps_the_brand_hue(theme: LoadedTheme) -> None:
    """The accent stays the brand's sky blue; small text in it is a darker shade of the same hue."""
    assert theme.colors["accent"].hex == "3FA9E0"
    roles = theme.theme.typography.roles

    def hue(color: Color) -> float:
        return colorsys.rgb_to_hls(color.r / 255, color.g / 255, color.b / 255)[0] * 360

    for name in ("overline", "card-number", "slide-overline", "slide-card-number"):
        color = theme.color(roles[name].color)
        assert color is not None and abs(hue(color) - hue(SKY)) < 2, name
        assert contrast_ratio(color, WHITE) >= 4.5 and contrast_ratio(color, theme.colors["surface"]) >= 4.5


# -- reporting ---------------------------------------------------------------------------------

FLOW = """\
id: contrast
kind: brochure
theme: zhejiang-lab
title: "{name}"
subject: "{name}"
size: A5
pages:
  - name: long
    frames:
      - name: header
        repeat: true
        fill: secondary
        column: 1
        span: 12
        y: 0
        height: 14
        blocks: [{type: heading, text: "{name}"}]
      - name: body
        column: 1
        span: 12
        y: 18
        height: 60
        fit: {policy: continue}
        blocks:
          - {type: paragraph, color: surface, text: "{about} {about} {about} {international} {international}"}
"""


def test_a_failure_is_reported_once_per_frame_at_the_frame(
    scratch_layout: Callable[[str], tuple[LoadedLayout, Path]], profile: LoadedProfile, theme: LoadedTheme
) -> None:
    """Many failing lines over several pages (the header repeated, the body continued): one
    error per frame, role and colours, at the frame's name in the layout."""
    fine, _ = scratch_layout(FLOW.replace("color: surface, ", "").replace("        fill: secondary\n", ""))
    assert len(compose(profile, fine, theme, "en", root=ROOT, created=CREATED).pages) >= 2
    layout, _ = scratch_layout(FLOW)
    with pytest.raises(DiagnosticError) as caught:
        compose(profile, layout, theme, "en", root=ROOT, created=CREATED)
    header_at, body_at = (layout.source.span(("pages", 0, "frames", f, "name")) for f in (0, 1))
    found = {d.span: d for d in caught.value.diagnostics}
    assert sorted(found) == sorted([header_at, body_at]) and len(caught.value.diagnostics) == 2
    header, body = found[header_at], found[body_at]
    assert header.message.startswith("too little contrast in frame 'header': ")
    assert (
        "text role 'heading' in 'primary' (#0B2A55) on 'secondary' (#1D5FB4, the fill of 'header-fill')"
        in (header.message)
    )
    assert "measures 2.26:1; WCAG 2.1 AA needs 4.5:1" in header.message
    heading_at = theme.source.span(("typography", "roles", "heading", "color"))
    assert f"give text role 'heading' ({heading_at}) another colour" in header.hints[0]
    assert "darken palette 'navy'" in header.hints[0] and "frame 'header'" in header.hints[0]
    assert (heading_at, "text role 'heading' takes colour 'primary' here") in header.related
    assert (
        "text role 'body' in #EDF2F8 (set by the layout) on 'background' (#FFFFFF, the page" in body.message
    )
    assert "measures 1.12:1" in body.message


PICTURE = """id: picture
kind: brochure
theme: zhejiang-lab
title: "{name}"
subject: "{name}"
size: A5
pages:
  - name: only
    frames:
      - name: photo
        column: 1
        span: 12
        y: 0
        height: 60
        blocks: [{type: image, src: photo.png, alt: "A photo", height: 50}]
      - name: caption
        column: 1
        span: 12
        y: 10
        height: 20
        blocks: [{type: paragraph, color: on-primary, text: "{name}"}]
"""


def test_text_over_a_picture_is_a_warning_once_per_frame(
    scratch_layout: Callable[[str], tuple[LoadedLayout, Path]],
    profile: LoadedProfile,
    theme: LoadedTheme,
    tmp_path: Path,
) -> None:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (400, 300), (200, 60, 40)).save(buffer, "PNG")
    (tmp_path / "photo.png").write_bytes(buffer.getvalue())
    layout, _ = scratch_layout(PICTURE)
    warnings: list = []
    for lang in ("en", "zh"):  # no error: white text on a picture is not judged
        compose(profile, layout, theme, lang, root=tmp_path, created=CREATED, warnings=warnings)
    assert [(w.span, w.severity) for w in warnings] == [
        (layout.source.span(("pages", 0, "frames", 1, "name")), Severity.WARNING)
    ]
    assert (
        warnings[0].message
        == "text in frame 'caption' lies over picture 'photo.png (photo)': its contrast cannot be measured"
    )


def picture_project(folder: Path) -> Path:
    """The shipped profile and theme with one layout: text over a picture."""
    for part in ("data", "themes", "layouts"):
        (folder / part).mkdir(parents=True)
    shutil.copy(ROOT / "data" / "zhejiang-lab.yaml", folder / "data")
    shutil.copy(ROOT / "themes" / "zhejiang-lab.yaml", folder / "themes")
    shutil.copytree(ROOT / "data" / "images", folder / "data" / "images")  # the profile's and theme's
    (folder / "layouts" / "picture.yaml").write_text(PICTURE, encoding="utf-8")
    PillowImage.new("RGB", (400, 300), (200, 60, 40)).save(folder / "photo.png")
    return folder


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "--no-cache", "-j", "1"],
        ["validate", "--no-cache", "-j", "2"],
        ["build", "--out", "OUT"],
        ["build", "-j", "2", "--out", "OUT"],
    ],
    ids=str,
)
def test_the_warning_is_printed_once_and_the_command_succeeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    project = picture_project(tmp_path / "project")
    argv = [str(tmp_path / "out") if arg == "OUT" else arg for arg in command]
    assert main(["--project", str(project), *argv]) == 0
    err = capsys.readouterr().err
    assert err.count(": warning: text in frame 'caption' lies over picture 'photo.png (photo)'") == 1, err
    assert "error:" not in err
