"""The user's network in the store: connections from the exports' network files.

A network file is a snapshot: who the user was connected to (LinkedIn), followed or was
followed by (X, Mastodon), or was friends with (Facebook) on the day it describes. The
snapshot with the newest day is the truth about "now": a connection missing from it is
marked ``connected = 0`` with ``ended_at``; its row, its person and every post about
them stay. An older export imported later only adds what it knew.

:class:`NetworkQueries` is mixed into :class:`~companion.store.database.Store`.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .entity import entity_by_rule
from .groups import regroup
from .persons import merge_people_in, resolve_stored
from .posts import utc_now
from .resolution import add_handle, create_person, name_key, person_of_handle

# Networks of people only: a LinkedIn connection or a Facebook friend is a person.
PEOPLE_ONLY = ("linkedin", "facebook")
NETWORK_TABLES = ("connections", "network_snapshots", "handles", "merges", "persons")


def _person_for(conn: sqlite3.Connection, site: str, account: dict[str, Any]) -> int:
    """The person an account is: the one it was before (any direction), the holder of its
    handle, or someone new."""
    row = conn.execute(
        "select person_id from connections where site = ? and account = ? limit 1",
        [site, account["account"]],
    ).fetchone()
    if row is not None:
        return int(row[0])
    handle = account.get("handle")
    person = person_of_handle(conn, site, handle) if handle else None
    name = account.get("name") or (f"@{handle.lstrip('@')}" if handle else None)
    if person is None:
        kind = "person" if site in PEOPLE_ONLY else entity_by_rule(handle or name or "")
        name = name or f"account {account['account']} on {site}"  # named by a later export
        person = create_person(conn, name, kind, "connection")
    elif account.get("name"):  # a handle seen in posts now has the export's name
        conn.execute(
            "update persons set name = ?, name_key = ? where id = ? and name like '@%'",
            [account["name"], name_key(account["name"]), person],
        )
    if handle:
        add_handle(conn, site, handle, person, "export")
    return person


def _name_placeholder(conn: sqlite3.Connection, person: int, name: str) -> None:
    """Name a person known so far only by an account id, now that an export names them."""
    conn.execute(
        "update persons set name = ?, name_key = ? where id = ? and origin = 'connection' "
        "and name like 'account % on %'",
        [name, name_key(name), person],
    )


def _is_newest(conn: sqlite3.Connection, snapshot: dict[str, Any]) -> tuple[bool, str | None]:
    """Whether this snapshot describes the network later than every earlier one, and the
    first later day if not (when what it alone holds had already ended)."""
    rows = conn.execute(
        "select as_of, newest_connection from network_snapshots where site = ? and "
        "direction = ? and not (as_of = ? and source = ?)",
        [snapshot["site"], snapshot["direction"], snapshot["as_of"], snapshot["source"]],
    ).fetchall()
    later = sorted(as_of for as_of, _ in rows if as_of > snapshot["as_of"])
    newest = snapshot.get("newest_connection") or ""
    newer_people = [n for _, n in rows if n and newest and n > newest]
    if later or newer_people:
        return False, later[0] if later else max(as_of for as_of, _ in rows)
    return True, None


def _upsert(
    conn: sqlite3.Connection, snapshot: dict[str, Any], account: dict[str, Any], newest: bool,
    ended_at: str | None,
) -> str:  # fmt: skip
    site, direction, as_of = snapshot["site"], snapshot["direction"], snapshot["as_of"]
    key = [site, account["account"], direction]
    row = conn.execute(
        "select connected, first_seen, last_seen from connections where site = ? and "
        "account = ? and direction = ?",
        key,
    ).fetchone()
    fields = {k: account.get(k) for k in ("name", "handle", "url", "company", "position",
                                          "connected_on")}  # fmt: skip
    if row is None:
        person = _person_for(conn, site, account)
        conn.execute(
            "insert into connections (site, account, direction, person_id, name, handle, url, "
            "company, position, connected_on, first_seen, last_seen, connected, ended_at, "
            "source) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [*key[:2], direction, person, *fields.values(), as_of, as_of, int(newest),
             None if newest else ended_at, snapshot["source"]],
        )  # fmt: skip
        return "added"
    connected, first_seen, last_seen = row
    if newest:
        conn.execute(
            "update connections set name = coalesce(?, name), handle = coalesce(?, handle), "
            "url = coalesce(?, url), company = ?, position = ?, "
            "connected_on = coalesce(?, connected_on), last_seen = max(last_seen, ?), "
            "first_seen = min(first_seen, ?), connected = 1, ended_at = null, source = ? "
            "where site = ? and account = ? and direction = ?",
            [*fields.values(), as_of, as_of, snapshot["source"], *key],
        )
        if account.get("handle"):
            person = conn.execute(
                "select person_id from connections where site = ? and account = ? and "
                "direction = ?",
                key,
            ).fetchone()[0]
            add_handle(conn, site, account["handle"], person, "export")
            _name_placeholder(conn, person, account.get("name") or "@" + account["handle"])
        return "restored" if not connected else "already"
    conn.execute(
        "update connections set first_seen = min(first_seen, ?) where site = ? and "
        "account = ? and direction = ?",
        [as_of, *key],
    )
    return "already"


def link_same_names(conn: sqlite3.Connection) -> int:
    """Merge each person known only from full-name mentions into the one connection of
    that name (an undoable merge, reason ``same name``); a name two connections share
    stays apart. Returns how many were linked."""
    rows = conn.execute(
        "select p.id, (select group_concat(distinct c.root_id) from persons c where "
        "c.name_key = p.name_key and c.origin = 'connection') from persons p "
        "where p.origin = 'mention' and p.root_id = p.id and p.name_key like '% %' "
        "and not exists (select 1 from handles h where h.person_id = p.id)"
    ).fetchall()
    undone = {  # links the user undid: never made again
        member
        for (members,) in conn.execute(
            "select members from merges where reason = 'same name' and undone_at is not null"
        )
        for member in json.loads(members or "[]")
    }
    linked = 0
    for person, roots in rows:
        candidates = {int(root) for root in (roots or "").split(",") if root}
        if len(candidates) == 1 and person not in candidates and person not in undone:
            merge_people_in(conn, candidates.pop(), [person], "same name")
            linked += 1
    return linked


def _recount_connections(conn: sqlite3.Connection, site: str) -> None:
    conn.execute(
        "update persons set (connections, connected, connected_on) = (select count(*), "
        "coalesce(sum(c.connected), 0), max(c.connected_on) from connections c where "
        "c.person_id = persons.id) where id in (select person_id from connections where "
        "site = ?)",
        [site],
    )


class NetworkQueries:
    """Recording network snapshots, reading and deleting the network; mixed into the Store."""

    db: Any
    _lock: Any

    def record_network(self, snapshot: dict[str, Any]) -> dict[str, int]:
        """Record one network file in one transaction; idempotent.

        Args:
            snapshot: ``{site, direction, as_of (YYYY-MM-DD), source, newest_connection?,
                accounts: [{account, name?, handle?, url?, company?, position?,
                connected_on?}]}``.

        Returns:
            ``{found, added, restored, ended, already}``.
        """
        counts = dict.fromkeys(("added", "restored", "ended", "already"), 0)
        with self._lock, self.db.atomic():
            conn = self.db.conn
            newest, ended_at = _is_newest(conn, snapshot)
            seen = set()
            for account in snapshot["accounts"]:
                if account["account"] in seen:
                    continue
                seen.add(account["account"])
                counts[_upsert(conn, snapshot, account, newest, ended_at)] += 1
            if newest:
                counts["ended"] = self._end_missing(snapshot, seen)
            conn.execute(
                "insert or replace into network_snapshots (site, direction, as_of, imported_at, "
                "source, accounts, newest_connection) values (?, ?, ?, ?, ?, ?, ?)",
                [snapshot["site"], snapshot["direction"], snapshot["as_of"], utc_now(),
                 snapshot["source"], len(seen), snapshot.get("newest_connection")],
            )  # fmt: skip
            _recount_connections(conn, snapshot["site"])
            regroup(conn)
            link_same_names(conn)
        return {"found": len(seen), **counts}

    def _end_missing(self, snapshot: dict[str, Any], seen: set[str]) -> int:
        conn = self.db.conn
        rows = conn.execute(
            "select account from connections where site = ? and direction = ? and connected = 1",
            [snapshot["site"], snapshot["direction"]],
        ).fetchall()
        gone = [account for (account,) in rows if account not in seen]
        for account in gone:
            conn.execute(
                "update connections set connected = 0, ended_at = ? where site = ? and "
                "account = ? and direction = ?",
                [snapshot["as_of"], snapshot["site"], account, snapshot["direction"]],
            )
        return len(gone)

    def connection_count(self, *, connected: bool | None = None) -> int:
        with self._lock:
            sql = "select count(*) from connections"
            if connected is not None:
                sql += f" where connected = {int(connected)}"
            return self.db.execute(sql).fetchone()[0]

    def has_people(self) -> bool:
        """Whether the history knows anyone yet (a person, a handle or a connection)."""
        with self._lock:
            return self.db.execute("select exists (select 1 from persons)").fetchone()[0] == 1

    def resolve_all_mentions(self) -> None:
        """Resolve every stored mention to a person again (after a restore), in one
        transaction."""
        with self._lock, self.db.atomic():
            resolve_stored(self.db.conn)

    def delete_network(self) -> int:
        """Delete the whole network: connections, snapshots, every person, handle and
        merge. Mentions of posts still stored are resolved again from their words alone.
        Returns how many connections there were."""
        with self._lock, self.db.atomic():
            conn = self.db.conn
            count = conn.execute("select count(*) from connections").fetchone()[0]
            for table in NETWORK_TABLES:
                conn.execute(f"delete from {table}")
            resolve_stored(conn)
        return count
