"""A copy of the history taken before anything is deleted in bulk, so it can be undone.

Deleting all posts or the posts a filter matches first copies the database (SQLite's
online backup) into ``backups/`` beside it, and the companion makes one copy a day when it
starts; ``spotlight import`` of such a file brings every row back. The last :data:`KEEP`
copies of each kind are kept.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..store import Store

KEEP = 5


def backups_folder(database: Path) -> Path:
    """Where the copies of the database at ``database`` are kept."""
    return database.parent / "backups"


def safety_copy(store: Store, reason: str) -> Path:
    """Copy the database before ``reason`` (e.g. ``before-delete``); returns the file."""
    folder = backups_folder(store.path)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = store.backup_to(folder / f"{reason}-{stamp}.db")
    for old in sorted(folder.glob(f"{reason}-*.db"))[:-KEEP]:
        old.unlink(missing_ok=True)
    return target


def last_copy(database: Path) -> Path | None:
    """The newest safety copy of the database at ``database``, if there is one."""
    copies = sorted(backups_folder(database).glob("*-*.db"), key=lambda p: p.stat().st_mtime)
    return copies[-1] if copies else None


def daily_copy(store: Store) -> Path | None:
    """Copy the database once a day (when the companion starts): the last backup a single
    deleted post can come back from. Returns the new copy, or None if today's exists."""
    today = dt.datetime.now(dt.UTC).strftime("%Y%m%d")
    if any(backups_folder(store.path).glob(f"daily-{today}T*.db")):
        return None
    return safety_copy(store, "daily")
