"""The extension as a package: the manifest, its files, its Firefox side (web-ext lint),
and the id Chromium gives it (the companion allows that origin by default)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from extension_harness import EXTENSION_ID
from site_registry import adapters, manifest_hosts

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


def test_registry_hosts_are_the_manifests_matches():
    """Every host an adapter claims is matched by the manifest (else its content scripts
    never run there), and every host the manifest matches has an adapter (else the scripts
    run for nothing); no host belongs to two adapters."""
    claimed = [host for adapter in adapters() for host in adapter["hosts"]]
    assert len(claimed) == len(set(claimed))
    assert sorted(claimed) == sorted(manifest_hosts())


def test_registry_sites_are_the_ones_the_docs_list():
    """docs/extension.md's Sites table: one row per adapter, with exactly its hosts."""
    docs = (ROOT / "docs" / "extension.md").read_text()
    table = docs.split("## Sites", 1)[1].split("\n\n", 2)[1]
    rows = {}
    for line in table.splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows[cells[1].strip("`").removesuffix(".js")] = re.findall(r"`([^`]+)`", cells[2])
    assert rows == {adapter["id"]: adapter["hosts"] for adapter in adapters()}


def test_adapters_share_init_and_kind():
    """The composer code starts every adapter (registry defaults): none repeats it."""
    for path in sorted((EXTENSION / "content/sites").glob("*.js")):
        if path.name != "registry.js":
            assert "init(" not in path.read_text(), path.name


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
def test_manifest_key_gives_the_allowed_extension_id(extension, page):
    """Chromium: the key fixes the id the companion allows by default. Firefox: the test
    profile pins the uuid, which a real install draws at random (pairing registers it)."""
    if extension.browser == "chromium":
        assert extension.id == EXTENSION_ID
    page.goto(extension.url("popup/popup.html"))
    assert page.evaluate("location.origin") == extension.origin
