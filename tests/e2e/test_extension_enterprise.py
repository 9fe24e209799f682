"""The generic adapter in the composers intranets and workplace tools embed (issue 14):
CKEditor 5, Quill and a plain contenteditable, also inside a same-origin iframe, at an
origin enabled in the options as a user would, in real Chromium against a real companion."""

from __future__ import annotations

import time
import uuid
from urllib.parse import urlsplit

import pytest

# The fixtures imported from blog_harness are found by pytest in this module's namespace;
# test arguments named like them are not redefinitions.
# ruff: noqa: F811
from blog_harness import (  # noqa: F401
    blog_bundles,
    blog_enabled,
    blog_origins,
    enable_origins,
)
from extension_harness import (
    Editor,
    mark_rects,
    same_rect,
    type_draft,
    utf16_len,
    utf16_slice,
    wait_for_pill,
    wait_until,
    word_rects,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.chromium_only(
        "the iframe tests use frame_locator, which the BiDi page of "
        "tests/e2e/bidi_page.py does not offer yet"
    ),
]

COMPOSERS = (
    Editor("generic", "ckeditor", "intranet.html?editor=ckeditor", ".ck-editor__editable",
           "[data-fixture-publish]"),
    Editor("generic", "quill", "intranet.html?editor=quill", ".ql-editor",
           "[data-fixture-publish]"),
    Editor("generic", "plain", "intranet.html?editor=plain", "[data-composer]",
           "[data-fixture-publish]"),
)  # fmt: skip
EACH = pytest.mark.parametrize("editor", COMPOSERS, ids=lambda e: e.library)

DRAFT = "Big day for the team.\nI am thrilled to announce my new book, buy it now!"


def open_composer(page, origin: str, editor: Editor, query: str = "") -> None:
    page.bring_to_front()
    page.goto(f"{origin}/pages/{editor.page}{query}")
    page.wait_for_function("window.fixture !== undefined")
    page.click(editor.composer)


def host_of(origin: str) -> str:
    return urlsplit(origin).hostname or ""


def assert_boxes_on_words(page, text: str, rects_of) -> None:
    """Every highlight box of every nudge with spans sits on the words' own rectangles."""
    report = page.context.companion.api("POST", "/score", {"text": text})
    nudges = [nudge for nudge in report["nudges"] if nudge["spans"]]
    assert nudges, "the draft should raise a nudge about some words"
    for nudge in nudges:
        marks = wait_until(lambda: mark_rects(page, nudge["rule"]), timeout=5,  # noqa: B023
                           message=f"highlight boxes for {nudge['rule']}")  # fmt: skip
        for index, span in enumerate(nudge["spans"]):
            words = utf16_slice(text, span["start"], span["end"])
            expected = rects_of(words)
            assert expected, f"{words!r} not found in the composer"
            drawn = [mark for mark in marks if mark["span"] == index]
            assert len(drawn) == len(expected), (words, drawn, expected)
            for want, got in zip(expected, drawn, strict=True):
                assert same_rect(want, got), (words, want, got)


@pytest.fixture
def intranet(page, blog_enabled, running_companion, blog_origins):
    page.context.companion = running_companion
    return blog_origins["intranet"]


@EACH
def test_intranet_pill_and_highlights(editor, page, intranet, companion):
    open_composer(page, intranet, editor)
    type_draft(page, DRAFT)
    assert page.evaluate("fixture.getText()") == DRAFT
    shown = wait_for_pill(page, chars=utf16_len(DRAFT))
    assert shown["label"] == companion.api("POST", "/score", {"text": DRAFT})["label"]
    assert_boxes_on_words(page, DRAFT, lambda words: word_rects(page, editor.composer, words))


@EACH
def test_intranet_editor_untouched_and_undo_works(editor, page, intranet):
    open_composer(page, intranet, editor)
    type_draft(page, DRAFT)
    wait_for_pill(page, chars=utf16_len(DRAFT))
    wait_until(lambda: mark_rects(page, "self_promotion"), message="highlights drawn")
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
    page.locator("spotlight-overlay .pill").click()
    page.locator("spotlight-overlay .nudge").first.hover()
    page.evaluate("window.scrollBy(0, 5)")
    page.set_viewport_size({"width": 1000, "height": 760})
    page.wait_for_timeout(300)
    page.set_viewport_size({"width": 1100, "height": 800})
    assert page.evaluate("window.editorMutations") == []
    assert page.evaluate("fixture.getText()") == DRAFT
    page.click(editor.composer)
    page.keyboard.press("Control+End")
    page.keyboard.press("Control+z")
    undone = wait_until(
        lambda: (now := page.evaluate("fixture.getText()")) != DRAFT and [now],
        timeout=5,
        message="the editor's undo",
    )[0]
    assert DRAFT.startswith(undone)
    page.keyboard.type(" Thanks, Ada.")
    assert page.evaluate("fixture.getText()") == undone + " Thanks, Ada."
    wait_for_pill(page, chars=utf16_len(undone + " Thanks, Ada."))


@pytest.mark.parametrize(
    ("editor", "button"),
    [(COMPOSERS[0], "Post"), (COMPOSERS[1], "Share"), (COMPOSERS[2], "Send")],
    ids=["ckeditor-post", "quill-share", "plain-send"],
)
def test_intranet_publish_button_records_one_post_under_the_host(
    editor, button, page, intranet, companion
):
    text = f"Thanks to Priya for the onboarding guide {uuid.uuid4().hex[:8]}."
    open_composer(page, intranet, editor, query=f"&button={button}")
    type_draft(page, text)
    assert page.inner_text(editor.publish) == button
    page.click(editor.publish)
    assert page.evaluate("fixture.published") == [text]
    posts = wait_until(lambda: companion.posts_with_text(text), message="the post recorded")
    assert [(p["site"], p["kind"]) for p in posts] == [(host_of(intranet), "post")]
    assert posts[0]["url"].startswith(intranet)
    time.sleep(1)
    assert len(companion.posts_with_text(text)) == 1


@EACH
def test_intranet_ctrl_enter_publishes_once(editor, page, intranet, companion):
    text = f"Welcome to the team, Rosa {uuid.uuid4().hex[:8]}!"
    open_composer(page, intranet, editor)
    type_draft(page, text)
    page.keyboard.press("Control+Enter")
    assert page.evaluate("fixture.published") == [text]
    posts = wait_until(lambda: companion.posts_with_text(text), message="the post recorded")
    time.sleep(1)
    assert [(p["site"], p["kind"]) for p in companion.posts_with_text(text)] == [
        (host_of(intranet), "post")
    ]
    assert len(posts) == 1


FRAMED_RECTS = """([selector, words]) => {
  const frame = document.querySelector('iframe');
  const box = frame.getBoundingClientRect();
  const style = getComputedStyle(frame);
  const dx = box.left + frame.clientLeft + parseFloat(style.paddingLeft);
  const dy = box.top + frame.clientTop + parseFloat(style.paddingTop);
  const doc = frame.contentDocument;
  const walker = doc.createTreeWalker(doc.querySelector(selector), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(words);
    if (at < 0) continue;
    const range = doc.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + words.length);
    return [...range.getClientRects()].filter((r) => r.width > 0).map((r) =>
      ({left: r.left + dx, top: r.top + dy, width: r.width, height: r.height}));
  }
  return null;
}"""


@pytest.mark.parametrize("editor", [COMPOSERS[0], COMPOSERS[2]], ids=lambda e: e.library)
def test_intranet_composer_in_a_same_origin_iframe(editor, page, intranet, companion):
    """The composer widget framed by a portal page: the pill and the boxes are drawn in the
    portal over the framed words, the framed editor is left alone, its button publishes."""
    page.bring_to_front()
    page.goto(f"{intranet}/pages/intranet-frame.html?editor={editor.library}")
    frame = page.frame_locator("iframe")
    inner = page.frames[1]
    inner.wait_for_function("window.fixture !== undefined")
    frame.locator(editor.composer).click()
    type_draft(page, DRAFT)
    assert inner.evaluate("fixture.getText()") == DRAFT
    shown = wait_for_pill(page, chars=utf16_len(DRAFT))
    assert shown["label"] == companion.api("POST", "/score", {"text": DRAFT})["label"]
    assert_boxes_on_words(
        page, DRAFT, lambda words: page.evaluate(FRAMED_RECTS, [editor.composer, words])
    )
    inner.evaluate(
        """(selector) => {
          window.editorMutations = [];
          new MutationObserver((records) => window.editorMutations.push(...records.map(
            (r) => `${r.type} on ${r.target.nodeName}`)))
            .observe(document.querySelector(selector),
                     {subtree: true, childList: true, attributes: true, characterData: true});
        }""",
        editor.composer,
    )
    page.locator("spotlight-overlay .pill").click()
    page.locator("spotlight-overlay .nudge").first.hover()
    assert inner.evaluate("window.editorMutations") == []
    text = DRAFT + f" {uuid.uuid4().hex[:6]}"
    page.locator("spotlight-overlay .pill").click()  # closes the panel again
    frame.locator(editor.composer).click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text[len(DRAFT) :])
    frame.locator(editor.publish).click()
    posts = wait_until(lambda: companion.posts_with_text(text), message="the post recorded")
    assert [(p["site"], p["kind"]) for p in posts] == [(host_of(intranet), "post")]


def test_options_list_enabled_origins_and_mark_work(extension, running_companion, blog_origins):
    """ "Other sites" lists each enabled origin with a "work" box; the marks are stored with
    the settings, shown again on the next visit, and dropped with the origin."""
    wordpress, intranet = blog_origins["wordpress"], blog_origins["intranet"]
    lines = [f"{wordpress} wordpress", f"{intranet} generic"]
    assert enable_origins(extension, running_companion, lines, work=(intranet,)) == "Saved."
    settings = extension.storage("settings")
    assert settings["work"] == {intranet: True}
    assert settings["origins"] == {wordpress: "wordpress", intranet: "generic"}
    page = extension.context.new_page()
    page.goto(extension.url("options/options.html"))
    page.wait_for_selector("#work input[name=work]")
    boxes = page.evaluate(
        "[...document.querySelectorAll('#work input')].map((box) => [box.value, box.checked])"
    )
    assert boxes == [[wordpress, False], [intranet, True]]
    page.fill("#origins", f"{wordpress} wordpress")  # the intranet no longer enabled
    page.click("button[type=submit]")
    page.wait_for_selector("#saved:not(:empty)")
    page.close()
    assert extension.storage("settings")["work"] == {}
