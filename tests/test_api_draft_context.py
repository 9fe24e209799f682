"""POST /api/v1/score keeps what it reads from the database in memory (issue 15): a change
made through the API, by a `spotlight` command beside the running server, or by any other
connection to the file is seen by the very next draft, as when every draft read it."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from companion.history.backup import backup_chunks
from companion.server.state import DRAFT_CONTEXTS, STORE
from companion.store import Store
from companion.store.posts import clean_post

pytestmark = pytest.mark.asyncio

SELFISH = "Thrilled to announce my new book! Buy it now, link in bio. DM me for a signed copy."
ROOT = Path(__file__).resolve().parent.parent


async def _score(companion, text=SELFISH):
    response = await companion.post("/api/v1/score", json={"text": text}, headers=companion.auth)
    assert response.status == 200
    return await response.json()


def _rules(report):
    return {nudge["rule"] for nudge in report["nudges"]}


async def test_api_draft_context_settings_put_take_effect_on_the_next_score(companion):
    rules = _rules(await _score(companion))
    assert rules
    for disabled in (sorted(rules), [], sorted(rules)[:1]):
        response = await companion.put(
            "/api/v1/settings", json={"disabled_rules": disabled}, headers=companion.auth
        )
        assert response.status == 200
        assert _rules(await _score(companion)) == rules - set(disabled)


def _backup_with(tmp_path: Path, scorer, settings: dict) -> Path:
    """A Spotlight backup (as `spotlight export` writes it): one post and these settings."""
    source = Store.open(tmp_path / "source.db")
    try:
        post = clean_post(
            {"id": str(uuid.uuid4()), "text": SELFISH, "site": "linkedin", "kind": "post",
             "posted_at": "2026-11-20T09:30:00Z"},
            source="api",
        )  # fmt: skip
        source.record_post(post, scorer.score(SELFISH).to_dict())
        source.save_user_settings(settings)
        path = tmp_path / "backup.json"
        path.write_text("".join(backup_chunks(source)), encoding="utf-8")
    finally:
        source.close()
    return path


async def test_api_draft_context_sees_settings_a_cli_restore_changes(
    companion, settings, scorer, tmp_path
):
    """`spotlight import backup.json` run while the server runs, on the same database."""
    rules = _rules(await _score(companion))
    off = sorted(rules)[0]
    backup = _backup_with(tmp_path, scorer, {"disabled_rules": [off], "goal": 80})
    folders = ["--config-dir", str(settings.config_dir), "--data-dir", str(settings.data_dir)]
    command = [sys.executable, "-m", "companion", "import", str(backup), *folders]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = await _score(companion)
    assert _rules(report) == rules - {off}
    assert report["trend"]["goal"] == 0.8 and len(report["trend"]["recent_labels"]) == 1


async def test_api_draft_context_sees_posts_another_process_commits(companion, settings):
    await companion.post(
        "/api/v1/posts",
        json={"id": str(uuid.uuid4()), "text": SELFISH, "site": "linkedin", "kind": "post",
              "posted_at": "2026-11-20T09:30:00Z"},
        headers=companion.auth,
    )  # fmt: skip
    assert len((await _score(companion))["trend"]["recent_labels"]) == 1
    script = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        "c.execute('delete from posts'); c.commit()"
    )
    subprocess.run([sys.executable, "-c", script, str(settings.db_path)], check=True, timeout=60)
    assert (await _score(companion))["trend"]["recent_labels"] == []


async def test_api_draft_context_sees_the_stores_own_uncommitted_change(companion):
    """A change the server's own connection has made and not committed yet still counts."""
    assert (await _score(companion))["trend"]["goal"] == 0.5
    conn = companion.app[STORE].db.conn
    conn.execute("insert into user_settings (key, value) values ('goal', ?)", [json.dumps(70)])
    try:
        assert conn.in_transaction
        assert (await _score(companion))["trend"]["goal"] == 0.7
    finally:
        conn.rollback()
    assert (await _score(companion))["trend"]["goal"] == 0.5


async def test_api_draft_context_is_read_again_when_the_second_changes(companion, monkeypatch):
    """Whom to thank looks 90 days back from now: the clock's second is part of the key."""
    import companion.server.draft_context as module

    contexts = companion.app[DRAFT_CONTEXTS]
    now = [1_800_000_000.2]
    monkeypatch.setattr(module, "clock", lambda: now[0])
    first = await contexts.get()
    assert await contexts.get() is first  # nothing changed: kept
    now[0] += 1
    second = await contexts.get()
    assert second is not first and second == first


async def test_api_draft_context_reads_every_time_when_it_cannot_watch(companion):
    contexts = companion.app[DRAFT_CONTEXTS]
    contexts.close()  # the watch's connection is gone: it can no longer tell a change
    first = await contexts.get()
    assert await contexts.get() is not first


async def test_change_watch_never_waits_for_a_writer(tmp_path):
    """A write transaction in progress: the watch answers at once, without blocking."""
    from companion.store.watch import ChangeWatch

    store = Store.open(tmp_path / "history.db")
    writer = sqlite3.connect(tmp_path / "history.db", isolation_level=None)
    try:
        watch = ChangeWatch(store)
        before = watch.version()
        writer.execute("begin immediate")
        writer.execute("insert into user_settings (key, value) values ('goal', '60')")
        assert watch.version() == before  # not committed: nothing changed yet
        writer.execute("commit")
        assert watch.version() != before
        watch.close()
    finally:
        writer.close()
        store.close()
