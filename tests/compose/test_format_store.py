"""What Babel formatted is stored in the cache (`formats/`) and read back by later processes:
the same texts, Babel never asked again, a damaged record or another Babel made afresh."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from zjlab_reports.compose import format as fmt
from zjlab_reports.model.profile import Quantity

NBSP = "\u00a0"
CASES = [
    Quantity(value=2_000_000, unit="square-metre", qualifier="about"),
    Quantity(value=90.5, unit="hectare"),
    Quantity(value=3000, unit="person", qualifier="nearly"),
    Quantity(value=1, unit="year"),
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("ZJLAB_REPORTS_CACHE", str(tmp_path))
    _forget()
    yield tmp_path
    _forget()


def _forget() -> None:
    """This process's memos emptied, as in a fresh process (the records stay)."""
    for memo in (fmt._number_parts, fmt.format_date_for, fmt._list_patterns):
        memo.cache_clear()


def _texts() -> list[object]:
    made: list[object] = []
    for lang in ("en", "zh"):
        made += [fmt.format_quantity(quantity, lang) for quantity in CASES]
        made += [fmt.format_date_for(dt.date(2017, 9, 6), lang)]
        made += [fmt.format_list_for(["A", "B", "C"], pattern, lang) for pattern in ("standard", "or")]
    return made


def _no_babel(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every call that would ask Babel record its kind instead of answering."""
    asked: list[str] = []

    def refuse(kind: str):  # type: ignore[no-untyped-def]
        def made(*args: object, **kwargs: object) -> object:
            asked.append(kind)
            raise AssertionError(f"Babel asked for a {kind}")

        return made

    monkeypatch.setattr(fmt, "_made_parts", refuse("number"))
    import babel
    import babel.dates

    monkeypatch.setattr(babel.dates, "format_date", refuse("date"))
    monkeypatch.setattr(babel.Locale, "parse", refuse("list"))
    return asked


def test_stored_texts_are_read_back_without_babel(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _texts()
    assert f"about 2{NBSP}million{NBSP}m²" in first and "2017年9月6日" in first
    assert len(list((cache / "formats").iterdir())) >= 2 * len(CASES) + 2
    _forget()
    asked = _no_babel(monkeypatch)
    assert _texts() == first
    assert asked == []


def test_a_damaged_record_is_made_again(cache: Path) -> None:
    first = _texts()
    for record in (cache / "formats").iterdir():
        record.write_text('"forged" 0000\n', encoding="utf-8")
    _forget()
    assert _texts() == first


def test_another_babel_is_not_answered_from_the_store(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _texts()
    _forget()
    monkeypatch.setattr(fmt, "babel_version", lambda: "another babel")
    asked = _no_babel(monkeypatch)
    with pytest.raises(AssertionError):
        fmt.format_quantity(CASES[0], "en")
    assert asked == ["number"]


def test_a_warm_process_imports_no_babel(cache: Path) -> None:
    code = (
        "import sys, datetime as dt\n"
        "from zjlab_reports.compose import format as fmt\n"
        "from zjlab_reports.model.profile import Quantity\n"
        "people = Quantity(value=3000, unit='person', qualifier='nearly')\n"
        "print(fmt.format_quantity(people, 'zh'), fmt.format_date_for(dt.date(2017, 9, 6), 'en'),"
        " fmt.format_list_for(['A', 'B', 'C'], 'standard', 'en'))\n"
        "print('babel' in sys.modules)\n"
    )
    env = {"ZJLAB_REPORTS_CACHE": str(cache), "PATH": "/usr/bin:/bin"}
    cold = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    warm = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert cold.stdout.splitlines() == ["近3,000人 September 6, 2017 A, B, and C", "True"]
    assert warm.stdout.splitlines() == ["近3,000人 September 6, 2017 A, B, and C", "False"]
