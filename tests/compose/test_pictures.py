"""Pictures in composed documents: profile pictures by key, the theme's logo, cover and contain
fits, credit lines, optional slots, and the diagnostics of a picture that is not there."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from zjlab_reports.compose import compose, compose_placed
from zjlab_reports.diagnostics import DiagnosticError
from zjlab_reports.document import Document, Image, TextBox
from zjlab_reports.loaders import LoadedLayout, LoadedProfile, LoadedTheme

from .conftest import CREATED, LANGS, LAYOUTS, ROOT

COVER = "images.cover ("
LOGO = "logo ("


def _images(document: Document, page: int | None = None) -> list[Image]:
    pages = document.pages if page is None else (document.pages[page],)
    return [item for p in pages for item in p.items if isinstance(item, Image)]


def _text(box: TextBox) -> str:
    return "".join(paragraph.text for paragraph in box.paragraphs)


def _visible_ratio(image: Image) -> float:
    left, top, right, bottom = image.crop
    return image.pixels[1] * (1 - top - bottom) / (image.pixels[0] * (1 - left - right))


def test_every_shipped_document_opens_with_the_logo_and_the_cover_picture(document: Document) -> None:
    first = _images(document, 0)
    names = [image.name for image in first]
    assert any(name.startswith(COVER) for name in names), names
    assert any(name.startswith(LOGO) for name in names), names
    for image in _images(document):
        assert image.alt.strip() and image.tag is not None and image.tag.role == "Figure"
        assert min(image.pixels) > 0
        # What is shown has the box's proportions: cover crops, contain shrinks the box.
        assert math.isclose(_visible_ratio(image), image.height / image.width, rel_tol=1e-6)


def test_the_cover_picture_fills_its_frame_around_the_focal_point(
    composed: Callable[[str, str], Document],
) -> None:
    for layout in LAYOUTS:
        cover = next(i for i in _images(composed(layout, "en"), 0) if i.name.startswith(COVER))
        left, top, right, bottom = cover.crop
        fx, fy = 0.65, 0.35  # the shipped profile's focus
        assert left <= fx <= 1 - right and top <= fy <= 1 - bottom
        assert cover.bleed, f"{layout}: the cover picture touches the page edge, so it bleeds"


def test_the_brochure_cover_credits_its_picture_below_it(composed: Callable[[str, str], Document]) -> None:
    for lang, credit in zip(LANGS, ("Cover: generated artwork", "封面：生成图案"), strict=True):
        page = composed("brochure-a4", lang).pages[0]
        cover = next(i for i in page.items if isinstance(i, Image) and i.name.startswith(COVER))
        (line,) = [b for b in page.items if isinstance(b, TextBox) and _text(b) == credit]
        assert line.tag is not None and line.tag.role == "Caption"
        assert line.y >= cover.y + cover.height - 0.01
        assert math.isclose(line.x + line.width, cover.x + cover.width, abs_tol=1.0)  # right-aligned


def test_a_profile_without_pictures_builds_every_layout_without_the_slot(
    profile_with: Callable[..., LoadedProfile],
    write_profile: Callable[[dict[str, Any]], LoadedProfile],
    with_counts: Callable[..., dict[str, Any]],
    theme: LoadedTheme,
    layouts: dict[str, LoadedLayout],
) -> None:
    data = with_counts()
    del data["images"]
    bare = write_profile(data)
    for name, layout in layouts.items():
        for lang in LANGS:
            document = compose(bare, layout, theme, lang, root=ROOT, created=CREATED)
            names = [image.name for image in _images(document)]
            assert not any(n.startswith(COVER) for n in names), (name, lang, names)
            assert any(n.startswith(LOGO) for n in names), (name, lang, names)


def test_the_focal_point_moves_the_crop(
    write_profile: Callable[[dict[str, Any]], LoadedProfile],
    with_counts: Callable[..., dict[str, Any]],
    theme: LoadedTheme,
    layouts: dict[str, LoadedLayout],
) -> None:
    crops = []
    for x in (0.0, 1.0):
        data = with_counts()
        data["images"]["cover"]["focus"] = {"x": x, "y": 0.5}
        document = compose(write_profile(data), layouts["deck-16x9"], theme, "en", root=ROOT, created=CREATED)
        crops.append(next(i.crop for i in _images(document, 0) if i.name.startswith(COVER)))
    (left_0, _, right_0, _), (left_1, _, right_1, _) = crops
    assert left_0 == 0 and right_0 > 0.3  # the tall slide slot keeps the left of the wide picture
    assert right_1 == 0 and left_1 > 0.3  # ... or its right


def test_placed_pictures_name_their_file_and_their_block(
    profile: LoadedProfile, theme: LoadedTheme, layouts: dict[str, LoadedLayout]
) -> None:
    placed = compose_placed(profile, layouts["brochure-a4"], theme, "en", root=ROOT, created=CREATED)
    sources = {p.source.label: p.source for p in placed.pictures}
    cover, logo = sources["picture 'images.cover'"], sources["the theme's logo"]
    assert cover.picture.file.endswith("data/zhejiang-lab.yaml") and cover.picture.line > 0
    assert profile.source.data["images"]["cover"]["src"] == "data/images/cover.jpg"
    assert logo.picture.file.endswith("themes/zhejiang-lab.yaml") and logo.picture.line > 0
    assert cover.block.file.endswith("layouts/brochure-a4.yaml") and cover.frame == "cover-art"
    assert all(p.ppi >= 300 for p in placed.pictures), [(p.source.label, p.ppi) for p in placed.pictures]


ONE_PAGE = """\
id: scratch
kind: brochure
theme: zhejiang-lab
title: "{{name}}"
subject: "{{name}}"
size: A4
pages:
  - name: front
    frames:
      - name: picture
        x: 0
        width: 100
        y: 0
        height: 120
        blocks:
          - {block}
"""


def _scratch(
    scratch_layout: Callable[[str], tuple[LoadedLayout, Path]], block: str
) -> tuple[LoadedLayout, Path]:
    return scratch_layout(ONE_PAGE.format(block=block))


@pytest.mark.parametrize(
    ("block", "message", "hint"),
    [
        (
            "{type: image, image: covr}",
            "the profile has no picture 'covr'",
            "did you mean 'cover'?",
        ),
        (
            "{type: image, image: team}",
            "the profile has no picture 'team'",
            "mark the block 'optional: true'",
        ),
    ],
)
def test_a_missing_picture_key_is_reported_at_the_block(
    scratch_layout: Callable[[str], tuple[LoadedLayout, Path]],
    profile: LoadedProfile,
    theme: LoadedTheme,
    block: str,
    message: str,
    hint: str,
) -> None:
    layout, path = _scratch(scratch_layout, block)
    with pytest.raises(DiagnosticError) as caught:
        compose(profile, layout, theme, "en", root=ROOT, created=CREATED)
    (problem,) = caught.value.diagnostics
    assert problem.span.file.endswith(path.name) and (problem.span.line, problem.span.column) == (16, 34)
    assert message in problem.message
    assert any(hint in h for h in problem.hints), problem.hints


def test_an_optional_missing_picture_leaves_the_frame_empty(
    scratch_layout: Callable[[str], tuple[LoadedLayout, Path]], profile: LoadedProfile, theme: LoadedTheme
) -> None:
    layout, _ = _scratch(scratch_layout, "{type: image, image: team, optional: true}")
    document = compose(profile, layout, theme, "en", root=ROOT, created=CREATED)
    assert _images(document) == []


@pytest.mark.parametrize("align", ["left", "center", "right"])
def test_contain_shows_all_of_the_picture_inside_the_box(
    scratch_layout: Callable[[str], tuple[LoadedLayout, Path]],
    profile: LoadedProfile,
    theme: LoadedTheme,
    align: str,
) -> None:
    layout, _ = _scratch(
        scratch_layout, f"{{type: image, image: cover, fit: contain, height: 30, align: {align}}}"
    )
    (image,) = _images(compose(profile, layout, theme, "en", root=ROOT, created=CREATED))
    mm = 72 / 25.4
    assert image.crop == (0.0, 0.0, 0.0, 0.0)
    assert math.isclose(image.height, 30 * mm, rel_tol=1e-6)  # 2700 x 1800 in 100 x 30 mm: the height holds
    assert math.isclose(image.width / image.height, 1.5, rel_tol=1e-6)
    frame_left, room = 15 * mm, 100 * mm - image.width  # the layout's default margins
    expected = {"left": 0.0, "center": room / 2, "right": room}[align]
    assert math.isclose(image.x - frame_left, expected, abs_tol=0.01)


def test_cover_with_a_height_crops_to_that_box(
    scratch_layout: Callable[[str], tuple[LoadedLayout, Path]], profile: LoadedProfile, theme: LoadedTheme
) -> None:
    layout, _ = _scratch(scratch_layout, "{type: image, image: cover, fit: cover, height: 100}")
    (image,) = _images(compose(profile, layout, theme, "en", root=ROOT, created=CREATED))
    assert math.isclose(image.height / image.width, 1.0, rel_tol=1e-5)  # frames round to 0.001 pt
    assert math.isclose(_visible_ratio(image), image.height / image.width, rel_tol=1e-9)
    left, _, right, _ = image.crop
    assert math.isclose(left + right, 1 / 3, rel_tol=1e-4)


def test_the_logo_and_a_file_can_be_placed(
    scratch_layout: Callable[[str], tuple[LoadedLayout, Path]], profile: LoadedProfile, theme: LoadedTheme
) -> None:
    layout, _ = _scratch(scratch_layout, "{type: image, logo: true, alt: Our logo}")
    (image,) = _images(compose(profile, layout, theme, "zh", root=ROOT, created=CREATED))
    assert image.alt == "Our logo" and image.name.startswith(LOGO)
    layout, _ = _scratch(
        scratch_layout, "{type: image, src: data/images/logo.png, alt: {en: Mark, zh: 标志}}"
    )
    (image,) = _images(compose(profile, layout, theme, "zh", root=ROOT, created=CREATED))
    assert image.alt == "标志"
