"""The extension as a package: the manifest, its files, its Firefox side (web-ext lint),
and the id Chromium gives it (the companion allows that origin by default)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from extension_harness import EXTENSION_ID

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
EDITORS = ROOT / "tests" / "fixtures" / "editors"
MANIFEST = json.loads((EXTENSION / "manifest.json").read_text())


def test_manifest_lists_files_that_exist():
    listed = [
        *MANIFEST["background"]["scripts"],
        MANIFEST["background"]["service_worker"],
        *(path for script in MANIFEST["content_scripts"] for path in script["js"]),
        *MANIFEST["icons"].values(),
        MANIFEST["action"]["default_popup"],
        MANIFEST["options_ui"]["page"],
    ]
    assert [path for path in listed if not (EXTENSION / path).is_file()] == []


def test_manifest_loads_every_site_adapter():
    """One file per site: each is loaded as a content script and on the options page."""
    adapters = sorted(f"content/sites/{p.name}" for p in (EXTENSION / "content/sites").glob("*.js"))
    content = MANIFEST["content_scripts"][0]["js"]
    assert sorted(path for path in content if path.startswith("content/sites/")) == adapters
    options = (EXTENSION / "options/options.html").read_text()
    assert sorted(re.findall(r'src="\.\./(content/sites/[^"]+)"', options)) == adapters


def test_manifest_background_scripts_match_worker_imports():
    """Chrome's worker imports the same files Firefox loads as background scripts."""
    worker = (EXTENSION / "background/worker.js").read_text()
    imported = re.findall(r'^\s+"([^"]+\.js)",$', worker, flags=re.M)
    resolved = [str(Path("background", p)).replace("background/../", "") for p in imported]
    assert resolved + ["background/worker.js"] == MANIFEST["background"]["scripts"]


def test_manifest_only_talks_to_loopback():
    assert MANIFEST["host_permissions"] == ["http://127.0.0.1/*", "http://localhost/*"]
    assert "<all_urls>" not in json.dumps(MANIFEST)


def test_manifest_passes_web_ext_lint():
    """The Firefox side: addons-linter via web-ext, no errors (the one warning left is the
    service_worker key Firefox ignores in favour of background.scripts)."""
    web_ext = EDITORS / "node_modules" / ".bin" / "web-ext"
    if not web_ext.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=EDITORS, check=True)  # fmt: skip
    result = subprocess.run(
        [str(web_ext), "lint", "--source-dir", str(EXTENSION), "--output", "json",
         "--no-config-discovery"],
        cwd=EDITORS, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    report = json.loads(result.stdout)
    assert report["errors"] == [], report["errors"]
    assert [w["code"] for w in report["warnings"]] == ["BACKGROUND_SERVICE_WORKER_IGNORED"]


@pytest.mark.browser
def test_manifest_key_gives_the_allowed_extension_id(extension):
    assert extension.id == EXTENSION_ID
