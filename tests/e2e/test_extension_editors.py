"""The extension on each editor the supported sites use, in real Chromium, against a real
companion: the pill, the highlights, the editor left intact, publishing."""

from __future__ import annotations

import time
import uuid

import pytest
from extension_harness import (
    EDITOR_PAGES,
    SOFT_BREAK,
    as_shown,
    mark_rects,
    open_editor,
    replace_draft,
    same_rect,
    type_draft,
    utf16_len,
    utf16_slice,
    wait_for_pill,
    wait_until,
    word_rects,
)

pytestmark = pytest.mark.browser

EDITORS = pytest.mark.parametrize("editor", EDITOR_PAGES, ids=lambda e: f"{e.site}-{e.library}")

SELF_PROMOTION = "I am thrilled to announce my new book! Buy it now, link in bio."
LIFTS_OTHERS = "Huge thanks to @maria and Jon Diaz for reviewing every chapter with such care."
# A blank line and an emoji (two UTF-16 units) before the words that get highlighted.
WITH_EMOJI = "Big day.\n\n🎉 I am thrilled to announce my new book, buy it now!"


@EDITORS
def test_overlay_pill_shows_label(editor, page, paired, companion, fixture_origins):
    open_editor(page, fixture_origins[editor.site], editor)
    for text in (SELF_PROMOTION, LIFTS_OTHERS):
        replace_draft(page, text)
        expected = companion.api("POST", "/score", {"text": text})["label"]
        shown = wait_for_pill(page, chars=utf16_len(text))
        assert shown["label"] == expected
    assert companion.api("POST", "/score", {"text": SELF_PROMOTION})["label"] == "self_promotion"
    assert shown["label"] == "promotes_others"


# The same words after a soft line break (Shift+Enter: a <br> inside the paragraph; a
# textarea's newline; Quill, which has no soft break, starts a paragraph).
WITH_SOFT_BREAK = "Big day." + SOFT_BREAK + "🎉 I am thrilled to announce my new book, buy it now!"


@EDITORS
@pytest.mark.parametrize("draft", [WITH_EMOJI, WITH_SOFT_BREAK], ids=["paragraphs", "soft-break"])
def test_overlay_highlight_lands_on_words(editor, draft, page, paired, companion, fixture_origins):
    open_editor(page, fixture_origins[editor.site], editor)
    type_draft(page, draft)
    text = as_shown(draft)
    assert page.evaluate("fixture.getText()") == text
    wait_for_pill(page, chars=utf16_len(text))
    report = companion.api("POST", "/score", {"text": text})
    nudges = [nudge for nudge in report["nudges"] if nudge["spans"]]
    assert nudges, "the draft should raise a nudge about some words"
    for nudge in nudges:
        marks = wait_until(lambda: mark_rects(page, nudge["rule"]), timeout=5,  # noqa: B023
                           message=f"highlight boxes for {nudge['rule']}")  # fmt: skip
        for index, span in enumerate(nudge["spans"]):
            words = utf16_slice(text, span["start"], span["end"])
            drawn = [mark for mark in marks if mark["span"] == index]
            if editor.library == "textarea":
                assert_caret_lands_in(page, editor, drawn, span)
                continue
            expected = word_rects(page, editor.composer, words)
            assert expected, f"{words!r} not found in the editor"
            assert len(drawn) == len(expected), (words, drawn, expected)
            for want, got in zip(expected, drawn, strict=True):
                assert same_rect(want, got), (words, want, got)
    assert_highlights_follow_the_words(page, editor, nudges[0], text)


def assert_highlights_follow_the_words(page, editor, nudge, text):
    """After the page scrolls and the window shrinks, the boxes are still on the words."""
    span = nudge["spans"][0]
    words = utf16_slice(text, span["start"], span["end"])
    page.evaluate("document.body.style.paddingBottom = '2000px'; window.scrollBy(0, 37)")
    page.set_viewport_size({"width": 700, "height": 600})
    try:
        if editor.library == "textarea":
            wait_until(
                lambda: (
                    not caret_misses(
                        page,
                        editor,
                        [m for m in mark_rects(page, nudge["rule"]) if m["span"] == 0],
                        span,
                    )
                ),
                timeout=5,
                message="the boxes to follow scrolling and resizing",
            )
            return
        wait_until(
            lambda: (
                (want := word_rects(page, editor.composer, words))
                and (got := [m for m in mark_rects(page, nudge["rule"]) if m["span"] == 0])
                and len(want) == len(got)
                and all(same_rect(w, g) for w, g in zip(want, got, strict=True))
            ),
            timeout=5,
            message=f"the boxes over {words!r} to follow scrolling and resizing",
        )
    finally:
        page.set_viewport_size({"width": 1100, "height": 800})


def caret_misses(page, editor, drawn, span):
    """A textarea has no text nodes to measure: a click at each end of a highlight box must
    put the caret at that end of the span. Returns the clicks that missed."""
    if not drawn:
        return ["no boxes"]
    first, last = drawn[0], drawn[-1]
    misses = []
    for x, y, offset in (
        (first["left"] + 1, first["top"] + first["height"] / 2, span["start"]),
        (last["left"] + last["width"] - 1, last["top"] + last["height"] / 2, span["end"]),
    ):
        page.mouse.click(x, y)
        caret = page.evaluate(f"document.querySelector('{editor.composer}').selectionStart")
        if abs(caret - offset) > 1:
            misses.append((caret, offset))
    return misses


def assert_caret_lands_in(page, editor, drawn, span):
    assert caret_misses(page, editor, drawn, span) == [], span


@EDITORS
def test_overlay_leaves_editor_working(editor, page, paired, fixture_origins):
    composer = open_editor(page, fixture_origins[editor.site], editor)
    type_draft(page, SELF_PROMOTION)
    wait_for_pill(page, chars=utf16_len(SELF_PROMOTION))
    wait_until(lambda: mark_rects(page, "self_promotion"), message="highlights drawn")
    # From here on the user only uses the overlay: any change inside the editor's DOM
    # would be the extension's doing.
    page.evaluate(
        """(selector) => {
          window.editorMutations = [];
          new MutationObserver((records) => window.editorMutations.push(...records.map(
            (r) => `${r.type} ${r.attributeName ?? ''} on ${r.target.nodeName}`)))
            .observe(document.querySelector(selector),
                     {subtree: true, childList: true, attributes: true, characterData: true});
        }""",
        editor.composer,
    )
    page.locator("spotlight-overlay .pill").click()  # open the panel, then go on writing
    page.locator("spotlight-overlay .nudge").first.hover()
    page.evaluate("window.scrollBy(0, 5)")
    page.set_viewport_size({"width": 1000, "height": 760})
    page.wait_for_timeout(300)
    page.set_viewport_size({"width": 1100, "height": 800})
    assert page.evaluate("window.editorMutations") == []
    assert page.evaluate("fixture.getText()") == SELF_PROMOTION
    assert page.locator(f"{editor.composer} spotlight-overlay").count() == 0
    composer.click()
    page.keyboard.press("End")
    page.keyboard.press("Control+z")
    # Draft.js lets the browser undo first and catches up on the next tick.
    undone = wait_until(
        lambda: (text := page.evaluate("fixture.getText()")) != SELF_PROMOTION and [text],
        timeout=5,
        message="the editor's undo",
    )[0]
    assert undone != SELF_PROMOTION and SELF_PROMOTION.startswith(undone)
    page.keyboard.type(" Thanks, Ada.")
    assert page.evaluate("fixture.getText()") == undone + " Thanks, Ada."
    wait_for_pill(page, chars=utf16_len(undone + " Thanks, Ada."))


@EDITORS
def test_publish_records_one_post(editor, page, paired, companion, fixture_origins):
    text = f"Thanks to @ada for the review of chapter {uuid.uuid4().hex[:8]}, it is much better."
    open_editor(page, fixture_origins[editor.site], editor)
    type_draft(page, text)
    page.click(editor.publish)
    assert page.evaluate("fixture.published") == [text]
    posts = wait_until(lambda: companion.posts_with_text(text), message="the post recorded")
    assert len(posts) == 1
    assert posts[0]["site"] == editor.site
    assert posts[0]["kind"] == editor.kind
    assert posts[0]["url"].startswith(fixture_origins[editor.site])
    # The queue entry goes once the companion's answer is back, a moment after the store.
    wait_until(lambda: paired.queue() == [], message="the queue emptied")


@pytest.mark.parametrize("site", ["linkedin", "x", "mastodon"])
def test_overlay_screenshots_of_pill_and_panel(
    site, page, paired, companion, fixture_origins, artifacts
):
    """Pictures for people to look at (artifacts/): the pill, then the open panel with a
    nudge hovered and its words highlighted."""
    editor = next(e for e in EDITOR_PAGES if e.site == site)
    open_editor(page, fixture_origins[site], editor)
    type_draft(page, WITH_EMOJI)
    wait_for_pill(page, chars=utf16_len(WITH_EMOJI))
    wait_until(lambda: mark_rects(page, "self_promotion"), message="highlights drawn")
    page.screenshot(path=artifacts / f"{site}-pill.png")
    page.locator("spotlight-overlay .pill").click()
    page.locator("spotlight-overlay .nudge[data-rule=self_promotion]").hover()
    wait_until(lambda: all(m["active"] for m in mark_rects(page, "self_promotion")),
               message="hovered nudge highlighted")  # fmt: skip
    page.screenshot(path=artifacts / f"{site}-panel.png")
    trend = page.locator("spotlight-overlay .trend")
    if companion.api("POST", "/score", {"text": WITH_EMOJI})["trend"]["recent_labels"]:
        assert trend.inner_text()


def test_publish_shortcut_then_button_counts_once(page, paired, companion, fixture_origins):
    """Ctrl+Enter (Bluesky's shortcut) records the post; an impatient click on the button
    while the site is still posting sends the same text again: the same post, same id."""
    editor = next(e for e in EDITOR_PAGES if e.site == "bluesky")
    text = f"Congrats to @rosa on the talk {uuid.uuid4().hex[:8]}, I learned a lot."
    open_editor(page, fixture_origins["bluesky"], editor, query="?slow")
    type_draft(page, text)
    page.keyboard.press("Control+Enter")
    page.click(editor.publish)
    assert page.evaluate("fixture.published") == [text, text]
    first = wait_until(lambda: companion.posts_with_text(text), message="the post recorded")
    time.sleep(1)  # time for the second publishPost to reach the companion, if it would
    wait_until(lambda: paired.queue() == [], message="the queue emptied")
    assert [post["id"] for post in companion.posts_with_text(text)] == [first[0]["id"]]


@pytest.mark.parametrize(
    "site", ["mastodon", "x"], ids=["mastodon-reply-indicator", "x-reply-button"]
)
def test_publish_reply_is_recorded_as_reply(site, page, paired, companion, fixture_origins):
    editor = next(e for e in EDITOR_PAGES if e.site == site)
    text = f"Great point, @ada. What would you try first? {uuid.uuid4().hex[:8]}"
    open_editor(page, fixture_origins[site], editor, query="?reply")
    type_draft(page, text)
    page.click(editor.publish)
    posts = wait_until(lambda: companion.posts_with_text(text), message="the reply recorded")
    assert [(post["kind"], post["site"]) for post in posts] == [("reply", site)]


def test_publish_from_the_right_composer_of_two(page, paired, companion, fixture_origins):
    """A LinkedIn page with the share box and a comment box: each composer has its own pill,
    and the comment button publishes the comment (kind comment), not the draft above it."""
    editor = next(e for e in EDITOR_PAGES if e.site == "linkedin")
    open_editor(page, fixture_origins["linkedin"], editor)
    draft = f"I am thrilled to announce my new book {uuid.uuid4().hex[:6]}!"
    type_draft(page, draft)
    wait_for_pill(page, chars=utf16_len(draft))
    comment = f"Congratulations Priya, and thanks to the whole team {uuid.uuid4().hex[:6]}!"
    page.click(".comments-comment-texteditor .ql-editor")
    type_draft(page, comment)
    page.wait_for_function(
        """(chars) => [...document.querySelectorAll('spotlight-overlay')]
             .map((host) => host.shadowRoot.querySelector('.pill'))
             .some((pill) => !pill.hidden && !pill.classList.contains('stale')
                             && pill.dataset.chars === chars)""",
        arg=str(utf16_len(comment)),
    )
    assert page.locator("spotlight-overlay").count() == 2
    page.click(".comments-comment-box__submit-button")
    posts = wait_until(lambda: companion.posts_with_text(comment), message="the comment recorded")
    assert [(post["kind"], post["site"]) for post in posts] == [("comment", "linkedin")]
    assert companion.posts_with_text(draft) == []
    assert page.evaluate("fixture.getText()") == draft


def test_publish_not_recorded_for_a_shortcut_the_site_ignores(
    page, paired, companion, fixture_origins
):
    """LinkedIn does not publish on Ctrl+Enter: pressing it must not record a post."""
    editor = next(e for e in EDITOR_PAGES if e.site == "linkedin")
    text = f"Thanks to @ada, a draft I keep {uuid.uuid4().hex[:8]}"
    open_editor(page, fixture_origins["linkedin"], editor)
    type_draft(page, text)
    page.keyboard.press("Control+Enter")
    time.sleep(1.5)
    assert companion.posts_with_text(text) == [] and paired.queue() == []
