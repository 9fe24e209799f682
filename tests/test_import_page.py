"""The history page's import in real headless Chromium: choose an export, watch it import,
see the posts with their original dates marked as imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from archive_builders import ARCHIVES, zip_folder
from playwright.async_api import async_playwright

pytestmark = [pytest.mark.asyncio, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


async def test_import_page_imports_an_export_and_marks_its_posts(companion, tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/test installs Debian's chromium")
    archive = zip_folder(ARCHIVES / "linkedin", tmp_path / "Basic_LinkedInDataExport.zip")
    problems: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=ARGS, headless=True
        )
        try:
            page = await browser.new_page()
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: problems.append(str(error)))
            await page.goto(f"http://127.0.0.1:{companion.server.port}/")
            await page.wait_for_selector("body[data-loaded=true]", timeout=30_000)
            assert await page.is_visible("#empty")  # nothing yet: the import is still offered
            await page.set_input_files("#import-file", str(archive))
            await page.click("#import-start")
            status = page.locator("#import-status")
            for _ in range(600):  # CSP forbids eval, so no wait_for_function
                text = await status.text_content()
                if "added" in text or "Could not" in text:
                    break
                await page.wait_for_timeout(200)
            assert await page.locator("#import-status").text_content() == (
                "Basic_LinkedInDataExport.zip (LinkedIn): 4 added, 0 already in your history, "
                "left out: 1 repost without words, 0 unreadable."
            )
            await page.wait_for_selector("#posts li.post", timeout=30_000)
            posts = page.locator("#posts li.post")
            assert await posts.count() == 4
            assert await page.locator("#posts .badge.imported").count() == 4
            metas = await page.locator("#posts .post-head .meta").all_text_contents()
            assert metas == [
                "2024-05-03 · linkedin · comment",
                "2024-05-02 · linkedin · post",
                "2024-04-28 · linkedin · comment",
                "2024-04-20 · linkedin · post",
            ]
            labels = await page.locator("#posts .post-head .badge:first-child").all_text_contents()
            # The two clear cases: congratulating a colleague, announcing one's own book.
            assert (labels[1], labels[3]) == ("Lifts others", "About you")
            assert await page.locator("#card-posts").text_content() == "4"
        finally:
            await browser.close()
    assert problems == []
