"""How long from the last keystroke to the pill showing the new report (debounce ~250 ms
included). Measured, printed and saved to artifacts/latency.json; never asserted (timing
belongs to measurements, not to tests). Run with -s to see the numbers."""

from __future__ import annotations

import json
import statistics

import pytest
from extension_harness import EDITORS_BY_SITE, open_editor, type_draft, utf16_len, wait_for_pill

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EDITS = 36
WORDS = ["Thanks", "to", "@ada", "for", "the", "review;", "her", "notes", "made", "it", "better."]


# A long post to start from: ~1,300 characters over several paragraphs.
LONG_DRAFT = "\n".join(
    [
        "Three things I learned shipping our accessibility audit this quarter.",
        "First, the people closest to the problem already knew the answers. Priya had a list "
        "of every broken form label from support tickets going back two years, and Jon had "
        "recorded screen reader sessions that showed exactly where people got stuck.",
        "Second, fixing things in small pieces beat the big rewrite we had planned. We shipped "
        "forty small changes over six weeks, each reviewed by someone who uses assistive tech "
        "every day, and each one made the next one easier to argue for.",
        "Third, we were wrong about what mattered most. We thought colour contrast would top "
        "the list; it was keyboard traps in two dialogs that nobody on the team had noticed "
        "because we all use a mouse without thinking about it.",
        "If you are starting an audit, talk to your support team first and ask them for the "
        "tickets nobody could close. What would you add to this list? Thanks to everyone who "
        "reviewed the changes and told us where we got it wrong.",
    ]
)


@pytest.mark.parametrize(
    ("site", "start"),
    [("linkedin", ""), ("x", ""), ("facebook", ""), ("bluesky", ""), ("mastodon", ""),
     ("linkedin", LONG_DRAFT)],
    ids=["linkedin", "x", "facebook", "bluesky", "mastodon", "linkedin-long"],
)  # fmt: skip
def test_latency_keystroke_to_pill(
    site, start, paired, fixture_origins, page, artifacts, browser_name
):
    editor = EDITORS_BY_SITE[site]
    open_editor(page, fixture_origins[site], editor)
    if start:
        type_draft(page, start)
        wait_for_pill(page, chars=utf16_len(page.evaluate("fixture.getText()")), timeout=60)
    page.evaluate(
        "document.addEventListener('keydown', () => { window.lastKey = performance.now(); }, true)"
    )
    samples = []
    for edit in range(EDITS):
        type_draft(page, f"{WORDS[edit % len(WORDS)]} ", delay=20)
        shown = wait_for_pill(page, chars=utf16_len(page.evaluate("fixture.getText()")))
        samples.append(float(shown["updatedAt"]) - page.evaluate("window.lastKey"))
    samples.sort()
    result = {
        "browser": browser_name,
        "site": site,
        "draft_chars": utf16_len(page.evaluate("fixture.getText()")),
        "editor": editor.library,
        "edits": len(samples),
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(samples[int(0.95 * (len(samples) - 1))], 1),
        "max_ms": round(samples[-1], 1),
    }
    path = artifacts / "latency.json"
    saved = json.loads(path.read_text()) if path.exists() else {}
    saved[f"{browser_name}-{site}" + ("-long" if start else "")] = result
    path.write_text(json.dumps(saved, indent=2) + "\n")
    print(
        f"\n{browser_name}: keystroke to pill on {site} ({editor.library}, "
        f"{result['draft_chars']} chars): "
        f"median {result['median_ms']} ms, "
        f"p95 {result['p95_ms']} ms, max {result['max_ms']} ms over {len(samples)} edits"
    )
