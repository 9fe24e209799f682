"""The history service: give ratio, feedback for the composer, settings, people."""

from __future__ import annotations

import datetime as dt

import pytest
from test_store import make_post, make_report

from companion import history
from companion.history import summary
from companion.store import Store

NOW = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path / "history.db")
    yield store
    store.close()


def add(store, labels, start_day=1, people=("@maria",)):
    for offset, label in enumerate(labels):
        post = make_post(f"p{start_day + offset}",
                         posted_at=f"2026-11-{start_day + offset:02d}T10:00:00Z")  # fmt: skip
        store.record_post(post, make_report(label, people=people))


def test_history_trends_empty_history(store):
    data = history.trends(store, "week", now=NOW)
    assert data["buckets"] == [] and data["totals"] == {
        "posts": 0, "promotes_others": 0, "give_ratio": None, "answers": 0,
        "listen_ratio": None, "known_credits": 0, "known_give_ratio": None}  # fmt: skip
    assert data["network"] == {"people_30d": 0, "people_90d": 0}


def test_history_trends_give_ratio_and_goal(store):
    add(store, ["promotes_others", "self_promotion", "mixed", "promotes_others"], start_day=16)
    store.save_user_settings({"goal": 70})
    data = history.trends(store, "week", now=NOW)
    assert data["goal"] == 0.7
    assert data["totals"]["give_ratio"] == 0.5
    assert data["buckets"][0]["labels"] == {
        "promotes_others": 2, "self_promotion": 1, "mixed": 1, "neutral": 0}  # fmt: skip
    assert data["network"]["people_30d"] == 0  # @maria is not someone the user knows (issue 11)


def test_history_trends_filters_by_site(store):
    add(store, ["promotes_others"], start_day=1)
    store.record_post(make_post("other", site="x"), make_report("self_promotion"))
    data = history.trends(store, "month", {"site": "x"}, now=NOW)
    assert data["totals"]["posts"] == 1 and data["sites"] == [
        {"site": "x", "posts": 1, "give_ratio": 0.0, "overall": 70.0}]  # fmt: skip


@pytest.mark.parametrize(
    "recent, draft, expected",
    [
        (["self_promotion"] * 5, "self_promotion", "Your last 5 posts were about your own work"),
        (["self_promotion"] * 3, "promotes_others", "this one changes that"),
        (["promotes_others"] * 4, "promotes_others", "5 posts in a row"),
        (
            ["neutral", "self_promotion", "neutral", "promotes_others", "neutral"],
            "neutral",
            "1 of your last 5 posts promoted others",
        ),
        (["self_promotion"] * 2, "self_promotion", None),
        ([], "neutral", None),
    ],
)
def test_history_trend_feedback_for_a_draft(store, recent, draft, expected):
    # recent is newest first; store them oldest first
    add(store, list(reversed(recent)))
    feedback = history.trend_feedback(store, draft)
    assert feedback["recent_labels"] == recent
    if expected is None:
        assert feedback["message"] is None
    else:
        assert expected in feedback["message"]


def test_history_update_settings_turning_store_text_off_forgets_texts(store):
    add(store, ["promotes_others"])
    settings = history.update_settings(store, {"store_text": False})
    assert settings["store_text"] is False
    assert store.get_post("p1")["text"] is None


@pytest.mark.parametrize(
    "changes",
    [
        {"goal": True},
        {"goal": -1},
        {"disabled_rules": "x"},
        {"own_domains": [5]},
        {"store_text": 1},
        {"nope": 1},
        None,
    ],  # fmt: skip
)
def test_history_update_settings_refuses_bad_values_and_saves_nothing(store, changes):
    with pytest.raises(history.InputError):
        history.update_settings(store, changes)
    assert store.user_settings() == {}


def test_history_people_within_days(store):
    add(store, ["promotes_others"], start_day=1, people=("Ana",))
    add(store, ["promotes_others"], start_day=28, people=("Ben",))
    recent = history.people(store, days=7, now=NOW)
    assert [person["name"] for person in recent["people"]] == ["Ben"]
    everyone = history.people(store, now=NOW)
    assert {person["name"] for person in everyone["people"]} == {"Ana", "Ben"}


def test_history_trends_fill_weeks_and_months_without_posts(store):
    store.record_post(make_post("a", posted_at="2026-10-28T10:00:00Z"), make_report())
    store.record_post(make_post("b", posted_at="2027-01-02T10:00:00Z"), make_report())
    weeks = history.trends(store, "week", now=NOW)["buckets"]
    assert len(weeks) == 10 and weeks[1] == summary._empty_bucket("2026-11-02")
    months = history.trends(store, "month", now=NOW)["buckets"]
    assert [m["start"] for m in months] == ["2026-10-01", "2026-11-01", "2026-12-01", "2027-01-01"]
    days = history.trends(store, "day", now=NOW)["buckets"]
    assert len(days) == 67 and days[-1]["posts"] == 1


def test_history_people_follow_the_page_filters(store):
    """The people lists count only the posts the page's filters show (site, days, label)."""
    store.record_post(make_post("a", site="linkedin", posted_at="2026-11-02T10:00:00Z"),
                      make_report("promotes_others", people=("Ana", "Ben")))  # fmt: skip
    store.record_post(make_post("b", site="x", posted_at="2026-11-20T10:00:00Z"),
                      make_report("self_promotion", people=("Ana",)))  # fmt: skip
    store.record_post(make_post("c", site="x", posted_at="2026-11-21T10:00:00Z"),
                      make_report("neutral", people=("Ana", "Cleo")))  # fmt: skip

    def counts(**posts):
        listed = history.people(store, now=NOW, posts=posts)["people"]
        return {p["name"]: (p["posts"], p["credited"]) for p in listed}

    everyone = counts()
    assert everyone == {"Ana": (3, 1), "Ben": (1, 1), "Cleo": (1, 0)}
    assert counts(site="x") == {"Ana": (2, 0), "Cleo": (1, 0)}
    assert counts(since="2026-11-21") == {"Ana": (1, 0), "Cleo": (1, 0)}
    assert counts(until="2026-11-02", site="linkedin") == {"Ana": (1, 1), "Ben": (1, 1)}
    assert counts(label="self_promotion") == {"Ana": (1, 0)}
    assert counts(site="facebook") == {}
    # A filter that picks every post counts what the unfiltered list counts.
    assert counts(since="2026-01-01") == everyone
    filtered = history.people(store, now=NOW, posts={"site": "x"})
    assert filtered["filters"] == {"site": "x"} and filtered["total"] == 2


def test_history_people_filters_count_a_merged_group_once_per_post(store):
    store.record_post(make_post("a", posted_at="2026-11-02T10:00:00Z"),
                      make_report(people=("@ana_k", "Ana Kim")))  # fmt: skip
    store.record_post(make_post("b", posted_at="2026-11-03T10:00:00Z"),
                      make_report(people=("Ana Kim",)))  # fmt: skip
    ids = {p["name"]: p["id"] for p in history.people(store, now=NOW)["people"]}
    store.merge_people([ids["Ana Kim"], ids["@ana_k"]])
    [ana] = history.people(store, now=NOW, posts={"since": "2026-11-01"})["people"]
    assert ana["name"] == "Ana Kim" and ana["posts"] == 2 and ana["credited"] == 2
    assert ana["merged"] == 1 and {h["handle"] for h in ana["handles"]} == {"@ana_k"}
    [recent] = history.people(store, now=NOW, posts={"since": "2026-11-03"})["people"]
    assert recent["posts"] == 1 and recent["last_talked_at"].startswith("2026-11-03")


def test_history_people_counts_agree_however_they_are_counted(store):
    """A person's counters as each post adds to them, as a deletion recounts them, as a
    merged group totals them and as a filter that picks every post counts them: the same."""
    posts = [  # (id, day, names, replied to, label)
        ("a", 2, ("@ana_k", "Ana Kim"), [], "promotes_others"),
        ("b", 3, ("Ana Kim",), ["@ana_k"], "promotes_others"),
        ("c", 5, ("Ben",), ["@ana_k"], "self_promotion"),
        ("d", 8, ("@ana_k", "Ben"), [], "neutral"),
    ]
    for ident, day, names, replied, label in posts:
        post = make_post(ident, posted_at=f"2026-11-{day:02d}T10:00:00Z", replied_to=replied)
        store.record_post(post, make_report(label, people=names))
    ids = {p["name"]: p["id"] for p in history.people(store, now=NOW)["people"]}
    store.merge_people([ids["Ana Kim"], ids["@ana_k"]])
    keys = ("posts", "mentioned", "replied", "credited", "first_at", "last_at",
            "last_credited_at", "merged")  # fmt: skip

    def counted(**posts):
        listed = history.people(store, now=NOW, posts=posts)["people"]
        return {p["name"]: tuple(p[key] for key in keys) for p in listed}

    added = counted()
    ana = added["Ana Kim"]
    assert ana[:4] == (4, 3, 2, 2) and ana[4].startswith("2026-11-02") and ana[-1] == 1
    assert ana[6].startswith("2026-11-03")  # post b credited her, post d did not
    assert added["Ben"][:4] == (2, 2, 0, 0)
    assert counted(since="2026-01-01") == added
    # A post added and deleted again: its people are counted again from what is left.
    store.record_post(make_post("e", posted_at="2026-11-09T10:00:00Z", replied_to=["@ana_k"]),
                      make_report(people=("Ana Kim", "Ben")))  # fmt: skip
    assert counted()["Ana Kim"][:4] == (5, 4, 3, 3)
    assert store.delete_post("e")
    assert counted() == added and counted(since="2026-01-01") == added


def test_history_people_days_and_filters_together(store):
    add(store, ["promotes_others"], start_day=1, people=("Ana",))
    add(store, ["promotes_others"], start_day=28, people=("Ana", "Ben"))
    listed = history.people(store, days=7, now=NOW, posts={"site": "linkedin"})["people"]
    assert {p["name"]: p["posts"] for p in listed} == {"Ana": 1, "Ben": 1}
