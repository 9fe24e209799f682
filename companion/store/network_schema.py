"""Migration m003: people are first-class, the user's network, and listening in the totals.

- ``persons``: one row per person (or organisation) the user named, answered or is
  connected to: display ``name``, ``kind`` (person, organisation), and where merges put it
  (``merged_into``, ``merge_id``, ``root_id``: the person it counts as). The counters
  (``talked``, ``credited``, ...) are kept per row by the store, and a group's totals
  (``g_...``) and ``known`` on its root row (:mod:`.groups`), so the people list reads a few
  thousand rows instead of every mention.
- ``handles``: ``(site, handle)`` -> person, from mentions and from the exports' own data.
- ``connections``: the network files of the exports, one row per account and direction;
  ``connected`` is 0 once a newer export no longer holds it (the row and its history stay).
- ``network_snapshots``: each network file imported, with the day it describes.
- ``merges``: each merge of people (``members``: the ids it joined), so it can be undone
  (split); an undone merge keeps its row with ``undone_at``, so an automatic link the user
  undid is not made again.
- ``people`` (the mentions) gains ``person_id``, ``entity``, ``credited``, ``posted_date``,
  and its group's ``root_id`` and ``known``;
  ``daily_totals`` gains ``answers`` (replies and comments: the listen ratio).

Existing databases keep their data: every stored mention is resolved to a person here.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils

from .groups import GROUP_COLUMNS

PERSON_COUNTERS = ("talked", "mentioned", "replied", "credited", "credited_replies",
                   "connections", "connected")  # fmt: skip


def create_people_and_network(db: sqlite_utils.Database) -> None:
    """Create the tables, add the columns, and resolve the mentions already stored."""
    columns: dict[str, Any] = {"id": int, "name": str, "name_key": str, "kind": str,
                               "origin": str, "root_id": int, "merged_into": int,
                               "merge_id": int, "created_at": str}  # fmt: skip
    columns.update(dict.fromkeys(PERSON_COUNTERS, int))
    columns.update({"first_talked_at": str, "last_talked_at": str, "last_credited_at": str,
                    "connected_on": str, "known": int})  # fmt: skip
    columns.update({c: str if c.endswith(("_at", "_on")) else int for c in GROUP_COLUMNS})
    db["persons"].create(columns, pk="id", defaults=dict.fromkeys((*PERSON_COUNTERS, "known"), 0))
    db["persons"].create_index(["name_key"])
    db["persons"].create_index(["root_id"])
    db["handles"].create(
        {"site": str, "handle": str, "shown": str, "person_id": int, "source": str},
        pk=("site", "handle"),
    )
    db["handles"].create_index(["person_id"])
    db["connections"].create(
        {
            "site": str,
            "account": str,
            "direction": str,
            "person_id": int,
            "name": str,
            "handle": str,
            "url": str,
            "company": str,
            "position": str,
            "connected_on": str,
            "first_seen": str,
            "last_seen": str,
            "connected": int,
            "ended_at": str,
            "source": str,
        },  # fmt: skip
        pk=("site", "account", "direction"),
    )
    db["connections"].create_index(["person_id"])
    db["network_snapshots"].create(
        {
            "site": str,
            "direction": str,
            "as_of": str,
            "imported_at": str,
            "source": str,
            "accounts": int,
            "newest_connection": str,
        },  # fmt: skip
        pk=("site", "direction", "as_of"),
    )
    db["merges"].create(
        {
            "id": int,
            "into_id": int,
            "merged_at": str,
            "reason": str,
            "members": str,
            "undone_at": str,
        },  # fmt: skip
        pk="id",
    )
    mentions = db["people"]
    for name, kind in (("person_id", int), ("entity", str), ("credited", int),
                       ("posted_date", str), ("root_id", int), ("known", int)):  # fmt: skip
        mentions.add_column(name, kind)
    mentions.create_index(["person_id", "post_id"])
    # The trends' questions about people the user knows, answered from these indexes.
    mentions.create_index(["known", "credited", "posted_date", "post_id"])
    mentions.create_index(["known", "posted_at", "root_id"])
    mentions.create_index(["known", "credited", "posted_at"])
    _listen_totals(db)
    from .persons import resolve_stored  # the mentions stored before people existed

    resolve_stored(db.conn)


def _listen_totals(db: sqlite_utils.Database) -> None:
    """``daily_totals.answers`` and the triggers that keep it, filled from the posts."""
    from .schema import ANSWER_KINDS_SQL, LISTEN_ROW_TOTALS, LISTEN_TOTALS, _totals_triggers

    db["daily_totals"].add_column("answers", int, not_null_default=0)
    db.execute("drop trigger if exists posts_add_to_daily_totals")
    db.execute("drop trigger if exists posts_remove_from_daily_totals")
    _totals_triggers(db, "", LISTEN_TOTALS, LISTEN_ROW_TOTALS)
    db.execute(
        "update daily_totals set answers = (select count(*) from posts where "
        "posts.posted_date = daily_totals.posted_date and posts.site = daily_totals.site "
        f"and posts.kind in {ANSWER_KINDS_SQL})"
    )
