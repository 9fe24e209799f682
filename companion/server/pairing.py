"""The pairing token: a per-install secret in a 0600 file that every API call must carry.

A web page the user visits can send requests to 127.0.0.1 but cannot read this file, so a
request that carries the token comes from the extension, the history page (which the
server hands the token to) or the user.
"""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

TOKEN_BYTES = 32


class TokenError(RuntimeError):
    """The token file cannot be read or written; the message says which file and why."""


def _write(path: Path, token: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, (token + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(temporary, 0o600)
    # Atomic: a reader sees the old token or the new one, never half a file.
    os.replace(temporary, path)


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def load_or_create(path: Path) -> str:
    """The token stored at ``path``; a new one is made (0600) if there is none.

    Raises:
        TokenError: the file cannot be read or created.
    """
    try:
        token = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        token = ""
    except (OSError, UnicodeDecodeError) as error:
        raise TokenError(f"cannot read the token file {path}: {error}") from None
    if len(token) >= 16:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)  # someone loosened it: only the user may read the secret
        return token
    return rotate(path)


def rotate(path: Path) -> str:
    """Replace the token with a new one and return it; paired clients must pair again.

    Raises:
        TokenError: the file cannot be written.
    """
    token = new_token()
    try:
        _write(path, token)
    except OSError as error:
        raise TokenError(f"cannot write the token file {path}: {error}") from None
    return token


class TokenFile:
    """The token at ``path``, re-read when the file changes, so ``spotlight token --rotate``
    takes effect in a running server at once."""

    def __init__(self, path: Path):
        self.path = path
        self._token = load_or_create(path)
        self._stamp = self._stat()

    def _stat(self) -> tuple[int, int] | None:
        try:
            info = self.path.stat()
        except OSError:
            return None
        return info.st_mtime_ns, info.st_ino

    def current(self) -> str:
        """The token now in force (a missing or emptied file gets a new one)."""
        stamp = self._stat()
        if stamp != self._stamp:
            self._token = load_or_create(self.path)
            self._stamp = self._stat()
        return self._token


def matches(given: str | None, expected: str) -> bool:
    """Whether ``given`` is the token, compared in constant time."""
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("ascii"))
