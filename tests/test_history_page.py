"""The history page in real headless Chromium (Debian's), against a real server and database."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from companion.server.state import STORE

pytestmark = [pytest.mark.asyncio, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> thanks @maria'
POSTS = [  # (day, site, text)
    ("2026-10-05", "linkedin", "Huge thanks to @maria and Priya Patel for reviewing the plan!"),
    ("2026-10-07", "linkedin", "Thrilled to announce my new book! Link in bio. DM me for a copy."),
    ("2026-10-14", "x", "Congrats to @jon.doe on shipping the new search. Proud of this team!"),
    ("2026-10-15", "mastodon.social", "I was wrong about microservices. What did you learn?"),
    ("2026-10-22", "linkedin", "Excited to share that I've joined Acme. Sign up for my list."),
    ("2026-10-29", "x", "Shout-out to Aisha for the brilliant talk on accessibility. Go watch it."),
    ("2026-11-03", "linkedin", "My new course is live! Buy now, 50% off this week only."),
    ("2026-11-05", "bluesky", "Meet @sam.codes: the best mentor I know. Thanks, Sam!"),
    ("2026-11-12", "x", XSS),
    ("2026-11-19", "linkedin", "Kudos to Priya Patel and @maria for the migration. Flawless work."),
]


@pytest.fixture(scope="module")
def chromium_available():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/test installs Debian's chromium")


async def seed(companion) -> list[str]:
    ids = []
    for day, site, text in POSTS:
        body = {"id": str(uuid.uuid4()), "text": text, "site": site,
                "posted_at": f"{day}T09:00:00+02:00"}  # fmt: skip
        response = await companion.post("/api/v1/posts", json=body, headers=companion.auth)
        assert response.status == 201, await response.text()
        ids.append(body["id"])
    return ids


async def open_page(playwright, url: str, problems: list[str], **context_options):
    browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
    context = await browser.new_context(**context_options)
    page = await context.new_page()
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    await page.goto(url)
    await page.wait_for_selector("body[data-loaded=true]", timeout=30_000)
    return browser, page


def url_of(companion) -> str:
    return f"http://127.0.0.1:{companion.server.port}/"


async def test_history_page_draws_charts_escapes_text_and_deletes(companion, chromium_available):
    await seed(companion)
    problems: list[str] = []
    async with async_playwright() as playwright:
        browser, page = await open_page(playwright, url_of(companion), problems,
                                        viewport={"width": 1280, "height": 900})  # fmt: skip
        try:
            assert await page.is_visible("#content") and not await page.is_visible("#empty")
            # charts drawn: Chart.js holds the data and the canvases have pixels on them
            for canvas, bars in (("give-chart", 1), ("scores-chart", 0), ("sites-chart", 0)):
                points = await page.evaluate(
                    f"Chart.getChart('{canvas}').data.datasets[{bars}].data.length"
                )
                assert points > 0, canvas
                inked = await page.evaluate(f"""(() => {{
                    const c = document.getElementById('{canvas}');
                    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                    let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
                    return n; }})()""")  # fmt: skip
                assert inked > 500, canvas
            weeks = await page.evaluate("Chart.getChart('give-chart').data.labels")
            assert weeks[0] == "2026-10-05" and len(weeks) == 7
            # the XSS attempt is shown as text and ran nothing
            texts = await page.locator("#posts .text").all_inner_texts()
            assert XSS in texts
            assert await page.evaluate("window.__xss") is None
            assert await page.locator("#posts img, #posts script").count() == 0
            assert "Priya Patel" in await page.inner_text("#people")
            ARTIFACTS.mkdir(exist_ok=True)
            await page.screenshot(path=str(ARTIFACTS / "history-page.png"), full_page=True)

            # delete one post through the UI, confirming in the dialog
            before = companion.app[STORE].post_count()
            first = page.locator("#posts li.post").first
            deleted_id = await first.get_attribute("data-id")
            await first.locator("button.delete").click()
            await page.click("#confirm-ok")
            await page.wait_for_selector(f'#posts li[data-id="{deleted_id}"]', state="detached")
            assert companion.app[STORE].post_count() == before - 1
            assert companion.app[STORE].get_post(deleted_id) is None

            # cancelling "delete all" deletes nothing
            await page.click("#delete-all")
            await page.click("#confirm button[value=cancel]")
            assert companion.app[STORE].post_count() == before - 1

            # the goal is editable on the page
            await page.fill("#goal", "70")
            await page.click("#goal-form button")
            await page.wait_for_selector("#status:has-text('Goal saved')")
            assert (
                await page.evaluate("Chart.getChart('give-chart').data.datasets[0].data[0]") == 70
            )
        finally:
            await browser.close()
    assert problems == []


async def test_history_page_filters_by_site_and_works_on_a_phone(companion, chromium_available):
    await seed(companion)
    problems: list[str] = []
    async with async_playwright() as playwright:
        browser, page = await open_page(playwright, url_of(companion), problems,
                                        viewport={"width": 390, "height": 844},
                                        device_scale_factor=2, is_mobile=True)  # fmt: skip
        try:
            await page.select_option("#filters select[name=site]", "x")
            await page.click("#filters button[type=submit]")
            await page.wait_for_function(
                "() => document.querySelectorAll('#posts li.post').length === 3"
            )
            metas = await page.locator("#posts .post-head .meta").all_inner_texts()
            assert all(" · x · " in meta for meta in metas)
            width = await page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390  # nothing wider than the phone's screen
            ARTIFACTS.mkdir(exist_ok=True)
            await page.screenshot(path=str(ARTIFACTS / "history-page-phone.png"), full_page=True)
        finally:
            await browser.close()
    assert problems == []


async def test_history_page_empty_state_and_delete_all(companion, chromium_available):
    problems: list[str] = []
    async with async_playwright() as playwright:
        browser, page = await open_page(playwright, url_of(companion), problems)
        try:
            assert await page.is_visible("#empty")
            assert "Load the extension" in await page.inner_text("#empty")
            await seed(companion)
            await page.reload()
            await page.wait_for_selector("body[data-loaded=true]")
            await page.click("#delete-all")
            await page.click("#confirm-ok")
            await page.wait_for_selector("#empty", state="visible")
            assert companion.app[STORE].post_count() == 0
        finally:
            await browser.close()
    assert problems == []
