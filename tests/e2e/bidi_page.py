"""Playwright's sync page API, the part the browser tests use, over WebDriver BiDi (see
:mod:`bidi`): a :class:`Context` of tabs, each a :class:`Page` with keyboard, mouse and
locators (:mod:`bidi_input`)."""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bidi import BiDiError, Firefox, evaluate_in, run_script
from bidi_input import Keyboard, Locator, Mouse, split_selector


@dataclass(frozen=True)
class _Request:
    url: str


class Page:
    def __init__(self, context: Context, context_id: str):
        self.context, self.context_id = context, context_id
        self.bidi = context.firefox.bidi
        self.keyboard, self.mouse = Keyboard(self), Mouse(self)
        self._closed = False
        self._on_request: list[Any] = []

    def on(self, event: str, callback: Any) -> None:
        """Playwright's page.on("request", cb): cb(request) with request.url, for every
        request this tab makes (its page and the content scripts in it)."""
        if event != "request":
            raise ValueError(f"only 'request' events: {event!r}")
        if not self._on_request:
            self.bidi.send("session.subscribe", {"events": ["network.beforeRequestSent"],
                                                 "contexts": [self.context_id]})  # fmt: skip

            def listener(method: str, params: dict[str, Any]) -> None:
                if method == "network.beforeRequestSent" and params["context"] == self.context_id:
                    request = _Request(params["request"]["url"])
                    for callback in self._on_request:
                        callback(request)

            self.bidi.listeners.append(listener)
        self._on_request.append(callback)

    # navigation
    def goto(self, url: str) -> None:
        self.bidi.send(
            "browsingContext.navigate", {"context": self.context_id, "url": url, "wait": "complete"}
        )

    def reload(self) -> None:
        self.bidi.send("browsingContext.reload", {"context": self.context_id, "wait": "complete"})

    def set_content(self, html: str) -> None:
        self.goto("about:blank")
        self.evaluate(
            "(html) => { document.open(); document.write(html); document.close(); }", html
        )

    def add_script_tag(self, path: str) -> None:
        run_script(self.bidi, self.context_id, Path(path).read_text())

    def bring_to_front(self) -> None:
        self.bidi.send("browsingContext.activate", {"context": self.context_id})

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self.bidi.send("browsingContext.close", {"context": self.context_id})
            self.context.pages.remove(self)

    def is_closed(self) -> bool:
        return self._closed

    @property
    def url(self) -> str:
        return self.evaluate("location.href")

    # scripts
    def evaluate(self, script: str, arg: Any = None) -> Any:
        return evaluate_in(self.bidi, self.context_id, script, arg)

    def wait_for_function(self, script: str, arg: Any = None, timeout: float = 30_000) -> Any:
        deadline = time.monotonic() + timeout / 1000
        while True:
            try:
                value = self.evaluate(script, arg)
            except BiDiError:
                value = None  # the page is navigating: ask again
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out after {timeout} ms waiting for {script[:120]}")
            time.sleep(0.05)

    # elements
    def locator(self, selector: str) -> Locator:
        return Locator(self, split_selector(selector))

    def wait_for_selector(self, selector: str, state: str = "visible",
                          timeout: float = 30_000) -> Locator:  # fmt: skip
        locator = self.locator(selector)
        locator.wait_for(state=state, timeout=timeout)
        return locator

    def click(self, selector: str) -> None:
        self.locator(selector).click()

    def fill(self, selector: str, value: str) -> None:
        self.wait_for_selector(selector, state="attached")._call(
            "el.focus(); el.value = extra; el.dispatchEvent(new Event('input', {bubbles: true}));"
            " el.dispatchEvent(new Event('change', {bubbles: true}));",
            value,
        )

    def _checked(self, selector: str, want: bool) -> None:
        self.wait_for_selector(selector, state="attached")._call(
            "if (el.checked !== extra) el.click();", want
        )

    def check(self, selector: str) -> None:
        self._checked(selector, True)

    def uncheck(self, selector: str) -> None:
        self._checked(selector, False)

    def is_checked(self, selector: str) -> bool:
        return self.wait_for_selector(selector, state="attached")._call("return el.checked;")

    def input_value(self, selector: str) -> str:
        return self.wait_for_selector(selector, state="attached")._call("return el.value;")

    def get_attribute(self, selector: str, name: str) -> str | None:
        return self.wait_for_selector(selector, state="attached")._call(
            "return el.getAttribute(extra);", name
        )

    def inner_text(self, selector: str) -> str:
        return self.locator(selector).inner_text()

    # the window
    def set_viewport_size(self, size: dict[str, int]) -> None:
        self.bidi.send(
            "browsingContext.setViewport",
            {
                "context": self.context_id,
                "viewport": {"width": size["width"], "height": size["height"]},
            },
        )

    def wait_for_timeout(self, milliseconds: float) -> None:
        time.sleep(milliseconds / 1000)

    def screenshot(self, path: Path | str, full_page: bool = False) -> None:
        shot = self.bidi.send(
            "browsingContext.captureScreenshot",
            {"context": self.context_id, "origin": "document" if full_page else "viewport"},
        )
        Path(path).write_bytes(base64.b64decode(shot["data"]))


class Context:
    """Firefox's tabs, as Playwright's BrowserContext holds its pages."""

    VIEWPORT = {"width": 1100, "height": 800}

    def __init__(self, firefox: Firefox):
        self.firefox = firefox
        self.pages: list[Page] = []

    def new_page(self) -> Page:
        created = self.firefox.bidi.send("browsingContext.create", {"type": "tab"})
        page = Page(self, created["context"])
        self.pages.append(page)
        page.set_viewport_size(self.VIEWPORT)
        return page

    def close(self) -> None:
        self.firefox.close()
