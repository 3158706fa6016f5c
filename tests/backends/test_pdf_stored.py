"""Stored PDF parts (`backends.pdf.stored`): font subsets' objects, compressed ICC profiles and
print colours converted to CMYK are made once per cache and read by later processes; an entry is
used only under its own key and recipe and when its bytes match the digest in its name."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import TTFontFace

from zjlab_reports.backends.pdf import colour, standard, stored, subsets
from zjlab_reports.backends.pdf.colour import CMYK_PROFILE, SRGB_PROFILE
from zjlab_reports.backends.pdf.fonts import register_font
from zjlab_reports.fonts import Face


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZJLAB_REPORTS_CACHE", str(tmp_path))
    return tmp_path / stored.FOLDER


def _maker(made: list[bytes], data: bytes):
    def make() -> bytes:
        made.append(data)
        return data

    return make


def test_a_part_is_made_once_and_then_read(cache: Path) -> None:
    made: list[bytes] = []
    assert stored.stored("key", _maker(made, b"part")) == b"part"
    assert stored.stored("key", _maker(made, b"other")) == b"part"  # read, not made
    assert made == [b"part"] and len(list(cache.iterdir())) == 1


def test_another_key_or_recipe_misses(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[bytes] = []
    stored.stored("key", _maker(made, b"one"))
    assert stored.stored("key2", _maker(made, b"two")) == b"two"
    monkeypatch.setattr(stored, "recipe", lambda: "another recipe")
    assert stored.stored("key", _maker(made, b"three")) == b"three"
    assert made == [b"one", b"two", b"three"]


def test_a_damaged_part_is_reported_removed_and_made_again(
    cache: Path, caplog: pytest.LogCaptureFixture
) -> None:
    stored.stored("key", lambda: b"the part's bytes")
    (entry,) = cache.iterdir()
    entry.write_bytes(b"the part's bytez")
    made: list[bytes] = []
    with caplog.at_level(logging.WARNING, logger="zjlab_reports"):
        assert stored.stored("key", _maker(made, b"the part's bytes")) == b"the part's bytes"
    assert made == [b"the part's bytes"]
    assert any("PDF parts cache file is damaged" in record.getMessage() for record in caplog.records)
    assert entry.read_bytes() == b"the part's bytes" and len(list(cache.iterdir())) == 1  # written again


def test_the_recipe_names_reportlab_zlib_and_the_code() -> None:
    import reportlab

    assert f"reportlab/{reportlab.Version} zlib/{zlib.ZLIB_RUNTIME_VERSION}" in stored.recipe()


def test_subsets_read_back_are_the_ones_made(cache: Path, faces: dict[str, Face]) -> None:
    font = register_font(faces["cjk"].face)
    document = PDFDocument()
    characters = [0, 32, 65, 66]
    subsets._KEPT.clear()
    made = subsets.subset_objects(font, document, "BBBBBB+X", characters)
    assert len(list(cache.iterdir())) == 1
    subsets._KEPT.clear()  # as a later process: nothing kept in memory
    read = subsets.subset_objects(font, document, "BBBBBB+X", characters)
    assert read == made and read is not made
    data = TTFontFace.makeSubset(font.face, characters)
    assert (zlib.decompress(read.font_file), read.length) == (data, len(data))
    subsets._KEPT.clear()
    other = subsets.subset_objects(font, document, "BBBBBB+X", [0, 32, 66, 65])  # another order: its own
    assert other != read and len(list(cache.iterdir())) == 2


def test_a_subset_record_of_another_shape_is_not_used() -> None:
    objects = subsets.SubsetObjects(b"font", 10, b"cmap", b"[ 1 2 ]")
    assert subsets._unpacked(subsets._packed(objects)) == objects
    assert subsets._unpacked(subsets._packed(objects)[:-1]) is None
    assert subsets._unpacked(b"\0\0") is None


@pytest.mark.parametrize("profile", [SRGB_PROFILE, CMYK_PROFILE], ids=["srgb", "cmyk"])
def test_a_stored_icc_profile_is_what_zlib_makes(cache: Path, profile) -> None:
    standard._compressed.cache_clear()
    first = standard._compressed(profile)
    standard._compressed.cache_clear()
    assert standard._compressed(profile) == first == zlib.compress(profile.data, 6)
    assert len(list(cache.iterdir())) == 1


def test_a_print_colour_is_converted_once_per_cache(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    colour.cmyk_of.cache_clear()
    converted = colour._converted(0, 94, 184)
    assert colour.cmyk_of(0, 94, 184) == converted
    colour.cmyk_of.cache_clear()  # as a later process

    def refuse(r: int, g: int, b: int) -> tuple[float, float, float, float]:
        raise AssertionError("converted again")

    monkeypatch.setattr(colour, "_converted", refuse)
    assert colour.cmyk_of(0, 94, 184) == converted
    colour.cmyk_of.cache_clear()
    with pytest.raises(AssertionError, match="converted again"):
        colour.cmyk_of(1, 94, 184)  # another colour is its own entry
    monkeypatch.setattr(colour, "_conversion", lambda: "another Pillow")
    with pytest.raises(AssertionError, match="converted again"):
        colour.cmyk_of(0, 94, 184)  # another Pillow or profiles: converted again
    colour.cmyk_of.cache_clear()


@pytest.mark.parametrize("data", [b"", b"0.1,0.2,0.3", b"0.1,0.2,0.3,x", b"0.1,0.2,0.3,1.5", b"\xff"])
def test_a_stored_conversion_of_another_shape_is_not_used(data: bytes) -> None:
    assert colour._cmyk_read(data) is None
    assert colour._cmyk_read(colour._cmyk_text((0.1, 0.0, 0.333, 1.0))) == (0.1, 0.0, 0.333, 1.0)


def test_a_warm_process_converts_print_colours_without_pillow(cache: Path) -> None:
    colour.cmyk_of.cache_clear()
    colour.cmyk_of(12, 34, 56)
    colour.cmyk_of.cache_clear()
    script = (
        "import sys\n"
        "from zjlab_reports.backends.pdf.colour import cmyk_of\n"
        "print(cmyk_of(12, 34, 56))\n"
        "print(sorted({'PIL._imaging', 'PIL.ImageCms'} & set(sys.modules)))\n"
    )
    env = {**os.environ, "ZJLAB_REPORTS_CACHE": str(cache.parent)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.splitlines() == [str(colour._converted(12, 34, 56)), "[]"], done.stderr
