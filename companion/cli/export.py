"""``spotlight export``: every stored post with its scores, as CSV or JSON."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

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
    # Written beside the target and renamed when complete: a failed export never leaves a
    # half file that looks like a backup.
    target = Path(args.output) if args.output else None
    partial = target.with_name(f".{target.name}.partial") if target else None
    try:
        out = open(partial, "w", encoding="utf-8", newline="") if partial else sys.stdout  # noqa: SIM115
    except OSError as error:
        store.close()
        raise CommandError(f"cannot write {args.output}: {error}") from None
    done = False
    try:
        count = store.post_count()
        for chunk in chunks:
            out.write(chunk)
        done = True
    finally:
        store.close()
        if partial:
            out.close()
            if done:
                os.replace(partial, target)
            else:
                partial.unlink(missing_ok=True)
    if target:
        restore = " (restore: spotlight import FILE)" if args.format == "json" else ""
        print(f"wrote {count} posts to {target}{restore}", file=sys.stderr)
    return 0
