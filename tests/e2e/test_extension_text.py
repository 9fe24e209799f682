"""content/text.js on its own: the text a user sees in the DOM shapes the editors produce,
read in Chromium (the module is loaded into a blank page as it is)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

TEXT_JS = Path(__file__).resolve().parents[2] / "extension" / "content" / "text.js"

CASES = [
    ("plain", "<div id=e contenteditable>Hello there</div>", "Hello there"),
    ("quill-blank-line",
     "<div id=e contenteditable><p>One</p><p><br></p><p>Three</p></div>", "One\n\nThree"),
    ("quill-empty", "<div id=e contenteditable><p><br></p></div>", ""),
    ("draft-blocks",
     '<div id=e contenteditable><div data-contents="true">'
     '<div data-block="true"><div class="public-DraftStyleDefault-block"><span><span '
     'data-text="true">Thanks @ada</span></span></div></div>'
     '<div data-block="true"><div class="public-DraftStyleDefault-block"><span><br '
     'data-text="true"></span></div></div>'
     '<div data-block="true"><div class="public-DraftStyleDefault-block"><span><span '
     'data-text="true">for </span></span><span><span data-text="true">this</span></span>'
     "</div></div></div></div>",
     "Thanks @ada\n\nfor this"),
    ("lexical-line-break",
     '<div id=e contenteditable><p><span data-lexical-text="true">a</span><br><span '
     'data-lexical-text="true">b</span></p></div>', "a\nb"),
    ("lexical-trailing-line-break", "<div id=e contenteditable><p>a<br><br></p></div>", "a\n"),
    ("prosemirror-trailing-break",
     '<div id=e contenteditable><p>a</p><p><br class="ProseMirror-trailingBreak"></p></div>',
     "a\n"),
    ("emoji-image", '<div id=e contenteditable><p>Go <img alt="🎉" src="data:,"> team</p></div>',
     "Go 🎉 team"),
    ("mention-atom",
     '<div id=e contenteditable><p>Thanks <span contenteditable="false">@Ada Lovelace</span>!'
     "</p></div>", "Thanks @Ada Lovelace!"),
    ("list", "<div id=e contenteditable><ul><li>one</li><li>two</li></ul><p>end</p></div>",
     "one\ntwo\nend"),
    ("no-style-text", "<div id=e contenteditable><style>p{}</style><p>x</p></div>", "x"),
]  # fmt: skip


@pytest.fixture(scope="module")
def blank(browser_context):
    page = browser_context.new_page()
    yield page
    page.close()


@pytest.mark.parametrize(("html", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_text_reads_what_the_user_sees(blank, html, expected):
    blank.set_content(f"<!doctype html><body>{html}</body>")
    blank.add_script_tag(path=str(TEXT_JS))
    text = blank.evaluate(
        "new Spotlight.text.EditableText(document.getElementById('e')).read().text"
    )
    assert text == expected


def test_text_rects_of_a_span_after_an_emoji_image(blank):
    """Offsets count the emoji's two UTF-16 units; the words after it get their own rects."""
    blank.set_content(
        '<!doctype html><body><div id=e contenteditable style="font-size:20px">'
        '<p>Go <img alt="🎉" src="data:," width=20 height=20> team spirit</p></div></body>'
    )
    blank.add_script_tag(path=str(TEXT_JS))
    found = blank.evaluate(
        """() => {
          const reader = new Spotlight.text.EditableText(document.getElementById('e'));
          const snapshot = reader.read();
          const start = snapshot.text.indexOf('team');
          const got = reader.rects(snapshot, start, start + 'team'.length)[0];
          const node = document.querySelector('p').lastChild;
          const range = document.createRange();
          range.setStart(node, 1);
          range.setEnd(node, 5);
          const want = range.getClientRects()[0];
          const box = (r) => [r.left, r.top, r.width];
          return {start, got: box(got), want: box(want)};
        }"""
    )
    assert found["start"] == len("Go ") + 2 + 1  # the emoji is two UTF-16 code units
    assert found["got"] == found["want"]
