"""Fixtures for the blog and intranet browser tests (issue 14): the WordPress block editor
and the enterprise composers (CKEditor 5, Quill, a plain contenteditable, an iframe),
bundled once per session with esbuild and served at origins a user enables in the options.

Test modules import the fixtures they use from here (pytest finds fixtures in a module's
namespace). The shared harness (conftest.py, extension_harness.py) is used as it is.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from extension_harness import Editor

EDITORS = Path(__file__).resolve().parents[1] / "fixtures" / "editors"

# Built here, not by conftest's editor_bundles: these are large (the block editor is ~4 MB
# minified), so they are minified, and entry points live in folders its glob does not see.
BLOG_ENTRIES = ("src/blog/wordpress.jsx", "src/enterprise/intranet.js")
# Packages installed twice at different versions (npm nests what a dependency pins): one
# copy of each, or the block editor registers its data stores twice.
SINGLE_COPY = ("@wordpress/block-editor", "@wordpress/blocks", "@wordpress/components")
# Loaded by the block editor only to process uploaded images and videos, never here.
NOT_BUNDLED = ("@wordpress/vips", "@wordpress/video-conversion")

WORDPRESS_PAGES = ("/wp-admin/post-new.php", "/wp-admin/post.php")

WORDPRESS = Editor("wordpress", "block-editor", "", ".editor-styles-wrapper",
                   ".editor-post-publish-button", kind="article")  # fmt: skip


@pytest.fixture(scope="session")
def blog_bundles(editor_bundles: Path) -> dict[str, Any]:
    """Bundle the WordPress and intranet fixtures (after npm ci); returns build time, sizes."""
    started = time.monotonic()
    subprocess.run(
        [str(EDITORS / "node_modules" / ".bin" / "esbuild"), *BLOG_ENTRIES, "--bundle",
         "--outdir=dist", "--outbase=src", "--format=iife", "--minify", "--log-level=warning",
         "--define:process.env.NODE_ENV=\"production\"", "--define:global=window",
         *(f"--alias:{name}={name}" for name in SINGLE_COPY),
         *(f"--external:{name}" for name in NOT_BUNDLED)],
        cwd=EDITORS, check=True,
    )  # fmt: skip
    outputs = {entry: EDITORS / "dist" / Path(entry).relative_to("src").with_suffix(".js")
               for entry in BLOG_ENTRIES}  # fmt: skip
    return {
        "seconds": round(time.monotonic() - started, 1),
        "bytes": {entry: path.stat().st_size for entry, path in outputs.items()},
    }


class _BlogHandler(http.server.SimpleHTTPRequestHandler):
    """The fixture folder, with wp-admin's editor addresses serving the WordPress page."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def translate_path(self, path: str) -> str:
        if path.split("?")[0] in WORDPRESS_PAGES:
            path = "/pages/wordpress.html"
        return super().translate_path(path)

    def guess_type(self, path: Any) -> str:
        return "text/html" if str(path).endswith(".html") else super().guess_type(path)


@pytest.fixture(scope="session")
def blog_origins(blog_bundles: dict[str, Any]) -> Iterator[dict[str, str]]:
    """A WordPress site and an intranet, each on its own origin: name -> origin. The intranet
    is served as localhost, so the host it is recorded under differs from the rest."""
    handler = functools.partial(_BlogHandler, directory=str(EDITORS))
    servers, origins = [], {}
    for name, host in (("wordpress", "127.0.0.1"), ("intranet", "localhost")):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        origins[name] = f"http://{host}:{server.server_address[1]}"
    yield origins
    for server in servers:
        server.shutdown()
        server.server_close()


def enable_origins(extension: Any, companion: Any, lines: list[str],
                   work: tuple[str, ...] = ()) -> Any:  # fmt: skip
    """Do what a user does in the options page: paste the token, list the origins under
    "Other sites", save, then tick "work" for some of them and save again."""
    page = extension.context.new_page()
    page.goto(extension.url("options/options.html"))
    page.wait_for_selector("#status[data-state]", state="attached")
    page.fill("#token", companion.token)
    page.fill("#port", str(companion.port))
    page.fill("#origins", "\n".join(lines))
    page.click("button[type=submit]")
    page.wait_for_selector("#saved:not(:empty)")
    if work:
        for origin in work:
            page.check(f"#work input[value='{origin}']")
        page.evaluate("document.getElementById('saved').textContent = ''")
        page.click("button[type=submit]")
        page.wait_for_selector("#saved:not(:empty)")
    saved = page.inner_text("#saved")
    page.close()
    return saved


@pytest.fixture
def blog_enabled(extension: Any, running_companion: Any, blog_origins: dict[str, str]) -> Any:
    """The extension paired, the WordPress origin and the intranet origin enabled."""
    wanted = {blog_origins["wordpress"]: "wordpress", blog_origins["intranet"]: "generic"}
    settings = extension.storage("settings") or {}
    if settings.get("token") != running_companion.token or settings.get("origins") != wanted:
        enable_origins(extension, running_companion,
                       [f"{origin} {site}" for origin, site in wanted.items()])  # fmt: skip
    return extension
