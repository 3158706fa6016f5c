"""`python -m zjlab_reports`: the command line."""

from .cli import entry

entry()
