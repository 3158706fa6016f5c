"""Coverage and the build's shortcuts: characters a font lacks never make a new face, and the
work `build_static` skips (glyph names, HVAR, cycle collections) never changes its bytes."""

from __future__ import annotations

import gc
import json
import random
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer
from msgspec.structs import asdict

from zjlab_reports.cache import file_digest
from zjlab_reports.fonts import FontError, FontSpec, load_face, locate
from zjlab_reports.fonts import _build as build
from zjlab_reports.fonts import _coverage as coverage
from zjlab_reports.fonts._face import clear_memo

pytestmark = pytest.mark.usefixtures("fresh_memo")

HANZI = [chr(code) for code in range(0x4E00, 0x9FA6)]


def _forbid_font_work(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("font work for characters the font lacks")

    monkeypatch.setattr(instancer, "instantiateVariableFont", refuse)
    monkeypatch.setattr(subset.Subsetter, "subset", refuse)
    monkeypatch.setattr(coverage, "mapped_codes", refuse)


@pytest.mark.parametrize("count", [1, 7, 60])
def test_new_hanzi_leave_a_latin_face_alone_and_make_a_new_cjk_face(
    source_sans: FontSpec, noto_sc: FontSpec, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    picked = random.Random(count).sample(HANZI, 2 * count)
    one, two = "Annual report " + "".join(picked[:count]), "Annual report " + "".join(picked[count:])
    latin = load_face(source_sans, 400, one, tmp_path)
    assert load_face(source_sans, 400, two, tmp_path) is latin  # the same face in one process
    cjk = load_face(noto_sc, 400, one, tmp_path)
    other_cjk = load_face(noto_sc, 400, two, tmp_path)
    assert cjk.face.path != other_cjk.face.path
    assert all(other_cjk.has(ch) and not cjk.has(ch) for ch in picked[count:])
    clear_memo()
    _forbid_font_work(monkeypatch)  # a later process: the coverage record and the entry serve
    again = load_face(source_sans, 400, "Annual report " + "".join(picked), tmp_path)
    assert again.face.path == latin.face.path
    assert sorted(p.name for p in (tmp_path / "fonts").iterdir() if "-w400-" in p.name) == sorted(
        p.face.path.name for p in (latin, cjk, other_cjk)
    )


def test_characters_a_font_has_still_make_a_new_face(source_sans: FontSpec, tmp_path: Path) -> None:
    plain = load_face(source_sans, 700, "Zhejiang", tmp_path)
    assert load_face(source_sans, 700, "Zhejiang \U0001f600\ue000", tmp_path) is plain  # lacks both
    accented = load_face(source_sans, 700, "Zhejiang ł", tmp_path)  # Latin Extended-A: it has it
    assert accented.face.path != plain.face.path
    assert accented.has("ł") and not plain.has("ł")


@pytest.mark.parametrize("spec", ["source_sans", "noto_sc"])
def test_coverage_is_the_fonts_cmap_and_its_record_serves_the_next_process(
    spec: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    font: FontSpec = request.getfixturevalue(spec)
    source = locate(font)
    digest = file_digest(source, tmp_path)
    codes = coverage.coverage(source, digest, tmp_path)
    with TTFont(source, lazy=True) as ttf:
        assert _code_points(codes) == set(ttf.getBestCmap())
    coverage.forget_coverage()
    _forbid_font_work(monkeypatch)
    assert coverage.coverage(source, digest, tmp_path) == codes


def test_a_damaged_coverage_record_is_read_again_from_the_font(
    source_sans: FontSpec, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = locate(source_sans)
    digest = file_digest(source, tmp_path)
    codes = coverage.coverage(source, digest, tmp_path)
    (record,) = [p for p in (tmp_path / "sources").glob("*.txt") if "," in p.read_text()]
    text, check = record.read_text().split()
    reads: list[Path] = []
    monkeypatch.setattr(coverage, "mapped_codes", lambda path: reads.append(path) or build.mapped_codes(path))
    for damaged in (text.replace("20-7e", "20-7f"), text[: len(text) // 2], ""):
        assert damaged != text
        record.write_text(f"{damaged} {check}\n")
        coverage.forget_coverage()
        assert coverage.coverage(source, digest, tmp_path) == codes
        assert record.read_text().split() == [text, check]  # written again, right
    assert reads == [source] * 3


@pytest.mark.parametrize("seed", range(5))
def test_coverage_ranges_read_back_as_written(seed: int) -> None:
    rng = random.Random(seed)
    codes = sorted(set(rng.sample(range(0x11_0000), rng.choice([0, 1, 2, 50, 3000]))))
    codes += range(0x4E00, 0x4E00 + rng.randrange(1, 300))  # runs, as fonts have them
    codes = sorted(set(codes))
    text = coverage._text(coverage._runs(codes))
    read = coverage._parsed(text)
    assert read is not None and _code_points(read) == set(codes)
    assert len(text.split(",")) <= len(codes)
    outside = {code + step for code in codes for step in (-1, 1)} - set(codes)
    assert all(read.maps(code) for code in codes) and not any(read.maps(code) for code in outside)


@pytest.mark.parametrize(
    "text", ["a-", "xyz", "20-7e,,zz", "-7e", "20-7e-80", "1234567", "7e-20", "20-7e,30", "20-7e,7f"]
)
def test_a_coverage_line_that_is_not_ranges_is_refused(text: str) -> None:
    assert coverage._parsed(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        ",",
        "20",
        "20-7e",
        ",20-7e,,a0-17f,",
        "20-7e,a0,a2-ff",
        "0-ffffff",
        "1,3,5",
        "1,2",
        "1a2b",
        "20 -7e",
    ],
)
def test_coverage_lines_are_read_as_range_by_range_checks_read_them(text: str) -> None:
    """Checked as one line: the same coverages, and the same lines refused, as checking each
    range (the earlier reader, below) gives."""
    assert coverage._parsed(text) == _parsed_range_by_range(text)


def _parsed_range_by_range(text: str) -> coverage.Coverage | None:
    starts: list[int] = []
    ends: list[int] = []
    for part in filter(None, text.split(",")):
        found = re.fullmatch(r"([0-9a-f]{1,6})(?:-([0-9a-f]{1,6}))?", part)
        if found is None:
            return None
        first = int(found.group(1), 16)
        last = int(found.group(2) or found.group(1), 16)
        if last < first or (ends and first <= ends[-1] + 1):
            return None
        starts.append(first)
        ends.append(last)
    return coverage.Coverage(starts, ends)


def _code_points(codes: coverage.Coverage) -> set[int]:
    return {code for first, last in zip(*codes, strict=True) for code in range(first, last + 1)}


CASES = {
    "source-sans-latin-and-lacking": ("source_sans", 700, "Zürich Łódź ∑ 之江 \U0001f600"),
    "noto-hanzi-and-lacking": ("noto_sc", 400, "之江实验室 2017 — \ue000"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_builds_shortcuts_change_no_byte(case: str, request: pytest.FixtureRequest) -> None:
    """Numbered glyphs and a dropped HVAR make the same font as fontTools' own names and a
    subset HVAR (the same options otherwise)."""
    fixture, weight, text = CASES[case]
    spec: FontSpec = request.getfixturevalue(fixture)
    source = locate(spec)
    chars = set(text) | build.BASE_CHARS
    fast = build.build_static(source, spec.family, weight, chars)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "_number_glyphs", lambda font: None)
        patch.setattr(build, "_UNUSED_BY_INSTANCER", ())
        plain = build.build_static(source, spec.family, weight, chars)
    assert fast == plain


COLD = """
import json, sys
from pathlib import Path
from zjlab_reports.fonts import FontSpec, load_face
face = load_face(FontSpec(**json.loads(sys.argv[1])), 400, sys.argv[2], Path(sys.argv[3]))
print(json.dumps([face.face.path.name, "fontTools" in sys.modules]))
"""


def test_a_new_process_asking_for_new_hanzi_in_a_latin_face_imports_no_fonttools(
    source_sans: FontSpec, tmp_path: Path
) -> None:
    def run(text: str) -> list[object]:
        argv = [sys.executable, "-c", COLD, json.dumps(asdict(source_sans)), text, str(tmp_path)]
        done = subprocess.run(argv, capture_output=True, text=True, check=True)
        assert done.stderr == ""
        result: list[object] = json.loads(done.stdout)
        return result

    first = run("Report 之江")
    second = run("Report 实验室")
    assert first == [first[0], True] and second == [first[0], False]


@pytest.mark.parametrize("enabled", [True, False])
def test_a_build_leaves_the_cycle_collector_as_it_found_it(
    source_sans: FontSpec, tiny_ttf: Callable[[int], bytes], tmp_path: Path, enabled: bool
) -> None:
    was_enabled = gc.isenabled()
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(tiny_ttf(400)[:100])
    try:
        (gc.enable if enabled else gc.disable)()
        assert build.build_static(locate(source_sans), "Source Sans 3", 400, "ab")
        assert gc.isenabled() is enabled
        with pytest.raises(FontError):
            build.build_static(bad, "Tiny", 400, "A")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was_enabled else gc.disable)()
