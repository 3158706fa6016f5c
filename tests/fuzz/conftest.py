"""Fixtures for the fuzz tests: a font cache of their own, so random character sets stay out of ~/.cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="module", autouse=True)
def fuzz_font_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every random profile has its own character set, hence its own font subsets: cache them here.

    Module-scoped, so the variable is restored before other folders' tests run.
    """
    cache = tmp_path_factory.mktemp("fuzz-font-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ZJLAB_REPORTS_CACHE", str(cache))
        yield cache
