"""Stored validators (`model.stored`): a schema read back from its record is the schema pydantic
generates, so it accepts, refuses and reports exactly the same; a later process generates none;
a damaged record or a schema holding something a record cannot name is never used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError
from pydantic._internal._config import ConfigWrapper
from pydantic_core import SchemaValidator

from zjlab_reports.diagnostics import DiagnosticError
from zjlab_reports.loaders.yaml_source import read_yaml
from zjlab_reports.model import stored
from zjlab_reports.model.layout import Layout
from zjlab_reports.model.profile import Profile
from zjlab_reports.model.theme import Theme

REPO = Path(__file__).resolve().parents[2]
MODELS = {"layout": Layout, "theme": Theme, "profile": Profile}
SHIPPED = {"layout": "layouts/*.yaml", "theme": "themes/*.yaml", "profile": "data/*.yaml"}


def _record(tmp_path: Path, model: type[BaseModel]) -> Path:
    model.model_rebuild()
    record = tmp_path / "validators" / f"{model.__qualname__}.x.json"
    stored._store(record, model.__pydantic_core_schema__)
    return record


def _read_back(record: Path) -> Any:
    body = record.read_bytes().rpartition(b"\n")[0]
    return json.loads(body, object_hook=stored._decoded)


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_a_record_gives_back_the_schema_pydantic_generates(tmp_path: Path, kind: str) -> None:
    model = MODELS[kind]
    schema = _read_back(_record(tmp_path, model))
    assert schema == model.__pydantic_core_schema__
    assert repr(schema) == repr(model.__pydantic_core_schema__)  # in the same order: fields, errors


def _outcome(validator: SchemaValidator, data: Any) -> Any:
    try:
        return ("valid", validator.validate_python(data))
    except ValidationError as exc:  # an exception in `ctx` equals only itself: compare its text
        errors = exc.errors(include_url=False)
        return ("refused", [{**e, "ctx": {k: repr(v) for k, v in e.get("ctx", {}).items()}} for e in errors])


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_a_stored_validator_judges_every_file_as_pydantic_s_does(tmp_path: Path, kind: str) -> None:
    """Every file of the bad-input corpus and every shipped file: the same result, the same errors."""
    model = MODELS[kind]
    config = ConfigWrapper(model.model_config, check=False).core_config(title=model.__name__)
    generated = SchemaValidator(model.__pydantic_core_schema__, config)
    from_record = SchemaValidator(_read_back(_record(tmp_path, model)), config)
    files = sorted((REPO / "tests" / "bad_inputs" / kind).glob("*.yaml")) + sorted(REPO.glob(SHIPPED[kind]))
    judged = {"valid": 0, "refused": 0}
    for path in files:
        try:
            data = read_yaml(path).data
        except DiagnosticError:
            continue  # not YAML the schema ever sees
        expected = _outcome(generated, data)
        assert _outcome(from_record, data) == expected, path.name
        judged[expected[0]] += 1
    assert judged["valid"] >= 1 and judged["refused"] >= 3, judged


PROBE = """
import sys
from pathlib import Path
from pydantic._internal import _generate_schema
from zjlab_reports.loaders.layout import load_layout
if sys.argv[1] == "warm":
    def refuse(*args, **kwargs):
        raise AssertionError("a schema was generated")
    _generate_schema.GenerateSchema.generate_schema = refuse
print(load_layout(Path(sys.argv[2])).layout.id, "pydantic.plugin._loader" in sys.modules)
"""


def test_a_later_process_generates_no_schema(tmp_path: Path) -> None:
    env = {**os.environ, "ZJLAB_REPORTS_CACHE": str(tmp_path)}
    layout = str(REPO / "layouts" / "brochure-a4.yaml")
    runs = [
        subprocess.run([sys.executable, "-c", PROBE, when, layout], capture_output=True, text=True, env=env)
        for when in ("cold", "warm")
    ]
    assert [run.returncode for run in runs] == [0, 0], runs[1].stderr
    assert [run.stdout.split() for run in runs] == [["brochure-a4", "True"], ["brochure-a4", "False"]]
    assert len(list((tmp_path / "validators").glob("*Layout*.json"))) == 1


def test_a_damaged_record_is_not_used(tmp_path: Path) -> None:
    record = _record(tmp_path, Theme)
    data = bytearray(record.read_bytes())
    data[len(data) // 3] ^= 0x01
    record.write_bytes(bytes(data))
    assert stored._install(Theme, record) is False


def test_a_schema_holding_what_a_record_cannot_name_is_not_stored(tmp_path: Path) -> None:
    record = tmp_path / "validators" / "odd.json"
    stored._store(record, {"type": "function-plain", "function": {"function": print}})
    stored._store(record, {"type": "default", "default": object()})
    assert not record.exists()
    with pytest.raises(stored._Foreign):
        stored._resolve(["function", "os", "system"])
