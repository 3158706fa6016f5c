"""The command-line grammar: every command parses, and parsing imports no renderer."""

from __future__ import annotations

import subprocess
import sys

import pytest

from zjlab_reports.cli import arguments
from zjlab_reports.model.common import LANGS


def test_languages_match_the_model() -> None:
    assert arguments.LANGS == LANGS


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "--json"],
        ["build", "-q", "--lang", "zh", "--layout", "deck-16x9", "--sarif", "x.sarif"],
        ["list", "--annotations", "github"],
        ["preview", "--from", "dist", "--dpi", "150"],
        ["watch", "--preview", "--preview-out", "p"],
        ["new", "layout", "a5", "--from", "brochure-a4"],
        ["new", "profile", "partner"],
        ["init", "folder"],
        ["schema", "theme"],
    ],
)
def test_every_command_parses(argv: list[str]) -> None:
    args = arguments.parser().parse_args(argv)
    assert args.command.split()[0] == argv[0] and isinstance(args.run, str)


def test_help_imports_no_renderer() -> None:
    code = (
        "import sys\n"
        "from zjlab_reports.cli import main\n"
        "try:\n"
        "    main(['build', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = {'reportlab', 'pptx', 'pypdfium2', 'PIL', 'watchfiles', 'fontTools'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def _parsed(parser, argv: list[str]) -> tuple[str, object]:
    """What `parser` makes of `argv`: its namespace, or its usage error (usage and message)."""
    try:
        return "ok", vars(parser.parse_args(argv))
    except arguments.UsageError as exc:
        return "usage", (exc.parser.format_usage(), str(exc))


@pytest.mark.parametrize(
    "argv",
    [
        ["build", "-q", "--lang", "zh", "--layout", "deck-16x9", "--shard", "1/2", "-j", "2"],
        ["build", "--for", "print", "--marks", "--profile", "a", "--out", "x"],
        ["build", "--bogus"],
        ["build", "--lang", "fr"],
        ["build", "-j", "0"],
        ["build", "--marks"],
        ["build", "stray"],
        ["list", "--shard", "3/2"],
        ["validate", "a.yaml", "--no-cache", "-j", "x"],
        ["schema", "layout"],
        ["schema", "font"],
        ["manifest", "merge", "a.json", "b.json", "-o", "c.json"],
        ["manifest"],
        ["new", "layout", "a5"],
        ["new", "profile", "p", "--json"],
        ["preview", "--dpi", "5"],
        ["watch", "--preview"],
        ["init"],
    ],
)
def test_one_command_parses_like_all(argv: list[str]) -> None:
    assert argv[0] in arguments.COMMANDS
    assert _parsed(arguments.parser(argv[0]), argv) == _parsed(arguments.parser(), argv)


def test_one_command_leaves_the_others_out() -> None:
    whole, one = arguments.parser(), arguments.parser("build")
    assert _parsed(whole, ["list"])[0] == "ok"
    assert _parsed(one, ["list"])[0] == "usage"
    assert len(one.format_help()) < len(whole.format_help())
