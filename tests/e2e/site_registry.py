"""The site adapters as the extension registers them, read by running the adapter files
themselves (Node.js, a bare global scope) instead of parsing them: the one source for the
hosts the manifest must match and the docs must list."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

EXTENSION = Path(__file__).resolve().parents[2] / "extension"
MANIFEST = json.loads((EXTENSION / "manifest.json").read_text())

# Loads each file in the manifest's order into one global scope, as the browser does.
_READ = """
const fs = require("fs"), vm = require("vm");
const context = vm.createContext({});
for (const file of JSON.parse(process.argv[1])) {
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
}
const all = vm.runInContext("globalThis.Spotlight.sites.all", context);
console.log(JSON.stringify(all.map((s) => ({ id: s.id, name: s.name, hosts: [...s.hosts] }))));
"""


def adapter_files() -> list[str]:
    """The adapter scripts the manifest loads (registry first), relative to extension/."""
    scripts = MANIFEST["content_scripts"][0]["js"]
    return [path for path in scripts if path.startswith("content/sites/")]


def adapters() -> list[dict[str, Any]]:
    """[{id, name, hosts}] in the order the adapters register."""
    node = shutil.which("node")
    assert node, "reading the site adapters needs Node.js"
    files = [str(EXTENSION / path) for path in adapter_files()]
    result = subprocess.run([node, "-e", _READ, json.dumps(files)], capture_output=True,
                            text=True, check=True, timeout=60)  # fmt: skip
    return json.loads(result.stdout)


def manifest_hosts() -> list[str]:
    """The hostnames the manifest's site content scripts match (https://HOST/*)."""
    hosts = []
    for pattern in MANIFEST["content_scripts"][0]["matches"]:
        assert pattern.startswith("https://") and pattern.endswith("/*"), pattern
        hosts.append(pattern.removeprefix("https://").removesuffix("/*"))
    return hosts
