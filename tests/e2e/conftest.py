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
from browsers import (
    BROWSERS,
    FIREFOX_UUID,
    Extension,
    launch_chromium,
    launch_firefox,
    stored_origins,
)
from extension_harness import EDITOR_PAGES
from sites import SiteServer

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
EDITORS = ROOT / "tests" / "fixtures" / "editors"
ARTIFACTS = ROOT / "artifacts"
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
def site_server(editor_bundles: Path) -> Iterator[SiteServer]:
    """The TLS server answering for every host the site adapters claim."""
    server = SiteServer()
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


@pytest.fixture(scope="module", params=BROWSERS)
def browser_name(request: pytest.FixtureRequest) -> str:
    """Which browser this module's tests run in; every browser test runs in both, but for
    a module marked ``chromium_only(reason)``: its reason says what Firefox lacks."""
    marker = request.node.get_closest_marker("chromium_only")
    if request.param == "firefox" and marker is not None:
        pytest.skip(f"Chromium only: {marker.args[0]}")
    return request.param


# Module scope, not session: Playwright's sync API keeps an event loop running in the main
# thread while it is started, which would break the asyncio tests that run after these.
@pytest.fixture(scope="module")
def browser_context(browser_name: str, site_server: SiteServer,
                    tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:  # fmt: skip
    """The browser with the unpacked extension and a fresh profile."""
    if browser_name == "firefox":
        yield from launch_firefox(site_server, tmp_path_factory)
    else:
        yield from launch_chromium(site_server, tmp_path_factory)


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
