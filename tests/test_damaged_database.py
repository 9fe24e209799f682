"""A partly damaged history (issue 13): real SQLite files with pages overwritten in the test.

doctor and serve say what to do in one line, health and the API report the damage, the
page shows the next step, and `spotlight doctor --repair` keeps the damaged file and
rebuilds what can be read, saying how many posts it saved.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_asyncio
from test_store import make_post, make_report

from companion import history
from companion.cli import main
from companion.store import Store

ROOT = Path(__file__).resolve().parent.parent
COUNT = 300


def make_history(path: Path, count: int = COUNT) -> Path:
    store = Store.open(path)
    items = []
    for i in range(count):
        text = f"Thanks @maria and Priya Patel for review number {i}. " * 4
        post = make_post(f"post-{i:04d}", text=text, site=("x", "linkedin")[i % 2],
                         posted_at=f"2026-10-{1 + i % 28:02d}T09:00:00Z")  # fmt: skip
        items.append((post, make_report(("promotes_others", "neutral")[i % 2])))
    store.record_posts(items)
    store.save_user_settings({"goal": 35, "store_text": True})
    store.db.execute("pragma wal_checkpoint(truncate)")
    store.close()
    return path


def pages_of(path: Path, table: str, kind: str = "leaf") -> list[int]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "select pageno from dbstat where name = ? and pagetype = ? order by pageno",
            [table, kind],
        ).fetchall()
    finally:
        conn.close()
    return [row[0] for row in rows]


def overwrite(path: Path, pages: list[int]) -> None:
    """Overwrite whole pages with junk, as a failing disk or a stray write would."""
    with path.open("r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * 4096)
            handle.write(bytes([0xDE, 0xAD]) * 2048)


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPOTLIGHT_")}
    return subprocess.run([sys.executable, "-m", "companion", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip


def _posts(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        totals = conn.execute("select sum(posts) from daily_totals").fetchone()[0]
        ids = {row[0] for row in conn.execute("select id from posts")}
        assert totals == len(ids)  # the daily totals were rebuilt with the posts
        return ids
    finally:
        conn.close()


@pytest.mark.slow
def test_damaged_pages_3_to_6_doctor_and_serve_say_repair_and_repair_saves_every_post(tmp_path):
    database = make_history(tmp_path / "data" / "history.db")
    overwrite(database, [3, 4, 5, 6])  # the posts table's root and index pages, here
    damaged = database.read_bytes()
    dirs = ["--config-dir", str(tmp_path / "config"), "--db", str(database)]
    doctor = _run("doctor", "--port", "1", *dirs)
    assert doctor.returncode == 1 and "Traceback" not in doctor.stderr + doctor.stdout
    line = next(x for x in doctor.stdout.splitlines() if x.startswith("PROBLEM database"))
    assert "malformed" in line and f"doctor --repair --db {database}" in line
    serve = _run("serve", "--port", "0", *dirs)
    assert serve.returncode == 2 and "Traceback" not in serve.stderr
    errors = [x for x in serve.stderr.splitlines() if x.startswith("spotlight: error")]
    assert len(errors) == 1 and "doctor --repair" in errors[0]

    repaired = _run("doctor", "--repair", *dirs)
    assert repaired.returncode == 0, repaired.stderr
    assert f"{COUNT} posts saved (all {COUNT})" in repaired.stdout
    assert _posts(database) == {f"post-{i:04d}" for i in range(COUNT)}
    kept = next(
        p
        for p in database.parent.glob("history.db.damaged-*")
        if p.suffix != ".db-wal" and not p.name.endswith(("-wal", "-shm"))
    )
    assert kept.read_bytes() == damaged  # the damaged file is kept as it was
    store = Store.open(database)
    try:
        assert store.user_settings()["goal"] == 35 and store.quick_check() == "ok"
        assert {p["name"] for p in history.people(store, limit=5)["people"]} == {"@maria"}
    finally:
        store.close()
    doctor = _run("doctor", "--port", "1", *dirs)
    assert "ok      database" in doctor.stdout


def test_damaged_leaf_pages_repair_reports_what_it_could_not_read(tmp_path, capsys):
    database = make_history(tmp_path / "history.db")
    leaves = pages_of(database, "posts")
    overwrite(database, leaves[2:4])
    assert main(["doctor", "--repair", "--db", str(database)]) == 0
    out = capsys.readouterr().out
    saved = len(_posts(database))
    assert 0 < saved < COUNT
    assert f"{saved} posts saved ({COUNT - saved} could not be read)" in out


def test_damaged_repair_reads_posts_only_in_the_wal_and_not_deleted_ones(tmp_path, capsys):
    database = make_history(tmp_path / "history.db")
    store = Store.open(database)
    for i in range(0, COUNT, 2):  # delete half: whole pages go to the freelist
        store.delete_post(f"post-{i:04d}")
    store.db.execute("pragma wal_checkpoint(truncate)")
    store.record_post(make_post("only-in-the-wal"), make_report())
    copy = tmp_path / "copy" / "history.db"
    copy.parent.mkdir()
    shutil.copy(database, copy)  # while open: the last post is in the -wal only
    shutil.copy(f"{database}-wal", f"{copy}-wal")
    store.close()
    overwrite(copy, pages_of(copy, "posts", "internal")[:1])
    assert main(["doctor", "--repair", "--db", str(copy)]) == 0
    expected = {f"post-{i:04d}" for i in range(1, COUNT, 2)} | {"only-in-the-wal"}
    assert _posts(copy) == expected


def test_damaged_repair_refuses_while_a_companion_holds_the_file(tmp_path, capsys):
    from companion.server import _claim_database

    database = make_history(tmp_path / "history.db", 3)
    claim = _claim_database(database)
    try:
        assert main(["doctor", "--repair", "--db", str(database)]) == 2
    finally:
        os.close(claim)
    err = capsys.readouterr().err
    assert "in use by a running Spotlight companion: stop it" in err and err.count("\n") == 1
    assert not list(tmp_path.glob("history.db.damaged-*"))


@pytest_asyncio.fixture
async def damaged_companion(aiohttp_client, settings, nlp):
    """A real companion whose database opens but has damaged post pages."""
    from companion.server import create_app
    from companion.server.state import TOKEN

    make_history(settings.db_path)
    overwrite(settings.db_path, pages_of(settings.db_path, "posts")[1:3])
    client = await aiohttp_client(create_app(settings))
    client.auth = {"Authorization": f"Bearer {client.app[TOKEN].current()}"}
    return client


@pytest.mark.asyncio
async def test_damaged_health_and_api_say_what_to_do_without_a_traceback(damaged_companion, caplog):
    caplog.set_level(logging.INFO)
    client = damaged_companion
    health = await (await client.get("/api/v1/health")).json()
    assert health["status"] == "ready" and health["database_state"] == "damaged"
    assert health["database_problem"] and "doctor --repair --db" in health["next_step"]
    for method, path in (("GET", "/api/v1/posts"), ("GET", "/api/v1/trends"),
                         ("POST", "/api/v1/score")):  # fmt: skip
        response = await client.request(method, path, headers=client.auth, json={"text": "hi"})
        answer = await response.json()
        assert response.status == 503 and answer["error"]["code"] == "database_damaged", path
        assert "doctor --repair --db" in answer["error"]["message"]
    assert not [r for r in caplog.records if r.exc_info]


@pytest.mark.asyncio
@pytest.mark.browser
async def test_damaged_page_shows_the_next_step_not_charts(damaged_companion):
    from playwright.async_api import async_playwright
    from test_history_page import CHROMIUM, open_page

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/test installs Debian's chromium")
    problems: list[str] = []
    url = f"http://127.0.0.1:{damaged_companion.server.port}/"
    async with async_playwright() as playwright:
        browser, page = await open_page(playwright, url, problems)
        try:
            assert await page.is_visible("#trouble")
            assert not await page.is_visible("#content") and not await page.is_visible("#empty")
            assert "doctor --repair --db" in await page.inner_text("#trouble-command")
            assert "Stop the companion" in await page.inner_text("#trouble")
        finally:
            await browser.close()
    assert problems == []


@pytest.mark.parametrize("command", [["history"], ["export"], ["export", "--format", "csv"]])
def test_damaged_leaf_pages_commands_end_in_one_line_not_a_traceback(tmp_path, capsys, command):
    database = make_history(tmp_path / "history.db")
    overwrite(database, pages_of(database, "posts")[1:3] + pages_of(database, "daily_totals"))
    code = main([*command, "--db", str(database), "-o", str(tmp_path / "out")]
                if command[0] == "export" else [*command, "--db", str(database)])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "doctor says how to repair it" in err
    assert not [p.name for p in tmp_path.iterdir() if "out" in p.name]  # no half export
