"""The two browsers the tests drive, and the extension in each: how each is launched at the
sites' real addresses (tests/e2e/sites.py), what it asked for beyond this machine, and the
calls on the installed extension (options, storage, status, stopping the background) that
work the same in both. The fixtures that hand them to tests are in conftest.py."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from sites import LOOPBACK, Proxy, SiteServer

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
BROWSERS = ("chromium", "firefox")
# The extension's moz-extension:// origin in the test profile (pref extensions.webextensions.uuids).
FIREFOX_UUID = "5f0c6a52-3b8e-4d21-9a4e-7c1d2e3f4a5b"
FIREFOX_ADDON_ID = "spotlight@spotlight.local"
FIREFOX_OWN = (".mozilla.com", ".mozilla.net", ".mozilla.org", ".firefox.com")


def stored_origins(origins: dict[str, str]) -> dict[str, str]:
    """What the options' "Other sites" hold: only the fixtures on a loopback origin; the
    sites at their real addresses need nothing (the manifest matches them)."""
    return {origin: site for site, origin in origins.items() if origin.startswith("http://")}


@dataclass
class Extension:
    """The installed extension, the same calls in both browsers."""

    context: Any
    id: str
    browser: str = "chromium"
    firefox: Any = None
    _page: Any = None
    _marked: Any = None

    @property
    def origin(self) -> str:
        scheme = "moz-extension" if self.browser == "firefox" else "chrome-extension"
        return f"{scheme}://{self.id}"

    def url(self, path: str) -> str:
        return f"{self.origin}/{path}"

    def configure(self, *, port: int, token: str, origins: dict[str, str]) -> None:
        """Fill the options page the way a user does, save, and wait for the status."""
        page = self.context.new_page()
        page.goto(self.url("options/options.html"))
        page.wait_for_selector("#status[data-state]", state="attached")
        page.fill("#token", token)
        page.fill("#port", str(port))
        enabled = stored_origins(origins)
        page.fill("#origins", "\n".join(f"{o} {site}" for o, site in enabled.items()))
        page.click("button[type=submit]")
        page.wait_for_selector("#saved:not(:empty)")
        page.close()

    def storage(self, key: str) -> Any:
        """Read what the extension stored, from an extension page (it outlives the worker)."""
        if self._page is None or self._page.is_closed():
            self._page = self.context.new_page()
            self._page.goto(self.url("popup/popup.html"))
        return self._page.evaluate(
            "async (key) => (await chrome.storage.local.get(key))[key] ?? null", key
        )

    def stop_worker(self) -> None:
        """Stop the background the way the browser does when it is idle."""
        self.storage("queue")  # make sure the helper page is open
        if self.browser == "firefox":
            self.firefox.chrome_evaluate(_FIREFOX_EXTENSION + ".terminateBackground()")
            return
        cdp = self.context.new_cdp_session(self._page)
        cdp.send("ServiceWorker.enable")
        cdp.send("ServiceWorker.stopAllWorkers")
        cdp.detach()

    def background_instance(self) -> Any:
        """Something that changes when the background starts again (a new worker or page)."""
        if self.browser == "firefox":
            return self.firefox.chrome_evaluate(
                f"{_FIREFOX_EXTENSION}.backgroundContext?.contextId ?? null"
            )
        worker = self.context.service_workers[-1]
        return worker.evaluate("globalThis.spotlightInstance ??= crypto.randomUUID()")

    def queue(self) -> list[dict[str, Any]]:
        return self.storage("queue") or []

    def status(self) -> dict[str, Any]:
        """What the popup shows, from the background's getStatus handler."""
        page = self.context.new_page()
        page.goto(self.url("popup/popup.html"))
        status = page.evaluate("chrome.runtime.sendMessage({type: 'getStatus'})")
        page.close()
        return status


_FIREFOX_EXTENSION = (
    'ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs")'
    f'.ExtensionParent.GlobalManager.getExtension("{FIREFOX_ADDON_ID}")'
)


@dataclass
class OutsideRequests:
    """What the browser asked for beyond this machine and the fixture sites."""

    seen: list[str] = field(default_factory=list)
    allowed_hosts: frozenset[str] = frozenset()
    # The browser's own services (Firefox polls its remote settings whatever the prefs):
    # refused by the proxy like everything else, but not asked for by a page or extension.
    browser_own: tuple[str, ...] = ()

    def outside(self) -> list[str]:

        found = []
        for url in self.seen:
            parts = urlsplit(url)
            host = parts.hostname or ""
            if parts.scheme in ("http", "https", "ws", "wss") and not (
                host in LOOPBACK or host in self.allowed_hosts or host.endswith(self.browser_own)
            ):
                found.append(url)
        return found


def launch_chromium(sites: SiteServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Chromium (DESIGN.md's launch recipe), the sites mapped to the local server, that
    server's port a public address (as the real sites are), Local Network Access checks on."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: scripts/test installs it")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            viewport={"width": 1100, "height": 800},
            args=[f"--disable-extensions-except={EXTENSION}", f"--load-extension={EXTENSION}",
                  "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  f"--host-resolver-rules={sites.resolver_rules()}",
                  "--ignore-certificate-errors",
                  f"--ip-address-space-overrides=127.0.0.1:{sites.port}=public",
                  "--enable-features=LocalNetworkAccessChecks"],
        )  # fmt: skip
        context.outside_requests = OutsideRequests(allowed_hosts=frozenset(sites.hosts))
        context.on("request", lambda request: context.outside_requests.seen.append(request.url))
        yield context
        context.close()


def launch_firefox(sites: SiteServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Firefox ESR over BiDi, everything but loopback through a proxy that only knows the
    site hosts."""
    from bidi import FIREFOX, Firefox
    from bidi_page import Context

    if not FIREFOX.exists():
        pytest.fail("Debian's firefox-esr is missing: scripts/test installs it")
    proxy = Proxy(sites)
    base = tmp_path_factory.mktemp("firefox")
    prefs = {
        **proxy.firefox_prefs(),
        "extensions.webextensions.uuids": json.dumps({FIREFOX_ADDON_ID: FIREFOX_UUID}),
        "devtools.console.stdout.content": True,
        "devtools.console.stdout.chrome": True,
        # Local Network Access as Chromium's checks above: the sites' server (reached
        # through the proxy) is a public address, and requests from public pages to
        # loopback are blocked unless allowed.
        "network.lna.enabled": True,
        "network.lna.blocking": True,
        "network.lna.address_space.public.override": (
            f"127.0.0.1:{sites.port},127.0.0.1:{proxy.port}"
        ),
    }
    ARTIFACTS.mkdir(exist_ok=True)
    firefox = Firefox(base / "profile", prefs, log=ARTIFACTS / "firefox.log")
    try:
        firefox.install_extension(EXTENSION)
        context = Context(firefox)
        context.outside_requests = OutsideRequests(seen=proxy.refused, browser_own=FIREFOX_OWN)
        yield context
    finally:
        firefox.close()
        proxy.close()
