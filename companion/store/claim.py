"""One process at a time on a history database file: an exclusive ``flock`` on it.

The companion holds it while it serves (a second companion on the same file fails at start),
and ``doctor --repair`` takes it before it replaces the file. SQLite's own locks are POSIX
byte-range locks, which ``flock`` does not touch on Linux, so the CLI's readers keep working.
The kernel drops the lock when the process dies, even by SIGKILL.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


def claim_file(path: Path, in_use: Exception, *, create: bool = False) -> int:
    """Open ``path`` and hold an exclusive ``flock`` on it without waiting.

    Args:
        path: the database file.
        in_use: what to raise when another process holds the file.
        create: create the file (mode 0600) if it does not exist.

    Returns:
        The open descriptor; closing it releases the lock.

    Raises:
        OSError: the file cannot be opened.
    """
    fd = os.open(path, os.O_RDONLY | (os.O_CREAT if create else 0), 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise in_use from None
    return fd
