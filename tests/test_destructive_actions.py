"""Every destructive action (issue 13) is confirmed, does exactly what its confirmation says,
and can be undone from the last backup: delete one, delete all, delete filtered (the page,
in real Chromium), rotate the token and repair (the CLI)."""

from __future__ import annotations

import sqlite3

import pytest
from playwright.async_api import async_playwright
from test_damaged_database import make_history, overwrite, pages_of
from test_history_page import chromium_available, open_page, seed, url_of  # noqa: F401

from companion.cli import main
from companion.history.backup import restore_backup
from companion.server.state import STORE

TABLES = ("posts", "people", "daily_totals", "user_settings")


def _rows(path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        return {t: sorted(conn.execute(f"select * from {t}").fetchall()) for t in TABLES}
    finally:
        conn.close()


async def _dialog(page, button: str) -> str:
    await page.click(button)
    await page.wait_for_selector("#confirm[open]")
    return await page.inner_text("#confirm-text")


@pytest.mark.asyncio
@pytest.mark.browser
@pytest.mark.usefixtures("chromium_available")
async def test_destructive_page_actions_are_confirmed_exact_and_undone(companion, tmp_path):
    await seed(companion)
    store = companion.app[STORE]
    backup = store.backup_to(tmp_path / "last-backup.db")  # what `spotlight backup` writes
    before = _rows(store.path)
    problems: list[str] = []
    async with async_playwright() as playwright:
        browser, page = await open_page(playwright, url_of(companion), problems)
        try:
            # 1. cancelled, each of them changes nothing
            first = page.locator("#posts li.post").first
            one_id = await first.get_attribute("data-id")
            for button in (f'#posts li[data-id="{one_id}"] button.delete', "#delete-all"):
                await _dialog(page, button)
                await page.click("#confirm button[value=cancel]")
                assert _rows(store.path) == before
            # 2. delete one: the dialog names the post's day, exactly that post goes
            question = await _dialog(page, f'#posts li[data-id="{one_id}"] button.delete')
            assert store.get_post(one_id)["posted_date"] in question
            await page.click("#confirm-ok")
            await page.wait_for_selector(f'#posts li[data-id="{one_id}"]', state="detached")
            assert store.post_count() == 9 and store.get_post(one_id) is None
            # 3. delete filtered: the dialog's number and filter are what goes
            await page.select_option("#filters select[name=site]", "linkedin")
            await page.click("#filters button[type=submit]")
            await page.wait_for_selector("#scope:has-text('site linkedin')")
            linkedin = store.list_posts({"site": "linkedin"})[1]
            question = await _dialog(page, "#delete-all")
            assert f"Delete the {linkedin} posts with site linkedin?" in question
            await page.click("#confirm-ok")
            await page.wait_for_selector("#status:has-text('To undo: spotlight import')")
            assert store.post_count() == 9 - linkedin and "linkedin" not in store.sites()
            # 4. delete all: the dialog names every remaining post
            await page.click("#filters button[type=reset]")
            await page.wait_for_selector("#scope:has-text('Showing all your posts')")
            question = await _dialog(page, "#delete-all")
            assert f"Delete all {9 - linkedin} posts from your history?" in question
            await page.click("#confirm-ok")
            await page.wait_for_selector("#empty", state="visible")
            assert store.post_count() == 0
        finally:
            await browser.close()
    assert problems == []
    # undone from the last backup: every row as it was, daily totals included
    summary = restore_backup(store, backup)
    assert summary.added == 10 and _rows(store.path) == before


def test_destructive_token_rotation_needs_its_flag_and_does_what_it_says(tmp_path, capsys):
    dirs = ["--config-dir", str(tmp_path / "config")]
    assert main(["token", *dirs]) == 0
    old = capsys.readouterr().out.strip()
    assert main(["token", *dirs]) == 0 and capsys.readouterr().out.strip() == old  # no flag
    assert main(["token", "--rotate", *dirs]) == 0
    captured = capsys.readouterr()
    new = captured.out.strip()
    assert new != old and "the old one no longer works" in captured.err
    assert (tmp_path / "config" / "token").read_text().strip() == new


def test_destructive_repair_keeps_the_damaged_file_and_the_backup_brings_the_rest_back(
    tmp_path, capsys
):
    database = make_history(tmp_path / "history.db")
    backup = tmp_path / "last-backup.db"
    assert main(["backup", str(backup), "--db", str(database)]) == 0
    before = _rows(database)
    overwrite(database, pages_of(database, "posts")[1:4])
    damaged = database.read_bytes()
    capsys.readouterr()
    assert main(["doctor", "--repair", "--db", str(database)]) == 0
    out = capsys.readouterr().out
    assert "could not be read" in out and "The damaged file is kept as" in out
    kept = tmp_path / out.split("kept as ")[1].split(";")[0].rsplit("/", 1)[1]
    assert kept.read_bytes() == damaged
    assert len(_rows(database)["posts"]) < len(before["posts"])
    assert main(["import", str(backup), "--db", str(database)]) == 0
    assert _rows(database) == before


@pytest.mark.asyncio
async def test_destructive_the_companion_keeps_a_daily_copy_to_undo_from(aiohttp_client, settings):
    from companion.history.safety import backups_folder, last_copy
    from companion.server import create_app

    make_history(settings.db_path, 5)
    client = await aiohttp_client(create_app(settings))
    copy = last_copy(settings.db_path)
    assert copy is not None and copy.parent == backups_folder(settings.db_path)
    assert copy.name.startswith("daily-") and copy.stat().st_mode & 0o077 == 0
    await client.close()
    again = await aiohttp_client(create_app(settings))  # once a day, not once a start
    assert len(list(backups_folder(settings.db_path).glob("daily-*.db"))) == 1
    await again.close()
    assert _rows(copy) == _rows(settings.db_path)
