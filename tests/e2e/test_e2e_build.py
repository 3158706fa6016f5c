"""End-to-end: `zjlab-reports build` of the shipped project writes every document and a true manifest."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Build

LANGS = ("en", "zh")
#: (layout, format) -> fewest pages: the brochure, the fact sheet, the deck and its PDF handout.
EXPECTED = {
    ("brochure-a4", "pdf"): 6,
    ("factsheet-letter", "pdf"): 1,
    ("deck-16x9", "pptx"): 10,
    ("deck-16x9", "pdf"): 10,
}


def test_build_exits_0(built: Build) -> None:
    assert built.code == 0, built.stderr
    assert "Traceback" not in built.stderr


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("layout", "fmt"), list(EXPECTED))
def test_manifest_lists_each_document(built: Build, layout: str, fmt: str, lang: str) -> None:
    (entry,) = built.entries(layout=layout, lang=lang, format=fmt)
    assert entry["pages"] >= EXPECTED[layout, fmt]
    assert entry["profile"] == "zhejiang-lab"
    assert entry["kind"] == ("deck" if layout.startswith("deck") else "brochure")


def test_manifest_matches_the_files(built: Build) -> None:
    artifacts = built.manifest["artifacts"]
    assert len(artifacts) == len(EXPECTED) * len(LANGS)
    for entry in artifacts:
        data = (built.out / entry["path"]).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (entry["bytes"], entry["sha256"]), entry[
            "path"
        ]
    files = {path.name for path in built.out.iterdir() if not path.name.startswith(".")}
    assert files == {entry["path"] for entry in artifacts} | {"manifest.json"}
    assert not [path.name for path in built.out.iterdir() if path.name.endswith(".tmp")]


def test_build_says_what_it_wrote(built: Build) -> None:
    for entry in built.manifest["artifacts"]:
        assert entry["path"] in built.stdout
