"""``spotlight serve``: run the companion on 127.0.0.1 until Ctrl-C."""

from __future__ import annotations

import argparse
import logging
import sys

from ..server import ServerError, serve
from ..server.pairing import TokenError, load_or_create
from ..settings import Settings
from ..store import StoreError
from .common import CommandError, add_settings_options, settings_from


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "serve",
        help="run the companion server and the history page",
        description="Run the companion on 127.0.0.1: the API the extension calls and the "
        "history page. Ctrl-C stops it.",
    )
    parser.add_argument("--port", type=int, help="TCP port (default 47800; 0 picks a free one)")
    add_settings_options(parser)
    parser.set_defaults(run=run)


def announce(url: str, settings: Settings, token: str) -> str:
    """What the user reads once the server is ready."""
    return "\n".join(
        [
            f"Spotlight is listening on {url}",
            f"  History page:  {url}  (opening it once pairs the extension)",
            f"  Pairing token: {token}",
            f"  Database:      {settings.db_path}",
            "  Extension:     chrome://extensions → Developer mode → Load unpacked → the "
            "extension/ folder; then paste the token in its options (or open the history page).",
            "Press Ctrl-C to stop.",
        ]
    )


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args, port=args.port)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    print(f"Loading the English pipeline and {settings.db_path} ...", file=sys.stderr)

    def ready(url: str) -> None:
        print(announce(url, settings, load_or_create(settings.token_path)), flush=True)

    try:
        serve(settings, ready)
    except (ServerError, StoreError, TokenError) as error:
        raise CommandError(str(error)) from None
    print("Spotlight stopped.", file=sys.stderr)
    return 0
