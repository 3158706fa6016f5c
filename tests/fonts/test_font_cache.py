"""The font cache: deterministic files named by their inputs, reused without any font work."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer
from msgspec.structs import asdict

from zjlab_reports.fonts import FontSpec, load_face, locate
from zjlab_reports.fonts import _cache as cache
from zjlab_reports.fonts._face import clear_memo

pytestmark = pytest.mark.usefixtures("fresh_memo")


def _forbid_font_work(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("font work on a cache hit")

    monkeypatch.setattr(instancer, "instantiateVariableFont", refuse)
    monkeypatch.setattr(subset.Subsetter, "subset", refuse)


def test_a_cache_hit_does_no_font_work(
    source_sans: FontSpec, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_face(source_sans, 600, "Cache", tmp_path)
    from zjlab_reports.fonts._face import clear_memo

    clear_memo()
    _forbid_font_work(monkeypatch)
    second = load_face(source_sans, 600, "Cache", tmp_path)
    assert second is not first
    assert second == first
    assert second.advance("Cache", 11) == first.advance("Cache", 11)


def test_the_same_request_in_one_process_returns_the_same_face(source_sans: FontSpec, tmp_path: Path) -> None:
    first = load_face(source_sans, 400, "éü", tmp_path)
    assert load_face(source_sans, 400, "üéü", tmp_path) is first  # same set of characters
    assert load_face(source_sans, 400, "éüß", tmp_path) is first  # same blocks (Latin-1)
    assert load_face(source_sans, 400, "éüł", tmp_path) is not first  # ł: Latin Extended-A
    assert load_face(source_sans, 400, "éü", tmp_path / "elsewhere") is not first


def test_cache_files_are_byte_identical_across_fresh_caches(
    noto_sc: FontSpec, tmp_path: Path, cjk_text: str
) -> None:
    from zjlab_reports.fonts._face import clear_memo

    one = load_face(noto_sc, 400, cjk_text, tmp_path / "one").face.path
    clear_memo()
    two = load_face(noto_sc, 400, cjk_text, tmp_path / "two").face.path
    assert one.name == two.name
    assert one.read_bytes() == two.read_bytes()
    with TTFont(one) as built, TTFont(locate(noto_sc), lazy=True) as source:
        assert built["head"].modified == source["head"].modified  # not "now"


def test_cache_file_name_says_font_weight_characters_and_digest(
    source_sans: FontSpec, tmp_path: Path
) -> None:
    path = load_face(source_sans, 700, "é", tmp_path).face.path
    assert path.parent == tmp_path / "fonts"
    match = re.fullmatch(r"[0-9a-f]{16}-w700-[0-9a-f]{16}\.([0-9a-f]{64})\.ttf", path.name)
    assert match, path.name
    assert match.group(1) == hashlib.sha256(path.read_bytes()).hexdigest()
    other_weight = load_face(source_sans, 400, "é", tmp_path).face.path
    other_chars = load_face(source_sans, 700, "éł", tmp_path).face.path
    assert other_weight.name.split("-")[0] == path.name.split("-")[0]
    assert len({path, other_weight, other_chars}) == 3
    assert sorted(p.name for p in (tmp_path / "fonts").iterdir()) == sorted(
        p.name for p in (path, other_weight, other_chars)
    )  # no temporary files left behind
    ascii_only = load_face(source_sans, 700, "abc", tmp_path).face.path
    assert load_face(source_sans, 700, "", tmp_path).face.path == ascii_only  # ASCII is in every set


def test_default_cache_follows_the_environment(
    source_sans: FontSpec, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZJLAB_REPORTS_CACHE", str(tmp_path / "env-cache"))
    path = load_face(source_sans, 400, "env").face.path
    assert path.parent == tmp_path / "env-cache" / "fonts"


def _flip(data: bytes) -> bytes:
    """Two bytes in the middle changed: still the right length, still looks like a font."""
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x5A, data[middle + 1] ^ 0xA5]) + data[middle + 2 :]


DAMAGE = {
    "two bytes flipped": _flip,
    "truncated": lambda data: data[: len(data) // 3],
    "not a font": lambda data: b"\x00\x01\x00\x00 this is no longer a font",
    "empty": lambda data: b"",
}


@pytest.fixture
def cache_warnings(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Warnings from the font cache, fresh for the test (each is reported once per process)."""
    caplog.set_level(logging.WARNING, logger="zjlab_reports.fonts")
    cache._REPORTED.clear()
    return caplog


def _messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "zjlab_reports.fonts"]


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_cache_file_is_reported_once_and_built_again(
    source_sans: FontSpec, tmp_path: Path, cache_warnings: pytest.LogCaptureFixture, damage: str
) -> None:
    good = load_face(source_sans, 500, "mend", tmp_path)
    data = good.face.path.read_bytes()
    good.face.path.write_bytes(DAMAGE[damage](data))
    clear_memo()
    again = load_face(source_sans, 500, "mend", tmp_path)
    assert again == good
    assert again.face.path == good.face.path
    assert again.face.path.read_bytes() == data
    messages = _messages(cache_warnings)
    assert len(messages) == 1, messages
    assert "damaged" in messages[0] and "building it again" in messages[0]
    assert cache_warnings.records[0].diagnostic.span.file.endswith(good.face.path.name)  # type: ignore[attr-defined]
    clear_memo()
    assert load_face(source_sans, 500, "mend", tmp_path) == good
    assert len(_messages(cache_warnings)) == 1  # the rebuilt file is good: nothing more to say


def test_a_cache_file_damaged_after_loading_is_noticed_by_the_same_process(
    source_sans: FontSpec, tmp_path: Path, cache_warnings: pytest.LogCaptureFixture
) -> None:
    """A long-running process (watch) sees the file change on disk and checks it again."""
    first = load_face(source_sans, 400, "watch", tmp_path)
    data = first.face.path.read_bytes()
    first.face.path.write_bytes(_flip(data))
    again = load_face(source_sans, 400, "watch", tmp_path)
    assert again.face.path.read_bytes() == data
    assert len(_messages(cache_warnings)) == 1


def test_a_plausible_entry_under_another_name_is_refused(
    source_sans: FontSpec, tmp_path: Path, cache_warnings: pytest.LogCaptureFixture
) -> None:
    """A whole, valid font file holding other characters, copied over an entry: the digest tells."""
    one = load_face(source_sans, 400, "one", tmp_path).face.path
    other = load_face(source_sans, 400, "other ∑", tmp_path).face.path
    data = one.read_bytes()
    one.write_bytes(other.read_bytes())
    clear_memo()
    assert load_face(source_sans, 400, "one", tmp_path).face.path.read_bytes() == data
    assert len(_messages(cache_warnings)) == 1


def test_a_cache_file_deleted_behind_the_memo_is_built_again(source_sans: FontSpec, tmp_path: Path) -> None:
    first = load_face(source_sans, 400, "gone", tmp_path)
    first.face.path.unlink()
    again = load_face(source_sans, 400, "gone", tmp_path)
    assert again.face.path.is_file()


def test_an_unwritable_cache_is_a_warning_and_a_build_without_it(
    source_sans: FontSpec, tmp_path: Path, cache_warnings: pytest.LogCaptureFixture
) -> None:
    reference = load_face(source_sans, 400, "x", tmp_path / "good").face.path.read_bytes()
    clear_memo()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    face = load_face(source_sans, 400, "x", blocker)
    assert face.face.path.read_bytes() == reference
    assert not face.face.path.is_relative_to(blocker)
    messages = _messages(cache_warnings)
    assert len(messages) == 1 and "cannot write the font cache" in messages[0], messages
    assert "ZJLAB_REPORTS_CACHE" in cache_warnings.records[0].diagnostic.hints[0]  # type: ignore[attr-defined]
    load_face(source_sans, 700, "x", blocker)  # a second face: no second warning
    assert len(_messages(cache_warnings)) == 1


def test_a_reader_never_sees_a_partial_entry_while_another_writes_it(
    source_sans: FontSpec, tmp_path: Path, cache_warnings: pytest.LogCaptureFixture
) -> None:
    path = load_face(source_sans, 400, "race", tmp_path).face.path
    data = path.read_bytes()
    stem = path.name.split(".")[0]
    stop = threading.Event()

    def rewrite() -> None:
        while not stop.is_set():
            cache.store_entry(tmp_path, stem, data)

    writer = threading.Thread(target=rewrite)
    writer.start()
    try:
        found = [cache.find_entry(tmp_path, stem) for _ in range(300)]
    finally:
        stop.set()
        writer.join()
    assert found == [path] * 300
    assert _messages(cache_warnings) == []
    assert sorted(p.name for p in (tmp_path / "fonts").iterdir()) == [path.name]


RACE = """
import json, sys, time
from pathlib import Path
from zjlab_reports.fonts import FontSpec, load_face
start = Path(sys.argv[1])
while not start.exists():
    time.sleep(0.001)
spec = FontSpec(**json.loads(sys.argv[3]))
face = load_face(spec, 400, sys.argv[2], Path(sys.argv[4]))
print(face.face.path)
"""


def test_two_processes_building_one_entry_at_once_agree(
    noto_sc: FontSpec, tmp_path: Path, cjk_text: str
) -> None:
    start, root = tmp_path / "go", tmp_path / "cache"
    argv = [sys.executable, "-c", RACE, str(start), cjk_text, json.dumps(asdict(noto_sc)), str(root)]
    processes = [
        subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in "ab"
    ]
    start.touch()
    results = [process.communicate(timeout=300) for process in processes]
    for process, (_, stderr) in zip(processes, results, strict=True):
        assert process.returncode == 0, stderr
        assert stderr == ""
    paths = {Path(stdout.strip()) for stdout, _ in results}
    assert len(paths) == 1
    (path,) = paths
    assert [p.name for p in (root / "fonts").iterdir()] == [path.name]  # one entry, no temporary file
    assert path.name.split(".")[1] == hashlib.sha256(path.read_bytes()).hexdigest()
    with TTFont(path) as font:
        assert all(ord(ch) in font.getBestCmap() for ch in cjk_text if not ch.isspace())


def test_an_entrys_versions_are_the_files_named_after_its_exact_stem(tmp_path: Path) -> None:
    """What `Path.glob("<stem>.*<suffix>")` found, without compiling a pattern per stem."""
    from zjlab_reports.cache import entries

    stem = "0123abcd-w400-89ef"
    names = [
        f"{stem}.bb.ttf",
        f"{stem}.aa.ttf",
        f"{stem}..ttf",  # an empty digest still has the shape (and is refused by its digest)
        f"{stem}x.cc.ttf",  # another stem
        f"{stem}.dd.json",  # another suffix
        f"{stem}.ttf",  # no digest at all
        f".{stem}.ee.ttf.1234.tmp",  # a write in progress
        f"x{stem}.ff.ttf",
    ]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    expected = sorted(path.name for path in tmp_path.glob(f"{stem}.*.ttf"))
    assert [path.name for path in entries(tmp_path, stem, ".ttf")] == expected
    assert expected == [f"{stem}..ttf", f"{stem}.aa.ttf", f"{stem}.bb.ttf"]
    with pytest.raises(OSError):
        entries(tmp_path / "missing", stem, ".ttf")


def test_a_subset_holds_whole_blocks_below_u3000_and_ideographs_one_by_one() -> None:
    base = frozenset("ab")
    accented = cache.charset_key("Zürich", base)
    assert accented == cache.charset_key("Kraków, São Paulo", base)  # all Latin-1 Supplement
    assert set(accented) >= {chr(c) for c in range(0x80, 0x100)} | set("Zrichab")
    assert accented == "".join(sorted(set(accented)))  # each character once, in order
    widened = set(cache.charset_key("Zürich Łódź", base)) - set(accented)
    assert widened == {chr(c) for c in range(0x100, 0x180)}  # Ł, ź: one block more, Latin Extended-A
    assert set(cache.charset_key("之江实验室，", base)) == set("之江实验室，ab")  # from U+3000: as used
    assert cache.charset_key("", base) == "ab"


def test_documents_differing_in_accented_letters_share_one_face(
    source_sans: FontSpec, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_face(source_sans, 400, "Partner: Zürich", tmp_path)
    clear_memo()
    _forbid_font_work(monkeypatch)  # the second document's face is the first's cache entry
    second = load_face(source_sans, 400, "Partner: Kraków", tmp_path)
    assert second.face.path == first.face.path
    assert second.has("ó") and second.has("ü") and second.has("Ø")  # the whole block, from the font


def test_a_folder_is_listed_once_per_version_and_a_fresh_change_is_never_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build looks up a dozen entries in one folder: one listing serves them all while the
    folder is unchanged, a new file is seen, and a folder changed in the last seconds (a
    change in the same clock tick would keep its modification time) is listed every time."""
    from zjlab_reports import cache as cache_folder

    listed: list[str] = []
    real_listdir = os.listdir

    def counting(path: str) -> list[str]:
        listed.append(path)
        return real_listdir(path)

    monkeypatch.setattr(os, "listdir", counting)
    stem = "0123abcd-w400-89ef"
    (tmp_path / f"{stem}.aa.ttf").write_bytes(b"")
    os.utime(tmp_path, ns=(time.time_ns() - 60 * 10**9,) * 2)  # settled a minute ago
    for _ in range(3):
        assert [path.name for path in cache_folder.entries(tmp_path, stem, ".ttf")] == [f"{stem}.aa.ttf"]
    assert len(listed) == 1
    (tmp_path / f"{stem}.bb.ttf").write_bytes(b"")  # the folder changes now
    for _ in range(2):
        assert [path.name for path in cache_folder.entries(tmp_path, stem, ".ttf")] == [
            f"{stem}.aa.ttf",
            f"{stem}.bb.ttf",
        ]
    assert len(listed) == 3  # changed just now: not kept
    assert cache_folder.entries(tmp_path, "another", ".ttf") == []
