"""The new and init commands: a name in; a new layout, profile skeleton or project folder out."""

from __future__ import annotations

import argparse

from ..diagnostics import display_path
from .commands import output_error
from .formats import Outcome
from .output import Console

__all__ = ["init", "new_layout", "new_profile"]


def new_layout(args: argparse.Namespace, console: Console, outcome: Outcome) -> int:
    from ..project import Project
    from ..scaffold import new_layout as make

    try:
        made = make(Project(args.project), args.name, args.source)
    except OSError as exc:
        raise output_error(args.project / "layouts", exc) from None
    outcome.results["created"] = [display_path(made)]
    console.say(f"created {display_path(made)} from layout '{args.source}'")
    console.say(f"see it: zjlab-reports preview --layout {args.name}")
    return 0


def new_profile(args: argparse.Namespace, console: Console, outcome: Outcome) -> int:
    from ..project import Project
    from ..scaffold import new_profile as make

    try:
        made = make(Project(args.project), args.name)
    except OSError as exc:
        raise output_error(args.project / "data", exc) from None
    outcome.results["created"] = [display_path(made)]
    console.say(f"created {display_path(made)}: replace the placeholders, then")
    console.say(f"check it: zjlab-reports validate {display_path(made)}")
    return 0


def init(args: argparse.Namespace, console: Console, outcome: Outcome) -> int:
    from ..scaffold import init_project

    try:
        made = init_project(args.folder)
    except OSError as exc:
        raise output_error(args.folder, exc) from None
    outcome.results["created"] = [display_path(path) for path in made]
    console.say(f"created {display_path(args.folder)} with {', '.join(path.name + '/' for path in made)}")
    console.say(f"next: cd {display_path(args.folder)} && zjlab-reports build")
    return 0
