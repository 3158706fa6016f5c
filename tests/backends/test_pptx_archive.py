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


def test_pictures_are_deflated_once_and_never_mixed_up() -> None:
    first, second = os.urandom(archive.MEMO_FROM), os.urandom(archive.MEMO_FROM)
    twin = bytes(first[:-1]) + bytes([first[-1] ^ 1])  # differs in the last byte only
    archive._deflated_once.cache_clear()
    for picture in (first, second, twin, first):
        entries = {"[Content_Types].xml": b"<Types/>", "ppt/media/image1.jpeg": picture}
        assert archive.zipped(entries) == zipfile_zipped(entries)
    info = archive._deflated_once.cache_info()
    assert (info.hits, info.misses) == (1, 3)
    assert info.maxsize is not None and info.maxsize <= 8  # bounded: a batch's memory stays flat
