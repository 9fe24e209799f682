"""The history page says what it does (issue 13), in real Chromium against a real server:
delete under a filter, the filters' scope, the goal, dates, the import bar, long histories,
one set of label names, and a damaged database."""

from __future__ import annotations

import uuid

import pytest
from playwright.async_api import async_playwright
from test_history_page import chromium_available, open_page, seed, url_of  # noqa: F401

from companion.server.state import STORE
from companion.vocabulary import LABEL_NAMES

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.browser,
    pytest.mark.usefixtures("chromium_available"),
]


async def test_page_delete_all_under_a_filter_deletes_what_the_dialog_names(companion):
    await seed(companion)
    store = companion.app[STORE]
    problems: list[str] = []
    async with async_playwright() as playwright:
        browser, page = await open_page(playwright, url_of(companion), problems)
        try:
            assert "Showing all your posts" in await page.inner_text("#scope")
            await page.select_option("#filters select[name=site]", "x")
            await page.click("#filters button[type=submit]")
            await page.wait_for_function(
                "() => document.querySelectorAll('#posts li.post').length === 3"
            )
            assert await page.inner_text("#delete-all") == "Delete these 3…"
            assert "site x" in await page.inner_text("#scope")
            # the cards follow the same filter as the list (the people lists cover the
            # whole history, and the scope line says so)
            assert await page.inner_text("#card-posts") == "3"
            assert "people lists cover your whole history" in await page.inner_text("#scope")
            await page.click("#delete-all")
            question = await page.inner_text("#confirm-text")
            assert "Delete the 3 posts with site x?" in question and "stay" in question
            assert await page.inner_text("#confirm-ok") == "Delete 3 posts"
            await page.click("#confirm-ok")
            await page.wait_for_selector("#status:has-text('Deleted 3 posts.')")
            assert "spotlight import " in await page.inner_text("#status")
            assert store.post_count() == 7 and "x" not in store.sites()
        finally:
            await browser.close()
    assert problems == []


async def test_page_goal_dates_labels_and_import_bar(companion):
    await seed(companion)
    problems: list[str] = []
    async with async_playwright() as playwright:
        browser, page = await open_page(playwright, url_of(companion), problems)
        try:
            assert not await page.is_visible("#import-progress")  # no empty bar before an import
            options = await page.locator("#filters select[name=label] option").all_inner_texts()
            assert options == ["all", *LABEL_NAMES.values()]
            badges = set(await page.locator("#posts .badge").all_inner_texts()) - {"imported"}
            assert badges <= set(LABEL_NAMES.values())
            await page.fill("#goal", "33")
            await page.click("#goal-form button")
            await page.wait_for_selector("#status:has-text('Goal saved')")
            assert (await companion.get("/api/v1/settings", headers=companion.auth)).status == 200
            assert (await (await companion.get("/api/v1/settings", headers=companion.auth)).json())[
                "goal"
            ] == 33
            for bad in ("33.5", "101", "-1", ""):
                await page.fill("#goal", bad)
                await page.click("#goal-form button")
                await page.wait_for_selector(
                    "#status.error:has-text('whole number of percent, from 0 to 100')"
                )
            await page.fill("#filters input[name=since]", "2026-11-01")
            await page.fill("#filters input[name=until]", "2026-10-01")
            await page.click("#filters button[type=submit]")
            await page.wait_for_selector("#status.error:has-text('is after “To”')")
            await page.fill("#filters input[name=since]", "")
            await page.fill("#filters input[name=until]", "")
            await page.select_option("#filters select[name=label]", "self_promotion")
            await page.click("#filters button[type=submit]")
            await page.wait_for_selector("#scope:has-text('About you')")
            assert await page.inner_text("#card-ratio") == "–"
            assert "clear the Label filter" in await page.inner_text("#card-ratio-sub")
        finally:
            await browser.close()
    assert problems == []


async def test_page_a_long_history_is_paged_with_nudges_collapsed(companion):
    for day in range(1, 16):
        text = "Thrilled to announce my new book!!! Link in bio. DM me. #a #b #c #d #e #f"
        body = {"id": str(uuid.uuid4()), "site": "linkedin", "text": text,
                "posted_at": f"2026-11-{day:02d}T09:00:00Z"}  # fmt: skip
        assert (
            await companion.post("/api/v1/posts", json=body, headers=companion.auth)
        ).status == 201
    problems: list[str] = []
    async with async_playwright() as playwright:
        browser, page = await open_page(playwright, url_of(companion), problems,
                                        viewport={"width": 1280, "height": 900})  # fmt: skip
        try:
            assert await page.locator("#posts li.post").count() == 10
            assert await page.inner_text("#page-info") == "1–10 of 15"
            assert await page.locator("#posts details.nudges-box[open]").count() == 0
            assert not await page.locator("#posts .nudges li").first.is_visible()
            height = await page.evaluate("document.querySelector('#posts').scrollHeight")
            assert height < 2000, height  # was 4,900 px for 15 posts with every nudge open
            await page.locator("#posts details.nudges-box summary").first.click()
            assert await page.locator("#posts .nudges li").first.is_visible()
            await page.click("#next")
            await page.wait_for_selector("#page-info:has-text('11–15 of 15')")
        finally:
            await browser.close()
    assert problems == []


async def test_page_marks_posts_not_in_english_and_offers_to_count_them(companion):
    text = "Vielen Dank an @maria für die Hilfe beim Umzug, das war wirklich großartig!"
    body = {"id": str(uuid.uuid4()), "site": "x", "text": text}
    assert (await companion.post("/api/v1/posts", json=body, headers=companion.auth)).status == 201
    await seed(companion)
    problems: list[str] = []
    async with async_playwright() as playwright:
        browser, page = await open_page(playwright, url_of(companion), problems)
        try:
            assert await page.locator("#posts .badge:has-text('not English (de)')").count() == 1
            assert await page.inner_text("#card-posts") == "10"
            await page.check("#count-languages")
            await page.wait_for_selector("#status:has-text('every language')")
            await page.wait_for_function(
                "document.querySelector('#card-posts').textContent === '11'"
            )
        finally:
            await browser.close()
    assert problems == []
