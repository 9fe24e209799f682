"""``spotlight import``: add the posts of a platform's data export to the history."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tqdm import tqdm

from ..history.backup import BackupError, is_backup, refuse_csv_export, restore_backup
from ..importing import ArchiveError, ImportSummary, import_export, read_export
from ..importing.registry import formats_help
from .common import CommandError, add_settings_options, settings_from

SHOW_PROBLEMS = 5


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "import",
        help="import your past posts from a platform's data export",
        description=(
            "Import the posts and replies of a data export: the zip (or tar.gz) the platform\n"
            "gives you, the unpacked folder, or the one file inside. Importing the same export\n"
            "again adds nothing; an interrupted import finishes when run again. Exit status: 0,\n"
            "1 when some items could not be read, 2 when nothing could be imported.\n\n"
            "Recognised:\n" + formats_help() + "\n\nYour network too: LinkedIn Connections.csv, "
            "X following.js/follower.js, Mastodon's follows CSV, Facebook's friends list,\n"
            "Bluesky's follows (repo.car). A Spotlight backup (spotlight export --format json, or\n"
            "spotlight backup) is restored exactly: posts with their scores, people, settings."
        ),
        epilog="examples:  spotlight import ~/Downloads/twitter-2024-05-01-abc.zip\n"
        "           spotlight import --dry-run Basic_LinkedInDataExport_05-01-2024.zip\n"
        "           spotlight import my-posts.csv --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", type=Path, help="the export: a .zip, .tar.gz, folder or file")
    parser.add_argument(
        "--dry-run", action="store_true", help="only read the export and say what it holds"
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument(
        "--processes", type=int, metavar="N", help="scoring processes (default: one per core)"
    )
    add_settings_options(parser)
    parser.set_defaults(run=run)


class _Bars:
    """tqdm bars for the two stages: files read, posts scored and stored."""

    def __init__(self) -> None:
        self.bars: dict[str, tqdm] = {}
        # No monitor thread: with no other thread alive, the scoring workers can be forked
        # (they inherit the loaded pipeline) instead of each loading it again.
        tqdm.monitor_interval = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        bar = self.bars.get(stage)
        if bar is None:
            unit = "file" if stage == "reading" else "post"
            bar = self.bars[stage] = tqdm(
                total=total, unit=unit, desc=stage, file=sys.stderr, disable=None, leave=True
            )
        bar.total = total
        bar.update(done - bar.n)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    bars = _Bars()
    try:
        if _is_backup(args.path):  # a Spotlight backup is restored, not read as an export
            summary = _restore(args, settings)
        elif args.dry_run:
            posts, summary = read_export(args.path, display=str(args.path), progress=bars)
        else:
            summary = _import(args, settings, bars)
    except (ArchiveError, BackupError) as error:
        raise CommandError(str(error)) from None
    finally:
        bars.close()
    if args.json:
        json.dump(summary.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(render(summary, dry_run=args.dry_run))
    return exit_status(summary, dry_run=args.dry_run)


def exit_status(summary: ImportSummary, *, dry_run: bool = False) -> int:
    """2 when nothing of the export is (or, in a dry run, would be) in the history, 1 when
    some items could not be read, else 0."""
    found = summary.found + summary.connections.get("found", 0)
    nothing = found == 0 if dry_run else summary.imported_nothing
    if nothing:
        return 2
    return 1 if summary.unreadable else 0


def _is_backup(path: Path) -> bool:
    refuse_csv_export(path)
    return is_backup(path)


def _restore(args: argparse.Namespace, settings: Any) -> Any:
    from ..store import Store

    store = Store.open(settings.db_path)
    try:
        return restore_backup(store, args.path, display=str(args.path), dry_run=args.dry_run)
    finally:
        store.close()


def _import(args: argparse.Namespace, settings: Any, bars: _Bars) -> ImportSummary:
    from ..scoring import Scorer
    from ..store import Store

    if not args.path.exists():
        raise CommandError(f"{args.path}: no such file or folder")
    scorer = Scorer.from_settings(settings)
    store = Store.open(settings.db_path)
    try:
        return import_export(
            args.path,
            store,
            scorer,
            model=settings.model,
            processes=args.processes,
            display=str(args.path),
            progress=bars,
        )
    finally:
        store.close()


def _line(label: str, count: int) -> str:
    return f"  {label:<21}{count:>7,}"


def _network_lines(summary: ImportSummary, dry_run: bool) -> list[str]:
    found = summary.connections.get("found", 0)
    if not found and not summary.connections:
        return []
    line = _line("connections", found) + "  found"
    if not dry_run:
        counts = summary.connections
        line += (
            f", {counts.get('added', 0):,} new, {counts.get('ended', 0):,} no longer "
            f"connected, {counts.get('restored', 0):,} back"
        )
    return [line]


def render(summary: ImportSummary, *, dry_run: bool = False) -> str:
    """The summary as a person reads it in a terminal."""
    platforms = ", ".join(summary.platforms) or "unknown"
    lines = [f"{summary.archive} ({platforms}): {summary.found:,} posts and replies found"]
    if dry_run:
        lines.append("  (dry run: nothing was stored)")
    else:
        lines.append(_line("added", summary.added))
        lines.append(_line("already in history", summary.already))
    lines.append(_line("twice in this export", summary.repeated))
    if summary.ignored:
        why = ", ".join(f"{count:,} {reason}" for reason, count in summary.ignored.most_common())
        lines.append(_line("left out", sum(summary.ignored.values())) + f"  ({why})")
    lines.append(_line("unreadable", summary.unreadable))
    lines += _network_lines(summary, dry_run)
    if summary.problems:
        lines.append("")
        lines.append("First problems:" if summary.unreadable > SHOW_PROBLEMS else "Problems:")
        lines += [f"  {problem}" for problem in summary.problems[:SHOW_PROBLEMS]]
    return "\n".join(lines)
