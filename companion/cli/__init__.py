"""The ``spotlight`` command. Each subcommand lives in its own module and is listed here."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Sequence

from .. import __version__
from ..nlp import ModelNotFound
from ..settings import SettingsError, spotlight_command
from ..store import StoreError
from . import backup, doctor, export, history, import_archive, score, serve, token
from .common import CommandError

# One explicit list: the order is the order of `spotlight --help`.
COMMANDS = (serve, score, history, import_archive, export, backup, token, doctor)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="spotlight",
        description="Spotlight: a writing coach that helps you lift up the people around you.",
    )
    parser.add_argument("--version", action="version", version=f"spotlight {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        status = args.run(args) or 0
        sys.stdout.flush()  # a reader gone shows here, not at the interpreter's exit
        return status
    # Errors a user can act on print one line; the database's say which file and why.
    except (CommandError, SettingsError, ModelNotFound, StoreError) as error:
        print(f"spotlight: error: {error}", file=sys.stderr)
        return 2
    except sqlite3.DatabaseError as error:  # damage found halfway through a command
        print(
            f"spotlight: error: the history database cannot be read ({error}); "
            f"{spotlight_command()} doctor says how to repair it",
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Whoever read the output stopped (`spotlight score … | head`): stop too, quietly,
        # and keep the interpreter's last flush of stdout from failing again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, as a shell reports a pipeline cut short


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
