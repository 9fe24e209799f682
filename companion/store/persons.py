"""People in the store: the mentions of each post resolved to persons, the counters the
people list reads, merging two people and undoing it.

:class:`PersonQueries` is mixed into :class:`~companion.store.database.Store`; it uses
``self.db`` and ``self._lock`` like the Store's own methods.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .entity import mention_entity
from .groups import COUNTED, GROUPS, once_per_post, regroup, roots_of
from .posts import utc_now
from .resolution import entity_of, name_key, resolve_mentions
from .rows import where_clause

_RECOUNT = (
    f"update persons set ({', '.join(COUNTED)}) = (select {', '.join(COUNTED.values())} "
    f"from ({once_per_post('person_id = persons.id')}))"
)
SORTS = {
    "talked": "talked desc, last_talked_at desc",
    "credited": "credited desc, last_credited_at desc",
    "replied": "replied desc, last_talked_at desc",
    "recent": "last_talked_at desc",
}


# A group as GROUPS gives it, counted in some posts only: each post once per group, however
# many of the group's members it names. ``{mentions}`` picks the mentions counted.
_GROUPS_IN = (
    "select g.id, g.name, g.kind, g.merged, c.talked, c.mentioned, c.replied, c.credited, "
    "c.credited_replies, g.connections, g.connected, c.first_talked_at, c.last_talked_at, "
    "c.last_credited_at, g.connected_on, g.known from (select root_id, "
    + ", ".join(f"{expression} as {name}" for name, expression in COUNTED.items())
    + f" from ({once_per_post('{mentions}', by='root_id')}) group by root_id) c "
    "join ({groups}) g on g.id = c.root_id"
)


def _groups_in(
    posts: dict[str, Any], since: str | None, known: bool | None
) -> tuple[str, list[Any]]:
    """The groups counted in the posts these filters pick (and posted since ``since``).

    A mention carries its post's time and day and its group's ``known``: dates alone are
    read from the mentions' indexes; a site or a label picks the posts first (by their
    indexes), then their mentions by primary key.
    """
    conditions, params = ["root_id is not null"], []
    if known is not None:
        # the unary + keeps SQLite from walking every mention of a kind through an index
        conditions.append("+known = ?" if posts.get("site") or posts.get("label") else "known = ?")
        params.append(int(known))
    if posts.get("site") or posts.get("label"):
        where, more = where_clause(posts)
        if since:
            where += " and posted_at >= ?"
            more.append(since)
        conditions.append(f"post_id in (select id from posts{where})")
        params += more
    else:
        for value, condition in (
            (since, "posted_at >= ?"),
            (posts.get("since"), "posted_date >= ?"),
            (posts.get("until"), "posted_date <= ?"),
        ):
            if value:
                conditions.append(condition)
                params.append(value)
    mentions = " and ".join(conditions)
    return _GROUPS_IN.format(mentions=mentions, groups=GROUPS), params


class PeopleError(ValueError):
    """A merge or split that cannot be done; the message says why."""


def _mention_rows(
    post: dict[str, Any], report: dict[str, Any], rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    entities = {
        name_key(str(item.get("text") or "")): mention_entity(item)
        for item in report.get("people", [])
        if isinstance(item, dict)
    }
    credits = bool(report.get("promotes_others"))
    named = any(row["role"] == "mentioned" for row in rows)
    for row in rows:
        row["entity"] = entity_of(entities, row["name"])
        # Credit goes to whom the post names; a reply that names no one lifts up the
        # person it answers ("Thank you, this is brilliant").
        row["credited"] = int(credits and (row["role"] == "mentioned" or not named))
        row["posted_date"] = post["posted_date"]
    return rows


def record_mentions(
    conn: sqlite3.Connection, post: dict[str, Any], report: dict[str, Any], rows: list[dict]
) -> set[int]:
    """Resolve one post's mention rows to persons, store them, count them per person.

    Returns:
        The persons counted; pass them to :func:`regroup_people` before the transaction
        ends (once for a batch of posts).
    """
    if not rows:
        return set()
    rows = _mention_rows(post, report, rows)
    resolve_mentions(conn, post["site"], rows)
    conn.executemany(
        "insert or ignore into people (post_id, person, name, kind, role, posted_at, "
        "person_id, entity, credited, posted_date, root_id, known) values (:post_id, :person, "
        ":name, :kind, :role, :posted_at, :person_id, :entity, :credited, :posted_date, "
        "(select root_id from persons where id = :person_id), (select r.known from persons p "
        "join persons r on r.id = p.root_id where p.id = :person_id))",
        rows,
    )
    by_person: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        by_person.setdefault(row["person_id"], []).append(row)
    at = post["posted_at"]
    for person, own in by_person.items():
        mentioned = any(r["role"] == "mentioned" for r in own)
        replied = any(r["role"] == "replied_to" for r in own)
        credited = any(r["credited"] for r in own)
        conn.execute(
            "update persons set talked = talked + 1, mentioned = mentioned + :m, "
            "replied = replied + :r, credited = credited + :c, "
            "credited_replies = credited_replies + (:r and :c), "
            "first_talked_at = min(coalesce(first_talked_at, :at), :at), "
            "last_talked_at = max(coalesce(last_talked_at, :at), :at), "
            "last_credited_at = case when :c then max(coalesce(last_credited_at, :at), :at) "
            "else last_credited_at end where id = :id",
            {"m": mentioned, "r": replied, "c": credited, "at": at, "id": person},
        )
    return set(by_person)


def regroup_people(conn: sqlite3.Connection, persons: set[int]) -> None:
    """Bring the groups of these persons up to date (after :func:`record_mentions`)."""
    if persons:
        regroup(conn, roots_of(conn, persons))


def recount(conn: sqlite3.Connection, persons: list[int] | None = None) -> None:
    """Count the mentions of these persons again (all when ``None``), after a deletion."""
    if persons is None:
        conn.execute(_RECOUNT)
        regroup(conn, None, moved=True)
        return
    for start in range(0, len(persons), 500):
        chunk = persons[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        conn.execute(f"{_RECOUNT} where id in ({marks})", chunk)
    regroup(conn, roots_of(conn, persons))


def resolve_stored(conn: sqlite3.Connection) -> None:
    """Resolve every stored mention to a person again, post by post in time order, and
    count them: for migration m003 and after the network is deleted."""
    posts = conn.execute(
        "select id, site, posted_date, promotes_others from posts p where exists "
        "(select 1 from people m where m.post_id = p.id) order by posted_at, id"
    ).fetchall()
    for post_id, site, posted_date, promotes in posts:
        rows = [
            {"post_id": post_id, "person": person, "name": name, "kind": kind, "role": role}
            for person, name, kind, role in conn.execute(
                "select person, name, kind, role from people where post_id = ?", [post_id]
            )
        ]
        post = {"site": site, "posted_date": posted_date}
        rows = _mention_rows(post, {"promotes_others": promotes}, rows)
        resolve_mentions(conn, site, rows)
        conn.executemany(
            "update people set person_id = :person_id, entity = :entity, credited = :credited, "
            "posted_date = :posted_date where post_id = :post_id and person = :person "
            "and role = :role",
            rows,
        )
    recount(conn)


class PersonQueries:
    """The people list, merging and splitting; mixed into the Store."""

    db: Any
    _lock: Any

    def list_people(
        self,
        *,
        known: bool | None = None,
        kind: str | None = None,
        since: str | None = None,
        sort: str = "talked",
        limit: int = 20,
        offset: int = 0,
        posts: dict[str, Any] | None = None,
    ) -> tuple[list[dict[str, Any]], int]:
        """People (merged groups) the user talked with or is connected to, and how many.

        Args:
            known, kind: only those; since: only those talked with since this UTC time
                (with ``posts``: only the posts since then count).
            sort: a key of :data:`SORTS`.
            posts: the page's filters (``since``, ``until``, ``site``, ``label``): only
                the people those posts named or answered, counted in those posts alone.
        """
        source, params = (GROUPS, []) if not posts else _groups_in(posts, since, known)
        conditions = ["(talked > 0 or connections > 0)"]
        if known is not None:
            conditions.append("known = ?")
            params.append(int(known))
        if kind:
            conditions.append("kind = ?")
            params.append(kind)
        if since and not posts:
            conditions.append("last_talked_at >= ?")
            params.append(since)
        where = " and ".join(conditions)
        with self._lock:
            total = self.db.execute(
                f"select count(*) from ({source}) where {where}", params
            ).fetchone()[0]
            rows = list(
                self.db.query(
                    f"select * from ({source}) where {where} order by {SORTS[sort]}, id "
                    "limit ? offset ?",
                    [*params, limit, offset],
                )
            )
            self._add_handles(rows)
        return rows, total

    def _add_handles(self, rows: list[dict[str, Any]]) -> None:
        by_root = {row["id"]: row for row in rows}
        for row in rows:
            row["handles"], row["known"] = [], bool(row["known"])
        ids = list(by_root)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            for site, shown, root in self.db.execute(
                "select h.site, h.shown, p.root_id from handles h join persons p on "
                f"p.id = h.person_id where p.root_id in ({marks}) order by h.site, h.shown",
                chunk,
            ):
                by_root[root]["handles"].append({"site": site, "handle": shown})

    def get_person(self, person: int) -> dict[str, Any] | None:
        """The group this person counts in, as :meth:`list_people` gives it."""
        with self._lock:
            root = self.db.execute("select root_id from persons where id = ?", [person]).fetchone()
            if root is None:
                return None
            rows = list(self.db.query(f"select * from ({GROUPS}) where id = ?", [root[0]]))
            self._add_handles(rows)
        return rows[0]

    def person_members(self, person: int) -> list[dict[str, Any]]:
        """The persons merged into ``person``'s group (the group's own first)."""
        with self._lock:
            return list(
                self.db.query(
                    "select id, name, kind, origin from persons where root_id = "
                    "(select root_id from persons where id = ?) order by id != root_id, id",
                    [person],
                )
            )

    def merge_people(self, ids: list[int], *, reason: str = "user") -> dict[str, Any]:
        """Merge the groups of ``ids`` into the first one's; one undoable step.

        Raises:
            PeopleError: fewer than two different people, or an id that does not exist.
        """
        with self._lock, self.db.atomic():
            conn = self.db.conn
            roots = []
            for person in ids:
                row = conn.execute("select root_id from persons where id = ?", [person]).fetchone()
                if row is None:
                    raise PeopleError(f"no person with id {person}")
                if row[0] not in roots:
                    roots.append(row[0])
            if len(roots) < 2:
                raise PeopleError("send the ids of at least two different people")
            merge_people_in(conn, roots[0], roots[1:], reason)
        return self.get_person(roots[0])

    def split_person(self, person: int) -> list[dict[str, Any]]:
        """Undo the last merge into ``person``'s group: the people it joined stand alone
        again (with what was merged into them before). Returns the groups, survivor first.

        Raises:
            PeopleError: no such person, or nothing was merged into it.
        """
        with self._lock, self.db.atomic():
            conn = self.db.conn
            row = conn.execute("select root_id from persons where id = ?", [person]).fetchone()
            if row is None:
                raise PeopleError(f"no person with id {person}")
            root = row[0]
            last = conn.execute(
                "select max(merge_id) from persons where merged_into = ?", [root]
            ).fetchone()[0]
            if last is None:
                raise PeopleError("nothing was merged into this person")
            freed = [
                r[0]
                for r in conn.execute(
                    "select id from persons where merged_into = ? and merge_id = ?", [root, last]
                )
            ]
            conn.execute(
                "update persons set merged_into = null, merge_id = null where merged_into = ? "
                "and merge_id = ?",
                [root, last],
            )
            conn.execute("update merges set undone_at = ? where id = ?", [utc_now(), last])
            _reroot(conn, [root, *freed])
            regroup(conn, [root, *freed], moved=True)
        return [self.get_person(group) for group in [root, *freed]]


def merge_people_in(conn: sqlite3.Connection, into: int, others: list[int], reason: str) -> None:
    """Record one merge of the groups ``others`` into the group ``into`` (all roots)."""
    merge = conn.execute(
        "insert into merges (into_id, merged_at, reason, members) values (?, ?, ?, ?)",
        [into, utc_now(), reason, json.dumps(others)],
    ).lastrowid
    marks = ", ".join("?" for _ in others)
    conn.execute(
        f"update persons set merged_into = ?, merge_id = ? where id in ({marks})",
        [into, merge, *others],
    )
    conn.execute(f"update persons set root_id = ? where root_id in ({marks})", [into, *others])
    regroup(conn, [into], moved=True)


def _reroot(conn: sqlite3.Connection, tops: list[int]) -> None:
    """Give every person under each of ``tops`` (following merged_into) its new root."""
    for top in tops:
        conn.execute(
            "with recursive under(id) as (select ? union select p.id from persons p "
            "join under u on p.merged_into = u.id) "
            "update persons set root_id = ? where id in (select id from under)",
            [top, top],
        )
