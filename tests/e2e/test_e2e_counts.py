"""The count matrix, rendered: with every list at its fewest and at its most items, the built
PDFs (read back with pdftotext) and decks (every slide's and note's text, read back with
python-pptx) hold the text of every item, in both languages and every shipped layout.

`tests/compose/test_counts.py` checks every size on the Document; this checks the two ends
through the real backends (the fonts' ToUnicode maps, PowerPoint's text frames).
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml
from pptx import Presentation

from zjlab_reports.cli import main
from zjlab_reports.compose.bind import Binder
from zjlab_reports.loaders import load_profile
from zjlab_reports.model.profile import Goals, Profile

ROOT = Path(__file__).resolve().parents[2]
LISTS = {
    "founders": (Profile, "founders"),
    "focus_areas": (Profile, "focus_areas"),
    "work": (Profile, "work"),
    "mission": (Profile, "mission"),
    "milestones": (Profile, "milestones"),
    "goals__centres": (Goals, "centres"),
}


def _size(model: type, field: str, end: str) -> int:
    kind = next(f.type for f in msgspec.inspect.type_info(model).fields if f.name == field)  # type: ignore[attr-defined]
    while isinstance(kind, msgspec.inspect.Metadata):
        kind = kind.type
    return kind.max_length if end == "most" else kind.min_length or 0


def normal(text: str) -> str:
    return re.sub(r"\s", "", text).casefold()


@pytest.fixture(scope="module", params=["fewest", "most"])
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, with_counts: Callable[..., Any]
) -> tuple[Path, Path]:
    """(project, output folder): the shipped project with every list at its fewest or most items."""
    counts = {key: _size(*where, request.param) for key, where in LISTS.items()}
    project = tmp_path_factory.mktemp(request.param)
    for folder in ("layouts", "themes"):
        (project / folder).symlink_to(ROOT / folder)
    shutil.copytree(ROOT / "data" / "images", project / "data" / "images")  # pictures stay inside it
    data = with_counts(True, **counts)
    (project / "data" / "zhejiang-lab.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    out = project / "dist"
    stderr = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(stderr):
        code = main(["--project", str(project), "build", "--out", str(out)])
    assert code == 0, stderr.getvalue()
    return project, out


def items(project: Path, lang: str) -> list[str]:
    """The text naming each item of every list (name, title, or the item itself)."""
    profile = load_profile(project / "data" / "zhejiang-lab.yaml")
    binder = Binder(profile, profile.source, lang)
    found = []
    for key in LISTS:
        values: Any = profile.profile
        for step in key.split("__"):
            values = getattr(values, step)
        for value in values:
            text = getattr(value, "title", None) or getattr(value, "name", value)
            found.append(binder.text_of(text, profile.source.span(()), 0))
    return found


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return normal(done.stdout.decode("utf-8"))


def deck_text(path: Path) -> str:
    deck = Presentation(str(path))
    texts = []
    for slide in deck.slides:
        texts += [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return normal("".join(texts))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_item_is_in_every_built_file(built: tuple[Path, Path], lang: str) -> None:
    project, out = built
    wanted = items(project, lang)
    files = sorted(out.glob(f"*-{lang}.p*"))
    assert len(files) == 4  # two brochures' PDFs, the deck and its PDF
    for path in files:
        text = pdf_text(path) if path.suffix == ".pdf" else deck_text(path)
        missing = [item for item in wanted if normal(item) not in text]
        assert not missing, f"{path.name}: {len(missing)} of {len(wanted)} items missing, e.g. {missing[0]!r}"
