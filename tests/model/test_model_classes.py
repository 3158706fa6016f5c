"""The model classes are cheap to create: pydantic reads their field annotations as objects.

A module with `from __future__ import annotations` turns every annotation into a string that
pydantic compiles and evaluates again for each class with the field (and each subclass):
~5 ms of every process's start-up for our 55 models.
"""

import inspect
from pathlib import Path
from types import ModuleType

import pytest
from pydantic import BaseModel

from zjlab_reports.model import common, layout, profile, theme

MODULES = [common, layout, profile, theme]


def _models(module: ModuleType) -> list[type[BaseModel]]:
    return [
        value
        for value in vars(module).values()
        if inspect.isclass(value) and issubclass(value, BaseModel) and value.__module__ == module.__name__
    ]


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.__name__.rsplit(".", 1)[1])
def test_field_annotations_are_objects_not_strings(module: ModuleType) -> None:
    models = _models(module)
    assert models, f"no models found in {module.__name__}"
    for model in models:
        written = vars(model).get("__annotations__", {})
        strings = [name for name, hint in written.items() if isinstance(hint, str)]
        assert not strings, f"{model.__name__}: string annotations {strings}"


def test_every_model_module_is_checked() -> None:
    """A new model module joins MODULES (so its annotations stay objects too)."""
    sources = {
        path.stem: path.read_text(encoding="utf-8") for path in Path(common.__file__).parent.glob("*.py")
    }
    holding = {name for name, text in sources.items() if "(BaseModel)" in text or "(Closed)" in text}
    assert holding == {module.__name__.rsplit(".", 1)[1] for module in MODULES}
