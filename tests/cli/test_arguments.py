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
