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


@pytest.mark.parametrize("site", ["linkedin", "facebook", "mastodon"])
def test_latency_keystroke_to_pill(site, paired, fixture_origins, page, artifacts):
    editor = EDITORS_BY_SITE[site]
    open_editor(page, fixture_origins[site], editor)
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
        "site": site,
        "editor": editor.library,
        "edits": len(samples),
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(samples[int(0.95 * (len(samples) - 1))], 1),
        "max_ms": round(samples[-1], 1),
    }
    path = artifacts / "latency.json"
    saved = json.loads(path.read_text()) if path.exists() else {}
    saved[site] = result
    path.write_text(json.dumps(saved, indent=2) + "\n")
    print(
        f"\nkeystroke to pill on {site} ({editor.library}): median {result['median_ms']} ms, "
        f"p95 {result['p95_ms']} ms, max {result['max_ms']} ms over {len(samples)} edits"
    )
