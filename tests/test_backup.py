"""A way back (issue 13): the JSON export and `spotlight backup` restore exactly, idempotently,
into an empty or a populated history, from the CLI and from the page's import."""

from __future__ import annotations

import json
import sqlite3
import uuid

import pytest
from test_import_server import _finish, _upload

from companion.cli import main
from companion.history import update_settings
from companion.history.backup import TABLES
from companion.server.state import STORE
from companion.store import Store

TEXTS = [
    ("linkedin", "Huge thanks to @maria and Priya Patel for reviewing the plan!"),
    ("x", "Thrilled to announce my new book! Link in bio. DM me for a copy."),
    ("mastodon.social", "I was wrong about microservices. What did you learn? 🙂 “quotes”"),
    ("x", "=cmd|' /C calc'!A0 Congrats to @jon.doe on shipping search."),
]
COMPARED = ("posts", "people", "user_settings", "daily_totals")


def _fill(store: Store, scorer, prefix: str = "a") -> None:
    for day, (site, text) in enumerate(TEXTS, 1):
        post = {"id": f"{prefix}-{uuid.uuid4()}", "text": text, "site": site,
                "posted_at": f"2026-11-{day:02d}T09:30:00+01:00",
                "replied_to": ["@ana"] if day % 2 else []}  # fmt: skip
        store.record_post(post, scorer.score(text).to_dict())


def _rows(path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        return {t: sorted(conn.execute(f"select * from {t}").fetchall()) for t in COMPARED}
    finally:
        conn.close()


@pytest.fixture
def history(tmp_path, scorer):
    path = tmp_path / "old" / "history.db"
    store = Store.open(path)
    _fill(store, scorer)
    update_settings(store, {"goal": 35, "own_domains": ["example.com"]})
    store.close()
    return path


def _import(target, path, capsys) -> dict:
    assert main(["import", str(path), "--json", "--db", str(target),
                 "--config-dir", str(target.parent / "config")]) == 0  # fmt: skip
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("how", ["export", "backup"])
def test_backup_round_trip_into_a_fresh_history_gives_the_same_rows(history, tmp_path, capsys, how):
    copy = tmp_path / ("history.json" if how == "export" else "copy.db")
    if how == "export":
        assert main(["export", "-o", str(copy), "--db", str(history)]) == 0
        assert json.loads(copy.read_text())["spotlight_backup"] == 1
    else:
        assert main(["backup", str(copy), "--db", str(history)]) == 0
        assert f"spotlight import {copy}" in capsys.readouterr().out
    fresh = tmp_path / "new" / "history.db"
    summary = _import(fresh, copy, capsys)
    assert summary["platforms"] == ["Spotlight backup"]
    assert (summary["added"], summary["already"], summary["unreadable"]) == (4, 0, 0)
    assert _rows(fresh) == _rows(history)
    again = _import(fresh, copy, capsys)  # idempotent: nothing added, nothing changed
    assert (again["added"], again["already"]) == (0, 4)
    assert _rows(fresh) == _rows(history)


def test_backup_restores_into_a_populated_history_keeping_both(history, tmp_path, scorer, capsys):
    copy = tmp_path / "history.json"
    assert main(["export", "-o", str(copy), "--db", str(history)]) == 0
    target = tmp_path / "busy" / "history.db"
    store = Store.open(target)
    _fill(store, scorer, prefix="b")
    store.close()
    before = _rows(target)
    assert _import(target, copy, capsys)["added"] == 4
    after, old = _rows(target), _rows(history)
    for table in ("posts", "people"):
        assert sorted(before[table] + old[table]) == after[table]
    store = Store.open(target)
    try:
        assert store.post_count() == 8
        assert sum(s["posts"] for s in store.site_split({})) == 8  # daily totals kept up
    finally:
        store.close()


def test_backup_bad_rows_are_named_and_the_rest_restored(history, tmp_path, capsys):
    copy = tmp_path / "history.json"
    assert main(["export", "-o", str(copy), "--db", str(history)]) == 0
    data = json.loads(copy.read_text())
    data["posts"][1]["label"] = "bragging"
    data["posts"][2]["posted_at"] = "yesterday"
    copy.write_text(json.dumps(data))
    target = tmp_path / "new" / "history.db"
    assert main(["import", str(copy), "--json", "--db", str(target)]) == 1
    summary = json.loads(capsys.readouterr().out)
    assert (summary["added"], summary["unreadable"]) == (2, 2)
    assert "posts[1]: label must be one of" in summary["problems"][0]
    assert "posts[2]: posted_at" in summary["problems"][1]


def test_backup_from_a_newer_spotlight_and_the_csv_export_say_what_to_do(history, tmp_path, capsys):
    newer = tmp_path / "newer.json"
    newer.write_text('{"spotlight_backup": 9, "posts": []}')
    target = ["--db", str(tmp_path / "new" / "history.db")]
    assert main(["import", str(newer), *target]) == 2
    assert "update Spotlight, then restore it" in capsys.readouterr().err
    sheet = tmp_path / "history.csv"
    assert main(["export", "--format", "csv", "-o", str(sheet), "--db", str(history)]) == 0
    capsys.readouterr()
    assert main(["import", str(sheet), *target]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "made for spreadsheets; it cannot be restored" in err
    assert "spotlight export --format json" in err


def test_backup_every_table_of_the_database_is_in_the_backup_or_derived(history):
    """A new table (the network's) must be added to TABLES or be rebuilt from them."""
    derived = {"daily_totals", "_sqlite_migrations"}
    conn = sqlite3.connect(history)
    names = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    conn.close()
    assert names - derived == {table.name for table in TABLES}


@pytest.mark.asyncio
async def test_backup_page_import_restores_a_json_export(companion, scorer, tmp_path):
    store = companion.app[STORE]
    _fill(store, scorer)
    response = await companion.get("/api/v1/export?format=json", headers=companion.auth)
    copy = tmp_path / "spotlight-history.json"
    copy.write_bytes(await response.read())
    before = _rows(store.path)
    assert (await companion.delete("/api/v1/posts?confirm=delete-all",
                                   headers=companion.auth)).status == 200  # fmt: skip
    job = await _finish(companion, await _upload(companion, copy))
    assert job["state"] == "done", job
    assert job["summary"]["added"] == 4 and job["summary"]["platforms"] == ["Spotlight backup"]
    assert _rows(store.path) == before
    sheet = tmp_path / "spotlight-history.csv"
    response = await companion.get("/api/v1/export?format=csv", headers=companion.auth)
    sheet.write_bytes(await response.read())
    job = await _finish(companion, await _upload(companion, sheet))
    assert job["state"] == "failed" and "made for spreadsheets" in job["error"]
