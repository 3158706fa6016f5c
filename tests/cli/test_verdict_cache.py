"""validate's results cache: a warm run reports what a cold one did, and any change to what the
verdict depends on (an input's byte, a new file, a picture, the package) makes it run in full."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import zjlab_reports.validate as validate_module
from zjlab_reports import verdict_cache
from zjlab_reports.cli import main
from zjlab_reports.fonts import default_cache_dir
from zjlab_reports.verdict_cache import VerdictCache, cache_root

ROOT = Path(__file__).resolve().parents[2]
LAYOUTS = ("factsheet-letter.yaml", "deck-16x9.yaml")


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder of this module's own for verdicts; its fonts are the usual cache's."""
    folder = tmp_path_factory.mktemp("verdict-cache")
    fonts = default_cache_dir() / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    (folder / "fonts").symlink_to(fonts, target_is_directory=True)
    return folder


@pytest.fixture
def project(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZJLAB_REPORTS_CACHE", str(cache))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    for folder in ("data", "themes"):
        shutil.copytree(ROOT / folder, tmp_path / "project" / folder)
    (tmp_path / "project" / "layouts").mkdir()
    for layout in LAYOUTS:  # two of the shipped layouts keep each full run short
        shutil.copy(ROOT / "layouts" / layout, tmp_path / "project" / "layouts" / layout)
    return tmp_path / "project"


@pytest.fixture
def full_runs(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The project of every validate that ran in full (not answered from the cache)."""
    runs: list[Path] = []
    original = validate_module.validate_paths

    def spy(root: Path, *args, **kwargs) -> int:
        runs.append(root)
        return original(root, *args, **kwargs)

    monkeypatch.setattr(validate_module, "validate_paths", spy)
    return runs


def validate(project: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str, str]:
    code = main(["--project", str(project), "validate", *options])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def without_timings(out: str) -> dict:
    document = json.loads(out)
    assert set(document["timings"]) == {"total"}  # the one thing two runs never share
    del document["timings"]
    return document


def break_profile(project: Path) -> None:
    profile = project / "data" / "zhejiang-lab.yaml"
    profile.write_text(profile.read_text().replace("\nfounded:", "\nfoudned:"), encoding="utf-8")


@pytest.mark.parametrize("broken", [False, True], ids=["valid", "invalid"])
def test_a_warm_run_prints_what_the_cold_run_did_without_validating(
    project: Path, capsys: pytest.CaptureFixture[str], full_runs: list[Path], broken: bool
) -> None:
    if broken:
        break_profile(project)
    cold = validate(project, capsys)
    warm = validate(project, capsys)
    assert warm == cold and cold[0] == (1 if broken else 0)
    assert ("unknown key 'foudned'" in cold[2]) is broken and ("ok: 5 files valid" in cold[1]) is not broken
    cold_json, warm_json = validate(project, capsys, "--json"), validate(project, capsys, "--json")
    assert cold_json[0] == warm_json[0] == cold[0] and cold_json[2] == warm_json[2] == ""
    assert without_timings(warm_json[1]) == without_timings(cold_json[1])
    assert warm_json[1].split('"timings"')[0] == cold_json[1].split('"timings"')[0]  # byte for byte
    assert full_runs == [project]  # only the very first run validated


def test_the_stored_verdict_equals_a_run_without_the_cache(
    project: Path, capsys: pytest.CaptureFixture[str], full_runs: list[Path]
) -> None:
    break_profile(project)
    (project / "layouts" / "factsheet-letter.yaml").write_text("kind: brochure\npages: [\n", encoding="utf-8")
    validate(project, capsys, "--json")
    warm = validate(project, capsys, "--json")
    uncached = validate(project, capsys, "--json", "--no-cache")
    assert warm[0] == uncached[0] == 1
    assert without_timings(warm[1]) == without_timings(uncached[1])
    assert len(without_timings(warm[1])["diagnostics"]) >= 2
    assert len(full_runs) == 2  # the first run and the one with --no-cache


def one_byte(path: Path) -> None:
    """Change the file's last byte (a YAML file's closing newline becomes a space)."""
    data = bytearray(path.read_bytes())
    data[-1] = ord(" ") if data[-1] == ord("\n") else data[-1] ^ 1
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "edited",
    [
        "data/zhejiang-lab.yaml",
        "data/examples/example-tidewater.yaml",
        "layouts/deck-16x9.yaml",
        "themes/zhejiang-lab.yaml",
        "data/images/logo.png",
        "data/images/cover.jpg",
        "data/notes.txt",  # a new file
    ],
)
def test_each_input_edited_by_one_byte_or_added_makes_validate_run_in_full(
    project: Path, capsys: pytest.CaptureFixture[str], full_runs: list[Path], edited: str
) -> None:
    first = validate(project, capsys)
    path = project / edited
    if path.exists():
        one_byte(path)
    else:
        path.write_text("not an input\n", encoding="utf-8")
    again = validate(project, capsys)
    assert full_runs == [project, project] and first[0] == 0
    assert validate(project, capsys) == again and len(full_runs) == 2  # stored again


def test_a_picture_outside_the_input_folders_is_followed_too(
    project: Path, capsys: pytest.CaptureFixture[str], full_runs: list[Path]
) -> None:
    (project / "assets").mkdir()
    shutil.copy(project / "data" / "images" / "logo.png", project / "assets" / "logo.png")
    theme = project / "themes" / "zhejiang-lab.yaml"
    theme.write_text(theme.read_text().replace("path: data/images/logo.png", "path: assets/logo.png"))
    assert validate(project, capsys)[0] == 0
    assert validate(project, capsys)[0] == 0 and len(full_runs) == 1
    (project / "assets" / "logo.png").write_bytes(b"not a picture")
    code, _, err = validate(project, capsys)
    assert code == 1 and "assets/logo.png" in err and len(full_runs) == 2
    (project / "assets" / "logo.png").unlink()  # a missing picture is followed as well
    code, _, err = validate(project, capsys)
    assert code == 1 and len(full_runs) == 3


def test_a_damaged_entry_is_a_warning_and_validate_runs_in_full(
    project: Path, capsys: pytest.CaptureFixture[str], full_runs: list[Path]
) -> None:
    cold = validate(project, capsys)
    entry = VerdictCache(project, []).path
    data = bytearray(entry.read_bytes())
    data[-5] ^= 0x20
    entry.write_bytes(bytes(data))
    code, out, err = validate(project, capsys)
    assert (code, out) == cold[:2] and len(full_runs) == 2
    assert "warning: validate's cache entry is damaged" in err
    assert validate(project, capsys) == cold and len(full_runs) == 2  # written again, whole
    entry.write_bytes(entry.read_bytes()[:40])  # truncated
    assert "entry is damaged" in validate(project, capsys)[2] and len(full_runs) == 3


def test_an_unwritable_cache_is_a_warning(
    project: Path, capsys: pytest.CaptureFixture[str], cache: Path, full_runs: list[Path]
) -> None:
    blocked = VerdictCache(project, []).path.parent
    shutil.rmtree(blocked)
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    try:
        code, out, err = validate(project, capsys)
        assert code == 0 and "ok: 5 files valid" in out
        assert "warning: cannot write validate's cache" in err
        validate(project, capsys)
        assert len(full_runs) == 2
    finally:
        blocked.unlink()


def test_no_cache_runs_in_full_and_stores_nothing(
    project: Path, capsys: pytest.CaptureFixture[str], full_runs: list[Path]
) -> None:
    validate(project, capsys, "--no-cache")
    validate(project, capsys, "--no-cache")
    assert len(full_runs) == 2 and not VerdictCache(project, []).path.exists()


def test_the_version_the_source_and_the_options_are_in_the_key(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = VerdictCache(project, []).key
    assert VerdictCache(project, []).key == key
    assert VerdictCache(project, [project / "data" / "zhejiang-lab.yaml"]).key != key
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert VerdictCache(project, []).key != key
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    monkeypatch.setattr(verdict_cache, "__version__", "99.0")
    assert VerdictCache(project, []).key != key
    monkeypatch.undo()
    source = tmp_path / "source"
    shutil.copytree(verdict_cache._PACKAGE, source, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(verdict_cache, "_PACKAGE", source)
    assert VerdictCache(project, []).key == key  # the same bytes: the same key
    (source / "__pycache__").mkdir()
    (source / "__pycache__" / "validate.cpython-311.pyc").write_bytes(b"compiled")
    assert VerdictCache(project, []).key == key  # bytecode is not source
    one_byte(source / "compose" / "pages.py")
    assert VerdictCache(project, []).key != key


def test_a_changed_font_file_misses(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    validate(project, capsys)
    cache = VerdictCache(project, [])
    assert cache.read() is not None
    identities = {path: verdict_cache._identity(path) for path, _ in _reads(cache)}
    fonts = [path for path in identities if path.endswith(".ttf")]
    assert fonts and all(identities[path].startswith("stat ") for path in fonts)
    changed = fonts[0]
    monkeypatch.setattr(
        verdict_cache, "_identity", lambda path: "stat 1 1" if path == changed else identities[path]
    )
    assert cache.read() is None


def _reads(cache: VerdictCache) -> list[list[str]]:
    return json.loads(cache.path.read_bytes().partition(b"\n")[2])["reads"]


@pytest.mark.parametrize(
    "env",
    [
        {"ZJLAB_REPORTS_CACHE": "/tmp/own-cache"},
        {"ZJLAB_REPORTS_CACHE": "", "XDG_CACHE_HOME": "/tmp/xdg"},
        {"ZJLAB_REPORTS_CACHE": "", "XDG_CACHE_HOME": "relative"},
    ],
)
def test_verdicts_live_in_the_fonts_cache_folder(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str]
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cache_root() == default_cache_dir()


def test_composing_in_worker_processes_reports_what_one_process_does(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With -j 2 the documents are composed by two workers; the diagnostics and their order stay."""
    theme = project / "themes" / "zhejiang-lab.yaml"
    theme.write_text(theme.read_text().replace("muted: slate", "muted: mist"), encoding="utf-8")
    one = validate(project, capsys, "--no-cache", "--json", "-j", "1")
    two = validate(project, capsys, "--no-cache", "--json", "-j", "2")
    assert one[0] == two[0] == 1
    assert without_timings(two[1]) == without_timings(one[1])
    messages = [d["message"] for d in without_timings(one[1])["diagnostics"]]
    assert len(messages) >= 2 and all("contrast" in m for m in messages), messages


@pytest.mark.parametrize(
    ("few", "cold"), [(False, False), (True, False), (True, True)], ids=["many", "few-warm", "few-cold"]
)
def test_by_default_many_documents_go_to_workers_and_few_once_a_font_instance_is_built(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, few: bool, cold: bool
) -> None:
    """Without -j: from `POOL_FROM` documents on, every core; fewer in one process while the font
    cache holds every instance, and from the first document that built one (a cold cache) the
    rest by every core. The diagnostics stay those of -j 1."""
    theme = project / "themes" / "zhejiang-lab.yaml"
    theme.write_text(theme.read_text().replace("muted: slate", "muted: mist"), encoding="utf-8")
    paths = [str(project / "layouts" / name) for name in LAYOUTS] if few else []
    composed, pooled = [], []
    compose, in_pool = validate_module._compose, validate_module.in_pool

    def counted(*args, **kwargs):
        composed.append(args[0])
        return compose(*args, **kwargs)

    def spied(make, order, jobs, *args, **kwargs):
        pooled.append((len(order), jobs))
        return in_pool(make, order, jobs, *args, **kwargs)

    monkeypatch.setattr(validate_module, "_compose", counted)
    monkeypatch.setattr(validate_module, "in_pool", spied)
    monkeypatch.setattr(validate_module, "default_jobs", lambda: 2)
    one = validate(project, capsys, "--no-cache", "--json", "-j", "1", *paths)
    assert one[0] == 1 and "contrast" in one[1]  # composed: the theme's colours are checked
    pairs = len(composed)  # -j 1: every pair composed here
    assert (pairs < validate_module.POOL_FROM) == few and pooled == []
    composed.clear()
    # the fonts are cached by the run above: a cold cache is one where the first document builds
    monkeypatch.setattr(validate_module, "instances_built", lambda: len(composed) if cold else 0)
    default = validate(project, capsys, "--no-cache", "--json", *paths)
    assert without_timings(default[1]) == without_timings(one[1])
    if not few:
        assert composed == [] and pooled == [(pairs, 2)]  # composed by the workers only
    elif cold:
        assert len(composed) == 1 and pooled == [(pairs - 1, 2)]
    else:
        assert len(composed) == pairs and pooled == []
