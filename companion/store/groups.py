"""A merged group of persons as one row, kept up to date: the people list reads it.

Each person keeps its own counters; its group's root row also holds the group's totals
(``g_talked``, ``g_credited``, ...) and ``known``, and every mention row carries its group's
``root_id`` and ``known``. So the people list reads a few thousand root rows and the trends
count the credit to people the user knows straight from an index, with 100,000 posts and
5,000 connections, instead of joining and grouping every time (~10x).

``known``: a person (not an organisation) in the user's network on some site, or credited
at least twice in conversation with them (replies that lift them up).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

_SUMMED = ("talked", "mentioned", "replied", "credited", "credited_replies", "connections",
           "connected")  # fmt: skip
_LATEST = ("last_talked_at", "last_credited_at", "connected_on")
GROUP_COLUMNS = (*(f"g_{c}" for c in _SUMMED), "g_first_talked_at",
                 *(f"g_{c}" for c in _LATEST), "g_size")  # fmt: skip
_TOTALS = ", ".join(
    [
        *(f"coalesce(sum(m.{c}), 0)" for c in _SUMMED),
        "min(m.first_talked_at)",
        *(f"max(m.{c})" for c in _LATEST),
        "count(*)",
    ]  # fmt: skip
)
# What the posts that name a person count for them: each post once, however many of its
# mentions name them. One source for a person's own counters (persons._RECOUNT), a merged
# group's (_DISTINCT) and a group's in some posts only (persons._GROUPS_IN).
COUNTED = {
    "talked": "count(*)",
    "mentioned": "coalesce(sum(m), 0)",
    "replied": "coalesce(sum(r), 0)",
    "credited": "coalesce(sum(c), 0)",
    "credited_replies": "coalesce(sum(r and c), 0)",
    "first_talked_at": "min(at)",
    "last_talked_at": "max(at)",
    "last_credited_at": "max(case when c then at end)",
}


def once_per_post(mentions: str, *, by: str = "", source: str = "people", x: str = "") -> str:
    """One row per post (per ``by``) among the mentions ``mentions`` picks from ``source``
    (whose ``people`` columns are prefixed ``x``): did it name, answer or credit them
    (``m``, ``r``, ``c``), and when was it posted (``at``). :data:`COUNTED` adds them up."""
    keys = f"{by}, " if by else ""
    return (
        f"select {keys}max({x}role = 'mentioned') as m, max({x}role = 'replied_to') as r, "
        f"max({x}credited) as c, max({x}posted_at) as at from {source} where {mentions} "
        f"group by {keys}{x}post_id"
    )


# The counters of posts, which a merged group counts post by post, not member by member.
_PER_POST = ("talked", "mentioned", "replied", "credited", "credited_replies")
_DISTINCT = (
    f"select {', '.join(COUNTED[c] for c in _PER_POST)} from ("
    + once_per_post(
        "p.root_id = persons.id", source="people x join persons p on p.id = x.person_id", x="x."
    )
    + ")"
)
# A group as the people list gives it: the names the counters have for one person.
GROUPS = (
    "select id, name, kind, g_size - 1 as merged, "
    + ", ".join(f"{column} as {column[2:]}" for column in GROUP_COLUMNS[:-1])
    + ", known from persons where id = root_id"
)


def _chunks(ids: list[int]) -> Iterable[tuple[str, list[int]]]:
    for start in range(0, len(ids), 500):  # SQLite's limit on ? parameters
        chunk = ids[start : start + 500]
        yield ", ".join("?" for _ in chunk), chunk


def refresh_groups(conn: sqlite3.Connection, roots: Iterable[int] | None = None) -> set[int]:
    """Add up the groups of these roots (every group when ``None``) and decide ``known``.

    Returns:
        The roots whose ``known`` changed (their mentions need :func:`sync_mentions`).
    """
    parts = [("", [])] if roots is None else list(_chunks(sorted(set(roots))))
    changed: set[int] = set()
    for marks, chunk in parts:
        where = "where id = root_id" + (f" and id in ({marks})" if marks else "")
        before = dict(conn.execute(f"select id, known from persons {where}", chunk).fetchall())
        conn.execute(
            f"update persons set ({', '.join(GROUP_COLUMNS)}) = (select {_TOTALS} from "
            f"persons m where m.root_id = persons.id) {where}",
            chunk,
        )
        # A post that names two members of a group counts once for the group.
        conn.execute(
            f"update persons set ({', '.join(f'g_{c}' for c in _PER_POST)}) = ({_DISTINCT}) "
            f"{where} and g_size > 1",
            chunk,
        )
        conn.execute(
            "update persons set known = (kind = 'person' and (g_connections > 0 or "
            f"g_credited_replies >= 2)) {where}",
            chunk,
        )
        after = conn.execute(f"select id, known from persons {where}", chunk).fetchall()
        changed |= {root for root, known in after if before.get(root) != known}
    return changed


def sync_mentions(conn: sqlite3.Connection, roots: Iterable[int] | None = None) -> None:
    """Give the mentions of these groups' members (all when ``None``) their group's
    ``root_id`` and ``known``."""
    value = (
        "(root_id, known) = (select p.root_id, r.known from persons p join persons r on "
        "r.id = p.root_id where p.id = people.person_id)"
    )
    if roots is None:
        conn.execute(f"update people set {value} where person_id is not null")
        return
    for marks, chunk in _chunks(sorted(set(roots))):
        conn.execute(
            f"update people set {value} where person_id in (select id from persons where "
            f"root_id in ({marks}))",
            chunk,
        )


def roots_of(conn: sqlite3.Connection, persons: Iterable[int]) -> set[int]:
    """The groups these persons count in."""
    roots: set[int] = set()
    for marks, chunk in _chunks(sorted(set(persons))):
        roots |= {
            row[0]
            for row in conn.execute(
                f"select distinct root_id from persons where id in ({marks})", chunk
            )
        }
    return roots


def regroup(conn: sqlite3.Connection, roots: Iterable[int] | None = None, *,
            moved: bool = False) -> None:  # fmt: skip
    """After counters or memberships changed: refresh the groups and, where ``known``
    changed (or, with ``moved``, members moved between groups), their mentions."""
    roots = None if roots is None else set(roots)
    changed = refresh_groups(conn, roots)
    if moved:
        sync_mentions(conn, roots)
    elif changed:
        sync_mentions(conn, changed)
