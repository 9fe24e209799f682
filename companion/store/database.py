"""The history database: the only package that touches SQLite (through sqlite-utils).

Every write is one transaction with ``synchronous=FULL`` in WAL mode: when a write
returns, it is on disk, and a crash at any moment leaves a database that opens.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from .copies import CopyQueries
from .network import NetworkQueries
from .persons import PersonQueries, record_mentions, recount, regroup_people
from .posts import clean_post
from .reach import ReachQueries
from .rows import decode_post, people_rows, post_row, where_clause
from .schema import POST_COLUMNS, migrations
from .trends import TrendQueries


class StoreError(RuntimeError):
    """The database cannot be opened or used; the message says what to do."""


def repair_advice(path: Path) -> str:
    """What to do about a damaged database, as one sentence with the exact command."""
    from ..settings import spotlight_command

    return (
        f"Stop the companion, then run: {spotlight_command()} doctor --repair --db {path} "
        "(it keeps a copy of the damaged file and rebuilds what can be read)"
    )


class Store(PersonQueries, NetworkQueries, ReachQueries, TrendQueries, CopyQueries):
    """The history database. Open with :meth:`Store.open`; safe to share between threads.

    The people, the network and their questions are in :mod:`.persons`,
    :mod:`.network` and :mod:`.reach`; the history page's trends in :mod:`.trends`; the
    backup's rows in :mod:`.copies`."""

    def __init__(self, db: sqlite_utils.Database, path: Path):
        self.db = db
        self.path = path
        self._lock = threading.RLock()
        # What SQLite's quick_check found wrong (None: nothing, or not checked yet).
        self.damage: str | None = None

    @classmethod
    def open(cls, path: Path | str) -> Store:
        """Open (or create) the history database at ``path``, 0600, WAL, migrated.

        Raises:
            StoreError: the file cannot be created or is not a Spotlight database.
        """
        path = Path(path).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
            os.chmod(path, 0o600)
            conn = sqlite3.connect(str(path), check_same_thread=False, timeout=10)
            db = sqlite_utils.Database(conn)
            db.execute("PRAGMA busy_timeout = 10000")
            db.enable_wal()
            db.execute("PRAGMA synchronous = FULL")
            migrations.apply(db)
        except sqlite3.DatabaseError as error:
            raise StoreError(
                f"cannot open the history database {path}: {error}. {repair_advice(path)}"
            ) from None
        except OSError as error:
            raise StoreError(f"cannot open the history database {path}: {error}") from None
        for suffix in ("-wal", "-shm"):
            if Path(f"{path}{suffix}").exists():
                os.chmod(f"{path}{suffix}", 0o600)
        return cls(db, path)

    def close(self) -> None:
        with self._lock:
            self.db.close()

    # -- settings ---------------------------------------------------------------------

    def user_settings(self) -> dict[str, Any]:
        """The stored user settings (only those ever set), decoded from JSON."""
        with self._lock:
            rows = self.db.query("select key, value from user_settings")
            return {row["key"]: json.loads(row["value"]) for row in rows}

    def save_user_settings(self, values: dict[str, Any]) -> None:
        """Store these settings (each value JSON-encodable), in one transaction."""
        rows = [{"key": key, "value": json.dumps(value)} for key, value in values.items()]
        with self._lock, self.db.atomic():
            self.db["user_settings"].upsert_all(rows, pk="key")

    def _keep_text(self) -> bool:
        row = self.db.execute("select value from user_settings where key = 'store_text'").fetchone()
        return True if row is None else bool(json.loads(row[0]))

    # -- posts ------------------------------------------------------------------------

    def record_post(
        self, post: dict[str, Any], report: dict[str, Any]
    ) -> tuple[dict[str, Any], bool]:
        """Record a published post with its report; idempotent on ``post["id"]``.

        Returns:
            ``(row, created)``: the stored post (as :meth:`get_post` returns it) and
            whether this call stored it (``False``: it was already there, unchanged).

        Raises:
            companion.store.posts.PostError: the post is malformed.
        """
        post = clean_post(
            post, source=post.get("source", "api") if isinstance(post, dict) else "api"
        )
        with self._lock:
            with self.db.atomic():
                touched: set[int] = set()
                created = self._insert(post, report, self._keep_text(), touched)
                regroup_people(self.db.conn, touched)
            return self._get(post["id"]), created

    def record_posts(
        self, items: Iterable[tuple[dict[str, Any], dict[str, Any]]]
    ) -> tuple[int, int]:
        """Record many ``(post, report)`` pairs in ONE transaction: all or nothing.

        Every post is checked before anything is written. Posts already stored (or
        repeated in ``items``) are skipped.

        Returns:
            ``(added, skipped)``.

        Raises:
            companion.store.posts.PostError: a post is malformed; nothing was written.
        """
        cleaned = [
            (
                clean_post(
                    post,
                    source=post.get("source", "import") if isinstance(post, dict) else "import",
                ),
                report,
            )
            for post, report in items
        ]
        added = 0
        with self._lock:
            keep_text = self._keep_text()
            with self.db.atomic():
                touched: set[int] = set()
                for post, report in cleaned:
                    added += self._insert(post, report, keep_text, touched)
                regroup_people(self.db.conn, touched)  # once for the batch
        return added, len(cleaned) - added

    def _insert(
        self, post: dict[str, Any], report: dict[str, Any], keep_text: bool, touched: set[int]
    ) -> bool:
        row = post_row(post, report, keep_text)
        people = people_rows(post, report)
        row["people_count"] = len({person["person"] for person in people})
        names = ", ".join(POST_COLUMNS)
        marks = ", ".join(f":{name}" for name in POST_COLUMNS)
        cursor = self.db.conn.execute(
            f"insert or ignore into posts ({names}) values ({marks})", row
        )
        if cursor.rowcount == 0:
            return False
        touched.update(record_mentions(self.db.conn, post, report, people))
        return True

    def _get(self, post_id: str) -> dict[str, Any] | None:
        rows = list(self.db.query("select * from posts where id = ?", [post_id]))
        return decode_post(rows[0]) if rows else None

    def get_post(self, post_id: str) -> dict[str, Any] | None:
        """The stored post with this id, or ``None``."""
        with self._lock:
            return self._get(post_id)

    def known_post_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are stored already (the importer skips scoring those)."""
        ids = list(ids)
        known: set[str] = set()
        with self._lock:
            for start in range(0, len(ids), 500):  # SQLite's limit on ? parameters
                chunk = ids[start : start + 500]
                marks = ", ".join("?" for _ in chunk)
                rows = self.db.execute(f"select id from posts where id in ({marks})", chunk)
                known.update(row[0] for row in rows)
        return known

    def list_posts(
        self, filters: dict[str, Any], *, limit: int = 50, offset: int = 0
    ) -> tuple[list[dict[str, Any]], int]:
        """Posts newest first matching ``filters`` (since, until, site, label), and the total."""
        where, params = where_clause(filters)
        with self._lock:
            total = self.db.execute(f"select count(*) from posts{where}", params).fetchone()[0]
            rows = self.db.query(
                f"select * from posts{where} order by posted_at desc, id limit ? offset ?",
                [*params, limit, offset],
            )
            return [decode_post(row) for row in rows], total

    def iter_posts(self) -> Iterator[dict[str, Any]]:
        """Every post, oldest first (for export); reads a snapshot in pages of 1,000."""
        last = ("", "")
        while True:
            with self._lock:
                rows = list(
                    self.db.query(
                        "select * from posts where (posted_at, id) > (?, ?) order by posted_at, id "
                        "limit 1000",
                        list(last),
                    )
                )
            if not rows:
                return
            yield from (decode_post(row) for row in rows)
            last = (rows[-1]["posted_at"], rows[-1]["id"])

    def delete_post(self, post_id: str) -> bool:
        """Delete one post and its people; ``False`` if there was no such post."""
        with self._lock, self.db.atomic():
            persons = [
                row[0]
                for row in self.db.conn.execute(
                    "select distinct person_id from people where post_id = ? and person_id "
                    "is not null",
                    [post_id],
                )
            ]
            self.db.conn.execute("delete from people where post_id = ?", [post_id])
            deleted = self.db.conn.execute("delete from posts where id = ?", [post_id]).rowcount
            recount(self.db.conn, persons)
            return deleted > 0

    def delete_all_posts(self) -> int:
        """Delete every post and person; returns how many posts there were."""
        with self._lock, self.db.atomic():
            self.db.conn.execute("delete from people")
            deleted = self.db.conn.execute("delete from posts").rowcount
            recount(self.db.conn)  # the people's counters (the network is delete_network's)
            return deleted

    def delete_posts(self, filters: dict[str, Any]) -> int:
        """Delete the posts matching ``filters`` (as :meth:`list_posts` reads them) and
        their people; no filter deletes every post. Returns how many were deleted."""
        where, params = where_clause(filters)
        if not where:
            return self.delete_all_posts()
        with self._lock, self.db.atomic():
            conn = self.db.conn
            chosen = f"post_id in (select id from posts{where})"
            persons = [
                row[0]
                for row in conn.execute(
                    f"select distinct person_id from people where {chosen} "
                    "and person_id is not null",
                    params,
                )
            ]
            conn.execute(f"delete from people where {chosen}", params)
            deleted = conn.execute(f"delete from posts{where}", params).rowcount
            recount(conn, persons)  # the people those posts named count them no more
            return deleted

    def forget_texts(self) -> int:
        """Remove the text of every stored post, keeping scores and people."""
        with self._lock, self.db.atomic():
            return self.db.conn.execute(
                "update posts set text = null, text_kept = 0 where text is not null"
            ).rowcount

    def quick_check(self) -> str:
        """``ok``, or what SQLite's ``quick_check`` finds damaged (also kept in
        :attr:`damage`). A file too damaged to read at all counts as damaged."""
        try:
            with self._lock:
                rows = self.db.execute("pragma quick_check").fetchall()
            result = "; ".join(str(row[0]) for row in rows[:5])
        except sqlite3.DatabaseError as error:
            result = str(error)
        self.damage = None if result == "ok" else result
        return result

    def integrity_check(self) -> str:
        """``ok`` or SQLite's description of what is damaged."""
        with self._lock:
            rows = self.db.execute("pragma integrity_check").fetchall()
        return "; ".join(str(row[0]) for row in rows)
