"""After `spotlight token --rotate` the extension's pages say how to get the new token, and
pairing through the history page says so on the page (issue 13)."""

from __future__ import annotations

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.chromium_only(
        "its wait for the pairing mark uses a Playwright state the BiDi page does not offer yet"
    ),
]


def test_rotation_options_say_how_to_pair_and_the_history_page_says_paired(
    paired, companion, fixture_origins, page
):
    paired.configure(port=companion.port, token="stale-token-from-before-rotation",
                     origins=fixture_origins)  # fmt: skip
    page.goto(paired.url("options/options.html"))
    page.wait_for_selector("#status[data-state=unauthorized]")
    text = page.inner_text("#status")
    assert "spotlight token --rotate" in text and f"http://127.0.0.1:{companion.port}/" in text
    assert "spotlight serve` printed" not in text
    history = paired.context.new_page()
    try:
        history.goto(f"{companion.url}/")
        history.wait_for_selector("#paired:has-text('is paired with this companion')")
        assert paired.storage("settings")["token"] == companion.token
    finally:
        history.close()
    page.reload()
    page.wait_for_selector("#status[data-state=connected]")
