"""The `phasewatch` command line: the parser and error policy (`main`), one module per group of
commands (jobs, watch, text, lookups). Each command takes the Settings built once by `main`."""

from bot.cli.main import main

__all__ = ["main"]
