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

from . import copies
from .network import NetworkQueries
from .persons import PersonQueries, record_mentions, recount, regroup_people
from .posts import clean_post
from .reach import ReachQueries
from .rows import decode_post, people_rows, post_row, where_clause
from .schema import ANSWER_KINDS_SQL, BUCKETS, DIMENSIONS, POST_COLUMNS, migrations


class StoreError(RuntimeError):
    """The database cannot be opened or used; the message says what to do."""


def repair_advice(path: Path) -> str:
    """What to do about a damaged database, as one sentence with the exact command."""
    from ..settings import spotlight_command

    return (
        f"Stop the companion, then run: {spotlight_command()} doctor --repair --db {path} "
        "(it keeps a copy of the damaged file and rebuilds what can be read)"
    )


def _read_posts(filters: dict[str, Any]) -> bool:
    """Whether the trends must read the posts: the daily totals hold English posts only,
    summed over every label."""
    return bool(filters.get("label")) or filters.get("languages") == "all"


def _for_totals(filters: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in filters.items() if key != "languages"}


class Store(PersonQueries, NetworkQueries, ReachQueries):
    """The history database. Open with :meth:`Store.open`; safe to share between threads.

    The people, the network and their questions are in :mod:`.persons`,
    :mod:`.network` and :mod:`.reach`."""

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

    # -- copies -----------------------------------------------------------------------

    def backup_to(self, target: Path | str) -> Path:
        """A consistent copy of the whole database at ``target`` (SQLite's backup API)."""
        with self._lock:
            return copies.backup_database(self.db.conn, Path(target))

    def dump_rows(self, table: str) -> Iterator[dict[str, Any]]:
        """The raw rows of ``table`` as stored, oldest first, read in pages."""
        rows = copies.iter_rows(self.db.conn, table)
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
                done[table] = copies.insert_rows(
                    self.db.conn, table, rows, replace=table in replace
                )
        return done

    def forget_texts(self) -> int:
        """Remove the text of every stored post, keeping scores and people."""
        with self._lock, self.db.atomic():
            return self.db.conn.execute(
                "update posts set text = null, text_kept = 0 where text is not null"
            ).rowcount

    # -- the history page's queries ---------------------------------------------------

    def post_count(self) -> int:
        with self._lock:
            return self.db.execute("select count(*) from posts").fetchone()[0]

    def trend_buckets(self, bucket: str, filters: dict[str, Any]) -> list[dict[str, Any]]:
        """Per day/week/month: post counts per label and the mean score per dimension."""
        start = BUCKETS[bucket]
        if _read_posts(filters):  # the daily totals are not split by label: read the posts
            where, params = where_clause(filters)
            means = ", ".join(f"avg({d}) as {d}" for d in DIMENSIONS)
            sql = (
                f"select {start} as start, count(*) as posts, "
                "sum(label = 'promotes_others') as promotes_others, "
                "sum(label = 'self_promotion') as self_promotion, sum(label = 'mixed') as mixed, "
                f"sum(label = 'neutral') as neutral, avg(overall) as overall, {means}, "
                f"sum(kind in {ANSWER_KINDS_SQL}) as answers "
                f"from posts{where} group by start order by start"
            )
        else:
            where, params = where_clause(_for_totals(filters))
            # A dimension's mean over the posts that scored it (NULL: not applicable).
            means = ", ".join(
                f"1.0 * sum({d}_sum) / nullif(sum({d}_count), 0) as {d}" for d in DIMENSIONS
            )
            sql = (
                f"select {start} as start, sum(posts) as posts, "
                "sum(promotes_others) as promotes_others, sum(self_promotion) as self_promotion, "
                "sum(mixed) as mixed, sum(neutral) as neutral, "
                f"1.0 * sum(overall_sum) / sum(posts) as overall, {means}, "
                "sum(answers) as answers "
                f"from daily_totals{where} group by start order by start"
            )
        with self._lock:
            return list(self.db.query(sql, params))

    def site_split(self, filters: dict[str, Any]) -> list[dict[str, Any]]:
        """Per site: post count and how many promote others."""
        where, params = where_clause(filters if _read_posts(filters) else _for_totals(filters))
        if _read_posts(filters):
            sql = (
                "select site, count(*) as posts, "
                "sum(label = 'promotes_others') as promotes_others, avg(overall) as overall "
                f"from posts{where} group by site order by posts desc"
            )
        else:
            sql = (
                "select site, sum(posts) as posts, sum(promotes_others) as promotes_others, "
                "1.0 * sum(overall_sum) / sum(posts) as overall "
                f"from daily_totals{where} group by site order by posts desc"
            )
        with self._lock:
            return list(self.db.query(sql, params))

    def recent_labels(self, count: int, *, english_only: bool = False) -> list[str]:
        """The labels of the last ``count`` posts (in English only), newest first."""
        where, _ = where_clause({"languages": "english" if english_only else "all"})
        with self._lock:
            rows = self.db.execute(
                f"select label from posts{where} order by posted_at desc limit ?", [count]
            ).fetchall()
        return [row[0] for row in rows]

    def sites(self) -> list[str]:
        with self._lock:
            return [
                row[0] for row in self.db.execute("select distinct site from posts order by site")
            ]

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
