"""The command line: arguments in; diagnostics, files and an exit code out.

The only package that prints diagnostics or chooses exit codes: 0 ok, 1 invalid input,
2 usage error, 3 internal error (a bug: please report it with the message shown).

`arguments` (the grammar), `run` (main: dispatch, errors, exit codes), `output` and `formats`
(text, JSON, SARIF, GitHub annotations), `progress` (the build progress display), and one
module per group of commands: `commands` (validate, schema, build, list), `previewing`,
`watching`, `starting` (new, init).
"""

from .run import entry, main

__all__ = ["entry", "main"]
