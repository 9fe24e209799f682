"""Extension origins the companion learned by pairing (``POST /api/v1/pairing``).

Chrome's unpacked extension has a fixed id (allowed by default), but every Firefox install
gets its own random ``moz-extension://<uuid>`` origin. The extension tells the companion its
origin when it pairs: the request carries the token (the proof) and the browser's ``Origin``
header (which no page or other extension can set to ours). Each origin is kept with a hash
of the token it proved, so rotating the token revokes them all; only exact extension origins
are kept, never a pattern.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from pathlib import Path

# The exact shapes of the two browsers' extension origins (Chrome: 32 letters a-p).
EXTENSION_ORIGIN = re.compile(
    r"chrome-extension://[a-p]{32}|moz-extension://[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}"
)
MAX_ORIGINS = 16  # installs paired with one token; the oldest goes first


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class PairedOrigins:
    """The registered origins in a 0600 JSON file, re-read when the file changes."""

    def __init__(self, path: Path):
        self.path = path
        self._stamp: tuple[int, int] | None = None
        self._entries: list[dict[str, str]] = []

    def _load(self) -> list[dict[str, str]]:
        try:
            info = self.path.stat()
        except FileNotFoundError:
            self._stamp, self._entries = None, []
            return self._entries
        stamp = (info.st_mtime_ns, info.st_ino)
        if stamp != self._stamp:
            try:
                entries = json.loads(self.path.read_text(encoding="utf-8"))["origins"]
                self._entries = [e for e in entries if EXTENSION_ORIGIN.fullmatch(e["origin"])]
            except (OSError, ValueError, KeyError, TypeError):
                self._entries = []  # a damaged file allows nothing; pairing again rewrites it
            self._stamp = stamp
        return self._entries

    def allowed(self, token: str) -> frozenset[str]:
        """The origins registered with this token."""
        digest = _digest(token)
        return frozenset(e["origin"] for e in self._load() if e.get("token_sha256") == digest)

    def register(self, origin: str, token: str) -> None:
        """Keep ``origin`` (an exact extension origin) bound to ``token``."""
        if not EXTENSION_ORIGIN.fullmatch(origin):
            raise ValueError(f"not a browser extension's origin: {origin}")
        digest = _digest(token)
        kept = [e for e in self._load() if e["origin"] != origin and e["token_sha256"] == digest]
        entry = {"origin": origin, "token_sha256": digest, "paired_at": time.strftime("%FT%TZ")}
        entries = [*kept, entry][-MAX_ORIGINS:]
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump({"origins": entries}, file, indent=1)
        os.replace(temporary, self.path)
