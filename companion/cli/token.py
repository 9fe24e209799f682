"""``spotlight token``: show the pairing token, or replace it with a new one."""

from __future__ import annotations

import argparse
import sys

from ..server.pairing import TokenError, load_or_create, rotate
from ..settings import Settings
from .common import CommandError, add_settings_options, settings_from


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "token",
        help="show or rotate the pairing token",
        description="Print the token the extension pairs with. --rotate makes a new one "
        "(the running companion picks it up at once; pair the extension again).",
    )
    parser.add_argument("--rotate", action="store_true", help="replace the token")
    parser.add_argument("--path", action="store_true", help="print the token file's path")
    add_settings_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    try:
        token = rotate(settings.token_path) if args.rotate else load_or_create(settings.token_path)
    except TokenError as error:
        raise CommandError(str(error)) from None
    print(settings.token_path if args.path else token)
    if args.rotate:
        print(rotated_message(settings), file=sys.stderr)
    return 0


def rotated_message(settings: Settings) -> str:
    """What the user does after a rotation: the extension must pair again."""
    from ..server.running import read_state

    running = read_state(settings.config_dir)
    page = running["url"] if running else "the history page (spotlight serve prints it)"
    return (
        f"New pairing token written to {settings.token_path}; the old one no longer works. "
        f"Pair the extension again: open {page} once in its browser, or paste this token "
        "in the extension's options."
    )
