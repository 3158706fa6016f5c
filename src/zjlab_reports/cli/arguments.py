"""The command-line grammar: nothing in; the argument parser of every command and option out.

Parsing imports no renderer: each command's module is imported only when it runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from .. import __version__

__all__ = ["COMMANDS", "UsageError", "parser"]

LANGS = ("en", "zh")  # kept here so that --help needs no model import; checked by a test


class UsageError(Exception):
    """The command line is not understood; `parser` is the (sub)command whose usage to show."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser = parser


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(self, message)

    def parse_args(self, args=None, namespace=None):
        parsed = super().parse_args(args, namespace)
        if getattr(parsed, "marks", False) and "print" not in (parsed.variants or ()):
            self.error("--marks adds crop marks to print PDFs: use it with --for print")
        return parsed


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; each command sets `command` and `run` (the name of its function in commands).

    `command` None: every command (what `--help` lists). A command's name (one of `COMMANDS`):
    only that command, which parses any command line that starts with it the same way, with
    the same messages (building the other commands' options costs more than parsing does).
    """
    top = _Parser(
        prog="zjlab-reports",
        description="Zhejiang Lab's profile + layouts + theme -> brochure PDFs and PowerPoint decks.",
    )
    top.add_argument("--version", action="version", version=f"zjlab-reports {__version__}")
    top.add_argument(
        "--project",
        type=Path,
        default=Path("."),
        help="the folder holding data/, layouts/ and themes/ (default: .)",
    )
    commands = top.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser, required=True)
    for name, add in _COMMANDS.items():
        if command in (None, name):
            add(commands)
    return top


def _schema(commands) -> None:
    _add(commands, "schema", "print the JSON Schema of a file kind", []).add_argument(
        "kind", choices=["profile", "layout", "theme"]
    )


def _build(commands) -> None:
    _add(
        commands,
        "build",
        "build brochures and decks (default: everything, both languages)",
        [_selection(), _shards(), _jobs()],
    )


def _list(commands) -> None:
    _add(commands, "list", "list what a build would make", [_selection(), _shards()]).set_defaults(
        run="list_plan"
    )


def _init(commands) -> None:
    init = _add(
        commands, "init", "start a new project folder from the shipped profile, layouts and themes", []
    )
    init.add_argument("folder", type=Path, metavar="DIR", help="a new or empty folder")


def _add(commands, name: str, text: str, parents: list[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    sub = commands.add_parser(name, help=text, description=text, parents=[*parents, _output()])
    sub.set_defaults(command=name, run=name)
    return sub


def _output() -> argparse.ArgumentParser:
    """Options every command shares: how its results and problems are reported."""
    options = _Parser(add_help=False)
    group = options.add_argument_group("output")
    group.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    group.add_argument(
        "--json", action="store_true", help="print one JSON document: artifacts, diagnostics, timings, status"
    )
    group.add_argument(
        "--sarif", type=Path, metavar="FILE", help="also write the diagnostics as a SARIF 2.1.0 log"
    )
    group.add_argument(
        "--annotations",
        choices=["auto", "github", "none"],
        default="auto",
        help="GitHub Actions error annotations (auto: when GITHUB_ACTIONS=true)",
    )
    return options


def _selection(out: str = "dist") -> argparse.ArgumentParser:
    options = _Parser(add_help=False)
    options.add_argument("--out", type=Path, default=Path(out), help=f"output folder (default: {out})")
    options.add_argument(
        "--lang", action="append", choices=LANGS, help="a language (repeatable; default: all)"
    )
    options.add_argument("--layout", action="append", metavar="ID", help="a layout id (repeatable)")
    options.add_argument("--profile", action="append", metavar="ID", help="a profile id (repeatable)")
    options.add_argument(
        "--for",
        dest="variants",
        action="append",
        choices=("screen", "print"),
        help="brochure PDFs for screens (sRGB, PDF/A-2u; the default) or for print (CMYK, bleed, "
        "PDF/X-4; named ...-print.pdf); repeat for both. Deck handouts are always for screens",
    )
    options.add_argument("--marks", action="store_true", help="crop marks on print PDFs (with --for print)")
    return options


def _shards() -> argparse.ArgumentParser:
    options = _Parser(add_help=False)
    options.add_argument(
        "--shard",
        type=_shard,
        metavar="K/N",
        help="only the K-th of N deterministic parts of the plan, for the N runners of a CI matrix "
        "(join their manifests with `manifest merge`)",
    )
    return options


def _shard(text: str):
    from ..shards import Shard

    try:
        return Shard.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _jobs(
    text: str = "documents made at once, each in its own process; one document is rendered by a second "
    "process while it is composed (default: the number of cores)",
) -> argparse.ArgumentParser:
    options = _Parser(add_help=False)
    options.add_argument("-j", "--jobs", type=_count, metavar="N", help=text)
    return options


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"a number of processes (1 or more), not {text!r}")
    return int(text)


def _manifest(commands) -> None:
    manifest = commands.add_parser(
        "manifest", help="work with build manifests", description="work with build manifests"
    )
    actions = manifest.add_subparsers(title="action", metavar="ACTION", parser_class=_Parser, required=True)
    merge = _add(actions, "merge", "join the manifests of a sharded build's parts into the whole build's", [])
    merge.add_argument("manifests", nargs="+", type=Path, metavar="MANIFEST", help="a shard's manifest.json")
    merge.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="the merged manifest (default: stdout)"
    )
    merge.set_defaults(command="manifest merge", run="manifest_merge")


def _validate(commands) -> None:
    jobs = _jobs(
        "documents composed at once, each in its own process (default: the number of cores for"
        " six documents or more; fewer one at a time until a font instance must be built)"
    )
    sub = _add(commands, "validate", "check profiles, layouts and themes (default: all of them)", [jobs])
    sub.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    sub.add_argument(
        "--no-cache",
        action="store_true",
        help="validate in full, without the verdict an earlier run with the same inputs stored",
    )


def _preview(commands) -> None:
    sub = _add(
        commands,
        "preview",
        "PNG pictures of every page and slide, a contact sheet per document and an index.html",
        [_selection(out="preview")],
    )
    sub.add_argument(
        "--from",
        dest="source",
        type=Path,
        metavar="DIR",
        help="picture the PDFs of an earlier build (its manifest.json) instead of building",
    )
    sub.add_argument("--dpi", type=_dpi, default=96, help="resolution of the page pictures (default: 96)")


def _dpi(text: str) -> int:
    if not text.isdigit() or not 10 <= int(text) <= 600:
        raise argparse.ArgumentTypeError(f"a whole number of dots per inch from 10 to 600, not {text!r}")
    return int(text)


def _watch(commands) -> None:
    sub = _add(
        commands,
        "watch",
        "build, then rebuild what each saved change to a profile, layout or theme affects",
        [_selection()],
    )
    sub.add_argument(
        "--preview", action="store_true", help="also refresh the preview pictures of what was rebuilt"
    )
    sub.add_argument(
        "--preview-out", type=Path, default=Path("preview"), help="preview folder (default: preview)"
    )


def _new(commands) -> None:
    new = commands.add_parser(
        "new", help="start a new layout or profile", description="start a new layout or profile"
    )
    kinds = new.add_subparsers(title="what", metavar="WHAT", parser_class=_Parser, required=True)
    layout = _add(kinds, "layout", "a new layout: a copy of an existing one under a new id", [])
    layout.add_argument("name", metavar="NAME", help="the new layout's id (e.g. brochure-a5)")
    layout.add_argument("--from", dest="source", required=True, metavar="EXISTING", help="the layout to copy")
    layout.set_defaults(command="new layout", run="new_layout")
    profile = _add(kinds, "profile", "a new profile: a valid skeleton with every field, commented", [])
    profile.add_argument("name", metavar="ID", help="the new profile's id (e.g. partner-institute)")
    profile.set_defaults(command="new profile", run="new_profile")


#: Each command and what adds it to the parser, in the order `--help` lists them.
_COMMANDS = {
    "validate": _validate,
    "schema": _schema,
    "build": _build,
    "list": _list,
    "manifest": _manifest,
    "preview": _preview,
    "watch": _watch,
    "new": _new,
    "init": _init,
}
#: The names of the commands.
COMMANDS = tuple(_COMMANDS)
