"""The application's state, reached through typed keys (``app[STORE]``), not strings.

Another module that adds routes (e.g. ``companion.server.imports``) uses these keys and
:class:`Workers` to reach the database and the scorer.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

from aiohttp import web

from ..settings import Settings
from ..store import Store
from .pairing import TokenFile

if TYPE_CHECKING:  # the scoring engine loads with the pipeline, in create_app's startup
    from ..scoring import Scorer
    from .draft_context import DraftContexts
    from .paired_origins import PairedOrigins

T = TypeVar("T")


@dataclasses.dataclass
class Workers:
    """One thread for spaCy (the Scorer is not thread-safe) and one for SQLite writes and
    reads, so neither blocks the event loop and writes are serialised through one writer.
    """

    scoring: ThreadPoolExecutor = dataclasses.field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="spotlight-score")
    )
    database: ThreadPoolExecutor = dataclasses.field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="spotlight-db")
    )
    started: float = dataclasses.field(default_factory=time.monotonic)

    async def score(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` on the scoring thread."""
        return await asyncio.get_running_loop().run_in_executor(self.scoring, fn, *args)

    async def db(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` on the database thread."""
        return await asyncio.get_running_loop().run_in_executor(self.database, fn, *args)

    def shutdown(self) -> None:
        self.scoring.shutdown(wait=True)
        self.database.shutdown(wait=True)


SETTINGS = web.AppKey("settings", Settings)
STORE = web.AppKey("store", Store)
SCORER: web.AppKey[Scorer] = web.AppKey("scorer")
TOKEN = web.AppKey("token", TokenFile)
PAIRED_ORIGINS: web.AppKey[PairedOrigins] = web.AppKey("paired_origins")
DRAFT_CONTEXTS: web.AppKey[DraftContexts] = web.AppKey("draft_contexts")
WORKERS = web.AppKey("workers", Workers)
