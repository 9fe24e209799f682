"""The people on the history page in real Chromium: the two lists, merge and undo, the
listen chart, whom you could thank (issue 11)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from playwright.async_api import async_playwright
from test_history_page import ARTIFACTS, chromium_available, open_page, url_of  # noqa: F401

from companion.server.state import STORE

pytestmark = [pytest.mark.asyncio, pytest.mark.browser]

NOW = dt.datetime.now(dt.UTC)
POSTS = [  # (days ago, site, kind, replied_to, text)
    (20, "linkedin", "post", [], "Huge thanks to Priya Patel for reviewing the launch plan!"),
    (18, "x", "post", [], "Congrats to Kim Kardashian on the new show. Well deserved!"),
    (12, "bluesky", "post", [], "Thanks @sam.codes for the thorough review, it helped a lot."),
    (9, "linkedin", "post", [], "Kudos to Sam Okafor for leading the migration. Brilliant work."),
    (6, "linkedin", "comment", ["Dana Whitfield"], "We kept the old queue for a week too."),
    (5, "x", "reply", ["@marco"], "Good question: we measured it twice before switching."),
    (2, "linkedin", "post", [], "Thrilled to announce my new course! Sign up today."),
]


async def seed(companion):
    store = companion.app[STORE]
    accounts = [
        {"account": "in/priya", "name": "Priya Patel", "connected_on": "2024-01-02"},
        {"account": "in/sam", "name": "Sam Okafor", "connected_on": "2022-05-01"},
        {"account": "in/dana", "name": "Dana Whitfield", "connected_on": "2021-03-04"},
    ]
    store.record_network({"site": "linkedin", "direction": "connection", "source": "t",
                          "as_of": NOW.date().isoformat(), "accounts": accounts})  # fmt: skip
    for days, site, kind, replied_to, text in POSTS:
        when = (NOW - dt.timedelta(days=days)).strftime("%Y-%m-%dT09:00:00Z")
        body = {"id": str(uuid.uuid4()), "text": text, "site": site, "kind": kind,
                "replied_to": replied_to, "posted_at": when}  # fmt: skip
        response = await companion.post("/api/v1/posts", json=body, headers=companion.auth)
        assert response.status == 201, await response.text()


async def names(page, selector):
    return await page.locator(f"{selector} li .name").all_inner_texts()


async def test_history_page_people_lists_merge_undo_and_listen_chart(
    companion,
    chromium_available,  # noqa: F811
):
    await seed(companion)
    problems: list[str] = []
    async with async_playwright() as playwright:
        browser, page = await open_page(playwright, url_of(companion), problems,
                                        viewport={"width": 1280, "height": 900})  # fmt: skip
        try:
            known = await names(page, "#people-known")
            public = await names(page, "#people-public")
            assert "Priya Patel" in known and "Sam Okafor" in known
            assert "Kim Kardashian" in public and "Kim Kardashian" not in known
            assert "Priya Patel" not in public
            assert "Dana Whitfield" in await names(page, "#thank")
            answered = await names(page, "#people-answered")
            assert set(answered) == {"Dana Whitfield", "@marco"}
            # the listen chart: 2 answers of 7 items, against the 30% goal
            data = await page.evaluate("Chart.getChart('listen-chart').data.datasets[1].data")
            assert [v for v in data if v is not None] and max(v or 0 for v in data) > 0
            goal = await page.evaluate("Chart.getChart('listen-chart').data.datasets[0].data[0]")
            assert goal == 30
            inked = await page.evaluate("""(() => {
                const c = document.getElementById('listen-chart');
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
                return n; })()""")  # fmt: skip
            assert inked > 500
            assert "to people you know" in await page.inner_text("#card-ratio-sub")
            ARTIFACTS.mkdir(exist_ok=True)
            await page.screenshot(path=str(ARTIFACTS / "history-people.png"), full_page=True)

            # merge @sam.codes into Sam Okafor: tick Sam Okafor first (the one kept)
            await page.check("#people-known input[aria-label='Select Sam Okafor']")
            assert await page.is_disabled("#merge")
            await page.check("#people-public input[aria-label='Select @sam.codes']")
            await page.click("#merge")
            await page.wait_for_selector("#status:has-text('Merged 2 entries into Sam Okafor')")
            assert "@sam.codes" not in await names(page, "#people-public")
            sam = page.locator("#people-known li", has_text="Sam Okafor")
            assert "@sam.codes (bluesky)" in await sam.inner_text()
            assert "2 posts lifting them up" in await sam.inner_text()
            assert companion.app[STORE].list_people(known=True)[1] == 3

            # undo it from the status line
            await page.click("#undo-merge")
            await page.wait_for_selector("#status:has-text('Separated Sam Okafor again')")
            assert "@sam.codes" in await names(page, "#people-public")
            assert (
                "1 post lifting them up"
                in await page.locator("#people-known li", has_text="Sam Okafor").inner_text()
            )

            # the listen goal is editable like the give goal
            await page.fill("#listen-goal", "40")
            await page.click("#listen-goal-form button")
            await page.wait_for_selector("#status:has-text('Listen goal saved')")
            goal = await page.evaluate("Chart.getChart('listen-chart').data.datasets[0].data[0]")
            assert goal == 40
        finally:
            await browser.close()
    assert problems == []


async def test_history_page_people_follow_the_filters(
    companion,
    chromium_available,  # noqa: F811
):
    """Filtered to one site, the people lists count that site's posts, and say so."""
    await seed(companion)
    problems: list[str] = []
    async with async_playwright() as playwright:
        browser, page = await open_page(playwright, url_of(companion), problems)
        try:
            assert "Priya Patel" in await names(page, "#people-known")
            assert await page.inner_text("#people-scope") == ""
            await page.select_option("#filters select[name=site]", "bluesky")
            await page.click("#filters button[type=submit]")
            await page.wait_for_selector("#people-scope:has-text('site bluesky')")
            assert await names(page, "#people-public") == ["@sam.codes"]
            assert await names(page, "#people-known") == []
            known = await page.inner_text("#people-known")
            assert "No one you know lifted up in these posts" in known
            assert await names(page, "#people-answered") == []
            assert "Dana Whitfield" in await names(page, "#thank")  # always all posts
            await page.click("#filters button[type=reset]")
            await page.wait_for_function(
                "() => document.getElementById('people-scope').textContent === ''"
            )
            assert "Priya Patel" in await names(page, "#people-known")
            assert set(await names(page, "#people-answered")) == {"Dana Whitfield", "@marco"}
        finally:
            await browser.close()
    assert problems == []


async def test_history_page_people_on_a_phone_and_names_as_text(
    companion,
    chromium_available,  # noqa: F811
):
    store = companion.app[STORE]
    evil = '<img src=x onerror="window.__xss=1">Eve'
    eve = {"account": "in/eve", "name": evil, "connected_on": NOW.date().isoformat()}
    store.record_network({"site": "linkedin", "direction": "connection", "as_of": "2026-01-01",
                          "source": "t", "accounts": [eve]})  # fmt: skip
    await seed(companion)
    problems: list[str] = []
    async with async_playwright() as playwright:
        browser, page = await open_page(playwright, url_of(companion), problems,
                                        viewport={"width": 390, "height": 844},
                                        device_scale_factor=2, is_mobile=True)  # fmt: skip
        try:
            width = await page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390
            assert evil in await names(page, "#thank")  # connected today: shown, as text
            assert await page.evaluate("window.__xss") is None
            assert await page.locator("#people img, #thank img").count() == 0
            await page.screenshot(path=str(ARTIFACTS / "history-people-phone.png"), full_page=True)
        finally:
            await browser.close()
    assert problems == []


async def test_history_page_imports_a_network_with_the_posts(
    companion,
    tmp_path,
    chromium_available,  # noqa: F811
):
    from archive_builders import ARCHIVES, zip_folder

    connections = (ARCHIVES / "network" / "linkedin" / "Connections.csv").read_text()
    archive = zip_folder(ARCHIVES / "linkedin", tmp_path / "Complete_LinkedInDataExport.zip",
                         extra={"Connections.csv": connections})  # fmt: skip
    problems: list[str] = []
    async with async_playwright() as playwright:
        browser, page = await open_page(playwright, url_of(companion), problems)
        try:
            await page.set_input_files("#import-file", str(archive))
            await page.click("#import-start")
            status = page.locator("#import-status")
            for _ in range(600):  # CSP forbids eval, so no wait_for_function
                text = await status.text_content()
                if "unreadable" in text or "Could not" in text:
                    break
                await page.wait_for_timeout(200)
            text = await status.text_content()
            assert "(LinkedIn connections, LinkedIn): 4 added" in text
            assert text.endswith("Network: 5 connections, 5 new, 0 no longer connected.")
            assert companion.app[STORE].connection_count(connected=True) == 5
        finally:
            await browser.close()
    assert problems == []
