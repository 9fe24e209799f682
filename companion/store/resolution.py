"""Which person a mention is: a handle, a full name, or a first name alone.

The rules, in the order they are tried (tests/test_people_resolution.py holds the tables):

1. A handle is one person per site: ``@maria`` on X is whoever holds ``(x, maria)``, from
   an earlier mention or from the export's own data (X's ``user_mentions``, Mastodon's
   account addresses). A Mastodon ``@user`` without its server matches the one address
   ``user@...`` the user's data holds, if there is exactly one.
2. A full name ("Priya Patel") is the one person of that name. When several people share
   it, the one known on this site wins; when that does not decide, the mention stays with
   a person of its own: resolution never picks between two people.
3. A first name alone ("Sam") joins a person only when the same post names or answers
   exactly one person it can be ("Meet @sam.codes ... Thanks, Sam!"): the data confirms it.
   Otherwise it stays "Sam", apart from "Sam Okafor" and "Sam Rivera", until the user
   merges it (a merge is how the user confirms a name).

Every function takes the sqlite3 connection inside the caller's transaction.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from .entity import entity_by_rule
from .posts import utc_now

_HANDLE_PARTS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def handle_site(site: str) -> str:
    """The namespace of a site's handles: every Mastodon server is ``mastodon`` (its
    handles carry the server), ``twitter`` is ``x``."""
    site = site.lower()
    if site in ("twitter", "twitter.com", "x.com"):
        return "x"
    if site.startswith("mastodon") or site in ("fosstodon.org", "hachyderm.io"):
        return "mastodon"
    if site in ("bsky", "bsky.app", "bsky.social"):
        return "bluesky"
    return site


def handle_key(text: str) -> str:
    """A handle as the store keys it: without the leading ``@``, case-folded."""
    return text.strip().lstrip("@").casefold()


def name_key(name: str) -> str:
    """A name as the store keys it: case-folded, single spaces, no trailing punctuation."""
    return " ".join(name.casefold().replace("\u2019", "'").split()).strip(".,;:!?'\"")


def first_words(name: str | None, handles: list[str]) -> set[str]:
    """The first names a person can be called by: the first word of a full name, the
    first word of each handle ("sam.codes" -> sam)."""
    words = set()
    if name and not name.startswith("@") and len(name.split()) >= 2:
        words.add(name.split()[0].casefold())
    for handle in handles:
        parts = _HANDLE_PARTS.findall(handle.lstrip("@").split("@")[0])
        if parts:
            words.add(parts[0].casefold())
    return words


def create_person(
    conn: sqlite3.Connection, name: str, kind: str, origin: str, *, at: str | None = None
) -> int:
    """A new person counting as itself (``root_id`` = its id)."""
    cursor = conn.execute(
        "insert into persons (name, name_key, kind, origin, created_at) values (?, ?, ?, ?, ?)",
        [name, name_key(name), kind, origin, at or utc_now()],
    )
    person = cursor.lastrowid
    conn.execute("update persons set root_id = id where id = ?", [person])
    return int(person)


def add_handle(conn: sqlite3.Connection, site: str, handle: str, person: int, source: str) -> None:
    conn.execute(
        "insert or ignore into handles (site, handle, shown, person_id, source) "
        "values (?, ?, ?, ?, ?)",
        [site, handle_key(handle), "@" + handle.strip().lstrip("@"), person, source],
    )


def person_of_handle(conn: sqlite3.Connection, site: str, handle: str) -> int | None:
    key = handle_key(handle)
    row = conn.execute(
        "select person_id from handles where site = ? and handle = ?", [site, key]
    ).fetchone()
    if row is None and site == "mastodon" and "@" not in key:
        rows = conn.execute(
            "select person_id from handles where site = 'mastodon' and handle like ? "
            "escape '\\' limit 2",
            [key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "@%"],
        ).fetchall()
        row = rows[0] if len(rows) == 1 else None
    return None if row is None else int(row[0])


def _on_site(conn: sqlite3.Connection, root: int, site: str) -> bool:
    return (
        conn.execute(
            "select 1 from persons p where p.root_id = ? and ("
            "exists (select 1 from handles h where h.person_id = p.id and h.site = ?) or "
            "exists (select 1 from connections c where c.person_id = p.id and c.site = ?)) "
            "limit 1",
            [root, site, site],
        ).fetchone()
        is not None
    )


def _name_only(conn: sqlite3.Connection, key: str) -> int | None:
    """The person that holds a name no one else can claim (created by earlier mentions)."""
    row = conn.execute(
        "select id from persons p where name_key = ? and origin = 'mention' and not exists "
        "(select 1 from handles h where h.person_id = p.id) order by id limit 1",
        [key],
    ).fetchone()
    return None if row is None else int(row[0])


def person_of_full_name(conn: sqlite3.Connection, name: str, site: str) -> int | None:
    """The one person a full name can be, or ``None`` when it is no one yet or ambiguous."""
    rows = conn.execute(
        "select min(id), root_id from persons where name_key = ? group by root_id",
        [name_key(name)],
    ).fetchall()
    if len(rows) == 1:
        return int(rows[0][0])
    here = [row for row in rows if _on_site(conn, row[1], site)]
    if len(here) == 1:
        return int(here[0][0])
    return None


def _group_words(conn: sqlite3.Connection, person: int) -> set[str]:
    root = conn.execute("select root_id from persons where id = ?", [person]).fetchone()[0]
    names = [r[0] for r in conn.execute("select name from persons where root_id = ?", [root])]
    handles = [
        r[0]
        for r in conn.execute(
            "select h.handle from handles h join persons p on p.id = h.person_id "
            "where p.root_id = ?",
            [root],
        )
    ]
    words: set[str] = set()
    for name in names:
        words |= first_words(name, handles)
    return words | first_words(None, handles)


def person_of_first_name(conn: sqlite3.Connection, name: str, others: list[int]) -> int | None:
    """The one person among those the same post names or answers whom this first name
    can be; ``None`` when none or several can."""
    word = name_key(name)
    roots: dict[int, int] = {}
    for person in others:
        if word in _group_words(conn, person):
            root = conn.execute("select root_id from persons where id = ?", [person]).fetchone()
            roots.setdefault(int(root[0]), person)
    return next(iter(roots.values())) if len(roots) == 1 else None


def resolve_mentions(conn: sqlite3.Connection, site: str, rows: list[dict[str, Any]]) -> None:
    """Set ``person_id`` on each mention row of one post (creating people as needed).

    Each row has ``name`` (as written), ``kind`` (``handle`` or ``name``) and ``entity``.
    Handles go first, then full names, then first names, which may lean on the others.
    """
    namespace = handle_site(site)
    order = sorted(
        rows,
        key=lambda row: 0 if row["kind"] == "handle" else 1 if " " in row["name"].strip() else 2,
    )
    found: list[int] = []
    for row in order:
        name = row["name"].strip()
        if row["kind"] == "handle" or name.startswith("@"):
            person = person_of_handle(conn, namespace, name)
            if person is None:
                person = create_person(conn, "@" + name.lstrip("@"), row["entity"], "mention")
                add_handle(conn, namespace, name, person, "mention")
        elif " " in name:
            person = person_of_full_name(conn, name, namespace)
            if person is None:
                person = _name_only(conn, name_key(name)) or create_person(
                    conn, name, row["entity"], "mention"
                )
        else:
            person = person_of_first_name(conn, name, found) or _name_only(conn, name_key(name))
            if person is None:
                person = create_person(conn, name, row["entity"], "mention")
        row["person_id"] = person
        found.append(person)


def entity_of(item_entities: dict[str, str], name: str) -> str:
    """The entity of a mention: what the report said for these words, else the rule."""
    return item_entities.get(name_key(name)) or entity_by_rule(name)
