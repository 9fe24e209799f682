"""The companion server: ``create_app(settings)`` builds it, :func:`serve` runs it.

Resources that live as long as the app (token, database, spaCy pipeline) open and close
in ``app.cleanup_ctx``; aiohttp runs them before the socket accepts its first request,
so ``/api/v1/health`` answers "ready" from the first moment it answers at all.
"""

from __future__ import annotations

import asyncio
import errno
import gc
import logging
import os
import signal
import socket
from collections.abc import AsyncIterator, Callable

from aiohttp import web

from ..history.safety import daily_copy
from ..settings import Settings
from ..store import Store, StoreError
from ..store.claim import claim_file
from . import middlewares as mw
from .draft_context import DraftContexts
from .paired_origins import PairedOrigins
from .pairing import TokenFile
from .routes import setup_routes
from .running import remove_state, write_state
from .state import (
    DRAFT_CONTEXTS,
    PAIRED_ORIGINS,
    SCORER,
    SETTINGS,
    STORE,
    TOKEN,
    WORKERS,
    Workers,
)

log = logging.getLogger("spotlight.server")


class ServerError(RuntimeError):
    """The server cannot start; the message says what to do."""


async def _token(app: web.Application) -> AsyncIterator[None]:
    app[TOKEN] = TokenFile(app[SETTINGS].token_path)
    yield


async def _workers(app: web.Application) -> AsyncIterator[None]:
    app[WORKERS] = Workers()
    yield
    app[WORKERS].shutdown()


def _claim_database(path) -> int:
    """Hold the database file while this server runs (:mod:`companion.store.claim`): a
    second companion on the same file fails at start with a clear error instead of both
    serving."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    in_use = StoreError(
        f"the history database {path} is in use by another running Spotlight companion: "
        "stop that one, or give this one its own database with --db"
    )
    try:
        return claim_file(path, in_use, create=True)
    except OSError as error:
        raise StoreError(f"cannot open the history database {path}: {error}") from None


async def _store(app: web.Application) -> AsyncIterator[None]:
    claim = _claim_database(app[SETTINGS].db_path)
    try:
        app[STORE] = await app[WORKERS].db(Store.open, app[SETTINGS].db_path)
        # A partly damaged file opens; quick_check finds it, and the API and the page say
        # what to do instead of failing request by request.
        if await app[WORKERS].db(app[STORE].quick_check) != "ok":
            log.error("the history database is damaged: %s", app[STORE].damage)
        elif await app[WORKERS].db(app[STORE].post_count):
            await app[WORKERS].db(daily_copy, app[STORE])  # the last backup, every day
        app[DRAFT_CONTEXTS] = DraftContexts(app[STORE], app[WORKERS])
        yield
        app[DRAFT_CONTEXTS].close()
        await app[WORKERS].db(app[STORE].close)
    finally:
        os.close(claim)  # closing the descriptor releases the flock


async def _scorer(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS]

    def load():
        from ..scoring import Scorer

        return Scorer.from_settings(settings)

    app[SCORER] = await app[WORKERS].score(load)
    # The pipeline, the signals and the lexicons are some 200,000 objects that live as
    # long as the app. Python's full collections walked them all, 50-130 ms each, during
    # whichever draft was being scored (the slowest /score requests); frozen, they are
    # left out of every collection. What is garbage now is collected first, so none of
    # it is kept; unfrozen again when the app stops.
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


def create_app(settings: Settings) -> web.Application:
    """The companion's aiohttp application, configured by ``settings``."""
    app = web.Application(
        client_max_size=settings.max_body_bytes,
        middlewares=[
            mw.error_middleware(),
            mw.same_user_middleware(),
            mw.host_middleware(),
            mw.origin_middleware(),
            mw.body_size_middleware(settings.max_body_bytes),
            mw.token_middleware(),
            mw.json_body_middleware(),
            mw.damaged_database_middleware(),
        ],
    )
    app[SETTINGS] = settings
    app[PAIRED_ORIGINS] = PairedOrigins(settings.config_dir / "paired-origins.json")
    app.cleanup_ctx.extend([_workers, _token, _store, _scorer])
    app.on_response_prepare.append(mw.add_response_headers)
    setup_routes(app)
    return app


def _bind(host: str, port: int) -> socket.socket:
    """Bind (without listening) first, so a taken port fails fast, before the model loads."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT only, on Linux
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise ServerError(
                f"port {port} on {host} is already in use: is Spotlight already running? "
                "Stop it, or start with --port N (or --port 0 for any free port)."
            ) from None
        raise ServerError(f"cannot listen on {host}:{port}: {error}") from None
    return sock


async def start(settings: Settings) -> tuple[web.AppRunner, str]:
    """Start the server on 127.0.0.1; returns the runner and the URL it listens on.

    Raises:
        ServerError: the port is taken or cannot be used.
    """
    sock = _bind(settings.host, settings.port)
    runner = web.AppRunner(create_app(settings), access_log=None, handle_signals=False)
    try:
        await runner.setup()  # loads the token, the database and the pipeline
        await web.SockSite(runner, sock).start()
    except BaseException:
        sock.close()
        await runner.cleanup()
        raise
    return runner, f"http://{settings.host}:{sock.getsockname()[1]}/"


def serve(settings: Settings, on_ready: Callable[[str], None]) -> None:
    """Run until SIGINT or SIGTERM, then shut down cleanly (finish requests, close the db)."""

    async def main() -> None:
        runner, url = await start(settings)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        try:
            write_state(settings.config_dir, port=port, url=url, database=settings.db_path)
            on_ready(url)
            await stop.wait()
        finally:
            remove_state(settings.config_dir)
            await runner.cleanup()

    asyncio.run(main())
