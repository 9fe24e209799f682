"""Mentions resolved to people on a real SQLite file: handle <-> name, first names, merges."""

from __future__ import annotations

import pytest
from test_store import make_post, make_report

from companion.store import Store
from companion.store.persons import PeopleError
from companion.store.resolution import first_words, handle_site, name_key

LINKEDIN = [
    {"account": "in/priya", "name": "Priya Patel"},
    {"account": "in/samokafor", "name": "Sam Okafor"},
    {"account": "in/samrivera", "name": "Sam Rivera"},
]
X_FOLLOWING = [{"account": "2001", "name": "Dana Whitfield", "handle": "dwhitfield"}]


def assert_consistent(store):
    """What the store keeps ready equals what it is made of: each group's totals and
    ``known``, each mention's group."""
    groups = {}
    for person in store.db.query("select * from persons"):
        groups.setdefault(person["root_id"], []).append(person)
    for root, members in groups.items():
        row = store.db.query("select * from persons where id = ?", [root]).__next__()
        assert row["g_size"] == len(members) and row["g_talked"] == sum(
            m["talked"] for m in members)  # fmt: skip
        assert row["g_credited"] == sum(m["credited"] for m in members)
        assert row["g_connections"] == sum(m["connections"] for m in members)
        known = row["kind"] == "person" and (row["g_connections"] > 0 or
                                             row["g_credited_replies"] >= 2)  # fmt: skip
        assert bool(row["known"]) == known, row["name"]
    stale = store.db.execute(
        "select count(*) from people m join persons p on p.id = m.person_id join persons r "
        "on r.id = p.root_id where m.root_id is not p.root_id or m.known is not r.known"
    ).fetchone()[0]
    assert stale == 0


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path / "history.db")
    store.record_network(snapshot("linkedin", "connection", LINKEDIN))
    store.record_network(snapshot("x", "following", X_FOLLOWING))
    yield store
    assert_consistent(store)
    store.close()


def snapshot(site, direction, accounts, as_of="2026-11-01"):
    return {"site": site, "direction": direction, "as_of": as_of, "source": "test",
            "accounts": accounts}  # fmt: skip


counter = iter(range(10_000))


def post(store, people, *, site="linkedin", replied_to=(), label="promotes_others", kind="post"):
    ident = f"p{next(counter)}"
    store.record_post(
        make_post(ident, site=site, kind=kind, replied_to=list(replied_to)),
        make_report(label, people=people),
    )
    return {
        row["name"]: row["person_id"]
        for row in store.db.query("select name, person_id from people where post_id = ?", [ident])
    }


def group(store, person_id):
    return store.get_person(person_id)


@pytest.mark.parametrize(
    "site, people, expected",
    [
        # a full name is the one connection of that name, on any site
        ("linkedin", ("Priya Patel",), {"Priya Patel": "Priya Patel"}),
        ("x", ("Priya Patel",), {"Priya Patel": "Priya Patel"}),
        ("linkedin", ("priya  patel",), {"priya  patel": "Priya Patel"}),
        # a handle is its holder on that site: X's user_mentions named @dwhitfield
        ("x", ("@dwhitfield",), {"@dwhitfield": "Dana Whitfield"}),
        ("x", ("@DWhitfield",), {"@DWhitfield": "Dana Whitfield"}),
        # ... but not on another site, where the handle may be someone else's
        ("mastodon", ("@dwhitfield",), {"@dwhitfield": "@dwhitfield"}),
        # "Sam" alone: two connections are called Sam; it stays apart
        ("linkedin", ("Sam",), {"Sam": "Sam"}),
        # "Sam" with Sam Okafor named in the same post: the data confirms which Sam
        ("linkedin", ("Sam Okafor", "Sam"), {"Sam Okafor": "Sam Okafor", "Sam": "Sam Okafor"}),
        # "Dana" beside the handle of Dana Whitfield
        ("x", ("@dwhitfield", "Dana"), {"@dwhitfield": "Dana Whitfield", "Dana": "Dana Whitfield"}),
        # both Sams named: "Sam" could be either, so it is neither
        ("linkedin", ("Sam Okafor", "Sam Rivera", "Sam"), {"Sam": "Sam"}),
        # a different full name is never guessed into a known one
        ("linkedin", ("Samuel Okafor",), {"Samuel Okafor": "Samuel Okafor"}),
        ("linkedin", ("Priya Raman",), {"Priya Raman": "Priya Raman"}),
    ],
)
def test_resolution_table(store, site, people, expected):
    resolved = post(store, people, site=site)
    for written, name in expected.items():
        assert group(store, resolved[written])["name"] == name, written


def test_resolution_two_people_with_one_first_name_stay_apart(store):
    okafor = post(store, ("Sam Okafor",))["Sam Okafor"]
    rivera = post(store, ("Sam Rivera",))["Sam Rivera"]
    alone = post(store, ("Sam",))["Sam"]
    again = post(store, ("Sam",))["Sam"]
    roots = {group(store, p)["id"] for p in (okafor, rivera, alone)}
    assert len(roots) == 3 and alone == again  # "Sam" is one person of its own


def test_resolution_a_merged_first_name_follows_the_users_choice(store):
    okafor = post(store, ("Sam Okafor",))["Sam Okafor"]
    alone = post(store, ("Sam",))["Sam"]
    store.merge_people([okafor, alone])  # the user confirms: this "Sam" is Sam Okafor
    later = post(store, ("Sam",))["Sam"]
    assert group(store, later)["id"] == group(store, okafor)["id"]
    assert group(store, okafor)["talked"] == 3


def test_resolution_mention_before_the_connection_is_linked_by_the_same_name(tmp_path):
    store = Store.open(tmp_path / "h.db")
    try:
        early = post(store, ("Priya Patel",))["Priya Patel"]
        assert group(store, early)["known"] is False
        store.record_network(snapshot("linkedin", "connection", LINKEDIN))
        person = group(store, early)
        assert person["known"] is True and person["talked"] == 1 and person["merged"] == 1
        # the automatic link is a merge like any other: the user can undo it
        parts = store.split_person(early)
        assert {p["known"] for p in parts} == {True, False}
        assert_consistent(store)
        # importing the network again does not undo the user's undo
        store.record_network(snapshot("linkedin", "connection", LINKEDIN, as_of="2026-11-20"))
        assert group(store, early)["merged"] == 0 and group(store, early)["known"] is False
    finally:
        store.close()


def test_resolution_a_name_two_connections_share_stays_apart(tmp_path):
    store = Store.open(tmp_path / "h.db")
    try:
        twins = [{"account": "in/a", "name": "Alex Kim"}, {"account": "in/b", "name": "Alex Kim"}]
        store.record_network(snapshot("linkedin", "connection", twins))
        mention = post(store, ("Alex Kim",), site="x")["Alex Kim"]
        assert group(store, mention)["known"] is False and group(store, mention)["merged"] == 0
    finally:
        store.close()


def test_resolution_handle_seen_before_the_export_gets_its_name(tmp_path):
    store = Store.open(tmp_path / "h.db")
    try:
        early = post(store, ("@dwhitfield",), site="x")["@dwhitfield"]
        store.record_network(snapshot("x", "following", X_FOLLOWING))
        person = group(store, early)
        assert (person["name"], person["known"]) == ("Dana Whitfield", True)
        assert person["handles"] == [{"site": "x", "handle": "@dwhitfield"}]
    finally:
        store.close()


def test_resolution_mastodon_short_handle_matches_the_one_followed_address(tmp_path):
    store = Store.open(tmp_path / "h.db")
    try:
        store.record_network(snapshot("mastodon", "following", [
            {"account": "ana@mastodon.social", "handle": "ana@mastodon.social"},
            {"account": "ben@a.example", "handle": "ben@a.example"},
            {"account": "ben@b.example", "handle": "ben@b.example"}]))  # fmt: skip
        found = post(store, ("@ana", "@ben"), site="mastodon.social")
        assert group(store, found["@ana"])["known"] is True
        assert group(store, found["@ben"])["known"] is False  # two bens: no guess
    finally:
        store.close()


def test_people_merge_and_split_undo_one_step_at_a_time(store):
    ids = [post(store, (name,))[name] for name in ("Priya Patel", "@priya", "Priya")]
    store.merge_people(ids[:2])
    merged = store.merge_people([ids[0], ids[2]])
    assert merged["merged"] == 2 and merged["talked"] == 3
    assert merged["handles"] == [{"site": "linkedin", "handle": "@priya"}]
    parts = store.split_person(ids[0])  # undoes the last merge only
    assert [p["merged"] for p in parts] == [1, 0] and parts[1]["name"] == "Priya"
    parts = store.split_person(ids[0])
    assert [p["talked"] for p in parts] == [1, 1]
    with pytest.raises(PeopleError, match="nothing was merged"):
        store.split_person(ids[0])


@pytest.mark.parametrize("ids, message", [([1], "two different"), ([999, 1], "no person")])
def test_people_merge_refuses_and_changes_nothing(store, ids, message):
    before = list(store.db.query("select id, root_id from persons"))
    with pytest.raises(PeopleError, match=message):
        store.merge_people(ids)
    assert list(store.db.query("select id, root_id from persons")) == before


def test_people_known_by_credit_in_conversation(tmp_path):
    store = Store.open(tmp_path / "h.db")
    try:
        first = post(store, (), site="x", replied_to=["@lee"], kind="reply")["@lee"]
        assert group(store, first)["known"] is False
        post(store, (), site="x", replied_to=["@lee"], kind="reply", label="neutral")
        assert group(store, first)["known"] is False  # answered, not credited
        post(store, (), site="x", replied_to=["@lee"], kind="reply")
        assert group(store, first)["known"] is True  # credited twice in conversation
        assert_consistent(store)
        store.delete_post(
            store.db.execute("select post_id from people order by rowid desc").fetchone()[0]
        )
        assert group(store, first)["known"] is False  # one credit fewer: not known any more
        assert_consistent(store)
    finally:
        store.close()


def test_people_organisations_are_never_people_you_know(tmp_path):
    store = Store.open(tmp_path / "h.db")
    try:
        store.record_network(snapshot("x", "following", [
            {"account": "807095", "handle": "nytimes", "name": "The New York Times"}]))  # fmt: skip
        found = post(store, ("@nytimes", "@TechCrunch"), site="x")
        for written in ("@nytimes", "@TechCrunch"):
            person = group(store, found[written])
            assert (person["kind"], person["known"]) == ("organisation", False), written
    finally:
        store.close()


def test_people_entity_an_organisation_by_the_classifier_or_by_the_name(tmp_path):
    store = Store.open(tmp_path / "h.db")
    try:
        report = make_report(people=("@maria", "Acme Labs", "Ana Lima"))
        report["people"][0]["entity"] = "organisation"  # the classifier over the rule
        report["people"][1]["entity"] = "person"  # "Labs" marks a company all the same
        report["people"][2]["entity"] = "person"
        store.record_post(make_post("c1"), report)
        kinds = dict(store.db.execute("select name, entity from people where post_id = 'c1'"))
        assert kinds == {"@maria": "organisation", "Acme Labs": "organisation",
                         "Ana Lima": "person"}  # fmt: skip
    finally:
        store.close()


@pytest.mark.parametrize(
    "site, expected",
    [
        ("x", "x"),
        ("twitter", "x"),
        ("mastodon.social", "mastodon"),
        ("bsky.app", "bluesky"),
        ("linkedin", "linkedin"),
    ],  # fmt: skip
)
def test_resolution_handle_site(site, expected):
    assert handle_site(site) == expected


def test_resolution_first_words_and_name_key():
    assert first_words("Sam Okafor", ["sam.codes", "SamOkafor"]) == {"sam"}
    assert first_words("Cher", []) == set()  # one word is not a first name of a full name
    assert name_key("  Priya   PATEL. ") == "priya patel"
