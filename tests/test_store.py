"""The history database, on a real SQLite file in tmp_path."""

from __future__ import annotations

import sqlite3
import stat

import pytest

from companion.store import DIMENSIONS, Store, StoreError, migrations
from companion.store.posts import PostError, clean_post


def make_report(label="promotes_others", people=("@maria",), overall=70):
    return {
        "label": label,
        "promotes_others": label == "promotes_others",
        "self_promotion": label == "self_promotion",
        "scores": {dimension: 50 for dimension in DIMENSIONS},
        "overall": overall,
        "nudges": [{"rule": "r", "dimension": "help", "message": "m", "spans": []}],
        "people": [
            {
                "text": name,
                "kind": "handle" if name[0] == "@" else "name",
                "start": 0,
                "end": len(name),
            }
            for name in people
        ],
        "words": 3,
        "model": "en_core_web_sm-3.8.0",
        "scorer_version": "test",
    }


def make_post(ident="p1", **extra):
    post = {
        "id": ident,
        "text": "Thanks @maria!",
        "site": "linkedin",
        "kind": "post",
        "posted_at": "2026-11-20T23:30:00-05:00",
    }
    post.update(extra)
    return post


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path / "data" / "history.db")
    yield store
    store.close()


def test_store_open_creates_private_file_in_wal_mode(tmp_path):
    path = tmp_path / "new" / "dir" / "history.db"
    store = Store.open(path)
    try:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert store.db.execute("pragma journal_mode").fetchone()[0] == "wal"
        assert {"posts", "people", "user_settings"} <= set(store.db.table_names())
    finally:
        store.close()


def test_store_reopen_keeps_data_and_does_not_rerun_migrations(tmp_path):
    path = tmp_path / "history.db"
    store = Store.open(path)
    store.record_post(make_post(), make_report())
    store.close()
    store = Store.open(path)
    try:
        assert store.post_count() == 1
        applied = store.db.execute("select count(*) from _sqlite_migrations").fetchone()[0]
        assert applied == len(migrations.pending(store.db)) + applied  # nothing pending
        assert applied == len(migrations._migrations)  # each declared migration ran once
    finally:
        store.close()


def test_store_open_refuses_a_file_that_is_not_sqlite(tmp_path):
    path = tmp_path / "history.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        Store.open(path)


def test_store_dimensions_match_the_scoring_engine():
    from companion.scoring.report import DIMENSIONS as SCORING_DIMENSIONS

    assert DIMENSIONS == SCORING_DIMENSIONS


def test_store_record_post_is_idempotent_on_id(store):
    first, created = store.record_post(make_post(), make_report())
    again, created_again = store.record_post(make_post(text="changed"), make_report("neutral"))
    assert (created, created_again) == (True, False)
    assert again == first
    assert store.post_count() == 1
    assert first["text"] == "Thanks @maria!"


def test_store_record_post_normalises_time_site_and_keeps_local_day(store):
    row, _ = store.record_post(make_post(site="LinkedIn"), make_report())
    assert row["posted_at"] == "2026-11-21T04:30:00Z"
    assert row["posted_date"] == "2026-11-20"  # the day where it was written
    assert row["site"] == "linkedin"
    assert row["scores"] == {dimension: 50 for dimension in DIMENSIONS}
    assert row["nudges"][0]["rule"] == "r"


@pytest.mark.parametrize(
    "change, message",
    [
        ({"id": ""}, "id"),
        ({"id": "a b"}, "id"),
        ({"id": 5}, "id must be a string"),
        ({"text": "   "}, "text is empty"),
        ({"text": None}, "text is required"),
        ({"site": "Linked In!"}, "site"),
        ({"kind": "story"}, "kind"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"posted_at": "yesterday"}, "posted_at"),
        ({"posted_at": "2026-11-20T10:00:00"}, "time zone"),
        ({"replied_to": [1, 2]}, "replied_to"),
    ],
)
def test_store_record_post_refuses_bad_posts(store, change, message):
    with pytest.raises(PostError, match=message):
        store.record_post(make_post(**change), make_report())
    assert store.post_count() == 0


def test_store_record_posts_counts_added_and_skipped(store):
    store.record_post(make_post("p1"), make_report())
    items = [(make_post(f"p{i}"), make_report()) for i in range(1, 6)]
    items.append((make_post("p3"), make_report()))  # repeated inside the batch
    assert store.record_posts(items) == (4, 2)
    assert store.post_count() == 5


def test_store_record_posts_is_all_or_nothing(store):
    items = [(make_post(f"p{i}"), make_report()) for i in range(100)]
    items.append((make_post("bad", posted_at="not a time"), make_report()))
    with pytest.raises(PostError):
        store.record_posts(items)
    assert store.post_count() == 0


def test_store_record_posts_rolls_back_when_the_database_fails(store):
    store.db.execute(
        "create trigger refuse after insert on posts when new.id = 'p7' "
        "begin select raise(abort, 'disk trouble'); end"
    )
    with pytest.raises(sqlite3.DatabaseError):
        store.record_posts([(make_post(f"p{i}"), make_report()) for i in range(10)])
    assert store.post_count() == 0
    assert store.db.execute("select count(*) from people").fetchone()[0] == 0


def test_store_keeps_only_scores_and_people_when_store_text_is_off(store):
    store.save_user_settings({"store_text": False})
    row, _ = store.record_post(make_post(), make_report())
    assert row["text"] is None and row["text_kept"] is False
    assert store.list_people()[0][0]["name"] == "@maria"


def test_store_forget_texts_removes_stored_texts(store):
    store.record_post(make_post(), make_report())
    assert store.forget_texts() == 1
    assert store.get_post("p1")["text"] is None


def test_store_people_from_report_and_replies(store):
    store.record_post(make_post("p1", replied_to=["@Ana"]), make_report(people=("Priya", "@maria")))
    store.record_post(
        make_post("p2", posted_at="2026-11-22T10:00:00Z"), make_report(people=("priya",))
    )
    ranking, total = store.list_people()
    assert [(person["name"], person["talked"]) for person in ranking] == [
        ("Priya", 2),
        ("@maria", 1),
        ("@Ana", 1),
    ]
    assert total == 3 and ranking[2]["replied"] == 1


def test_store_delete_post_and_all(store):
    for i in range(3):
        store.record_post(make_post(f"p{i}"), make_report())
    assert store.delete_post("p1") is True
    assert store.delete_post("p1") is False
    assert store.post_count() == 2
    assert store.delete_all_posts() == 2
    assert store.post_count() == 0
    assert store.list_people() == ([], 0)


def test_store_list_posts_filters_and_pages(store):
    for i in range(5):
        store.record_post(
            make_post(
                f"p{i}", posted_at=f"2026-11-0{i + 1}T10:00:00Z", site="x" if i % 2 else "linkedin"
            ),
            make_report(),
        )
    rows, total = store.list_posts({"site": "linkedin"}, limit=2)
    assert total == 3 and [row["id"] for row in rows] == ["p4", "p2"]
    rows, total = store.list_posts({"since": "2026-11-02", "until": "2026-11-03"})
    assert total == 2 and [row["id"] for row in rows] == ["p2", "p1"]
    assert [row["id"] for row in store.iter_posts()] == ["p0", "p1", "p2", "p3", "p4"]


def test_store_trend_buckets_by_week_start_on_monday(store):
    store.record_post(make_post("a", posted_at="2026-11-16T08:00:00Z"), make_report())  # Monday
    store.record_post(
        make_post("b", posted_at="2026-11-22T20:00:00Z"), make_report("self_promotion")
    )  # Sunday
    store.record_post(make_post("c", posted_at="2026-11-23T08:00:00Z"), make_report())  # Monday
    weeks = store.trend_buckets("week", {})
    assert [(w["start"], w["posts"], w["promotes_others"]) for w in weeks] == [
        ("2026-11-16", 2, 1),
        ("2026-11-23", 1, 1),
    ]
    months = store.trend_buckets("month", {})
    assert [m["start"] for m in months] == ["2026-11-01"]


def test_store_user_settings_round_trip(store):
    assert store.user_settings() == {}
    store.save_user_settings({"goal": 60, "disabled_rules": ["a"]})
    store.save_user_settings({"goal": 40})
    assert store.user_settings() == {"goal": 40, "disabled_rules": ["a"]}


def _expected_weeks(store):
    import datetime as dt
    from collections import defaultdict

    weeks = defaultdict(lambda: {"posts": 0, "promotes_others": 0, "overall": 0})
    for post in store.iter_posts():
        day = dt.date.fromisoformat(post["posted_date"])
        week = weeks[(day - dt.timedelta(days=day.weekday())).isoformat()]
        week["posts"] += 1
        week["promotes_others"] += post["label"] == "promotes_others"
        week["overall"] += post["overall"]
    return {k: (v["posts"], v["promotes_others"], round(v["overall"] / v["posts"], 6))
            for k, v in weeks.items()}  # fmt: skip


def test_store_daily_totals_follow_inserts_and_deletes(store):
    import random

    rng = random.Random(3)
    labels = ["promotes_others", "self_promotion", "mixed", "neutral"]
    for i in range(300):
        post = make_post(
            f"p{i}",
            site=rng.choice(["x", "linkedin"]),
            posted_at=f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T10:00:00Z",
        )
        store.record_post(post, make_report(rng.choice(labels), overall=rng.randint(0, 100)))
    for i in rng.sample(range(300), 120):
        store.delete_post(f"p{i}")
    got = {w["start"]: (w["posts"], w["promotes_others"], round(w["overall"], 6))
           for w in store.trend_buckets("week", {})}  # fmt: skip
    assert got == _expected_weeks(store)
    by_label = store.trend_buckets("week", {"label": "mixed"})
    assert sum(w["posts"] for w in by_label) == store.list_posts({"label": "mixed"})[1]
    store.delete_all_posts()
    assert store.trend_buckets("week", {}) == [] and store.site_split({}) == []


def test_store_migration_fills_daily_totals_from_existing_posts(tmp_path):
    import sqlite_utils

    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m002_daily_totals")
    db.close()
    old = Store.__new__(Store)  # a store at schema 1, as an older version left it
    Store.__init__(old, sqlite_utils.Database(path), path)
    from test_store_migration import insert_as_before

    insert_as_before(old.db, make_post(), make_report())
    old.close()
    store = Store.open(path)
    try:
        assert store.trend_buckets("week", {})[0]["posts"] == 1
    finally:
        store.close()


def _report_with(scores, label="neutral"):
    report = make_report(label)
    report["scores"] = {dimension: scores.get(dimension) for dimension in DIMENSIONS}
    return report


def test_store_not_applicable_scores_are_null_and_left_out_of_means(store):
    # Issue 10: a dimension the post showed nothing about is NULL, not a made-up 50.
    store.record_post(make_post("a"), _report_with({"spotlight": 90, "learn": 80}))
    store.record_post(make_post("b"), _report_with({"spotlight": 30}))
    row = store.db.execute("select spotlight, learn, help from posts where id = 'a'").fetchone()
    assert row == (90, 80, None)
    [week] = store.trend_buckets("week", {})
    assert week["spotlight"] == 60 and week["learn"] == 80 and week["help"] is None
    [mixed_filter] = store.trend_buckets("week", {"label": "neutral"})
    assert mixed_filter["learn"] == 80 and mixed_filter["help"] is None
    store.delete_post("a")
    [week] = store.trend_buckets("week", {})
    assert week["spotlight"] == 30 and week["learn"] is None
    assert store.get_post("b")["scores"]["learn"] is None


def test_store_migration_counts_scores_already_stored(tmp_path):
    import sqlite_utils

    path = tmp_path / "v2.db"
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m005_not_applicable_scores")
    db.close()
    old = Store.__new__(Store)  # a store at schema 2: every dimension scored
    Store.__init__(old, sqlite_utils.Database(path), path)
    with old.db.atomic():
        old._insert(clean_post(make_post()), make_report(), True, set())
    old.close()
    store = Store.open(path)
    try:
        store.record_post(make_post("new"), _report_with({"spotlight": 90}))
        [week] = store.trend_buckets("week", {})
        assert week["posts"] == 2
        assert week["spotlight"] == 70 and week["help"] == 50  # (50 + 90) / 2; 50 / 1
    finally:
        store.close()


def test_store_answer_kinds_match_the_vocabulary():
    """The listen ratio's kinds are fixed in the migrations' SQL; they must stay the ones
    the rest of Spotlight calls answers."""
    from companion.store.schema import ANSWER_KINDS_SQL
    from companion.vocabulary import ANSWER_KINDS

    assert ANSWER_KINDS_SQL == "(" + ", ".join(f"'{kind}'" for kind in ANSWER_KINDS) + ")"
