"""The network files of the exports: read from a zip, a folder or the file alone, recorded
once, and a connection a newer export no longer has marked, not deleted."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from archive_builders import ARCHIVES, zip_files, zip_folder
from test_people_resolution import assert_consistent

from companion.importing import ArchiveError, import_export, network, read_export
from companion.importing.archive import open_archive
from companion.importing.network import NETWORK_READERS, read_network
from companion.store import Store

NETWORK = ARCHIVES / "network"
# platform folder -> the one network file, {direction: [(account, name, handle, day)]}
EXPECTED = {
    "linkedin": ("Connections.csv", {"connection": [
        ("https://www.linkedin.com/in/priya-patel-4b1a2c", "Priya Patel", None, "2026-10-14"),
        ("https://www.linkedin.com/in/samokafor", "Sam Okafor", None, "2021-03-02"),
        ("https://www.linkedin.com/in/sam-rivera-dev", "Sam Rivera", None, "2023-07-19"),
        ("https://www.linkedin.com/in/danawhitfield", "Dana Whitfield", None, "2020-01-05"),
        ("li wei|2026-11-28", "Li Wei", None, "2026-11-28"),
    ]}),
    "x_twitter": ("data/following.js", {
        "following": [("2001", "Dana Whitfield", "dwhitfield", None),
                      ("2002", "Marco Rossi", "marco_rossi", None),
                      ("807095", "The New York Times", "nytimes", None),
                      ("2999", None, None, None)],
        "follower": [("2001", "Dana Whitfield", "dwhitfield", None), ("3001", None, None, None)],
    }),
    "mastodon": ("following_accounts.csv", {"following": [
        ("ana@mastodon.social", None, "ana@mastodon.social", None),
        ("ben_ode@hachyderm.io", None, "ben_ode@hachyderm.io", None),
        ("techcrunch@mastodon.social", None, "TechCrunch@mastodon.social", None),
    ]}),
    "facebook": ("connections/friends/your_friends.json", {"friend": [
        ("josé martínez|1701428400", "José Martínez", None, "2023-12-01"),
        ("ben ode|1588291200", "Ben Ode", None, "2020-05-01"),
        ("zoë krüger|1420070400", "Zoë Krüger", None, "2015-01-01"),
    ]}),
}  # fmt: skip


@pytest.fixture
def store(tmp_path: Path):
    store = Store.open(tmp_path / "history.db")
    yield store
    assert_consistent(store)
    store.close()


def accounts(files):
    return {
        f.direction: [(a.account, a.name, a.handle, a.connected_on) for a in f.accounts]
        for f in files
    }


def test_network_registry_is_explicit_and_complete():
    modules = {p.stem for p in Path(network.__file__).parent.glob("*.py")}
    helpers = {"__init__", "model", "parsing"}
    assert {reader.__name__.rsplit(".", 1)[1] for reader in NETWORK_READERS} == modules - helpers
    for reader in NETWORK_READERS:
        assert reader.PLATFORM and reader.LABEL and reader.EXPECTS
        assert reader.__doc__
    readers = {reader.__name__.rsplit(".", 1)[1] for reader in NETWORK_READERS}
    assert set(EXPECTED) | {"bluesky"} == readers  # bluesky: its repo.car holds posts too


@pytest.mark.parametrize("shape", ["folder", "zip", "file"])
def test_network_reads_bluesky_follows_from_the_repository(shape, tmp_path):
    """The follow records of repo.car; the handle from the user's own mention of the DID."""
    folder = NETWORK.parent / "bluesky"
    path = {"folder": folder, "file": folder / "repo.car"}.get(shape) or zip_folder(
        folder, tmp_path / "bluesky.zip", prefix="Export_2026/"
    )
    with open_archive(path) as members:
        files, problems = read_network(members)
    assert problems == []
    assert [(f.site, f.direction) for f in files] == [("bluesky", "following")]
    assert accounts(files) == {
        "following": [("did:plc:bea5ode8example3333333", None, "bea.example.org", "2024-05-01")]
    }


@pytest.mark.parametrize("platform", sorted(EXPECTED))
@pytest.mark.parametrize("shape", ["folder", "zip", "file"])
def test_network_reads_each_platform_from_a_folder_a_zip_or_the_file(platform, shape, tmp_path):
    name, expected = EXPECTED[platform]
    folder = NETWORK / platform
    if shape == "zip":
        path = zip_folder(folder, tmp_path / f"{platform}.zip", prefix="Export_2026/")
    elif shape == "file":
        path = folder / name
    else:
        path = folder
    with open_archive(path) as members:
        files, problems = read_network(members)
    assert problems == []
    found = accounts(files)
    if shape == "file" and platform == "x_twitter":  # alone, no tweets.js to name anyone
        expected = {"following": [(a, None, None, None) for a, *_ in expected["following"]]}
    assert found == expected


def test_network_linkedin_without_the_preamble_and_with_crlf(tmp_path):
    text = (NETWORK / "linkedin" / "Connections.csv").read_text().split("\n\n", 1)[1]
    path = tmp_path / "Connections.csv"
    path.write_bytes(text.replace("\n", "\r\n").encode())
    with open_archive(path) as members:
        files, problems = read_network(members)
    assert problems == [] and len(files[0].accounts) == 5


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("Connections.csv", "Notes:\nnothing here\n", "First Name,Last Name"),
        ("data/following.js", "window.YTD.following.part0 = [{", "not valid JSON"),
        ("data/following.js", "var following = []", "window.YTD.following.part0"),
        ("your_friends.json", '{"friends_v2": {"name": "x"}}', "friends_v2 list"),
        ("your_friends.json", "{not json", "JSON"),
    ],
)
def test_network_bad_file_is_one_problem_naming_it(name, data, message, tmp_path, store, scorer):
    archive = zip_files(tmp_path / "export.zip", {name: data})
    summary = import_export(archive, store, scorer, processes=1)
    assert summary.unreadable == 1 and name in summary.problems[0]
    assert message in summary.problems[0]
    assert store.connection_count() == 0


def test_network_import_records_once_and_resolves_the_posts(tmp_path, store, scorer):
    archive = zip_folder(NETWORK / "x_twitter", tmp_path / "twitter.zip")
    first = import_export(archive, store, scorer, processes=1)
    assert first.connections == {"found": 6, "added": 6, "restored": 0, "ended": 0, "already": 0}
    assert first.added == 3 and "X/Twitter following and followers" in first.platforms
    again = import_export(archive, store, scorer, processes=1)
    assert again.connections["added"] == 0 and again.connections["already"] == 6
    assert again.added == 0 and store.connection_count() == 6
    people, _ = store.list_people(known=True)
    names = {p["name"] for p in people}
    # the tweets' @dwhitfield and @marco_rossi are the people followed: known
    assert {"Dana Whitfield", "Marco Rossi"} <= names
    dana = next(p for p in people if p["name"] == "Dana Whitfield")
    assert dana["connections"] == 2 and dana["credited"] == 1  # following and follower
    nyt = store.list_people(kind="organisation")[0][0]
    assert (nyt["name"], nyt["known"]) == ("The New York Times", False)


def test_network_newer_export_marks_missing_connections_and_keeps_them(tmp_path, store, scorer):
    folder = tmp_path / "x"
    shutil.copytree(NETWORK / "x_twitter", folder)
    import_export(folder, store, scorer, processes=1)
    following = folder / "data" / "following.js"
    items = json.loads(following.read_text().split("=", 1)[1])
    following.write_text("window.YTD.following.part0 = " + json.dumps(items[1:]))  # Dana gone
    manifest = folder / "data" / "manifest.js"
    manifest.write_text(manifest.read_text().replace("2026-11-25", "2026-12-01"))
    newer = import_export(folder, store, scorer, processes=1)
    assert newer.connections["ended"] == 1
    row = store.db.execute(
        "select connected, ended_at from connections where account = '2001' and "
        "direction = 'following'"
    ).fetchone()
    assert tuple(row) == (0, "2026-12-01")
    dana = next(p for p in store.list_people()[0] if p["name"] == "Dana Whitfield")
    assert dana["credited"] == 1 and dana["known"] is True  # still a follower; history kept
    # the older export again: it adds nothing back and ends nothing
    manifest.write_text(manifest.read_text().replace("2026-12-01", "2026-11-25"))
    following.write_text("window.YTD.following.part0 = " + json.dumps(items))
    older = import_export(folder, store, scorer, processes=1)
    assert older.connections["ended"] == 0 and older.connections["restored"] == 0
    assert store.connection_count(connected=False) == 1


def test_network_linkedin_newer_file_ends_a_connection_older_file_does_not(tmp_path, store):
    def snapshot(rows, day):
        return {"site": "linkedin", "direction": "connection", "as_of": day, "source": "t",
                "newest_connection": max(r["connected_on"] for r in rows),
                "accounts": rows}  # fmt: skip

    priya = {"account": "in/priya", "name": "Priya Patel", "connected_on": "2026-01-02"}
    li = {"account": "in/li", "name": "Li Wei", "connected_on": "2026-11-28"}
    assert store.record_network(snapshot([priya, li], "2026-11-30"))["added"] == 2
    # an older file, imported on a later day: its newest connection is older than ours
    result = store.record_network(snapshot([priya], "2026-12-05"))
    assert result["ended"] == 0 and store.connection_count(connected=True) == 2
    result = store.record_network(snapshot([li], "2026-12-06"))  # a newer one without Priya
    assert result["ended"] == 1 and store.connection_count(connected=False) == 1
    result = store.record_network(snapshot([priya, li], "2026-12-07"))  # Priya is back
    assert result["restored"] == 1 and store.connection_count(connected=True) == 2


def test_network_only_export_is_not_an_unknown_export(tmp_path):
    archive = zip_folder(NETWORK / "mastodon", tmp_path / "follows.zip")
    posts, summary = read_export(archive)
    assert posts == [] and summary.connections["found"] == 3
    with pytest.raises(ArchiveError, match="Connections.csv"):
        read_export(zip_files(tmp_path / "other.zip", {"notes.txt": "hello"}))


def test_network_facebook_names_are_repaired_and_match_the_comments(tmp_path, store, scorer):
    comments = ARCHIVES / "facebook"
    folder = tmp_path / "facebook"
    shutil.copytree(comments, folder)
    shutil.copytree(NETWORK / "facebook", folder, dirs_exist_ok=True)
    summary = import_export(folder, store, scorer, processes=1)
    assert summary.connections["added"] == 3
    names = {p["name"] for p in store.list_people(known=True)[0]}
    assert {"José Martínez", "Ben Ode", "Zoë Krüger"} <= names


def test_network_an_account_known_by_id_is_named_by_a_later_archive(tmp_path, store):
    def following(accounts, day):
        return {"site": "x", "direction": "following", "as_of": day, "source": "t",
                "accounts": accounts}  # fmt: skip

    store.record_network(following([{"account": "2999"}], "2026-11-01"))
    assert store.list_people()[0][0]["name"] == "account 2999 on x"
    named = {"account": "2999", "handle": "kofi_a", "name": "Kofi Asante"}
    store.record_network(following([named], "2026-11-20"))
    person = store.list_people()[0][0]
    assert person["name"] == "Kofi Asante" and person["handles"][0]["handle"] == "@kofi_a"


def test_network_parts_of_one_list_are_one_snapshot_and_profile_is_no_connection(tmp_path):
    part = 'window.YTD.following.part{n} = [{{"following": {{"accountId": "{i}"}}}}]'
    archive = zip_files(tmp_path / "x.zip", {
        "data/following-part1.js": part.format(n=0, i=1),
        "data/following-part2.js": part.format(n=1, i=2),
        "Profile.csv": "First Name,Last Name,Maiden Name,Address\nAna,Lima,,\n",
    })  # fmt: skip
    with open_archive(archive) as members:
        files, problems = read_network(members)
    assert problems == [] and len(files) == 1
    assert [a.account for a in files[0].accounts] == ["1", "2"]


def test_network_spotlight_import_reads_the_file_alone_and_says_what_changed(tmp_path, capsys, nlp):
    from companion.cli import main

    args = ["--db", str(tmp_path / "cli.db"), "--config-dir", str(tmp_path / "config")]
    path = NETWORK / "linkedin" / "Connections.csv"
    assert main(["import", str(path), "--processes", "1", *args]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{path} (LinkedIn connections): 0 posts and replies found"
    assert out[-1] == "  connections                5  found, 5 new, 0 no longer connected, 0 back"
    assert main(["import", "--dry-run", str(path), *args]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "  connections                5  found"
    assert main(["import", str(path), "--json", *args]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["connections"] == {"found": 5, "added": 0, "restored": 0, "ended": 0,
                                      "already": 5}  # fmt: skip
