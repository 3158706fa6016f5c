"""The PPTX backend writes its zips itself (to reuse a picture's compressed bytes): byte for
byte what Python's `zipfile` wrote, for any entries, and the memo cannot mix pictures up."""

from __future__ import annotations

import io
import os
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from pptx_chart_reference import zipfile_zipped
from zjlab_reports.backends.pptx import archive
from zjlab_reports.backends.pptx.deflation import deflate

NAMES = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00/\\"), min_size=1, max_size=20
)


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(NAMES, st.binary(max_size=3000), min_size=1, max_size=8))
def test_the_same_bytes_as_zipfile(entries: dict[str, bytes]) -> None:
    assert archive.zipped(entries) == zipfile_zipped(entries)


def test_content_types_first_empty_and_text_entries() -> None:
    entries = {
        "b.xml": b"<b/>" * 500,
        "[Content_Types].xml": b"<Types/>",
        "a/empty": b"",
        "中文.xml": "中".encode(),
    }
    ours = archive.zipped(entries)
    assert ours == zipfile_zipped(entries)
    with zipfile.ZipFile(io.BytesIO(ours)) as package:
        assert package.namelist() == ["[Content_Types].xml", "a/empty", "b.xml", "中文.xml"]
        assert package.testzip() is None and package.read("b.xml") == entries["b.xml"]


def test_entries_are_deflated_once_and_never_mixed_up() -> None:
    first, second = os.urandom(5000), os.urandom(5000)
    twin = first[:-1] + bytes([first[-1] ^ 1])  # differs in the last byte only
    memo = archive.DeflateMemo()
    assert [memo.get(data) for data in (first, second, twin)] == [deflate(d) for d in (first, second, twin)]
    assert memo.get(first) is memo.get(first) and memo.held >= 3 * 5000
    for picture in (first, twin, first):
        entries = {"[Content_Types].xml": b"<Types/>", "ppt/media/image1.jpeg": picture}
        assert archive.zipped(entries) == zipfile_zipped(entries)


def test_the_memo_keeps_to_its_budget_least_recently_used_out() -> None:
    memo = archive.DeflateMemo(budget=40_000)
    shared, big = os.urandom(4000), os.urandom(30_000)
    memo.get(shared)
    for _ in range(20):
        memo.get(os.urandom(4000))  # each deck's own slides pass through
        memo.get(shared)  # what every deck shares stays
        assert memo.held <= memo.budget
    assert shared in memo._entries
    assert memo.get(big) == deflate(big) and big not in memo._entries  # over half the budget
