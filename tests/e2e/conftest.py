"""Real parts for the browser tests: Debian's Chromium (Playwright) and Firefox ESR (WebDriver
BiDi, tests/e2e/bidi.py) with the unpacked extension, the editor fixtures built from npm
with esbuild, and a real companion (`spotlight serve`) on a free port with a temporary
database. Every browser test runs once in each browser (the `browser_name` parameter).

Each site's fixture is served at the site's real address (https://www.linkedin.com/feed/
...) by a local TLS server (tests/e2e/sites.py): the manifest's own content scripts inject
the adapters, as on the real site, and the page is a public page calling a loopback
companion through the extension. Nothing may leave the machine: every other host resolves
to nothing, and a test fails if the browser asked for one. A fixture without a real
address (the generic adapter's) gets its own loopback origin, mapped to its adapter in
the options' "Other sites", as a user does for a self-hosted site.
"""

from __future__ import annotations

import dataclasses
import functools
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from extension_harness import EDITOR_PAGES
from sites import LOOPBACK, Proxy, SiteServer

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
EDITORS = ROOT / "tests" / "fixtures" / "editors"
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
BROWSERS = ("chromium", "firefox")
# The extension's moz-extension:// origin in the test profile (pref extensions.webextensions.uuids).
FIREFOX_UUID = "5f0c6a52-3b8e-4d21-9a4e-7c1d2e3f4a5b"
FIREFOX_ADDON_ID = "spotlight@spotlight.local"
FIREFOX_OWN = (".mozilla.com", ".mozilla.net", ".mozilla.org", ".firefox.com")
SPOTLIGHT = ROOT / ".venv" / "bin" / "spotlight"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- the editor fixtures --------------------------------------------------------------


@pytest.fixture(scope="session")
def editor_bundles() -> Path:
    """Bundle the fixture pages' entry scripts with esbuild (npm ci first if needed)."""
    if shutil.which("node") is None:
        pytest.fail("the browser tests need Node.js (npm ci in tests/fixtures/editors)")
    if not (EDITORS / "node_modules" / ".bin" / "esbuild").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=EDITORS, check=True)  # fmt: skip
    entries = sorted(str(p.relative_to(EDITORS)) for p in (EDITORS / "src").glob("*.js*"))
    entries = [e for e in entries if not e.endswith("publish.js")]
    subprocess.run(
        [str(EDITORS / "node_modules" / ".bin" / "esbuild"), *entries, "--bundle",
         "--outdir=dist", "--format=iife", "--log-level=warning",
         "--define:process.env.NODE_ENV=\"production\"", "--define:global=window"],
        cwd=EDITORS, check=True,
    )  # fmt: skip
    return EDITORS / "dist"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def site_server(
    editor_bundles: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SiteServer]:
    """The TLS server answering for every host the site adapters claim."""
    server = SiteServer(tmp_path_factory.mktemp("sites"))
    yield server
    server.close()


@pytest.fixture(scope="session")
def fixture_origins(editor_bundles: Path) -> Iterator[dict[str, str]]:
    """site -> the origin its fixture is opened at: the real one where the site has one,
    else a loopback http server of its own (own port, own origin)."""
    handler = functools.partial(_QuietHandler, directory=str(EDITORS))
    servers, origins = [], {e.site: e.origin for e in EDITOR_PAGES if e.address}
    for site in [e.site for e in EDITOR_PAGES if not e.address] + ["generic"]:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        origins[site] = f"http://127.0.0.1:{server.server_address[1]}"
    yield origins
    for server in servers:
        server.shutdown()
        server.server_close()


# --- the companion --------------------------------------------------------------------


@dataclass
class Companion:
    """A real `spotlight serve` in a subprocess; stop() and start() keep port and data."""

    port: int
    config_dir: Path
    data_dir: Path
    process: subprocess.Popen | None = None
    log: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def token(self) -> str:
        return (self.config_dir / "token").read_text().strip()

    def start(self, timeout: float = 90) -> None:
        assert self.process is None, "already running"
        self.process = subprocess.Popen(
            [str(SPOTLIGHT), "serve", "--port", str(self.port),
             "--config-dir", str(self.config_dir), "--data-dir", str(self.data_dir)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        assert self.process.stdout is not None
        listening = False
        for line in self.process.stdout:
            self.log.append(line)
            listening = "Spotlight is listening on" in line
            if listening or time.monotonic() > deadline:
                break
        if not listening:
            self.stop()
            pytest.fail("the companion did not start listening:\n" + "".join(self.log))
        # Keep draining its output so a chatty log never blocks it.
        threading.Thread(target=self._drain, args=(self.process,), daemon=True).start()

    def _drain(self, process: subprocess.Popen) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self.log.append(line)
        process.stdout.close()

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    @property
    def running(self) -> bool:
        return self.process is not None

    def api(self, method: str, path: str, body: Any = None, token: str | None = None) -> Any:
        """Call the companion's API the way any client does (urllib, bearer token)."""
        request = urllib.request.Request(
            f"{self.url}/api/v1{path}", method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {token or self.token}",
                     "Content-Type": "application/json"},
        )  # fmt: skip
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def posts(self) -> list[dict[str, Any]]:
        return self.api("GET", "/posts?limit=500")["posts"]

    def posts_with_text(self, text: str) -> list[dict[str, Any]]:
        return [post for post in self.posts() if post.get("text") == text]


@pytest.fixture(scope="session")
def companion(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Companion]:
    base = tmp_path_factory.mktemp("companion")
    server = Companion(free_port(), base / "config", base / "data")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def running_companion(companion: Companion) -> Companion:
    """The session's companion, started again if an earlier test left it stopped."""
    if not companion.running:
        companion.start()
    return companion


# --- the browser with the extension ---------------------------------------------------


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


@pytest.fixture(scope="module", params=BROWSERS)
def browser_name(request: pytest.FixtureRequest) -> str:
    """Which browser this module's tests run in; every browser test runs in both."""
    return request.param


@dataclass
class OutsideRequests:
    """What the browser asked for beyond this machine and the fixture sites."""

    seen: list[str] = field(default_factory=list)
    allowed_hosts: frozenset[str] = frozenset()
    # The browser's own services (Firefox polls its remote settings whatever the prefs):
    # refused by the proxy like everything else, but not asked for by a page or extension.
    browser_own: tuple[str, ...] = ()

    def outside(self) -> list[str]:
        from urllib.parse import urlsplit

        found = []
        for url in self.seen:
            parts = urlsplit(url)
            host = parts.hostname or ""
            if parts.scheme in ("http", "https", "ws", "wss") and not (
                host in LOOPBACK or host in self.allowed_hosts or host.endswith(self.browser_own)
            ):
                found.append(url)
        return found


# Module scope, not session: Playwright's sync API keeps an event loop running in the main
# thread while it is started, which would break the asyncio tests that run after these.
@pytest.fixture(scope="module")
def browser_context(browser_name: str, site_server: SiteServer,
                    tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:  # fmt: skip
    """The browser with the unpacked extension and a fresh profile."""
    if browser_name == "firefox":
        yield from _firefox(site_server, tmp_path_factory)
    else:
        yield from _chromium(site_server, tmp_path_factory)


def _chromium(sites: SiteServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
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


def _firefox(sites: SiteServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
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


@pytest.fixture(scope="module")
def extension(browser_context: Any, browser_name: str) -> Extension:
    if browser_name == "firefox":
        return Extension(browser_context, FIREFOX_UUID, "firefox", browser_context.firefox)
    worker = (
        browser_context.service_workers[0]
        if browser_context.service_workers
        else browser_context.wait_for_event("serviceworker", timeout=15_000)
    )
    return Extension(browser_context, worker.url.split("/")[2])


@pytest.fixture(autouse=True)
def nothing_leaves_the_machine(request: pytest.FixtureRequest) -> Iterator[None]:
    """After each browser test: the browser asked for nothing beyond this machine."""
    if "browser_context" not in request.fixturenames:
        yield
        return
    context = request.getfixturevalue("browser_context")
    before = len(context.outside_requests.seen)
    yield
    found = context.outside_requests
    outside = dataclasses.replace(found, seen=found.seen[before:]).outside()
    assert outside == [], f"requests that would have left the machine: {outside}"


@pytest.fixture
def paired(extension: Extension, running_companion: Companion, fixture_origins) -> Extension:
    """The extension paired with the running companion; only the loopback fixtures enabled
    in "Other sites" (the sites at their real addresses need nothing)."""
    settings = extension.storage("settings") or {}
    wanted = {"port": running_companion.port, "token": running_companion.token}
    if any(settings.get(k) != v for k, v in wanted.items()) or settings.get(
        "origins"
    ) != stored_origins(fixture_origins):
        extension.configure(origins=fixture_origins, **wanted)
    return extension


@pytest.fixture
def page(browser_context: Any) -> Iterator[Any]:
    page = browser_context.new_page()
    yield page
    page.close()


@pytest.fixture(scope="module")
def artifacts(browser_name: str) -> Path:
    """Where screenshots and measurements go: artifacts/chromium/, artifacts/firefox/."""
    folder = ARTIFACTS / browser_name
    folder.mkdir(parents=True, exist_ok=True)
    return folder
