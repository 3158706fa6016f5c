"""The bad-input corpus: broken profiles, layouts and themes in; the exact diagnostics they must give.

Every case copies the real project (data/, layouts/, themes/) to a temporary folder, puts its
broken file in place, fills an output folder with an earlier build, and runs the command line
in-process: `validate`, `validate FILE` and `build --out`. Each run must exit with 1 and print
every annotated diagnostic (`file:line:col: error: message`, with its hints and notes), no
other error in the broken file, nothing twice, no traceback, and leave the output folder byte
for byte as it was. README.md in this folder describes the annotations.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from zjlab_reports.cli import main

HERE = Path(__file__).parent
REPO = HERE.parents[1]
KINDS = ("profile", "layout", "theme")
#: Where a fixture goes in the project, by the folder it sits in ({stem}: the fixture's name).
TARGETS = {
    "profile": "data/zhejiang-lab.yaml",
    "layout": "layouts/{stem}.yaml",
    "theme": "themes/zhejiang-lab.yaml",
}
EXIT_INVALID = 1

_DIRECTIVE = re.compile(r"^#\s*(expect|hint|note|target|never-created):\s*(.*?)\s*$")
_LOCATION = re.compile(r"^(?:(?P<file>[^\s:]+):)?(?:(?P<line>\d+|\*):(?P<col>\d+|\*)|-): (?P<message>.+)$")
_ERROR = re.compile(r"^(?P<where>\S.*?): error: (?P<message>.*)$")
_LAYOUT_ID = re.compile(r"^id: *([a-z][a-z0-9_-]*) *$", re.MULTILINE)


# -- annotations ------------------------------------------------------------------------------


@dataclass
class Expectation:
    """One diagnostic a case must give: where, part of its message, and parts of its hints and notes."""

    file: str
    line: str | None  # digits, "*" (any), or None (a diagnostic about the whole file)
    col: str | None
    message: str
    hints: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}:{self.col}"
        return f"{where}: error: ...{self.message}..."

    def matches(self, diagnostic: Diagnostic) -> bool:
        if self.message not in diagnostic.message:
            return False
        if self.line is None:
            return diagnostic.where == self.file
        parts = diagnostic.where.rsplit(":", 2)
        if len(parts) != 3 or parts[0] != self.file:
            return False
        return all(want in ("*", got) for want, got in zip((self.line, self.col), parts[1:], strict=True))


@dataclass
class Case:
    """A broken file, where it goes in the project, and what it must produce."""

    name: str
    target: str
    data: bytes
    expected: list[Expectation]
    never_created: list[str]


def parse_annotation(name: str, text: str, default_target: str) -> tuple[str, list[Expectation], list[str]]:
    """The target path, expectations and never-created paths written in `text`'s leading comments."""
    target, expected, never = default_target, [], []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _DIRECTIVE.match(line)
        if not match:
            continue
        key, value = match.groups()
        if key == "target":
            target = value
        elif key == "never-created":
            never.append(value)
        elif key == "expect":
            expected.append(_expectation(name, value, target))
        elif not expected:
            raise ValueError(f"{name}: '# {key}:' must follow an '# expect:' line")
        else:
            (expected[-1].hints if key == "hint" else expected[-1].notes).append(value)
    if not expected:
        raise ValueError(f"{name}: no '# expect:' line")
    return target, expected, never


def _expectation(name: str, value: str, target: str) -> Expectation:
    found = _LOCATION.match(value)
    if not found:
        raise ValueError(
            f"{name}: cannot read '# expect: {value}' (want [FILE:]LINE:COL: MESSAGE or -: MESSAGE)"
        )
    return Expectation(found["file"] or target, found["line"], found["col"], found["message"])


# -- the cases ----------------------------------------------------------------------------------


def base(kind: str) -> bytes:
    """The valid file every broken `kind` file is derived from."""
    return (HERE / "base" / f"{kind}.yaml").read_bytes()


def _profile_with(old: bytes, new: bytes) -> bytes:
    data = base("profile")
    assert data.count(old) == 1, old
    return data.replace(old, new)


def _alias_bomb() -> bytes:
    levels = [b'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9).encode()
        levels.append(f"a{i}: &a{i} [".encode() + refs + b"]")
    return b"\n".join(levels) + b"\n"


def _deep_nesting(levels: int) -> bytes:
    return b"id: deep\nname: " + b"[" * levels + b"]" * levels + b"\n"


@dataclass(frozen=True)
class Generated:
    """A case whose bytes cannot carry its own annotation: made in code, annotated here."""

    name: str
    make: Callable[[], bytes]
    annotation: str


GENERATED = [
    Generated(
        "profile/empty", lambda: b"", "# expect: 1:1: file is empty\n# hint: a mapping of keys is expected"
    ),
    Generated("profile/only-blank-lines", lambda: b"\n   \n\n", "# expect: 1:1: file is empty"),
    Generated(
        "profile/utf8-bom",
        lambda: b"\xef\xbb\xbf" + base("profile"),
        "# expect: 1:1: file starts with a byte-order mark (BOM)\n# hint: save the file as UTF-8 without BOM",
    ),
    Generated(
        "profile/utf16-with-bom",
        lambda: base("profile").decode().encode("utf-16"),
        "# expect: 1:1: file is encoded as UTF-16\n# hint: save the file as UTF-8",
    ),
    Generated(
        "profile/utf16-without-bom",
        lambda: base("profile").decode().encode("utf-16-le"),
        "# expect: 1:1: file is encoded as UTF-16\n# hint: save the file as UTF-8",
    ),
    Generated(
        "profile/latin1-byte",
        lambda: _profile_with(b"Hangzhou", b"Hangzh\xf6u"),
        "# expect: 6:20: invalid UTF-8 byte 0xf6\n# hint: save the file as UTF-8",
    ),
    Generated(
        "profile/bell-in-text",
        lambda: _profile_with(b"{en: the Lab,", b"{en: the\x07Lab,"),
        "# expect: 4:21: control character U+0007 in text\n# hint: delete it",
    ),
    Generated(
        "profile/nul-in-text",
        lambda: _profile_with(b"Hangzhou", b"Hang\x00zhou"),
        "# expect: 6:18: control character U+0000 in text\n# hint: delete it",
    ),
    Generated(
        "profile/nul-in-comment",
        lambda: b"# \x00\n" + base("profile"),
        "# expect: 1:3: control character U+0000 in text",
    ),
    Generated(
        "profile/over-1-mib",
        lambda: base("profile") + b"# " + b"x" * 1_048_576 + b"\n",
        "# expect: -: file is larger than 1024 KiB\n# hint: is this the right file?",
    ),
    Generated(
        "profile/string-over-5000-chars",
        lambda: _profile_with(
            b"  description: {en: a picturesque", b"  description: {en: a" + b" very" * 1001
        ),
        "# expect: 7:21: text is 5,031 characters long; the limit is 5,000\n# hint: shorten the text",
    ),
    Generated(
        "profile/profile-text-over-2000-chars",
        lambda: _profile_with(b"  en: The Lab carries out", b"  en: The" + b" Lab" * 600 + b" carries out"),
        "# expect: 45:7: text is 2,456 characters long; the limit is 2,000\n# hint: shorten the text",
    ),
    Generated(
        "profile/billion-laughs",
        _alias_bomb,
        "# expect: 5:15: document expands to more than 20,000 values\n# hint: aliases",
    ),
    Generated(
        "profile/nesting-100-deep",
        lambda: _deep_nesting(100),
        "# expect: 2:71: nesting is deeper than 64 levels",
    ),
    Generated(
        "profile/nesting-600-deep",
        lambda: _deep_nesting(600),
        "# expect: 2:71: nesting is deeper than 64 levels",
    ),
]


def _fixture_cases() -> list[Case]:
    cases = []
    for kind in KINDS:
        for path in sorted((HERE / kind).glob("*.yaml")):
            name = f"{kind}/{path.stem}"
            data = path.read_bytes()
            target, expected, never = parse_annotation(
                name, data.decode("utf-8", "replace"), TARGETS[kind].format(stem=path.stem)
            )
            cases.append(Case(name, target, data, expected, never))
    return cases


def _generated_cases() -> list[Case]:
    cases = []
    for gen in GENERATED:
        kind, stem = gen.name.split("/")
        target, expected, never = parse_annotation(gen.name, gen.annotation, TARGETS[kind].format(stem=stem))
        cases.append(Case(gen.name, target, gen.make(), expected, never))
    return cases


CASES = _fixture_cases() + _generated_cases()


# -- the project, the output folder and the command line ---------------------------------------


def _png(width: int, height: int) -> bytes:
    """A grey PNG of `width` x `height` pixels; above a megapixel only the header is right."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    pixels = b"\0" * (width + 1) * height if width * height <= 1_000_000 else b"\0"
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels))
        + chunk(b"IEND", b"")
    )


#: Files every case's project holds besides the real data/, layouts/ and themes/.
ASSETS = {
    "assets/not-a-picture.png": b"This is a text file with a .png name.\n",
    "assets/huge.png": _png(10_000, 5_000),  # 50 megapixels
    "assets/pixel.png": _png(1, 1),
}


def make_project(folder: Path) -> Path:
    """A copy of the real project (and `ASSETS`) under `folder`."""
    project = folder / "project"
    for part in ("data", "layouts", "themes"):
        shutil.copytree(REPO / part, project / part)
    for name, data in ASSETS.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_bytes(data)
    return project


def run_cli(*argv: str) -> tuple[int, str, str]:
    """Run the command line in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones too) and its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def earlier_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder holding a build of the real project (made once per session)."""
    folder = tmp_path_factory.mktemp("earlier-build")
    out = folder / "dist"
    code, _, err = run_cli("--project", str(make_project(folder)), "build", "--out", str(out))
    assert code == 0, f"the real project does not build, so no bad input can be checked:\n{err}"
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_base_files_are_valid(kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The files the fixtures are derived from are valid: each fixture's only mistake is its own."""
    project = make_project(tmp_path)
    target = project / TARGETS[kind].format(stem="one-pager")
    target.write_bytes(base(kind))
    monkeypatch.chdir(project)
    code, _, err = run_cli("--project", ".", "validate")
    assert (code, err) == (0, ""), f"tests/bad_inputs/base/{kind}.yaml is no longer valid:\n{err}"


# -- checking the output ------------------------------------------------------------------------


@dataclass
class Diagnostic:
    """One printed diagnostic: `where: error: message` and its indented hint and note lines."""

    where: str
    message: str
    hints: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def parse_stderr(stderr: str) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for line in stderr.splitlines():
        error = _ERROR.match(line)
        if error:
            found.append(Diagnostic(error["where"], error["message"]))
        elif found and line.startswith("  hint: "):
            found[-1].hints.append(line.removeprefix("  hint: "))
        elif found and ": note: " in line and line.startswith("  "):
            found[-1].notes.append(line.strip())
    return found


def problems_with(case: Case, command: str, code: int, stderr: str) -> list[str]:
    """What is wrong with one run's exit code and diagnostics (empty: all as annotated)."""
    problems = []
    if code != EXIT_INVALID:
        problems.append(f"exit code {code}, expected {EXIT_INVALID}")
    if "Traceback" in stderr or "internal error" in stderr:
        problems.append("a traceback or internal error was printed")
    printed = parse_stderr(stderr)
    seen: set[tuple[object, ...]] = set()
    for diagnostic in printed:
        key = (diagnostic.where, diagnostic.message, *diagnostic.hints, *diagnostic.notes)
        if key in seen:
            problems.append(f"printed twice: {diagnostic.where}: error: {diagnostic.message}")
        seen.add(key)
    for want in case.expected:
        problems += _unmet(want, printed)
    for diagnostic in printed:
        own = diagnostic.where == case.target or diagnostic.where.startswith(case.target + ":")
        if own and not any(want.matches(diagnostic) for want in case.expected):
            problems.append(f"unexpected diagnostic: {diagnostic.where}: error: {diagnostic.message}")
    return [f"{case.name}: {command}: {problem}" for problem in problems]


def _unmet(want: Expectation, printed: list[Diagnostic]) -> list[str]:
    matching = [d for d in printed if want.matches(d)]
    if not matching:
        return [f"missing diagnostic: {want}"]
    hints = [text for d in matching for text in d.hints]
    notes = [text for d in matching for text in d.notes]
    problems = [] if hints else [f"no hint given for: {want}"]
    problems += [
        f"missing hint '{h}' for: {want}" for h in want.hints if hints and not any(h in t for t in hints)
    ]
    problems += [f"missing note '{n}' for: {want}" for n in want.notes if not any(n in t for t in notes)]
    return problems


def commands(case: Case) -> list[list[str]]:
    """`validate`, `validate FILE` and `build`; a layout case builds only its own layout's id.

    Building every real document too would only render them (seconds) before the broken one
    fails; `test_failed_build_leaves_output_as_it_was` covers that full build once.
    """
    build = ["build", "--out", "OUT"]
    layout_id = (
        _LAYOUT_ID.search(case.data.decode("utf-8", "replace"))
        if case.target.startswith("layouts/")
        else None
    )
    if layout_id:
        build += ["--layout", layout_id[1]]
    return [["validate"], ["validate", case.target], build]


def check_case(case: Case, project: Path, out: Path) -> list[str]:
    """Run every command of `case` in `project` (the working folder); return what went wrong."""
    (project / case.target).write_bytes(case.data)
    before = snapshot(out)
    problems, transcript = [], []
    for command in commands(case):
        code, _, err = run_cli("--project", ".", *[str(out) if arg == "OUT" else arg for arg in command])
        shown = " ".join(command)
        transcript.append(f"$ zjlab-reports {shown}  -> exit {code}\n{err}")
        problems += problems_with(case, shown, code, err)
    after = snapshot(out)
    if after != before:
        changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
        problems.append(f"{case.name}: build changed the output folder: {', '.join(changed)}")
    problems += [
        f"{case.name}: '{path}' was created" for path in case.never_created if (project / path).exists()
    ]
    return problems + (["", *transcript] if problems else [])


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input(case: Case, earlier_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path)
    out = tmp_path / "dist"
    shutil.copytree(earlier_build, out)
    monkeypatch.chdir(project)
    problems = check_case(case, project, out)
    assert not problems, "\n".join(problems)


def test_failed_build_leaves_output_as_it_was(
    earlier_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full build where every real document succeeds and one added layout fails writes nothing."""
    case = next(case for case in CASES if case.name == "layout/text-does-not-fit")
    project = make_project(tmp_path)
    (project / case.target).write_bytes(case.data)
    out = tmp_path / "dist"
    shutil.copytree(earlier_build, out)
    before = snapshot(out)
    monkeypatch.chdir(project)
    code, _, err = run_cli("--project", ".", "build", "--out", str(out))
    assert problems_with(case, "build", code, err) == []
    assert snapshot(out) == before
