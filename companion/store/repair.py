"""``spotlight doctor --repair``: rebuild a damaged history into a new file, keeping the old.

1. The damaged file (and its ``-wal``) is copied aside, untouched: ``history.db.damaged-…``.
2. Each table is read with SQL as far as it goes; where SQL fails, every leaf page of the
   copy is read directly (:mod:`.salvage`) and each record is matched to its table by its
   shape (a post has a post's columns, a date where the date goes, a known label).
3. The rows go into a fresh database with the current schema (the daily totals are rebuilt
   by its triggers), which replaces the damaged file only once it checks ``ok``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..vocabulary import LABELS
from . import copies
from .claim import claim_file
from .database import Store, StoreError
from .salvage import PageFile
from .schema import FIRST_POST_COLUMNS

_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\Z")
_DAY = re.compile(r"\d{4}-\d\d-\d\d\Z")


_FIRST_POST_COLUMNS = len(FIRST_POST_COLUMNS)  # later migrations only add columns


def _is_post(values: list[Any]) -> bool:
    return (
        len(values) >= _FIRST_POST_COLUMNS
        and isinstance(values[0], str)
        and isinstance(values[1], str)
        and bool(_TIME.match(values[1]))
        and isinstance(values[2], str)
        and bool(_DAY.match(values[2]))
        and isinstance(values[4], str)
        and values[12] in LABELS
    )


def _is_person(values: list[Any]) -> bool:
    return (
        len(values) == 6
        and all(isinstance(v, str) for v in values)
        and values[4] in ("mentioned", "replied_to")
    )


def _is_setting(values: list[Any]) -> bool:
    if len(values) != 2 or not all(isinstance(v, str) for v in values):
        return False
    try:
        json.loads(values[1])
    except ValueError:
        return False
    return True


# How a record found on a page is recognised as a row of each table. A table without an
# entry here (a new one) is recovered only as far as SQL can read it.
RECOGNISE: dict[str, Callable[[list[Any]], bool]] = {
    "posts": _is_post,
    "people": _is_person,
    "user_settings": _is_setting,
}
DERIVED = ("daily_totals", "_sqlite_migrations")  # rebuilt, not copied


class RepairError(RuntimeError):
    """The repair cannot run; the message says what to do."""


@dataclasses.dataclass
class RepairReport:
    """What a repair did: where the damaged file went and how many rows were saved."""

    database: Path
    damaged_copy: Path
    saved: dict[str, int]
    posts_before: int | None  # from the daily totals, when they could be read

    @property
    def posts_saved(self) -> int:
        return self.saved.get("posts", 0)


def _sql_rows(conn: sqlite3.Connection, table: str) -> tuple[list[dict[str, Any]], bool]:
    """The rows SQL can read, and whether it read the whole table."""
    rows: list[dict[str, Any]] = []
    try:
        for row in copies.iter_rows(conn, table, page=200):
            rows.append(row)
    except sqlite3.DatabaseError:
        return rows, False
    return rows, True


def _posts_before(conn: sqlite3.Connection) -> int | None:
    try:
        return conn.execute("select sum(posts) from daily_totals").fetchone()[0]
    except sqlite3.DatabaseError:
        return None


def read_what_can_be_read(damaged: Path, columns: dict[str, list[str]]) -> dict[str, list]:
    """Every readable row of each table in ``columns`` from the file ``damaged``."""
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in columns}
    incomplete = set(columns)
    try:
        conn = copies.open_read_only(damaged)
        try:
            for name in columns:
                tables[name], complete = _sql_rows(conn, name)
                if complete and copies.columns_of(conn, name):
                    incomplete.discard(name)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        pass  # not even the schema reads: every row comes from the pages
    scan = [name for name in incomplete if name in RECOGNISE]
    if scan:
        for values in PageFile(damaged).records():
            for name in scan:
                if RECOGNISE[name](values):
                    tables[name].append(dict(zip(columns[name], values, strict=False)))
                    break
    return tables


def repair(path: Path) -> RepairReport:
    """Rebuild the history at ``path`` from what can be read; the damaged file is kept.

    Raises:
        RepairError: there is no such file, or a running companion holds it.
    """
    path = Path(path).expanduser()
    if not path.is_file():
        raise RepairError(f"there is no history database at {path}")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    in_use = RepairError(
        f"{path} is in use by a running Spotlight companion: stop it (Ctrl-C), then repair again"
    )
    claim = claim_file(path, in_use)
    try:
        for suffix in ("", "-wal"):
            if Path(f"{path}{suffix}").exists():
                shutil.copy2(f"{path}{suffix}", f"{aside}{suffix}")
        rebuilt = path.with_name(f".{path.name}.rebuilt-{stamp}")
        store = Store.open(rebuilt)
        try:
            names = [t for t in store.db.table_names() if t not in DERIVED]
            columns = {name: copies.columns_of(store.db.conn, name) for name in names}
            tables = read_what_can_be_read(aside, columns)
            done = store.restore_rows(tables, replace=["user_settings"])
            if not store.user_settings().get("store_text", True):
                store.forget_texts()  # the user chose scores only: salvage keeps to that
            if store.integrity_check() != "ok":
                raise StoreError(f"the rebuilt database {rebuilt} does not check ok")
            store.db.execute("pragma wal_checkpoint(truncate)")
        finally:
            store.close()
        conn = copies.open_read_only(aside) if _opens(aside) else None
        before = _posts_before(conn) if conn else None
        if conn:
            conn.close()
        for suffix in ("-wal", "-shm"):  # the old WAL must not be applied to the new file
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(rebuilt, path)
        for suffix in ("-wal", "-shm"):
            Path(f"{rebuilt}{suffix}").unlink(missing_ok=True)
        os.chmod(path, 0o600)
    finally:
        os.close(claim)
    saved = {name: added for name, (added, _) in done.items()}
    return RepairReport(path, aside, saved, before)


def _opens(path: Path) -> bool:
    try:
        conn = copies.open_read_only(path)
    except sqlite3.DatabaseError:
        return False
    try:
        conn.execute("select 1 from sqlite_master").fetchall()
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()
    return True
