"""Real parts for the browser tests: Debian's Chromium with the unpacked extension, the
editor fixtures built from npm with esbuild and served on loopback, and a real companion
(`spotlight serve`) on a free port with a temporary database.

Every fixture site gets its own origin (a port of its own), and the extension is told,
through its options page, which adapter runs on which origin — the same mapping a user
makes for a self-hosted Mastodon. The adapter code that runs is the code that runs on the
real site; only the hostname matching differs.
"""

from __future__ import annotations

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

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
EDITORS = ROOT / "tests" / "fixtures" / "editors"
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
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
def fixture_origins(editor_bundles: Path) -> Iterator[dict[str, str]]:
    """One loopback http server per site adapter (own port, own origin): site -> origin."""
    handler = functools.partial(_QuietHandler, directory=str(EDITORS))
    servers, origins = [], {}
    for site in [e.site for e in EDITOR_PAGES] + ["generic"]:
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


@dataclass
class Extension:
    context: Any
    id: str
    _page: Any = None

    def url(self, path: str) -> str:
        return f"chrome-extension://{self.id}/{path}"

    def configure(self, *, port: int, token: str, origins: dict[str, str]) -> None:
        """Fill the options page the way a user does, save, and wait for the status."""
        page = self.context.new_page()
        page.goto(self.url("options/options.html"))
        page.wait_for_selector("#status[data-state]", state="attached")
        page.fill("#token", token)
        page.fill("#port", str(port))
        page.fill("#origins", "\n".join(f"{o} {site}" for site, o in origins.items()))
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
        """Stop the service worker the way the browser does when it is idle."""
        self.storage("queue")  # make sure the helper page is open
        cdp = self.context.new_cdp_session(self._page)
        cdp.send("ServiceWorker.enable")
        cdp.send("ServiceWorker.stopAllWorkers")
        cdp.detach()

    def queue(self) -> list[dict[str, Any]]:
        return self.storage("queue") or []

    def status(self) -> dict[str, Any]:
        """What the popup shows, from the background's getStatus handler."""
        page = self.context.new_page()
        page.goto(self.url("popup/popup.html"))
        status = page.evaluate("chrome.runtime.sendMessage({type: 'getStatus'})")
        page.close()
        return status


# Module scope, not session: Playwright's sync API keeps an event loop running in the main
# thread while it is started, which would break the asyncio tests that run after these.
@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Chromium with the unpacked extension (DESIGN.md's launch recipe), a fresh profile."""
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
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        yield context
        context.close()


@pytest.fixture(scope="module")
def extension(browser_context: Any) -> Extension:
    worker = (
        browser_context.service_workers[0]
        if browser_context.service_workers
        else browser_context.wait_for_event("serviceworker", timeout=15_000)
    )
    return Extension(browser_context, worker.url.split("/")[2])


@pytest.fixture
def paired(extension: Extension, running_companion: Companion, fixture_origins) -> Extension:
    """The extension paired with the running companion, every fixture origin enabled."""
    settings = extension.storage("settings") or {}
    wanted = {"port": running_companion.port, "token": running_companion.token}
    if any(settings.get(k) != v for k, v in wanted.items()) or settings.get("origins") != {
        origin: site for site, origin in fixture_origins.items()
    }:
        extension.configure(origins=fixture_origins, **wanted)
    return extension


@pytest.fixture
def page(browser_context: Any) -> Iterator[Any]:
    page = browser_context.new_page()
    yield page
    page.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
