"""Locale formatting: typed profile values (quantities, dates) and a language in, reader's text out.

Numbers, dates and CLDR units come from Babel; units CLDR lacks (mu, person) have their own
patterns here. Examples: `90.5 ha (1,358 mu)` / `90.5公顷（1,358亩）`, `about 2 million m²` /
`约200万平方米`, `nearly 3,000 people` / `近3,000人`, `September 6, 2017` / `2017年9月6日`.
Lists are joined with CLDR list patterns: `A, B, and C` / `A、B和C`. English is CLDR `en`,
whose serial comma ("intelligent networks, and intelligent systems") is the seed text's style.

What Babel makes (a quantity's parts, a date, a list's patterns) is also stored in the cache
(`formats/`, one self-checking record per call, keyed by the call and the installed Babel):
loading Babel's locale data costs a fresh process some 30 ms per language, and a rebuild asks
for the same few values again. A warm process imports no Babel at all.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from msgspec import Struct

from ..cache import cache_root, file_version, recall, remember
from ..model.profile import Fact, Quantity

__all__ = [
    "LOCALES",
    "NumberParts",
    "babel_version",
    "format_date_for",
    "format_list_for",
    "format_quantity",
    "number_parts",
]

LOCALES = {"en": "en", "zh": "zh_Hans_CN"}
NBSP = "\u00a0"

_CLDR_UNITS = {"hectare": "area-hectare", "square-metre": "area-square-meter", "year": "duration-year"}
#: Units CLDR has no pattern for: (English singular, English plural, Chinese).
_OWN_UNITS = {"mu": ("mu", "mu", "亩"), "person": ("person", "people", "人")}
_QUALIFIERS = {
    "about": ("about ", "约"),
    "nearly": ("nearly ", "近"),
    "over": ("over ", "超过"),
    "up-to": ("up to ", "最多"),
}


class NumberParts(Struct, frozen=True, eq=False):
    """A quantity split for a key-figure callout: `90.5` + `ha`, or `200万` + `平方米`."""

    qualifier: str
    number: str
    unit: str


def format_quantity(quantity: Quantity | Fact, lang: str) -> str:
    """The quantity as running text, with its `also` equivalent in brackets when it has one."""
    parts = number_parts(quantity, lang)
    text = _join(parts, lang)
    also = getattr(quantity, "also", None)
    if also is not None:
        inner = _join(number_parts(also, lang), lang)
        text += f"（{inner}）" if lang == "zh" else f" ({inner})"
    return text


def _join(parts: NumberParts, lang: str) -> str:
    space = "" if lang == "zh" else NBSP
    unit = f"{space}{parts.unit}" if parts.unit else ""
    return f"{parts.qualifier}{parts.number}{unit}"


def number_parts(quantity: Quantity, lang: str) -> NumberParts:
    """Qualifier, number and unit of `quantity` formatted for `lang` ("en" or "zh")."""
    value = quantity.value
    return _number_parts(value, type(value).__name__, quantity.unit, quantity.qualifier, lang)


# A batch formats the same few quantities again and again; Babel's formatting is the cost.
# Keyed by everything the text depends on (the value's type too: 2 and 2.0 are equal keys).
@functools.lru_cache(maxsize=1024)
def _number_parts(value: float, kind: str, unit: str, qualifier: str | None, lang: str) -> NumberParts:
    key = [repr(value), kind, unit, qualifier, lang]
    return NumberParts(*_stored("number", key, lambda: list(_made_parts(value, unit, qualifier, lang))))


def _made_parts(value: float, unit: str, qualifier: str | None, lang: str) -> tuple[str, str, str]:
    locale = LOCALES[lang]
    number = _number(value, locale)
    shown = _QUALIFIERS[qualifier][lang == "zh"] if qualifier else ""
    return shown, number, _unit(value, unit, number, locale, lang)


def _number(value: float, locale: str) -> str:
    """Whole millions and more in compact form (2 million, 200万); others in full (1,358)."""
    from babel.numbers import format_compact_decimal, format_decimal

    if value >= 1_000_000 and value % 100_000 == 0:
        compact = format_compact_decimal(
            value, locale=locale, format_type="long" if locale == "en" else "short", fraction_digits=1
        )
        return compact.replace(" ", NBSP)  # "2 million" stays on one line
    return format_decimal(value, locale=locale)


def _unit(value: float, unit: str, number: str, locale: str, lang: str) -> str:
    from babel.numbers import format_decimal
    from babel.units import format_unit

    if unit in _OWN_UNITS:
        singular, plural, chinese = _OWN_UNITS[unit]
        return chinese if lang == "zh" else (singular if value == 1 else plural)
    length: Literal["long", "short"] = "long" if unit == "year" else "short"
    plain = format_decimal(value, locale=locale)
    # a plain number lets CLDR choose the plural form; a compact one is passed as text
    shown: float | str = value if number == plain else number
    whole = format_unit(shown, _CLDR_UNITS[unit], length=length, locale=locale)
    return whole.replace(number, "", 1).strip(" \u00a0\u202f")


@functools.lru_cache(maxsize=256)
def format_date_for(date: dt.date, lang: str) -> str:
    """`September 6, 2017` / `2017年9月6日`."""

    def made() -> str:
        from babel.dates import format_date

        return format_date(date, format="long", locale=LOCALES[lang])

    return str(_stored("date", [date.isoformat(), lang], made))


def format_list_for(items: list[str], pattern: str, lang: str) -> str:
    """`items` joined with the CLDR list pattern type `pattern` ('standard', 'or', ...) of `lang`.

    Babel's `format_list` fails where CLDR gives a type only some of its patterns (Chinese
    `standard-narrow` has `end` and `2`); the rest are inherited from `standard`, as CLDR does.
    """
    if len(items) <= 1:
        return "".join(items)
    patterns = _list_patterns(pattern, lang)
    if len(items) == 2:
        return patterns["2"].format(*items)
    text = patterns["start"].format(items[0], items[1])
    for item in items[2:-1]:
        text = patterns["middle"].format(text, item)
    return patterns["end"].format(text, items[-1])


@functools.lru_cache(maxsize=64)
def _list_patterns(pattern: str, lang: str) -> dict[str, str]:
    """The CLDR list patterns of type `pattern` in `lang`, completed from `standard` (shared: do
    not change it)."""

    def made() -> dict[str, str]:
        from babel import Locale

        known = Locale.parse(LOCALES[lang]).list_patterns
        return {**known["standard"], **known.get(pattern, {})}

    return dict(_stored("list", [pattern, lang], made))


def _stored(kind: str, key: list[Any], make: Callable[[], Any]) -> Any:
    """`make()`, or what an earlier process stored for the same call (`kind`, `key`) and the same
    installed Babel; what is made is stored for the next (as JSON, one record per call)."""
    call = f"{kind}\0{json.dumps(key, ensure_ascii=False)}\0{babel_version()}"
    root = cache_root()
    found = recall(root, "formats", call)
    if found is not None:
        return json.loads(found)
    made = make()
    remember(root, "formats", call, json.dumps(made, ensure_ascii=False))
    return made


@functools.cache
def babel_version() -> str:
    """What tells the installed Babel from any other (its package file's path, size and time),
    found without importing it."""
    spec = importlib.util.find_spec("babel")
    origin = spec.origin if spec and spec.origin else "babel"
    try:
        return file_version(Path(origin), os.stat(origin))
    except OSError:
        return origin
