"""The extension's own pages: options (restore on load, save on submit, rules kept by the
companion), the popup (reachable, queue, give ratio, history link) and pairing by opening
the companion's history page."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_options_restores_and_saves_rules(paired, companion, page, artifacts):
    page.goto(paired.url("options/options.html"))
    page.wait_for_selector("#status[data-state=connected]")
    page.wait_for_selector("input[name=rule]")
    page.screenshot(path=artifacts / "options.png", full_page=True)
    assert page.input_value("#token") == companion.token
    assert page.input_value("#port") == str(companion.port)
    rules = companion.api("GET", "/settings")["rules"]
    boxes = page.locator("input[name=rule]")
    assert boxes.count() == len(rules)
    try:
        page.uncheck("input[name=rule][value=corporate_speak]")
        page.click("button[type=submit]")
        page.wait_for_selector("#saved:not(:empty)")
        assert companion.api("GET", "/settings")["disabled_rules"] == ["corporate_speak"]
        page.reload()
        page.wait_for_selector("#status[data-state=connected]")
        page.wait_for_selector("input[name=rule]")
        assert not page.is_checked("input[name=rule][value=corporate_speak]")
    finally:
        companion.api("PUT", "/settings", {"disabled_rules": []})


def test_popup_shows_companion_queue_and_give_ratio(paired, companion, page, artifacts):
    page.set_viewport_size({"width": 300, "height": 160})
    page.goto(paired.url("popup/popup.html"))
    page.wait_for_selector("#companion[data-state=connected]")
    page.screenshot(path=artifacts / "popup.png")
    assert page.inner_text("#queue") == "No posts waiting"
    assert page.get_attribute("#history", "href") == f"{companion.url}/"
    week = companion.api("GET", "/trends?bucket=week")["buckets"]
    ratio = page.inner_text("#ratio")
    if week and week[-1]["give_ratio"] is not None:
        assert f"{round(week[-1]['give_ratio'] * 100)}%" in ratio
    else:
        assert ratio == "No posts recorded this week yet"


def test_pairing_by_opening_the_history_page(paired, companion, fixture_origins, page):
    """Forget the token, open the history page once: the extension is paired again."""
    paired.configure(port=companion.port, token="", origins=fixture_origins)
    assert paired.status()["error"]["code"] == "unauthorized"
    page.goto(f"{companion.url}/")
    page.wait_for_selector("html[data-spotlight-paired=yes]")
    assert paired.storage("settings")["token"] == companion.token
    assert paired.status()["paired"]


def test_options_turns_a_site_off(paired, companion, fixture_origins, page):
    from extension_harness import EDITORS_BY_SITE, open_editor, pill, type_draft

    options = paired.context.new_page()
    options.goto(paired.url("options/options.html"))
    # Loaded: the status is in and the rules listed above the Save button (it moves).
    options.wait_for_selector("#status[data-state]", state="attached")
    options.uncheck("input[name=site][value=mastodon]")
    options.click("button[type=submit]")
    options.wait_for_selector("#saved:not(:empty)")
    try:
        open_editor(page, fixture_origins["mastodon"], EDITORS_BY_SITE["mastodon"])
        type_draft(page, "Thanks to @ada for the review!")
        page.wait_for_timeout(1500)
        assert pill(page) is None
    finally:
        options.check("input[name=site][value=mastodon]")
        options.click("button[type=submit]")
        options.wait_for_selector("#saved:not(:empty)")
        options.close()
    assert paired.storage("settings")["sites"]["mastodon"] is True


def test_pairing_refused_from_another_loopback_page(paired, companion, fixture_origins, page):
    """A page on another loopback port with a token in the same <meta> cannot take over."""
    before = paired.storage("settings")
    page.goto(f"{fixture_origins['generic']}/pages/not-the-companion.html")
    page.wait_for_selector("html[data-spotlight-paired=no]")
    after = paired.storage("settings")
    assert (after["port"], after["token"]) == (before["port"], before["token"])
    assert paired.status()["paired"]
