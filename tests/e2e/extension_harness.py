"""What the browser tests share besides fixtures: the fixture pages, polling, and the
page-side measurements (rectangles of words, the overlay's pill and highlight boxes)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import pytest

# Fixed by the public key in extension/manifest.json; the companion allows its origin.
EXTENSION_ID = "bjfckobifhiblfafahbgcpaklplappad"


@dataclass(frozen=True)
class Editor:
    """One fixture page: the site adapter it stands for and the editor library in it."""

    site: str
    library: str
    page: str
    composer: str  # CSS selector of the editor's root element
    publish: str  # CSS selector of the publish button
    kind: str = "post"  # what the adapter should call what this page publishes
    # The site's real address, where the test browsers find this page (tests/e2e/sites.py)
    # and the manifest's content scripts run; "" for a page on its own loopback origin,
    # which the options' "Other sites" map to the adapter (a self-hosted site).
    address: str = ""

    @property
    def origin(self) -> str:
        """The origin of the real address ("" when there is none)."""
        return "/".join(self.address.split("/")[:3]) if self.address else ""


EDITOR_PAGES = (
    Editor("linkedin", "quill", "linkedin.html", "#editor .ql-editor",
           ".share-actions__primary-action", address="https://www.linkedin.com/feed/"),
    Editor("x", "draft-js", "x.html", "[data-testid=tweetTextarea_0]",
           "[data-testid=tweetButtonInline]", address="https://x.com/compose/post"),
    Editor("facebook", "lexical", "facebook.html", "[data-lexical-editor]",
           "[aria-label=Post]", address="https://www.facebook.com/"),
    Editor("threads", "lexical", "threads.html", "[data-lexical-editor]",
           "[data-fixture-publish]", address="https://www.threads.net/"),
    Editor("reddit", "lexical", "reddit.html", "[data-lexical-editor]",
           "[data-fixture-publish]", kind="comment",
           address="https://www.reddit.com/r/python/comments/1abc2de/which_editor_do_you_use/"),
    Editor("bluesky", "tiptap", "bluesky.html", ".ProseMirror",
           "[data-testid=composerPublishBtn]", address="https://bsky.app/"),
    Editor("mastodon", "textarea", "mastodon.html", "textarea",
           ".compose-form__publish button", address="https://mastodon.social/home"),
)  # fmt: skip


EDITORS_BY_SITE = {editor.site: editor for editor in EDITOR_PAGES}


def wait_until(condition, timeout: float = 15, interval: float = 0.2, message: str = "") -> Any:
    """Poll ``condition()`` until it returns something truthy; fail after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {message or condition}")
        time.sleep(interval)


def utf16_slice(text: str, start: int, end: int) -> str:
    """text[start:end] counted in UTF-16 code units, as the companion's spans are."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def open_editor(page: Any, origin: str, editor: Editor, query: str = "") -> Any:
    """Open a fixture page, wait for its editor, and put the caret in it."""
    # The tab the user writes in is the one in front: a background tab gets no animation
    # frames, which the overlay (and Playwright's own checks) wait for.
    page.bring_to_front()
    if editor.address and origin == editor.origin:
        page.goto(editor.address + query)
    else:
        page.goto(f"{origin}/pages/{editor.page}{query}")
    page.wait_for_function("window.fixture !== undefined")
    page.click(editor.composer)
    return page.locator(editor.composer)


SOFT_BREAK = "\v"  # in a draft to type: Shift+Enter, a line break inside the paragraph


def type_draft(page: Any, text: str, delay: float = 0) -> None:
    """Type like a user: Enter for each line break (a new paragraph in rich editors),
    Shift+Enter for each SOFT_BREAK."""
    for number, line in enumerate(text.split("\n")):
        if number:
            page.keyboard.press("Enter")
        for part_number, part in enumerate(line.split(SOFT_BREAK)):
            if part_number:
                page.keyboard.press("Shift+Enter")
            if part:
                page.keyboard.type(part, delay=delay)


def as_shown(draft: str) -> str:
    """The text a typed draft shows: a soft break is a line break too."""
    return draft.replace(SOFT_BREAK, "\n")


def replace_draft(page: Any, text: str) -> None:
    page.keyboard.press("Control+a")
    page.keyboard.press("Backspace")
    type_draft(page, text)


PILL_BODY = """
  for (const host of document.querySelectorAll('spotlight-overlay')) {
    const pill = host.shadowRoot && host.shadowRoot.querySelector('.pill');
    if (pill && !pill.hidden) return {...pill.dataset, stale: pill.classList.contains('stale'),
                                      text: pill.textContent};
  }
  return null;
"""
PILL_JS = f"() => {{ {PILL_BODY} }}"


def pill(page: Any) -> dict[str, Any] | None:
    """The pill's state: label, overall, chars (length of the text it is about), problem."""
    return page.evaluate(PILL_JS)


def wait_for_pill(page: Any, *, chars: int | None = None, problem: str | None = None,
                  timeout: float = 15) -> dict[str, Any]:  # fmt: skip
    """Wait until the pill shows a report about a text of `chars` UTF-16 units (or a problem)."""
    page.wait_for_function(
        "([chars, problem]) => { const pill = (() => {"
        + PILL_BODY
        + """})();
          if (!pill || pill.stale) return false;
          if (problem) return pill.problem === problem && pill.label === 'problem';
          return pill.label !== 'problem' && (chars === null || pill.chars === String(chars));
        }""",
        arg=[chars, problem],
        timeout=timeout * 1000,
    )
    return pill(page)


def mark_rects(page: Any, rule: str) -> list[dict[str, float]]:
    """The overlay's highlight boxes for one rule's spans, as viewport rectangles."""
    return page.evaluate(
        """(rule) => [...document.querySelectorAll('spotlight-overlay')].flatMap((host) =>
             [...host.shadowRoot.querySelectorAll(`.mark[data-rule="${rule}"]`)].map((mark) => {
               const r = mark.getBoundingClientRect();
               return {left: r.left, top: r.top, width: r.width, height: r.height,
                       span: Number(mark.dataset.span), active: mark.classList.contains('active')};
             }))""",
        rule,
    )


def word_rects(page: Any, composer: str, words: str) -> list[dict[str, float]]:
    """Where the editor draws `words`: a Range over its own text node, found independently
    of the extension (the first text node that contains them)."""
    return page.evaluate(
        """([selector, words]) => {
          const root = document.querySelector(selector);
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.data.indexOf(words);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + words.length);
            return [...range.getClientRects()].filter((r) => r.width > 0).map((r) =>
              ({left: r.left, top: r.top, width: r.width, height: r.height}));
          }
          return null;
        }""",
        [composer, words],
    )


def same_rect(a: dict[str, float], b: dict[str, float], tolerance: float = 1.5) -> bool:
    return all(abs(a[k] - b[k]) <= tolerance for k in ("left", "top", "width", "height"))
