"""``spotlight export``: every stored post with its scores, as CSV or JSON."""

from __future__ import annotations

import argparse
import sys

from ..history.backup import backup_chunks
from ..history.export import FORMATS, csv_chunks
from ..store import Store
from .common import CommandError, add_settings_options, settings_from


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "export",
        help="write the whole history: JSON to restore, CSV for spreadsheets",
        description="Write the whole history, oldest first. JSON (the default) is a complete "
        "backup (posts with scores and nudges, people, settings) that spotlight import "
        "restores; CSV is for spreadsheets and cannot be imported again.",
        epilog="examples:  spotlight export -o history.json     (restore: spotlight import "
        "history.json)\n           spotlight export --format csv -o history.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--format", choices=FORMATS, default="json")
    parser.add_argument("--output", "-o", metavar="FILE", help="write here (default: stdout)")
    add_settings_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    store = Store.open(settings.db_path)
    chunks = (csv_chunks if args.format == "csv" else backup_chunks)(store)
    try:
        out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout  # noqa: SIM115
    except OSError as error:
        store.close()
        raise CommandError(f"cannot write {args.output}: {error}") from None
    try:
        count = store.post_count()
        for chunk in chunks:
            out.write(chunk)
    finally:
        store.close()
        if args.output:
            out.close()
    if args.output:
        print(f"wrote {count} posts to {args.output}", file=sys.stderr)
    return 0
