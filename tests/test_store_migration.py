"""Migration m003 on a database an older Spotlight left: its posts and people upgrade."""

from __future__ import annotations

import sqlite_utils
from test_store import make_post, make_report

from companion.store import Store, migrations
from companion.store.posts import clean_post
from companion.store.rows import people_rows, post_row
from companion.store.schema import FIRST_POST_COLUMNS


def insert_as_before(db: sqlite_utils.Database, post: dict, report: dict) -> None:
    """Store a post the way Spotlight did before m003: posts and people rows only."""
    post = clean_post(post)
    row = post_row(post, report, True)
    row.pop("language")  # a column added by m004
    people = people_rows(post, report)
    row["people_count"] = len({p["person"] for p in people})
    names = ", ".join(FIRST_POST_COLUMNS)
    marks = ", ".join(f":{name}" for name in FIRST_POST_COLUMNS)
    with db.conn:
        db.conn.execute(f"insert into posts ({names}) values ({marks})", row)
        db.conn.executemany(
            "insert into people (post_id, person, name, kind, role, posted_at) "
            "values (:post_id, :person, :name, :kind, :role, :posted_at)",
            people,
        )


def old_database(path, before: str = "m003_people_and_network") -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before=before)
    return db


def test_store_migration_m003_resolves_the_mentions_an_older_version_stored(tmp_path):
    path = tmp_path / "old.db"
    db = old_database(path)
    insert_as_before(db, make_post("a", posted_at="2026-11-02T10:00:00Z"),
                     make_report(people=("@maria", "Priya Patel")))  # fmt: skip
    insert_as_before(db, make_post("b", posted_at="2026-11-03T10:00:00Z", kind="reply",
                                   replied_to=["@maria"]), make_report(people=()))  # fmt: skip
    insert_as_before(db, make_post("c", posted_at="2026-11-04T10:00:00Z"),
                     make_report("self_promotion", people=("Priya Patel",)))  # fmt: skip
    db.close()
    store = Store.open(path)
    try:
        assert store.post_count() == 3
        people, total = store.list_people()
        by_name = {person["name"]: person for person in people}
        assert total == 2 and set(by_name) == {"@maria", "Priya Patel"}
        maria = by_name["@maria"]
        assert (maria["talked"], maria["mentioned"], maria["replied"], maria["credited"]) == (
            2, 1, 1, 2)  # fmt: skip
        assert maria["credited_replies"] == 1 and maria["known"] is False
        priya = by_name["Priya Patel"]
        assert (priya["talked"], priya["credited"]) == (2, 1)
        assert priya["last_credited_at"] == "2026-11-02T10:00:00Z"
        week = store.trend_buckets("week", {})[0]
        assert (week["posts"], week["answers"]) == (3, 1)
        unresolved = store.db.execute(
            "select count(*) from people where person_id is null or posted_date is null"
        ).fetchone()[0]
        assert unresolved == 0
    finally:
        store.close()


def test_store_migration_m003_on_an_empty_old_database(tmp_path):
    old_database(tmp_path / "old.db").close()
    store = Store.open(tmp_path / "old.db")
    try:
        assert store.list_people() == ([], 0)
        assert store.trend_buckets("week", {}) == []
    finally:
        store.close()


def test_store_migration_keeps_answers_in_the_daily_totals_after_deletes(tmp_path):
    store = Store.open(tmp_path / "new.db")
    try:
        store.record_post(make_post("r", kind="reply", replied_to=["@jo"]), make_report())
        store.record_post(make_post("p"), make_report())
        assert store.trend_buckets("week", {})[0]["answers"] == 1
        assert store.trend_buckets("week", {"label": "promotes_others"})[0]["answers"] == 1
        store.delete_post("r")
        assert store.trend_buckets("week", {})[0]["answers"] == 0
        assert store.list_people()[0][0]["name"] == "@maria"
        assert {p["name"] for p in store.list_people()[0]} == {"@maria"}  # @jo: no talk left
    finally:
        store.close()


def test_store_migration_m006_counts_a_merged_groups_posts_once(tmp_path):
    """Before m006 a merged group added up its members: a post naming "@ana_k" and "Ana
    Kim" was two of Ana's posts. The migration counts the stored groups again."""
    path = tmp_path / "merged.db"
    store = Store.open(path)
    try:
        store.record_post(make_post("a", posted_at="2026-11-02T10:00:00Z"),
                          make_report(people=("@ana_k", "Ana Kim")))  # fmt: skip
        store.record_post(make_post("b", posted_at="2026-11-03T10:00:00Z"),
                          make_report(people=("Ana Kim",)))  # fmt: skip
        ids = {p["name"]: p["id"] for p in store.list_people()[0]}
        store.merge_people([ids["Ana Kim"], ids["@ana_k"]])
        [ana] = store.list_people()[0]
        assert (ana["talked"], ana["credited"], ana["mentioned"]) == (2, 2, 2)
        with store.db.conn:  # the group as the version before m006 left it
            store.db.conn.execute(
                "update persons set g_talked = 3, g_credited = 3, g_mentioned = 3 "
                "where id = root_id and g_size > 1"
            )
            store.db.conn.execute(
                "delete from _sqlite_migrations where name = 'm006_merged_groups_count_posts'"
            )
    finally:
        store.close()
    store = Store.open(path)
    try:
        [ana] = store.list_people()[0]
        assert (ana["talked"], ana["credited"], ana["mentioned"]) == (2, 2, 2)
        assert ana["merged"] == 1
    finally:
        store.close()
