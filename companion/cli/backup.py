"""``spotlight backup FILE``: a consistent copy of the history database, while it runs."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from ..store import Store
from .common import CommandError, add_settings_options, settings_from


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "backup",
        help="copy the history database to a file (safe while the companion runs)",
        description="Copy the whole history database to FILE with SQLite's online backup "
        "(consistent even while the companion records posts). Restore it with "
        "`spotlight import FILE`, into an empty or a full history.",
        epilog="example:  spotlight backup ~/spotlight-2026-12-01.db",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="where to write the copy")
    add_settings_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    target = args.file.expanduser()
    if target.resolve() == settings.db_path.expanduser().resolve():
        raise CommandError(f"{target} is the history database itself; choose another file")
    if target.is_dir():
        raise CommandError(f"{target} is a folder; give a file name, e.g. {target}/history.db")
    store = Store.open(settings.db_path)
    try:
        count = store.post_count()
        store.backup_to(target)
    except (OSError, sqlite3.Error) as error:
        raise CommandError(f"cannot write the backup {target}: {error}") from None
    finally:
        store.close()
    print(f"Backed up {count} posts to {target}. Restore with: spotlight import {target}")
    return 0
