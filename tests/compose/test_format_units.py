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
