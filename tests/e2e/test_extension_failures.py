"""What goes wrong in real life, with the real parts: the companion stopped, a wrong
token, answers that arrive after the user typed on, the service worker stopped with a post
in its queue. Nothing published may be lost or counted twice."""

from __future__ import annotations

import os
import signal
import time
import uuid

import pytest
from extension_harness import (
    EDITOR_PAGES,
    EDITORS_BY_SITE,
    open_editor,
    pill,
    type_draft,
    utf16_len,
    wait_for_pill,
    wait_until,
)

pytestmark = pytest.mark.browser


def unique(text: str) -> str:
    return f"{text} ({uuid.uuid4().hex[:8]})"


def publish_on(context, origin, editor, text, *, problem=None):
    page = context.new_page()
    open_editor(page, origin, editor)
    type_draft(page, text)
    if problem:
        wait_for_pill(page, problem=problem)
    page.click(editor.publish)
    page.close()


def test_queue_delivers_posts_published_while_companion_down(
    paired, companion, fixture_origins, browser_context
):
    """Every editor, companion stopped: the pill says so, each post waits in the queue,
    and once the companion is back each is recorded exactly once, with its queued id."""
    companion.stop()
    try:
        texts = {
            editor.site: unique(f"Thanks to @lin for the help with {editor.library}")
            for editor in EDITOR_PAGES
        }
        for editor in EDITOR_PAGES:
            publish_on(browser_context, fixture_origins[editor.site], editor,
                       texts[editor.site], problem="offline")  # fmt: skip
        queue = wait_until(lambda: len(q := paired.queue()) == len(texts) and q,
                           message="every post queued")  # fmt: skip
        assert {post["text"] for post in queue} == set(texts.values())
        status = paired.status()
        assert (status["reachable"], status["queued"]) == (False, len(texts))
    finally:
        companion.start()
    queued_ids = {post["text"]: post["id"] for post in queue}
    paired.status()  # the popup asks for the status, which also delivers the queue
    for site, text in texts.items():
        posts = wait_until(lambda: companion.posts_with_text(text),  # noqa: B023
                           message=f"the {site} post recorded")  # fmt: skip
        assert [(p["id"], p["site"]) for p in posts] == [(queued_ids[text], site)]
    wait_until(lambda: paired.queue() == [], message="the queue emptied")
    paired.status()  # asking again sends nothing twice
    for text in texts.values():
        assert len(companion.posts_with_text(text)) == 1


def test_queue_survives_service_worker_restart(paired, companion, fixture_origins, browser_context):
    editor = EDITORS_BY_SITE["mastodon"]
    text = unique("Kudos to @sam for the review")
    companion.stop()
    try:
        publish_on(browser_context, fixture_origins["mastodon"], editor, text, problem="offline")
        queued = wait_until(lambda: paired.queue(), message="the post queued")
        before = paired.background_instance()
        paired.stop_worker()
    finally:
        companion.start()
    status = paired.status()  # wakes a new background, which finds the post in storage
    assert paired.background_instance() not in (None, before)
    assert status["reachable"]
    posts = wait_until(lambda: companion.posts_with_text(text), message="the post recorded")
    assert [post["id"] for post in posts] == [queued[0]["id"]]
    wait_until(lambda: paired.queue() == [], message="the queue emptied")


def test_companion_wrong_token_is_reported_and_posts_wait(
    paired, companion, fixture_origins, browser_context
):
    editor = EDITORS_BY_SITE["mastodon"]
    text = unique("Thanks @kim for pairing on this")
    paired.configure(port=companion.port, token="not-the-token-0123456789", origins=fixture_origins)
    try:
        status = paired.status()
        assert (status["reachable"], status["paired"]) == (True, False)
        assert status["error"]["code"] == "unauthorized"
        publish_on(browser_context, fixture_origins["mastodon"], editor, text,
                   problem="unauthorized")  # fmt: skip
        queued = wait_until(lambda: paired.queue(), message="the post queued")
        wait_until(lambda: (paired.queue() or [{}])[0].get("last_error"),
                   message="the refusal noted")  # fmt: skip
        assert paired.queue()[0]["last_error"]["code"] == "unauthorized"
        assert companion.posts_with_text(text) == []
    finally:
        paired.configure(port=companion.port, token=companion.token, origins=fixture_origins)
    posts = wait_until(lambda: companion.posts_with_text(text), message="the post recorded")
    assert [post["id"] for post in posts] == [queued[0]["id"]]


def test_overlay_drops_stale_answers(paired, companion, fixture_origins, page):
    """The companion is paused while a draft is scored; the user types on; its late answer
    about the old text must not be shown, and every report shown is about the text on screen."""
    editor = EDITORS_BY_SITE["linkedin"]
    open_editor(page, fixture_origins["linkedin"], editor)
    page.evaluate(
        """() => {
          window.updates = [];
          const host = document.querySelector('spotlight-overlay');
          new MutationObserver(() => {
            const pill = host.shadowRoot.querySelector('.pill');
            if (pill.dataset.label && pill.dataset.label !== 'problem' &&
                !pill.classList.contains('stale')) {
              window.updates.push([Number(pill.dataset.chars), fixture.getText().length]);
            }
          }).observe(host.shadowRoot, {attributes: true, subtree: true});
        }"""
    )
    first, more = "Thanks to @ada", " for the careful review of every chapter."
    os.kill(companion.process.pid, signal.SIGSTOP)
    try:
        type_draft(page, first)
        time.sleep(0.8)  # the pause sends `first`; the paused companion holds the answer
        type_draft(page, more)
        time.sleep(0.8)  # the next pause waits for the answer in flight
    finally:
        os.kill(companion.process.pid, signal.SIGCONT)
    shown = wait_for_pill(page, chars=utf16_len(first + more))
    assert int(shown.get("dropped", 0)) >= 1
    updates = page.evaluate("window.updates")
    assert updates and all(chars == length for chars, length in updates), updates


def test_overlay_dismiss_rule_syncs_to_companion(paired, companion, fixture_origins, page):
    editor = EDITORS_BY_SITE["linkedin"]
    open_editor(page, fixture_origins["linkedin"], editor)
    type_draft(page, "I am thrilled to announce my new book!")
    wait_for_pill(page)
    page.locator("spotlight-overlay .pill").click()
    nudge = page.locator("spotlight-overlay .nudge[data-rule=corporate_speak]")
    try:
        nudge.locator("button.dismiss").click()
        wait_until(lambda: "corporate_speak"
                   in companion.api("GET", "/settings")["disabled_rules"],
                   message="the rule disabled in the companion")  # fmt: skip
        nudge.wait_for(state="detached")
        assert page.locator("spotlight-overlay .nudge[data-rule=self_promotion]").count() == 1
    finally:
        companion.api("PUT", "/settings", {"disabled_rules": []})


def test_generic_adapter_runs_only_where_enabled(paired, fixture_origins, browser_context):
    """The generic adapter is off by default: on an origin nobody enabled, nothing runs;
    on the origin enabled for it, a plain contenteditable gets the pill."""
    editor = EDITORS_BY_SITE["linkedin"]  # Quill, seen by the generic adapter
    enabled = fixture_origins["generic"]
    not_enabled = enabled.replace("127.0.0.1", "localhost")
    for origin, expect_pill in ((not_enabled, False), (enabled, True)):
        page = browser_context.new_page()
        open_editor(page, origin, editor)
        type_draft(page, "Congratulations to Priya for leading the launch!")
        if expect_pill:
            assert wait_for_pill(page)["label"] != "problem"
        else:
            time.sleep(1.5)
            assert pill(page) is None
            assert page.locator("spotlight-overlay").count() == 0
        page.close()


@pytest.mark.slow
def test_queue_retried_by_alarm_alone(paired, companion, fixture_origins, browser_context):
    """Nobody types or opens the popup after the companion comes back: the background's
    alarm (every 30 s while posts wait) delivers the post anyway."""
    editor = EDITORS_BY_SITE["mastodon"]
    text = unique("Shout-out to @bo for fixing the build")
    paired.queue()  # the helper page is open before the companion stops
    companion.stop()
    try:
        publish_on(browser_context, fixture_origins["mastodon"], editor, text, problem="offline")
        queued = wait_until(lambda: paired.queue(), message="the post queued")
    finally:
        companion.start()
    posts = wait_until(lambda: companion.posts_with_text(text), timeout=90, interval=1,
                       message="the alarm to deliver the post")  # fmt: skip
    assert [post["id"] for post in posts] == [queued[0]["id"]]


@pytest.mark.parametrize("site", ["mastodon", "facebook"])
def test_overlay_waits_for_ime_composition(site, paired, fixture_origins, page, browser_name):
    """While an input method composes (isComposing), nothing is scored; the committed text is."""
    if browser_name == "firefox":
        pytest.skip("composing with an input method needs CDP's Input.imeSetComposition")
    editor = EDITORS_BY_SITE[site]
    open_editor(page, fixture_origins[site], editor)
    cdp = page.context.new_cdp_session(page)
    for partial in ("ありが", "ありがとう"):
        end = len(partial)
        cdp.send(
            "Input.imeSetComposition", {"text": partial, "selectionStart": end, "selectionEnd": end}
        )
        time.sleep(0.2)
    time.sleep(0.8)  # several debounce periods: a composing draft must not have been sent
    assert pill(page) is None
    cdp.send("Input.insertText", {"text": "ありがとう"})
    cdp.detach()
    page.keyboard.type(" to @ada for the help")
    text = "ありがとう to @ada for the help"
    assert page.evaluate("fixture.getText()") == text
    assert wait_for_pill(page, chars=utf16_len(text))["label"] != "problem"
