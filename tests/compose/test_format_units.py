"""Locale formatting of typed values (Babel/CLDR): numbers, units, qualifiers, dates."""

from __future__ import annotations

import datetime as dt

import pytest

from zjlab_reports.compose.format import format_date_for, format_quantity, number_parts
from zjlab_reports.model.profile import Fact, Quantity

NBSP = "\u00a0"
AREA = Fact(
    label={"en": "Area", "zh": "占地面积"}, value=90.5, unit="hectare", also=Quantity(value=1358, unit="mu")
)


@pytest.mark.parametrize(
    ("quantity", "en", "zh"),
    [
        (AREA, f"90.5{NBSP}ha (1,358{NBSP}mu)", "90.5公顷（1,358亩）"),
        (
            Quantity(value=2_000_000, unit="square-metre", qualifier="about"),
            f"about 2{NBSP}million{NBSP}m²",
            "约200万平方米",
        ),
        (Quantity(value=3000, unit="person", qualifier="nearly"), f"nearly 3,000{NBSP}people", "近3,000人"),
        (Quantity(value=10_000, unit="person"), f"10,000{NBSP}people", "10,000人"),
        (Quantity(value=5, unit="year", qualifier="about"), f"about 5{NBSP}years", "约5年"),
        (Quantity(value=1, unit="year"), f"1{NBSP}year", "1年"),
    ],
)
def test_quantities(quantity: Quantity, en: str, zh: str) -> None:
    assert format_quantity(quantity, "en") == en
    assert format_quantity(quantity, "zh") == zh


def test_number_parts_split_for_callouts() -> None:
    parts = number_parts(Quantity(value=2_000_000, unit="square-metre", qualifier="about"), "zh")
    assert (parts.qualifier, parts.number, parts.unit) == ("约", "200万", "平方米")


def test_dates() -> None:
    assert format_date_for(dt.date(2017, 9, 6), "en") == "September 6, 2017"
    assert format_date_for(dt.date(2017, 9, 6), "zh") == "2017年9月6日"


def test_remembered_numbers_are_keyed_by_everything_the_text_depends_on() -> None:
    """Formatting is memoized (a batch formats the same figures again and again): a quantity
    differing only in unit, qualifier, value or language never gets another's text."""
    quantities = [
        Quantity(value=v, unit=unit, qualifier=qualifier)
        for v in (1, 1.5, 2, 2_000_000)
        for unit in ("person", "year", "hectare")
        for qualifier in (None, "about", "nearly")
    ]
    rounds = []
    for _ in range(2):  # the second round comes from the memo
        rounds.append(
            [(format_quantity(q, lang), number_parts(q, lang)) for q in quantities for lang in ("en", "zh")]
        )
    assert rounds[0] == rounds[1]
    assert len({text for text, _ in rounds[0]}) == len(rounds[0])  # every quantity reads differently
    assert format_quantity(Quantity(value=1, unit="person"), "en") == f"1{NBSP}person"
    assert format_quantity(Quantity(value=1.5, unit="person"), "en") == f"1.5{NBSP}people"
