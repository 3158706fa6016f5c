"""The preview index: what was previewed (entries) in; `preview.json` and an `index.html` out.

The index page shows every contact sheet and links each page picture and, when the preview
was made from a build folder, the built files themselves: a reviewer opens one file in a
browser. `preview.json` remembers the entries, so previewing part of a project (or watch
refreshing one document) keeps the others in the index.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from msgspec import Struct
from msgspec.structs import asdict

__all__ = ["Entry", "entries_json", "index_html", "merge_entries", "read_entries"]


class Entry(Struct, frozen=True):
    """One previewed document; paths are relative to the preview folder (posix)."""

    stem: str
    title: str
    kind: str
    lang: str
    sheet: str
    pages: tuple[str, ...]
    files: tuple[str, ...] = ()  # the built PDF/PPTX, when previewed from a build folder


def read_entries(folder: Path) -> list[Entry]:
    """The entries of an earlier preview in `folder` whose pictures are still there."""
    try:
        raw = json.loads((folder / "preview.json").read_text(encoding="utf-8"))
        entries = [
            Entry(**{**e, "pages": tuple(e["pages"]), "files": tuple(e["files"])}) for e in raw["documents"]
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return [e for e in entries if (folder / e.sheet).is_file()]


def merge_entries(earlier: list[Entry], new: list[Entry]) -> list[Entry]:
    """`new` replaces earlier entries of the same document; sorted by stem."""
    by_stem = {e.stem: e for e in earlier} | {e.stem: e for e in new}
    return [by_stem[stem] for stem in sorted(by_stem)]


def entries_json(entries: list[Entry]) -> str:
    return json.dumps({"documents": [asdict(e) for e in entries]}, indent=2, ensure_ascii=False) + "\n"


def index_html(entries: list[Entry]) -> str:
    """A self-contained HTML page: every contact sheet, linked to its page pictures and files."""
    sections = "\n".join(_section(e) for e in entries)
    return _PAGE.format(count=len(entries), sections=sections)


def _section(entry: Entry) -> str:
    e = html.escape
    unit = "slide" if entry.kind == "deck" else "page"
    pages = " ".join(f'<a href="{e(p)}">{unit} {i}</a>' for i, p in enumerate(entry.pages, 1))
    files = " ".join(f'<a class="file" href="{e(f)}">{e(Path(f).name)}</a>' for f in entry.files)
    return (
        f'<section id="{e(entry.stem)}" lang="{e(entry.lang)}">\n'
        f"  <h2>{e(entry.title or entry.stem)}</h2>\n"
        f'  <p class="facts">{e(entry.stem)} · {e(entry.kind)} · {len(entry.pages)} {unit}s {files}</p>\n'
        f'  <a href="{e(entry.sheet)}"><img src="{e(entry.sheet)}" alt="{e(entry.title or entry.stem)}: '
        f'all {unit}s"></a>\n'
        f'  <p class="pages">{pages}</p>\n'
        "</section>"
    )


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>zjlab-reports preview</title>
<style>
  body {{ font-family: "Source Sans 3", "Noto Sans SC", system-ui, sans-serif; margin: 2rem;
         background: #f1f1ef; color: #212529; }}
  h1 {{ font-weight: 600; }}
  section {{ margin: 0 0 3rem; }}
  h2 {{ margin: 0 0 .25rem; font-weight: 600; }}
  .facts, .pages {{ color: #6c7278; margin: .25rem 0 .75rem; }}
  .file {{ margin-left: .75rem; }}
  img {{ max-width: 100%; height: auto; border: 1px solid #c4c6c8; }}
  a {{ color: #0b5cad; }}
</style>
</head>
<body>
<h1>zjlab-reports preview: {count} documents</h1>
{sections}
</body>
</html>
"""
