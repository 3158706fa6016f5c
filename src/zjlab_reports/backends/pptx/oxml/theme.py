"""A theme part and brand values in; the theme renamed, with the brand's colour and font schemes.

Colours are `RRGGBB` per colour-scheme slot; fonts are (Latin, East Asian) typefaces for
headings (major) and body text (minor).
"""

from __future__ import annotations

from collections.abc import Mapping

from .elements import Element, qn, sub

__all__ = ["COLOR_SLOTS", "set_color_scheme", "set_font_scheme", "set_theme_name"]

COLOR_SLOTS = (
    "dk1",
    "lt1",
    "dk2",
    "lt2",
    "accent1",
    "accent2",
    "accent3",
    "accent4",
    "accent5",
    "accent6",
    "hlink",
    "folHlink",
)
"""The colour-scheme slots of `a:clrScheme`, in schema order."""


def set_theme_name(theme: Element, name: str) -> None:
    """Name the theme (`a:theme/@name`), shown in PowerPoint's Design tab."""
    theme.set("name", name)


def set_color_scheme(theme: Element, name: str, colors: Mapping[str, str]) -> None:
    """Replace `a:clrScheme` with `name` and `colors` (slot -> `RRGGBB`, all of COLOR_SLOTS)."""
    scheme = _theme_child(theme, "a:clrScheme")
    for child in list(scheme):
        scheme.remove(child)
    scheme.set("name", name)
    for slot in COLOR_SLOTS:
        sub(sub(scheme, f"a:{slot}"), "a:srgbClr", val=colors[slot])


def set_font_scheme(theme: Element, name: str, major: tuple[str, str], minor: tuple[str, str]) -> None:
    """Replace `a:fontScheme`: heading (`major`) and body (`minor`) as (latin, east asian).

    The East Asian face is written both as `a:ea` and as the Simplified Chinese
    (`script="Hans"`) entry, which PowerPoint consults for zh-CN text.
    """
    scheme = _theme_child(theme, "a:fontScheme")
    scheme.set("name", name)
    for tag, (latin, east_asian) in (("a:majorFont", major), ("a:minorFont", minor)):
        collection = scheme.find(qn(tag))
        if collection is None:
            raise ValueError(f"theme has no {tag}")
        for child in list(collection):
            collection.remove(child)
        sub(collection, "a:latin", typeface=latin)
        sub(collection, "a:ea", typeface=east_asian)
        sub(collection, "a:cs", typeface="")
        sub(collection, "a:font", script="Hans", typeface=east_asian)


def _theme_child(theme: Element, tag: str) -> Element:
    found = theme.find(f"{qn('a:themeElements')}/{qn(tag)}")
    if found is None:
        raise ValueError(f"theme has no {tag}")
    return found
