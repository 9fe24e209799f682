"""Whether the history database may have changed, asked without reading it.

SQLite's ``PRAGMA data_version`` changes, on a connection, whenever *another* connection
commits to the same file (this process's store, a `spotlight import` run from the
command line, any other program). The :class:`ChangeWatch` keeps a read-only connection
of its own for that question, so every commit counts, the store's own included. While the
store's own connection is inside a transaction, what it reads may be rolled back: then
the watch cannot vouch for anything. Asking costs a few microseconds and never waits for
a lock: the server asks on its event loop before it trusts what it read earlier.
"""

from __future__ import annotations

import sqlite3
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .database import Store


class ChangeWatch:
    """A number, :meth:`version`, that differs whenever the database may have changed.

    Args:
        store: the open store; the watch opens its own read-only connection to its file.

    Raises:
        sqlite3.Error: the file cannot be opened read-only.
    """

    def __init__(self, store: Store):
        self._store = store
        uri = f"file:{urllib.parse.quote(str(Path(store.path).resolve()))}?mode=ro"
        # timeout=0: a question that would have to wait is answered "unknown" instead.
        self._conn = sqlite3.connect(uri, uri=True, timeout=0, check_same_thread=False)

    def version(self) -> int | None:
        """The database's version now, or ``None`` when it cannot be vouched for: the
        store is inside a transaction, or SQLite cannot say at once (busy, damaged,
        closed). ``None`` is never equal to an earlier version."""
        try:
            if self._store.db.conn.in_transaction:
                return None
            # fetchall steps the statement to its end, so no read transaction stays open
            # (one left open would keep the WAL from being checkpointed).
            return self._conn.execute("pragma data_version").fetchall()[0][0]
        except sqlite3.Error:
            return None

    def close(self) -> None:
        self._conn.close()
