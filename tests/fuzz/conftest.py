"""Fixtures for the fuzz tests: a font cache of their own, so random character sets stay out of
~/.cache; and every module of the package imported before any example is drawn.

Hypothesis mixes into its examples constants (strings, numbers) found in the project's imported
modules (`hypothesis.internal.conjecture.providers._get_local_constants`). Run alone, this
folder imported only part of the package (1,039 strings) and the rest as the builds went, while
the whole suite had imported all of it (1,773): the same derandomized test drew other examples,
so a failure CI found did not show up when the fuzz tests were run alone, nor the reverse.
Importing it all here makes the examples the same both ways.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import zjlab_reports


def _import_every_module() -> None:
    for found in pkgutil.walk_packages(zjlab_reports.__path__, "zjlab_reports."):
        if not found.name.endswith(".__main__"):  # that one runs the command line
            importlib.import_module(found.name)


_import_every_module()


@pytest.fixture(scope="module", autouse=True)
def fuzz_font_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every random profile has its own character set, hence its own font subsets: cache them here.

    Module-scoped, so the variable is restored before other folders' tests run.
    """
    cache = tmp_path_factory.mktemp("fuzz-font-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ZJLAB_REPORTS_CACHE", str(cache))
        yield cache
