"""Sharded builds: a plan and `K/N` in, the K-th of N parts out; the parts' manifests in, one manifest out.

`build --shard K/N` builds every N-th planned document starting with the K-th (round robin
over the plan's order: profiles, layouts, languages), so that the N runners of a CI matrix
each build a deterministic, similar share. Its manifest lists its own artifacts and, under
`shard`, which part it is and the documents of the whole plan. `manifest merge` checks that
the parts come from one build and that none is missing or given twice, and joins them into
the manifest a single machine writes for the whole plan, byte for byte: both are written by
`manifest_bytes`, and the artifacts are put back in plan order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from msgspec import Struct

from .diagnostics import Diagnostic, DiagnosticError, Span, display_path

__all__ = ["Shard", "document_key", "manifest_bytes", "merge_manifests"]

T = TypeVar("T")
_SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


class Shard(Struct, frozen=True):
    """The `index`-th (from 1) of `count` parts of a build."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """`K/N` with 1 <= K <= N; raises ValueError saying what is wrong."""
        found = _SHARD.match(text)
        if not found:
            raise ValueError(f"'{text}' is not K/N (for example 1/3)")
        index, count = int(found[1]), int(found[2])
        if not 1 <= index <= count:
            raise ValueError(f"'{text}': K must be between 1 and N")
        return cls(index, count)

    def pick(self, planned: Sequence[T]) -> list[T]:
        """This part of `planned`: every `count`-th item, starting with the `index`-th."""
        return list(planned[self.index - 1 :: self.count])

    def describe(self, documents: Sequence[str]) -> dict[str, Any]:
        """What a shard's manifest says about it; `documents`: the whole plan's `document_key`s."""
        return {"index": self.index, "count": self.count, "documents": list(documents)}

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def document_key(profile: str, layout: str, lang: str) -> str:
    """How a manifest names a planned document: `profile/layout/lang` (ids hold no '/')."""
    return f"{profile}/{layout}/{lang}"


def manifest_bytes(manifest: Mapping[str, Any]) -> bytes:
    """The bytes of `manifest.json` (every build and every merge writes them this way)."""
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def merge_manifests(paths: Sequence[Path]) -> bytes:
    """The manifest of the whole build whose shards wrote the manifests at `paths`.

    Raises `DiagnosticError` when a file is not a shard's manifest, when the shards come from
    different builds, or when a shard is missing or given twice.
    """
    parts = [_read(path) for path in paths]
    first = parts[0][1]
    problems = [p for path, part in parts[1:] for p in _disagreements(first, path, part)]
    problems += _coverage(parts)
    if problems:
        raise DiagnosticError(problems)
    documents: list[str] = first["shard"]["documents"]
    entries = [entry for _, part in parts for entry in part["artifacts"]]
    entries.sort(key=lambda entry: documents.index(_key(entry)))  # stable: pdf before pptx
    whole = {name: value for name, value in first.items() if name != "shard"}
    whole["artifacts"] = entries
    return manifest_bytes(whole)


def _read(path: Path) -> tuple[Path, dict[str, Any]]:
    span, hint = Span(display_path(path)), ("pass the manifest.json files of the shards",)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        message = f"cannot read manifest: {exc.strerror or exc}"
        raise DiagnosticError([Diagnostic(span, message, hint)]) from None
    except ValueError as exc:
        raise DiagnosticError([Diagnostic(span, f"not a manifest: {exc}", hint)]) from None
    problem = _shape_problem(data)
    if problem:
        raise DiagnosticError([Diagnostic(span, problem, hint)])
    return path, data


def _shape_problem(data: Any) -> str | None:
    if not isinstance(data, dict) or not isinstance(data.get("artifacts"), list):
        return "not a manifest: it has no list of artifacts"
    shard = data.get("shard")
    if not isinstance(shard, dict):
        return "not a shard's manifest: it was built without --shard"
    if not (
        isinstance(shard.get("index"), int)
        and isinstance(shard.get("count"), int)
        and isinstance(shard.get("documents"), list)
    ):
        return "the manifest's 'shard' entry lacks its index, count or documents"
    if not 1 <= shard["index"] <= shard["count"]:
        return f"it names shard {shard['index']}/{shard['count']}: K must be between 1 and N"
    for entry in data["artifacts"]:
        if not isinstance(entry, dict):
            return f"artifact {entry!r} is not an entry of a manifest"
        if _key(entry) not in shard["documents"]:
            return f"artifact {entry.get('path')!r} is not in the shard's plan"
    return None


def _key(entry: Mapping[str, Any]) -> str:
    return document_key(str(entry.get("profile")), str(entry.get("layout")), str(entry.get("lang")))


def _disagreements(first: dict[str, Any], path: Path, part: dict[str, Any]) -> list[Diagnostic]:
    """Problems when `part` is not a shard of the same build as `first`."""
    problems = []
    mine, theirs = part["shard"], first["shard"]
    if (mine["count"], mine["documents"]) != (theirs["count"], theirs["documents"]):
        problems.append("it is a shard of another build (another plan or shard count)")
    for name in sorted((set(first) | set(part)) - {"artifacts", "shard"}):
        if first.get(name) != part.get(name):
            problems.append(f"its '{name}' differs from the first manifest's")
    hint = ("merge the manifests of one build's shards, built from the same inputs",)
    return [Diagnostic(Span(display_path(path)), message, hint) for message in problems]


def _coverage(parts: Sequence[tuple[Path, dict[str, Any]]]) -> list[Diagnostic]:
    """Problems when a shard is missing, given twice, or holds documents of another part."""
    count = parts[0][1]["shard"]["count"]
    seen: dict[int, Path] = {}
    problems = []
    for path, part in parts:
        shard = Shard(part["shard"]["index"], count)
        name = Span(display_path(path))
        if shard.index in seen:
            also = (f"it is also {display_path(seen[shard.index])}",)
            problems.append(Diagnostic(name, f"shard {shard} is given twice", also))
        seen[shard.index] = path
        mine = set(shard.pick(part["shard"]["documents"]))
        if any(_key(entry) not in mine for entry in part["artifacts"]):
            problems.append(Diagnostic(name, f"shard {shard} holds documents of another shard"))
    missing = [str(Shard(k, count)) for k in range(1, count + 1) if k not in seen]
    if missing:
        problems.append(
            Diagnostic(
                Span("command line"),
                f"shard{'s' if len(missing) > 1 else ''} {', '.join(missing)} missing",
                ("pass the manifest.json of every shard",),
            )
        )
    return problems
