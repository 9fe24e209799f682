"""What scoring a draft needs from the database, kept in memory between drafts.

Every ``POST /api/v1/score`` needs :func:`companion.history.draft_context`: the user's
settings (the rules they turned off, their goal), the labels of their recent posts and
whom they could thank. Reading it is a trip to the database thread and back, paid by
every draft while the user types. :class:`DraftContexts` keeps the last one read, with the
database's version (:class:`companion.store.watch.ChangeWatch`) and the second it was
read in, and reads again as soon as either differs: a setting changed through the API, a
post recorded, or anything a `spotlight` command run beside the server commits to the
same file is seen by the very next draft, as when every draft read it; the whom-to-thank
window (90 days back from now) moves on with the clock, second by second, as before.
"""

from __future__ import annotations

import sqlite3
import time
from typing import Any

from .. import history
from ..store import Store
from ..store.watch import ChangeWatch
from .state import Workers

clock = time.time  # the wall clock the whom-to-thank window counts from


class DraftContexts:
    """:func:`companion.history.draft_context` of ``store``, read again only when the
    database or the clock's second has changed since the last read. Use it from the event
    loop; what :meth:`get` returns is shared between drafts: read it, never change it."""

    def __init__(self, store: Store, workers: Workers):
        self._store, self._workers = store, workers
        try:
            self._watch: ChangeWatch | None = ChangeWatch(store)
        except sqlite3.Error:  # no way to tell a change: read for every draft, as before
            self._watch = None
        self._key: tuple[int, int] | None = None
        self._context: dict[str, Any] | None = None

    def _version(self) -> tuple[int, int] | None:
        version = self._watch.version() if self._watch is not None else None
        # thank_context counts its 90 days from now, to the second (format_utc)
        return None if version is None else (version, int(clock()))

    async def get(self) -> dict[str, Any]:
        """The draft context as the database holds it now."""
        key = self._version()  # before reading: a change during the read is seen next time
        if key is not None and key == self._key and self._context is not None:
            return self._context
        context = await self._workers.db(history.draft_context, self._store)
        self._key, self._context = key, context
        return context

    def close(self) -> None:
        if self._watch is not None:
            self._watch.close()
