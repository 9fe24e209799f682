"""Importing an export from the history page: upload in JSON chunks, import, poll progress.

The page cannot hand the companion a path, only the file's bytes, and every API call is
JSON with a size limit (see :mod:`.middlewares`). So the file goes up in base64 chunks
that each fit the limit, into a private temporary folder; then the import runs on its own
thread with scoring in worker processes (the app's scorer stays free for the extension),
writing through the database thread. The page polls ``GET /api/v1/imports/{id}``.

    POST /api/v1/imports               {filename, size}      → 201 {id, chunk_bytes, ...}
    POST /api/v1/imports/{id}/chunks   {offset, data}        → {received, ...}
    POST /api/v1/imports/{id}/start    {}                    → 202 {state: "reading", ...}
    GET  /api/v1/imports/{id}                                → {state, done, total,
                                                                summary?, error?}
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import tempfile
import uuid
from collections.abc import AsyncIterator, Callable, Iterable
from pathlib import Path, PurePath
from typing import Any

from aiohttp import web

from ..history import InputError
from .import_jobs import ImportJob
from .middlewares import json_error, read_json
from .state import SCORER, SETTINGS, STORE, WORKERS, Workers

PREFIX = "/api/v1/imports"
# Uploads through the page; larger exports (X archives with years of videos) go through
# `spotlight import PATH`, which reads the file where it is.
MAX_UPLOAD_BYTES = 2 * 2**30


JOBS = web.AppKey("imports", dict)


class _StoreOnDbThread:
    """The store as the importer uses it, with every call run on the database thread, so
    all writes still go through the one writer."""

    def __init__(self, store: Any, workers: Workers):
        self.store, self.workers = store, workers

    def known_post_ids(self, ids: Iterable[str]) -> set[str]:
        return self.workers.database.submit(self.store.known_post_ids, list(ids)).result()

    def record_posts(self, items: Iterable[tuple[dict, dict]]) -> tuple[int, int]:
        return self.workers.database.submit(self.store.record_posts, list(items)).result()

    def record_network(self, snapshot: dict[str, Any]) -> dict[str, int]:
        return self.workers.database.submit(self.store.record_network, snapshot).result()

    def has_people(self) -> bool:
        return self.workers.database.submit(self.store.has_people).result()

    def resolve_all_mentions(self) -> None:
        return self.workers.database.submit(self.store.resolve_all_mentions).result()

    def restore_rows(self, tables: dict, *, replace: Iterable[str] = ()) -> dict:
        call = self.store.restore_rows
        return self.workers.database.submit(call, tables, replace=list(replace)).result()


def _job(request: web.Request) -> ImportJob:
    job = request.app[JOBS].get(request.match_info["import_id"])
    if job is None:
        raise web.HTTPNotFound(text="no such import: start one with POST /api/v1/imports")
    return job


def _safe_name(raw: object) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise InputError("filename must be the name of the chosen file, e.g. twitter.zip")
    name = PurePath(raw.replace("\\", "/")).name.strip()[:200]
    if not name or name in (".", ".."):
        raise InputError("filename must be the name of the chosen file, e.g. twitter.zip")
    return name


async def create(request: web.Request) -> web.Response:
    body = await read_json(request)
    if not isinstance(body, dict):
        raise InputError("send {filename, size}")
    name, size = _safe_name(body.get("filename")), body.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
        raise InputError("size must be the file's size in bytes")
    if size > MAX_UPLOAD_BYTES:
        return json_error(
            413,
            f"{name} is {size / 2**30:.1f} GB; the page takes exports up to "
            f"{MAX_UPLOAD_BYTES // 2**30} GB. Import it with: spotlight import {name}",
        )
    folder = Path(tempfile.mkdtemp(prefix="spotlight-import-"))  # 0700
    job = ImportJob(uuid.uuid4().hex, name, size, folder)
    request.app[JOBS][job.id] = job
    # Base64 grows 3 bytes to 4; leave room for the JSON around it.
    chunk = min(2**20, (request.app[SETTINGS].max_body_bytes - 1024) // 4 * 3)
    return web.json_response({**job.to_dict(), "chunk_bytes": chunk}, status=201)


async def add_chunk(request: web.Request) -> web.Response:
    job = _job(request)
    body = await read_json(request)
    if not job.uploading:
        return json_error(409, f"the upload of {job.filename} is finished ({job.state})")
    if not isinstance(body, dict) or not isinstance(body.get("data"), str):
        raise InputError("send {offset, data} with data in base64")
    if body.get("offset") != job.received:
        return json_error(409, f"expected the chunk at offset {job.received}", "wrong_offset")
    try:
        data = base64.b64decode(body["data"], validate=True)
    except (binascii.Error, ValueError):
        raise InputError("data must be base64") from None
    if job.received + len(data) > job.size:
        raise InputError(f"more bytes than the {job.size:,} announced for {job.filename}")
    await asyncio.get_running_loop().run_in_executor(None, job.append, data)
    job.received += len(data)
    return web.json_response(job.to_dict())


def _run_on_thread(app: web.Application) -> Callable[[ImportJob], None]:
    store = _StoreOnDbThread(app[STORE], app[WORKERS])
    return lambda job: job.run(store, app[SCORER], model=app[SETTINGS].model)


async def start(request: web.Request) -> web.Response:
    job = _job(request)
    if not job.uploading:
        return json_error(409, f"this import has already started ({job.state})")
    if job.received != job.size:
        raise InputError(f"the upload is incomplete: {job.received:,} of {job.size:,} bytes")
    if any(other.running for other in request.app[JOBS].values()):
        return json_error(409, "another import is running; wait for it to finish")
    job.start(_run_on_thread(request.app))
    return web.json_response(job.to_dict(), status=202)


async def status(request: web.Request) -> web.Response:
    return web.json_response(_job(request).to_dict())


async def _jobs(app: web.Application) -> AsyncIterator[None]:
    app[JOBS] = {}
    yield
    for job in app[JOBS].values():
        job.cancelled = True
    for job in app[JOBS].values():
        if job.thread is not None:
            await asyncio.get_running_loop().run_in_executor(None, job.thread.join, 60)
        job.remove_upload()


def add_routes(app: web.Application) -> None:
    # Before the store and the workers close (cleanup runs in reverse order), so a running
    # import stops while it can still write its last chunk.
    app.cleanup_ctx.append(_jobs)
    app.router.add_routes(
        [
            web.post(PREFIX, create),
            web.post(f"{PREFIX}/{{import_id}}/chunks", add_chunk),
            web.post(f"{PREFIX}/{{import_id}}/start", start),
            web.get(f"{PREFIX}/{{import_id}}", status),
        ]
    )
