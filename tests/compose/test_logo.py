"""Whose logo a `logo: true` block shows: the profile's own (`images.logo`) first, else the
theme's only when the theme is the same organisation's (`meta.name` equal to the profile's
`name`), else none (an optional block is left out; a required one is an error at the block).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from zjlab_reports.compose import compose
from zjlab_reports.compose.tree.graphics import same_organisation
from zjlab_reports.diagnostics import DiagnosticError
from zjlab_reports.document import Document, Image
from zjlab_reports.loaders import LoadedLayout, LoadedProfile, LoadedTheme
from zjlab_reports.model.common import Text

from .conftest import CREATED, LANGS, ROOT

TIDEWATER_LOGO = "data/examples/images/tidewater-logo.png"
OWN_ALT = {"en": "Harbour Trust logo", "zh": "港湾信托标志"}
OTHER_NAME = {"en": "Harbour Trust", "zh": "港湾信托"}
REQUIRED = """\
id: scratch
kind: brochure
theme: zhejiang-lab
title: "{name}"
subject: "{name}"
size: A4
pages:
  - name: front
    frames:
      - name: logo
        x: 0
        width: 100
        y: 0
        height: 30
        blocks:
          - {type: image, logo: true}
"""


def _images(document: Document) -> list[Image]:
    return [item for page in document.pages for item in page.items if isinstance(item, Image)]


def _logos(document: Document) -> list[Image]:
    return [image for image in _images(document) if image.name.startswith(("logo (", "images.logo ("))]


@pytest.fixture
def other_organisation(
    write_profile: Callable[[dict[str, Any]], LoadedProfile], with_counts: Callable[..., dict[str, Any]]
) -> Callable[..., LoadedProfile]:
    """`other_organisation(logo=True)`: the shipped profile renamed to another organisation,
    with its own logo (`images.logo`) or none."""

    def make(logo: bool, name: dict[str, str] = OTHER_NAME) -> LoadedProfile:
        data = with_counts()
        data["name"] = dict(name)
        if logo:
            data["images"]["logo"] = {"src": TIDEWATER_LOGO, "alt": dict(OWN_ALT)}
        return write_profile(data)

    return make


@pytest.mark.parametrize(
    ("theme_name", "profile_name", "same"),
    [
        (("Zhejiang Lab", "之江实验室"), ("Zhejiang Lab", "之江实验室"), True),
        (("Zhejiang Lab", "之江实验室"), (" zhejiang lab ", "之江实验室"), True),
        (("Zhejiang Lab", "之江实验室"), ("Harbour Trust", "港湾信托"), False),
        (("Zhejiang Lab", "之江实验室"), ("Zhejiang Lab", "港湾信托"), False),
        (("Zhejiang Lab", "之江实验室"), ("Zhejiang Lab (fictional)", "之江实验室"), False),
    ],
)
def test_same_organisation_needs_the_same_name_in_every_language(
    theme_name: tuple[str, str], profile_name: tuple[str, str], same: bool
) -> None:
    theme, profile = (Text(en=en, zh=zh) for en, zh in (theme_name, profile_name))
    assert same_organisation(theme, profile) is same


def test_the_themes_own_organisation_gets_the_theme_logo(
    composed: Callable[[str, str], Document], layouts: dict[str, LoadedLayout]
) -> None:
    for name in layouts:
        for lang, alt in zip(LANGS, ("Zhejiang Lab logo", "之江实验室标志"), strict=True):
            (logo,) = _logos(composed(name, lang))
            assert logo.name.startswith("logo (") and logo.alt == alt
            assert Path(logo.path) == ROOT / "data" / "images" / "logo.png"


def test_a_profile_with_its_own_logo_shows_it_with_its_alt_text(
    other_organisation: Callable[..., LoadedProfile], theme: LoadedTheme, layouts: dict[str, LoadedLayout]
) -> None:
    profile = other_organisation(logo=True)
    for name, layout in layouts.items():
        for lang in LANGS:
            document = compose(profile, layout, theme, lang, root=ROOT, created=CREATED)
            (logo,) = _logos(document)
            assert logo.name.startswith("images.logo (") and logo.alt == OWN_ALT[lang], (name, lang)
            assert Path(logo.path) == ROOT / TIDEWATER_LOGO
            assert logo in document.pages[0].items  # still on the cover / title slide
            assert logo.tag is not None and logo.tag.alt == OWN_ALT[lang]


def test_the_profiles_logo_wins_over_the_theme_logo_of_its_own_organisation(
    other_organisation: Callable[..., LoadedProfile], theme: LoadedTheme, layouts: dict[str, LoadedLayout]
) -> None:
    profile = other_organisation(logo=True, name={"en": "Zhejiang Lab", "zh": "之江实验室"})
    (logo,) = _logos(compose(profile, layouts["brochure-a4"], theme, "en", root=ROOT, created=CREATED))
    assert logo.name.startswith("images.logo (") and logo.alt == OWN_ALT["en"]


def test_another_organisation_without_a_logo_never_gets_the_themes(
    other_organisation: Callable[..., LoadedProfile], theme: LoadedTheme, layouts: dict[str, LoadedLayout]
) -> None:
    profile = other_organisation(logo=False)
    assert theme.theme.logo is not None  # the theme has a logo: it is the Lab's
    for name, layout in layouts.items():
        for lang in LANGS:
            document = compose(profile, layout, theme, lang, root=ROOT, created=CREATED)
            assert _logos(document) == [], (name, lang)
            assert all(image.path != ROOT / theme.theme.logo.path for image in _images(document)), (
                name,
                lang,
            )


def test_a_required_logo_block_without_a_logo_of_the_organisation_is_an_error(
    other_organisation: Callable[..., LoadedProfile],
    theme: LoadedTheme,
    scratch_layout: Callable[[str], tuple[LoadedLayout, Path]],
) -> None:
    layout, path = scratch_layout(REQUIRED)
    with pytest.raises(DiagnosticError) as caught:
        compose(other_organisation(logo=False), layout, theme, "en", root=ROOT, created=CREATED)
    (problem,) = caught.value.diagnostics
    assert problem.span.file.endswith(path.name) and (problem.span.line, problem.span.column) == (
        16,
        33,
    )  # at `true`
    assert problem.message == "the profile has no logo, and the theme's logo is Zhejiang Lab's"
    assert any("'images: {logo: {src: ..." in hint and "optional: true" in hint for hint in problem.hints)
    (logo,) = _logos(compose(other_organisation(logo=True), layout, theme, "zh", root=ROOT, created=CREATED))
    assert logo.alt == OWN_ALT["zh"]


def test_the_author_is_the_theme_s_only_for_its_own_organisation(
    other_organisation: Callable[..., LoadedProfile],
    profile: LoadedProfile,
    theme: LoadedTheme,
    layouts: dict[str, LoadedLayout],
) -> None:
    """Documents of another organisation must not name the theme's organisation as author."""
    other = other_organisation(logo=True)
    for layout in layouts.values():
        for lang in LANGS:
            own = compose(profile, layout, theme, lang, root=ROOT, created=CREATED)
            assert own.author == theme.theme.meta.author[lang]
            document = compose(other, layout, theme, lang, root=ROOT, created=CREATED)
            assert document.author == OTHER_NAME[lang] != theme.theme.meta.author[lang]
