"""Copies of the history: SQLite's online backup, and tables read and written row by row.

The backup format (:mod:`companion.history.backup`) decides *which* tables travel; this
module only moves their rows, checking every table and column name against the database's
own schema, so a hostile backup file cannot name anything else.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

SQLITE_MAGIC = b"SQLite format 3\x00"


def is_sqlite_file(path: Path) -> bool:
    """Whether ``path`` starts like an SQLite database."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def columns_of(conn: sqlite3.Connection, table: str) -> list[str]:
    """The table's columns in order, or ``[]`` if there is no such table."""
    names = {row[0] for row in conn.execute("select name from sqlite_master where type='table'")}
    if table not in names:
        return []
    return [row[1] for row in conn.execute(f'pragma table_info("{table}")')]


def iter_rows(conn: sqlite3.Connection, table: str, page: int = 1000) -> Iterator[dict[str, Any]]:
    """Every row of ``table`` (which must exist), oldest first, in pages of ``page`` rows."""
    columns = columns_of(conn, table)
    if not columns:
        return
    names = ", ".join(f'"{c}"' for c in columns)
    last = -(2**63)
    while True:
        rows = conn.execute(
            f'select rowid, {names} from "{table}" where rowid > ? order by rowid limit ?',
            [last, page],
        ).fetchall()
        if not rows:
            return
        for row in rows:
            yield dict(zip(columns, row[1:], strict=True))
        last = rows[-1][0]


def insert_rows(
    conn: sqlite3.Connection, table: str, rows: Iterable[Mapping[str, Any]], *, replace: bool
) -> tuple[int, int]:
    """Insert ``rows`` into ``table``: ``(added, skipped)``; rows whose key is there already
    are skipped (``replace``: overwritten). Columns the table lacks are left out; the caller
    holds the transaction.

    Raises:
        ValueError: ``table`` does not exist.
    """
    known = columns_of(conn, table)
    if not known:
        raise ValueError(f"no table {table!r}")
    verb = "insert or replace" if replace else "insert or ignore"
    added = skipped = 0
    for row in rows:
        columns = [c for c in known if c in row]
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        cursor = conn.execute(
            f'{verb} into "{table}" ({names}) values ({marks})', [row[c] for c in columns]
        )
        if cursor.rowcount > 0:
            added += 1
        else:
            skipped += 1
    return added, skipped


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to another database file (a backup), never writing to it."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def backup_database(conn: sqlite3.Connection, target: Path) -> Path:
    """Copy the live database to ``target`` with SQLite's online backup API (consistent
    while the companion writes), 0600; written beside the target first, then renamed, so
    an interrupted backup never leaves half a file under the target's name."""
    target = Path(target).expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.partial")
    temporary.unlink(missing_ok=True)
    os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    copy = sqlite3.connect(str(temporary))
    try:
        conn.backup(copy)
        copy.execute("pragma journal_mode = delete")  # one self-contained file
    finally:
        copy.close()
    os.chmod(temporary, 0o600)
    os.replace(temporary, target)
    return target


class CopyQueries:
    """The store's side of its copies: the backup, and rows read and written as stored;
    mixed into the Store."""

    db: Any
    _lock: Any

    def backup_to(self, target: Path | str) -> Path:
        """A consistent copy of the whole database at ``target`` (SQLite's backup API)."""
        with self._lock:
            return backup_database(self.db.conn, Path(target))

    def dump_rows(self, table: str) -> Iterator[dict[str, Any]]:
        """The raw rows of ``table`` as stored, oldest first, read in pages."""
        rows = iter_rows(self.db.conn, table)
        while True:
            with self._lock:
                chunk = [row for _, row in zip(range(1000), rows, strict=False)]
            if not chunk:
                return
            yield from chunk

    def restore_rows(
        self, tables: dict[str, list[dict[str, Any]]], *, replace: Iterable[str] = ()
    ) -> dict[str, tuple[int, int]]:
        """Insert raw rows into their tables in ONE transaction: ``{table: (added,
        skipped)}``. Rows whose key is stored already are kept as they are, except in the
        tables named in ``replace`` (settings), where the restored row wins."""
        replace = set(replace)
        done: dict[str, tuple[int, int]] = {}
        with self._lock, self.db.atomic():
            for table, rows in tables.items():
                done[table] = insert_rows(self.db.conn, table, rows, replace=table in replace)
        return done
