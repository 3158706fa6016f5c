"""validate's results cache: a run's inputs and options in; the verdict an earlier like run stored out.

`validate` composes every layout with every profile in both languages to find what only
composing finds, which takes a while; its answer (a `Verdict`: warnings, errors, how many files
it checked) depends only on its inputs, so it is kept, as ruff and mypy keep theirs, in the
cache folder the fonts use (`cache_root()/verdicts/`), one file per key. `list` keeps its plan
the same way (`Verdict.plan`; the command and its selection are `options` of the key, and the
pictures its files name are among the reads). The key digests:

- the package's version and the bytes of its source, the Python version and interpreter, and
  the names (with versions) of the distributions installed beside it;
- the working folder (diagnostics name files relative to it), `--project` and the paths given
  (and the bytes of those paths), and SOURCE_DATE_EPOCH;
- the name and bytes of every file under the project's `data/`, `layouts/` and `themes/`, so
  an edited byte or a new file there misses.

An entry also lists what the run read elsewhere (font files, pictures outside those folders,
found with an audit hook on `open`, and the pictures the files name, even missing ones), each
with its identity: the bytes' digest, or size and modification time for files installed with
Python (the font files' identity, as the font cache keeps it). A changed one misses.

Self-checking: an entry's first line is the SHA-256 of the rest, checked on every read. A
damaged entry is a warning (to the `zjlab_reports` logger, as a `Diagnostic`), is removed, and
validate runs in full; so is a cache folder that cannot be written. Entries are written to a
temporary file and renamed into place. Imports no model, YAML or font code.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from msgspec import Struct

from . import __version__
from .cache import cache_root
from .diagnostics import Diagnostic, Severity, Span

__all__ = ["Verdict", "VerdictCache", "cache_root", "recording_reads"]

_FORMAT = "zjlab-reports-verdict/1"
_INPUT_FOLDERS = ("data", "layouts", "themes")
_PACKAGE = Path(__file__).resolve().parent
_WRITES = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_LOG = logging.getLogger("zjlab_reports.verdicts")
_RECORDERS: list[set[str]] = []  # the reads being recorded (innermost last)


class Verdict(Struct, frozen=True):
    """What validate found: warnings and errors in the order reported, and the files checked.

    `checked` is 0 when there are errors (the count is reported only for a clean run).
    """

    warnings: tuple[Diagnostic, ...]
    errors: tuple[Diagnostic, ...]
    checked: int
    #: `list`: the rows of the plan it printed (JSON values); () for validate.
    plan: tuple[dict[str, Any], ...] = ()


class VerdictCache:
    """The stored verdict of one validate run's inputs and options (`key`)."""

    def __init__(
        self,
        project: Path,
        paths: Sequence[Path],
        root: Path | None = None,
        options: Sequence[str] = (),
        command: str = "validate",
    ) -> None:
        """`options`: what else the answer depends on (`list`'s selection, say), each part of
        the key; `command`: whose answer it is, as warnings name it."""
        self.project, self.root, self.command = project, root or cache_root(), command
        self.key = _digest_parts(_context(project, paths, options))
        self.path = self.root / "verdicts" / f"{self.key}.json"

    def read(self) -> Verdict | None:
        """The stored verdict, or None: none stored, something it read changed, or damaged."""
        try:
            data = self.path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            _warn(self.path, f"cannot read {self.command}'s cache entry: {exc.strerror or exc}", self.command)
            return None
        body = _checked_body(data, self.key)
        if body is None:
            message = f"{self.command}'s cache entry is damaged (its digest does not match); removed"
            _warn(self.path, message, self.command)
            with contextlib.suppress(OSError):
                self.path.unlink()
            return None
        if any(_identity(path) != known for path, known in body["reads"]):
            return None
        return _verdict(body)

    def write(self, verdict: Verdict, reads: Iterable[str]) -> None:
        """Store `verdict` with the identity of each file in `reads` outside the key's folders."""
        body = {
            "format": _FORMAT,
            "key": self.key,
            "reads": [[path, _identity(path)] for path in sorted(self._outside(reads))],
            "warnings": [_record(d) for d in verdict.warnings],
            "errors": [_record(d) for d in verdict.errors],
            "checked": verdict.checked,
            "plan": list(verdict.plan),
        }
        text = json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")
        try:
            _write_atomic(self.path, hashlib.sha256(text).hexdigest().encode("ascii") + b"\n" + text)
        except OSError as exc:
            _warn(
                self.root,
                f"cannot write {self.command}'s cache: {exc.strerror or exc}; the next run runs in full",
                self.command,
            )

    def _outside(self, reads: Iterable[str]) -> set[str]:
        """The files read that the key does not cover already (code, caches and inputs left out)."""
        folders = [self.root, *(self.project / folder for folder in _INPUT_FOLDERS), _PACKAGE]
        skipped = [form for f in folders for form in (os.path.abspath(f), os.path.realpath(f))]
        skipped += ["/dev", "/proc", "/sys"]
        kept = set()
        for path in reads:
            if path.endswith((".py", ".pyc")) or any(_below(path, folder) for folder in skipped):
                continue
            kept.add(path)
        return kept


@contextlib.contextmanager
def recording_reads() -> Iterator[set[str]]:
    """The absolute paths of the files opened for reading in this process while inside."""
    _hook()
    reads: set[str] = set()
    _RECORDERS.append(reads)
    try:
        yield reads
    finally:
        _RECORDERS.remove(reads)


def _hook() -> None:
    """Install the audit hook once per process (audit hooks cannot be removed)."""
    if not getattr(sys, "_zjlab_reports_reads_hooked", False):
        sys.addaudithook(_on_audit)
        setattr(sys, "_zjlab_reports_reads_hooked", True)  # noqa: B010 (not an attribute mypy knows)


def _on_audit(event: str, args: tuple[Any, ...]) -> None:
    if event != "open" or not _RECORDERS:
        return
    path, mode, flags = (*args, None, None, None)[:3]
    if isinstance(mode, str) and any(c in mode for c in "wax+"):
        return
    if isinstance(flags, int) and flags & _WRITES:
        return
    if isinstance(path, str | bytes | os.PathLike):
        _RECORDERS[-1].add(os.path.abspath(os.fsdecode(path)))


def _below(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _context(project: Path, paths: Sequence[Path], options: Sequence[str]) -> Iterator[str]:
    """Everything a verdict depends on, as text, apart from the reads an entry lists."""
    yield f"{_FORMAT} zjlab-reports {__version__}"
    yield from (f"option {option}" for option in options)
    yield _digest_parts(_tree(_PACKAGE, skip="__pycache__"))
    yield from (sys.version, sys.executable, *_installed())
    yield from (os.getcwd(), str(project), str(project.resolve()))
    yield f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}"
    for path in paths:
        yield from (str(path), _bytes_digest(path))
    for folder in _INPUT_FOLDERS:
        yield f"folder {folder}"
        yield from _tree(project / folder)


def _tree(folder: Path, skip: str = "") -> Iterator[str]:
    """The name (relative to `folder`) and bytes' digest of every file below `folder`, sorted;
    subfolders named `skip` left out."""
    names = []
    for top, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if name != skip]
        names += [Path(top, name).relative_to(folder).as_posix() for name in files]
    for name in sorted(names):
        yield from (name, _bytes_digest(folder / name))


def _installed() -> list[str]:
    """The distributions installed on `sys.path` (their folder names carry their versions)."""
    names = []
    for entry in sys.path:
        with contextlib.suppress(OSError):
            names += sorted(n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info")))
    return names


def _installed_file(path: str) -> bool:
    prefixes = {sys.prefix, sys.base_prefix, sys.exec_prefix}
    return any(_below(path, os.path.realpath(prefix)) or _below(path, prefix) for prefix in prefixes)


def _identity(path: str) -> str:
    """What tells this version of a file from another: size and modification time for files
    installed with Python (fonts), the digest of the bytes otherwise; "missing" when absent."""
    try:
        stat = os.stat(path)
    except OSError:
        return "missing"
    if not os.path.isfile(path):
        return "folder"
    if _installed_file(path):
        return f"stat {stat.st_size} {stat.st_mtime_ns}"
    return _bytes_digest(Path(path))


def _bytes_digest(path: Path) -> str:
    try:
        return "sha256 " + hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        return f"unreadable {exc.errno}"


def _digest_parts(parts: Iterable[str]) -> str:
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return sha.hexdigest()


def _checked_body(data: bytes, key: str) -> dict[str, Any] | None:
    """The entry's body when its digest line matches its bytes and it is an entry for `key`."""
    digest, _, text = data.partition(b"\n")
    if hashlib.sha256(text).hexdigest().encode("ascii") != digest:
        return None
    try:
        body = json.loads(text)
        _verdict(body)
    except (ValueError, KeyError, TypeError):
        return None
    return body if body.get("format") == _FORMAT and body.get("key") == key else None


def _record(diagnostic: Diagnostic) -> dict[str, Any]:
    span = diagnostic.span
    return {
        "span": [span.file, span.line, span.column],
        "message": diagnostic.message,
        "hints": list(diagnostic.hints),
        "severity": diagnostic.severity.value,
        "related": [[[s.file, s.line, s.column], text] for s, text in diagnostic.related],
    }


def _diagnostic(record: dict[str, Any]) -> Diagnostic:
    return Diagnostic(
        Span(*record["span"]),
        record["message"],
        tuple(record["hints"]),
        Severity(record["severity"]),
        tuple((Span(*span), text) for span, text in record["related"]),
    )


def _verdict(body: dict[str, Any]) -> Verdict:
    warnings = tuple(_diagnostic(r) for r in body["warnings"])
    errors = tuple(_diagnostic(r) for r in body["errors"])
    plan = body.get("plan", [])
    if not isinstance(plan, list) or not all(isinstance(row, dict) for row in plan):
        raise TypeError("a plan is a list of rows")
    return Verdict(warnings, errors, int(body["checked"]), tuple(plan))


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _warn(path: Path, message: str, command: str) -> None:
    hint = (
        f"nothing to do: {command} ran in full; set ZJLAB_REPORTS_CACHE to a writable folder to keep results"
    )
    diagnostic = Diagnostic(Span.of_file(path), message, (hint,), severity=Severity.WARNING)
    _LOG.warning("%s", message, extra={"diagnostic": diagnostic})
