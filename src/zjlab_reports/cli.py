"""The command line: arguments in; diagnostics, files and an exit code out.

The only module that prints diagnostics or chooses exit codes: 0 ok, 1 invalid input,
2 usage error, 3 internal error (a bug: please report it with the message shown).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .diagnostics import Diagnostic, DiagnosticError, Span, display_path
from .model.common import LANGS

__all__ = ["main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (the console script exits with it)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if getattr(args, "marks", False) and "print" not in (args.variants or ()):
        parser.error("--marks adds crop marks to print PDFs: use it with --for print")
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.run(args))
    except DiagnosticError as exc:
        _print_diagnostics(exc.diagnostics)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: say so briefly
        if os.environ.get("ZJLAB_REPORTS_DEBUG"):
            traceback.print_exc()
        print(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "  hint: this is a bug in zjlab-reports; set ZJLAB_REPORTS_DEBUG=1 for details",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zjlab-reports", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"zjlab-reports {__version__}")
    parser.add_argument(
        "--project",
        type=Path,
        default=Path("."),
        help="the folder holding data/, layouts/ and themes/ (default: .)",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    _add(
        commands,
        "validate",
        "check profiles, layouts and themes (default: all of them)",
        _validate,
        lambda p: p.add_argument("paths", nargs="*", type=Path, metavar="PATH"),
    )
    _add(
        commands,
        "schema",
        "print the JSON Schema of a file kind",
        _schema,
        lambda p: p.add_argument("kind", choices=["profile", "layout", "theme"]),
    )
    _add(
        commands,
        "build",
        "build brochures and decks (default: everything, both languages)",
        _build,
        _selection_arguments,
    )
    _add(commands, "list", "list what a build would make", _list, _selection_arguments)
    return parser


def _add(
    commands: argparse._SubParsersAction,
    name: str,
    text: str,
    run: Callable[[argparse.Namespace], int],
    arguments: Callable[[argparse.ArgumentParser], object],
) -> None:
    sub = commands.add_parser(name, help=text, description=text)
    arguments(sub)
    sub.set_defaults(run=run, command=name)


def _selection_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("dist"), help="output folder (default: dist)")
    parser.add_argument(
        "--lang", action="append", choices=LANGS, help="a language (repeatable; default: all)"
    )
    parser.add_argument("--layout", action="append", metavar="ID", help="a layout id (repeatable)")
    parser.add_argument("--profile", action="append", metavar="ID", help="a profile id (repeatable)")
    parser.add_argument(
        "--for",
        dest="variants",
        action="append",
        choices=("screen", "print"),
        help="brochure PDFs for screens (sRGB, PDF/A-2u; the default) or for print (CMYK, bleed, "
        "PDF/X-4; named ...-print.pdf); repeat for both. Deck handouts are always for screens",
    )
    parser.add_argument("--marks", action="store_true", help="crop marks on print PDFs (with --for print)")


def _print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.render(), file=sys.stderr)
    count = len(diagnostics)
    print(f"{count} problem{'s' if count != 1 else ''} found", file=sys.stderr)


def _validate(args: argparse.Namespace) -> int:
    from .validate import validate_paths

    checked = validate_paths(args.project, list(args.paths))
    print(f"ok: {checked} file{'s' if checked != 1 else ''} valid")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from .schemas import schema_for

    print(json.dumps(schema_for(args.kind), indent=2, ensure_ascii=False))
    return EXIT_OK


def _selection(args: argparse.Namespace):
    from .build import Selection

    variants = tuple(dict.fromkeys(args.variants or ("screen",)))
    return Selection(
        tuple(args.profile or ()), tuple(args.layout or ()), tuple(args.lang or ()), variants, args.marks
    )


def _build(args: argparse.Namespace) -> int:
    from .build import build
    from .project import Project

    started = time.perf_counter()
    try:
        artifacts = build(Project(args.project), args.out, _selection(args))
    except OSError as exc:
        raise DiagnosticError(
            [
                Diagnostic(
                    Span(display_path(args.out)),
                    f"cannot write output: {exc.strerror}",
                    ("check the folder exists and is writable",),
                )
            ]
        ) from None
    for artifact in artifacts:
        print(f"wrote {display_path(args.out / artifact.path)} ({artifact.pages} pages)")
    print(f"built {len(artifacts)} files and manifest.json in {time.perf_counter() - started:.1f} s")
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from .build import load_inputs, plan
    from .project import Project

    selection = _selection(args)
    inputs = load_inputs(Project(args.project), selection)
    for profile, layout, lang in plan(inputs, selection):
        pdfs = ["pdf (print)" if v == "print" else "pdf" for v in selection.variants]
        formats = "pdf, pptx" if layout.layout.kind == "deck" else ", ".join(pdfs)
        print(f"{profile.id}\t{layout.id}\t{layout.layout.kind}\t{lang}\t{formats}")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
