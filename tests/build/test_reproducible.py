"""Reproducible builds: the same inputs and SOURCE_DATE_EPOCH in; byte-identical artifacts out.

Everything is built (every profile × layout, both languages): brochures as PDF, decks as PPTX
and as a PDF handout. Builds run in separate processes with different hash seeds, from a cold
and then a warm font cache, and in this process; all must agree byte for byte. Another
SOURCE_DATE_EPOCH changes the dates written into the files and nothing else.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pypdf import PdfReader

EPOCH = 1_700_000_000  # 2023-11-14 22:13:20 UTC
OTHER_EPOCH = 1_800_000_000  # 2027-01-15 08:00:00 UTC
SHA256 = re.compile(r"^[0-9a-f]{64}$")
PDF_DATE = re.compile(rb"D:\d{14}[^)]*")
PDF_ID = re.compile(rb"/ID\s*\[\s*<[0-9a-fA-F]+>\s*<[0-9a-fA-F]+>\s*\]")
XMP_DATE = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")
XMP_UUID = re.compile(rb"uuid:[0-9a-f-]{36}")  # a digest of the content, dates included


def _pdf_date(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("D:%Y%m%d%H%M%S")


def _build(builds: Any, out: Path, epoch: int, seed: str, cache: Path | None = None) -> dict[str, bytes]:
    env = {"SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": seed}
    if cache is not None:
        env["ZJLAB_REPORTS_CACHE"] = str(cache)
    outcome = builds.run_process(out, env=env)
    assert outcome.code == 0, outcome.stderr
    assert outcome.stderr == ""
    return dict(builds.snapshot(out))


@pytest.fixture(scope="module")
def built(shipped_builds: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Everything, built once at EPOCH from a cold font cache, in a separate process."""
    out = tmp_path_factory.mktemp("first-build")
    _build(shipped_builds, out, EPOCH, "1", cache=tmp_path_factory.mktemp("cold-font-cache"))
    return out


def test_builds_are_byte_identical(
    builds: Any, built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cold cache vs warm cache, hash seed 1 vs 2 vs this process: the same bytes, manifest included."""
    first = builds.snapshot(built)
    second = _build(builds, tmp_path / "second", EPOCH, "2")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    outcome = builds.run(tmp_path / "third")
    assert outcome.code == 0, outcome.stderr
    third = builds.snapshot(tmp_path / "third")
    assert sorted(first) == sorted(second) == sorted(third)
    for name in first:
        assert first[name] == second[name], f"{name} differs between two processes"
        assert first[name] == third[name], f"{name} differs between a process and an in-process build"


def test_manifest_lists_every_artifact(builds: Any, built: Path) -> None:
    """`{"artifacts": [{path, profile, layout, kind, format, lang, pages, sha256, bytes}]}`, one per file;
    PDFs also name their variant and the standards they claim."""
    entries = builds.manifest(built)  # sha256 and bytes checked against the files
    expected = {
        (profile, layout, kind, fmt, lang)
        for profile, layout, kind in builds.documents()
        for fmt in (("pdf",) if kind == "brochure" else ("pdf", "pptx"))
        for lang in ("en", "zh")
    }
    seen = set()
    for entry in entries:
        variant = {"variant", "conformance"} if entry["format"] == "pdf" else set()
        assert set(entry) == {
            "path",
            "profile",
            "layout",
            "kind",
            "format",
            "lang",
            "pages",
            "sha256",
            "bytes",
            *variant,
        }
        assert isinstance(entry["pages"], int) and entry["pages"] >= 1
        assert isinstance(entry["bytes"], int) and SHA256.match(entry["sha256"])
        key = (entry["profile"], entry["layout"], entry["kind"], entry["format"], entry["lang"])
        assert key not in seen, f"listed twice: {key}"
        seen.add(key)
        assert entry["path"] == f"{entry['profile']}-{entry['layout']}-{entry['lang']}.{entry['format']}"
        assert entry["pages"] == _pages(built / entry["path"], entry["format"]), entry["path"]
    assert seen == expected
    decks = [e for e in entries if e["kind"] == "deck"]
    for pptx in (e for e in decks if e["format"] == "pptx"):
        handout = next(e for e in decks if e["format"] == "pdf" and e["path"] == pptx["path"][:-4] + "pdf")
        assert handout["pages"] == pptx["pages"], "the PDF handout has one page per slide"


def _pages(path: Path, fmt: str) -> int:
    if fmt == "pdf":
        return len(PdfReader(path).pages)
    return len(Presentation(str(path)).slides)


def test_source_date_epoch_changes_only_the_dates(builds: Any, built: Path, tmp_path: Path) -> None:
    first = builds.snapshot(built)
    other = _build(builds, tmp_path / "other", OTHER_EPOCH, "3")
    assert sorted(first) == sorted(other)
    for name in first:
        if name.endswith(".pdf"):
            _assert_pdfs_differ_in_dates_only(name, first[name], other[name])
        elif name.endswith(".pptx"):
            _assert_decks_differ_in_dates_only(name, first[name], other[name])


def _assert_pdfs_differ_in_dates_only(name: str, first: bytes, other: bytes) -> None:
    assert first != other, f"{name}: another SOURCE_DATE_EPOCH, the same bytes"
    for data, epoch in ((first, EPOCH), (other, OTHER_EPOCH)):
        info = PdfReader(io.BytesIO(data)).metadata
        assert info is not None
        assert str(info["/CreationDate"]).startswith(_pdf_date(epoch)), (name, info["/CreationDate"])
        assert str(info["/ModDate"]).startswith(_pdf_date(epoch)), (name, info["/ModDate"])

    def without_dates(data: bytes) -> bytes:
        # the trailer /ID is a digest of the content, dates included: it must change with them
        data = XMP_UUID.sub(b"uuid:", XMP_DATE.sub(b"T", data))
        return PDF_ID.sub(b"/ID[]", PDF_DATE.sub(b"D:", data))

    assert without_dates(first) == without_dates(other), f"{name}: differs beyond its dates"


def _assert_decks_differ_in_dates_only(name: str, first: bytes, other: bytes) -> None:
    changed = _changed_parts(first, other)
    assert changed and all(part.endswith("docProps/core.xml") for part in changed), (
        f"{name}: parts other than the core properties (dates) changed: {changed}"
    )
    for data, epoch in ((first, EPOCH), (other, OTHER_EPOCH)):
        core = Presentation(io.BytesIO(data)).core_properties
        expected = dt.datetime.fromtimestamp(epoch, dt.UTC).replace(tzinfo=None)
        assert core.created == expected and core.modified == expected, (name, core.created, core.modified)


def _changed_parts(first: bytes, other: bytes, prefix: str = "") -> list[str]:
    """Names of the ZIP parts that differ, looking inside embedded packages (chart workbooks)."""
    with zipfile.ZipFile(io.BytesIO(first)) as a, zipfile.ZipFile(io.BytesIO(other)) as b:
        assert a.namelist() == b.namelist(), f"{prefix}: parts differ"
        changed = []
        for part in a.namelist():
            old, new = a.read(part), b.read(part)
            if old == new:
                continue
            if part.endswith((".xlsx", ".pptx", ".docx")):
                changed += _changed_parts(old, new, f"{prefix}{part}!")
            else:
                changed.append(prefix + part)
    return changed


def test_without_source_date_epoch_dates_are_fixed(
    builds: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No SOURCE_DATE_EPOCH: every date is 2000-01-01, so builds still reproduce."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    for out in (tmp_path / "a", tmp_path / "b"):
        outcome = builds.run(out)
        assert outcome.code == 0, outcome.stderr
    assert builds.snapshot(tmp_path / "a") == builds.snapshot(tmp_path / "b")
    for path in sorted((tmp_path / "a").glob("*.pdf")):
        info = PdfReader(path).metadata
        assert info is not None and str(info["/CreationDate"]).startswith("D:20000101000000"), path.name
    for path in sorted((tmp_path / "a").glob("*.pptx")):
        assert Presentation(str(path)).core_properties.created == dt.datetime(2000, 1, 1), path.name


@pytest.mark.parametrize("value", ["soon", "1.5", "1e9", "99999999999999999"])
def test_bad_source_date_epoch_is_a_clear_error(
    builds: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    """A bad SOURCE_DATE_EPOCH is the user's mistake: a message naming it, exit 1 or 2, no files."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    outcome = builds.run(tmp_path / "out")
    assert outcome.code in (1, 2), f"exit {outcome.code}:\n{outcome.stderr}"
    assert "SOURCE_DATE_EPOCH" in outcome.stderr
    assert "internal error" not in outcome.stderr and "Traceback" not in outcome.stderr
    assert builds.snapshot(tmp_path / "out") == {}
