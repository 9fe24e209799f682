"""The whole history as one versioned JSON file, and the restore that reads it back.

``spotlight export --format json``, the page's JSON export and ``GET /api/v1/export``
write it; ``spotlight import`` and the page's import recognise it (before any platform
reader) and restore it exactly: the same rows, whatever history they go into, and a second
restore adds nothing. A file made by ``spotlight backup`` (SQLite) restores the same way.

    {"spotlight_backup": 1, "created_at": …, "spotlight_version": …,
     "tables": ["posts", "people", "user_settings"],
     "posts": [{…a post as GET /api/v1/posts shows it…}], "people": [{…row…}], …}

:data:`TABLES` is the list a backup iterates: a new table (the network's) is one more
:class:`Table` entry, and both directions follow.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .. import __version__
from ..importing.run import ImportSummary
from ..store import DIMENSIONS, POST_COLUMNS, Store, network
from ..store.copies import is_sqlite_file, iter_rows, open_read_only
from ..store.posts import PostError, clean_post
from ..vocabulary import LABELS
from .export import CSV_FIELDS

VERSION = 1
_MARK = re.compile(rb'\A\s*\{\s*"spotlight_backup"\s*:')


class BackupError(ValueError):
    """A file is not a backup Spotlight can restore; the message says what to do."""


def _encode_post(post: dict[str, Any]) -> dict[str, Any]:
    """A post as the API shows it, back to the row the store keeps (the inverse of
    ``companion.store.rows.decode_post``)."""
    row = {key: post.get(key) for key in POST_COLUMNS if key not in DIMENSIONS}
    scores = post.get("scores") or {}
    row.update({d: scores.get(d) for d in DIMENSIONS})
    for key in ("nudges", "replied_to"):
        row[key] = json.dumps(post.get(key) or [], ensure_ascii=False)
    for key in ("text_kept", "promotes_others", "self_promotion"):
        row[key] = int(bool(post.get(key)))
    return row


def _check_post(row: dict[str, Any]) -> dict[str, Any]:
    """The fields a stored post must have right; raises PostError naming the wrong one."""
    if row.get("label") not in LABELS:
        raise PostError(f"label must be one of {', '.join(LABELS)}")
    checked = clean_post({**row, "text": row.get("text") or "-", "replied_to": None})
    for key in ("id", "posted_at", "site"):
        if checked[key] != row.get(key):
            raise PostError(f"{key} is not in the form Spotlight stores ({row.get(key)!r})")
    return row


@dataclasses.dataclass(frozen=True)
class Table:
    """One table a backup carries: how its rows are written out and checked coming back."""

    name: str
    dump: Callable[[Store], Iterator[dict[str, Any]]]
    encode: Callable[[dict[str, Any]], dict[str, Any]] = lambda row: row
    check: Callable[[dict[str, Any]], dict[str, Any]] = lambda row: row
    replace: bool = False  # True: a restored row overwrites the one stored (settings)
    network: bool = False  # the user's people and network: restored whole or not at all


def _settings_out(store: Store) -> Iterator[dict[str, Any]]:
    for row in store.dump_rows("user_settings"):
        yield {"key": row["key"], "value": json.loads(row["value"])}


def _settings_in(row: dict[str, Any]) -> dict[str, Any]:
    return {"key": row["key"], "value": json.dumps(row["value"])}


def _people_check(row: dict[str, Any]) -> dict[str, Any]:
    if not all(isinstance(row.get(k), str) and row[k] for k in ("post_id", "person", "role")):
        raise PostError("a person needs post_id, person and role")
    return row


def _raw(name: str, *, network: bool = False) -> Table:
    return Table(name, lambda store: store.dump_rows(name), network=network)


# The tables a backup carries, in the order they are restored (posts before the people
# who point at them). The people and the network (persons, their handles, the merges, the
# connections and the snapshots they came from) refer to each other by row id: they are
# restored as they were into a history that has no people yet, and otherwise left out
# (the mentions are then resolved again against the people already there).
# The store lists them in the order they are deleted (rows that point at a person first);
# restored, the persons come first.
NETWORK_TABLES = tuple(reversed(network.NETWORK_TABLES))
TABLES: tuple[Table, ...] = (
    Table("posts", lambda store: store.iter_posts(), _encode_post, _check_post),
    *(_raw(name, network=True) for name in NETWORK_TABLES),
    Table("people", lambda store: store.dump_rows("people"), check=_people_check),
    Table("user_settings", _settings_out, _settings_in, replace=True),
)
# A mention's link to a person of the backup's own (valid only with its network).
_PERSON_LINKS = ("person_id", "root_id", "known")
_BY_NAME = {table.name: table for table in TABLES}


def backup_chunks(store: Store, batch: int = 500) -> Iterator[str]:
    """The backup as JSON text, in chunks (100,000 posts stream in flat memory)."""
    head = {
        "spotlight_backup": VERSION,
        "created_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "spotlight_version": __version__,
        "tables": [table.name for table in TABLES],
    }
    yield json.dumps(head, ensure_ascii=False)[:-1]
    for table in TABLES:
        parts = [f', "{table.name}": [']
        for count, row in enumerate(table.dump(store)):
            parts.append(("," if count else "") + "\n" + json.dumps(row, ensure_ascii=False))
            if len(parts) >= batch:
                yield "".join(parts)
                parts = []
        parts.append("\n]")
        yield "".join(parts)
    yield "}\n"


def is_backup(path: Path) -> bool:
    """Whether ``path`` is a Spotlight backup (this JSON, or an SQLite copy of a history)."""
    if not path.is_file():
        return False
    if is_sqlite_file(path):
        return True
    with path.open("rb") as handle:
        return bool(_MARK.match(handle.read(4096)))


def refuse_csv_export(path: Path) -> None:
    """Spotlight's own CSV export is for spreadsheets: say so instead of guessing at it.

    Raises:
        BackupError: ``path`` is that CSV.
    """
    if not path.is_file() or path.suffix.lower() != ".csv":
        return
    with path.open("rb") as handle:
        first = handle.readline(4096).decode("utf-8", "replace").strip().lstrip("\ufeff")
    if first == ",".join(CSV_FIELDS):
        raise BackupError(
            f"{path.name} is Spotlight's CSV export, made for spreadsheets; it cannot be "
            "restored. Restore from a JSON export (spotlight export --format json) or a "
            "spotlight backup file instead."
        )


@dataclasses.dataclass
class RestoreSummary(ImportSummary):
    """What a restore did: an import's summary (the CLI and the page show it as one), with
    the rows each table gained."""

    platforms: list[str] = dataclasses.field(default_factory=lambda: ["Spotlight backup"])
    tables: dict[str, dict[str, int]] = dataclasses.field(default_factory=dict)


def _read_json(path: Path) -> dict[str, list[dict[str, Any]]]:
    try:
        data = json.loads(path.read_bytes())
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"{path.name}: the backup is damaged ({error})") from None
    version = data.get("spotlight_backup") if isinstance(data, dict) else None
    if not isinstance(version, int) or version > VERSION:
        raise BackupError(
            f"{path.name} is a backup of version {version}; this Spotlight reads version "
            f"{VERSION}: update Spotlight, then restore it"
        )
    return {
        name: data[name]
        for name in _BY_NAME
        if isinstance(data.get(name), list) and all(isinstance(r, dict) for r in data[name])
    }


def _read_sqlite(path: Path) -> dict[str, list[dict[str, Any]]]:
    import sqlite3

    try:
        conn = open_read_only(path)
        try:
            tables = {name: list(iter_rows(conn, name)) for name in _BY_NAME}
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(
            f"{path.name}: cannot read this database ({error}); if it is your history, "
            "run spotlight doctor --repair on it"
        ) from None
    if not tables.get("posts") and "posts" not in _present(path):
        raise BackupError(f"{path.name} is an SQLite file but not a Spotlight history")
    if "user_settings" in tables:  # decoded, as the JSON backup holds them
        tables["user_settings"] = [
            {"key": r["key"], "value": json.loads(r["value"])} for r in tables["user_settings"]
        ]
    if "posts" in tables:
        from ..store.rows import decode_post

        tables["posts"] = [decode_post(row) for row in tables["posts"]]
    return tables


def _present(path: Path) -> set[str]:
    conn = open_read_only(path)
    try:
        return {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    finally:
        conn.close()


def restore_backup(
    store: Store, path: Path, *, display: str | None = None, dry_run: bool = False
) -> RestoreSummary:
    """Restore the backup at ``path`` into ``store``, in one transaction: rows already
    there stay as they are (settings take the backup's values); bad rows are counted and
    named, the others restored.

    Raises:
        BackupError: the file is not a backup this version can read.
    """
    name = display or path.name
    tables = _read_sqlite(path) if is_sqlite_file(path) else _read_json(path)
    summary = RestoreSummary(archive=name, files=[name])
    rows: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        good = []
        for index, raw in enumerate(tables.get(table.name, [])):
            try:
                good.append(table.check(table.encode(raw)))
            except (PostError, KeyError, TypeError, ValueError) as error:
                summary.unreadable += 1
                if len(summary.problems) < 20:
                    summary.problems.append(f"{name}: {table.name}[{index}]: {error}")
        rows[table.name] = good
    if dry_run:
        summary.found = len(rows.get("posts", []))
        return summary
    whole_network = bool(rows.get("persons")) and not store.has_people()
    if not whole_network:
        if rows.get("persons"):
            summary.problems.append(
                f"{name}: the people and network in the backup were not restored, because "
                "this history has people of its own; import your platforms' network files "
                "again to bring the connections back"
            )
        for table in NETWORK_TABLES:
            rows.pop(table, None)
        for row in rows.get("people", []):
            for key in _PERSON_LINKS:
                row.pop(key, None)
    done = store.restore_rows(rows, replace=[t.name for t in TABLES if t.replace])
    if not whole_network and done.get("people", (0, 0))[0]:
        store.resolve_all_mentions()  # the restored mentions meet the people stored here
    for table, (added, skipped) in done.items():
        summary.tables[table] = {"added": added, "already": skipped}
    if "connections" in done:
        summary.connections.update(found=sum(done["connections"]), added=done["connections"][0])
    summary.found = len(tables.get("posts", []))
    summary.added, summary.already = done.get("posts", (0, 0))
    return summary
