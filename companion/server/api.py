"""The JSON API under /api/v1: parse, call the service, respond.

The logic lives in :mod:`companion.history`, :mod:`companion.store` and the scorer; these
handlers only translate HTTP to calls. GET never changes anything.
"""

from __future__ import annotations

import time
from typing import Any

from aiohttp import web

from .. import __version__, history
from ..history.backup import backup_chunks
from ..history.export import FORMATS, csv_chunks
from ..history.safety import safety_copy
from ..scoring import SCORER_VERSION, ScoreError
from ..scoring.language import language_note
from ..settings import spotlight_command
from ..store.posts import KINDS, clean_post
from ..vocabulary import LABEL_NAMES
from .middlewares import json_error, read_json
from .openapi import openapi_document
from .state import DRAFT_CONTEXTS, SCORER, STORE, WORKERS

PREFIX = "/api/v1"


def repair_command(path: Any) -> str:
    """The command that repairs the database at ``path``, as the user types it."""
    return f"{spotlight_command()} doctor --repair --db {path}"


def _int(query: Any, name: str, default: int, low: int, high: int) -> int:
    raw = query.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise history.InputError(f"{name} must be a whole number") from None
    if not low <= value <= high:
        raise history.InputError(f"{name} must be between {low} and {high}")
    return value


async def _score(
    request: web.Request, text: Any, kind: Any, settings: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Score off the event loop with the user's disabled rules; 400 for unscorable text."""
    if kind is not None and kind not in KINDS:
        raise history.InputError(f"kind must be one of {', '.join(KINDS)}")
    workers, scorer = request.app[WORKERS], request.app[SCORER]
    if settings is None:
        settings = await workers.db(history.user_settings, request.app[STORE])
    disabled = settings["disabled_rules"]
    try:
        report = await workers.score(lambda: scorer.score(text, kind=kind, disabled_rules=disabled))
    except ScoreError as error:
        raise history.InputError(str(error)) from None
    return report.to_dict()


async def health(request: web.Request) -> web.Response:
    scorer, store = request.app[SCORER], request.app[STORE]
    return web.json_response(
        {
            "status": "ready",
            "version": __version__,
            "model": scorer.model,
            "scorer_version": SCORER_VERSION,
            "database": str(store.path),
            "database_state": "damaged" if store.damage else "ok",
            "database_problem": store.damage,
            "next_step": store.damage and repair_command(store.path),
            "uptime_s": round(time.monotonic() - request.app[WORKERS].started, 1),
        }
    )


async def score(request: web.Request) -> web.Response:
    started = time.perf_counter()
    body = await read_json(request)
    if not isinstance(body, dict) or "text" not in body:
        raise history.InputError("send {text, site?, kind?}")
    # The settings and the recent posts, from memory unless the database changed since.
    context = await request.app[DRAFT_CONTEXTS].get()
    report = await _score(request, body["text"], body.get("kind"), context["settings"])
    report["label_name"] = LABEL_NAMES[report["label"]]  # what the pill and panel show
    report["trend"] = history.trend_for(context, report["label"])
    counted = context["settings"]["count_other_languages"]
    note = language_note(report.get("language", "en"), counted=counted)
    if note:  # the pill says it is not coached; the panel's trend line says why
        report["label_name"] = f"{report['label_name']} · not English"
        report["trend"]["message"] = note
    report["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return web.json_response(report)


async def record_post(request: web.Request) -> web.Response:
    post = clean_post(await read_json(request), source="api")
    store, workers = request.app[STORE], request.app[WORKERS]
    row = await workers.db(store.get_post, post["id"])
    created = False
    if row is None:  # a repeat is answered from the store, without scoring again
        report = await _score(request, post["text"], post["kind"])
        row, created = await workers.db(store.record_post, post, report)
    return web.json_response(row, status=201 if created else 200)


async def list_posts(request: web.Request) -> web.Response:
    filters = history.parse_filters(request.query)
    limit = _int(request.query, "limit", 50, 1, 500)
    offset = _int(request.query, "offset", 0, 0, 10_000_000)
    store = request.app[STORE]
    rows, total = await request.app[WORKERS].db(
        lambda: store.list_posts(filters, limit=limit, offset=offset)
    )
    sites = await request.app[WORKERS].db(store.sites)
    return web.json_response(
        {"posts": rows, "total": total, "limit": limit, "offset": offset, "sites": sites}
    )


async def delete_post(request: web.Request) -> web.Response:
    post_id = request.match_info["post_id"]
    if not await request.app[WORKERS].db(request.app[STORE].delete_post, post_id):
        return json_error(404, f"no post with id {post_id[:80]!r}")
    return web.json_response({"deleted": post_id})


async def delete_all_posts(request: web.Request) -> web.Response:
    """Delete the posts the filters match (none: every post), after a safety copy."""
    if request.query.get("confirm") != "delete-all":
        raise history.InputError("to delete every post, add ?confirm=delete-all")
    filters = history.parse_filters(request.query)
    expect = _int(request.query, "expect", -1, 0, 10_000_000)
    store = request.app[STORE]

    def delete() -> dict[str, Any]:
        matching = store.list_posts(filters, limit=1)[1]
        if expect >= 0 and matching != expect:
            return {"conflict": matching}
        copy = safety_copy(store, "before-delete") if matching or not filters else None
        deleted = store.delete_posts(filters)
        # "Delete all" is everything Spotlight learnt: the network and the people go too.
        connections = 0 if filters else store.delete_network()
        return {"deleted": deleted, "connections": connections, "backup": copy and str(copy)}

    result = await request.app[WORKERS].db(delete)
    if "conflict" in result:
        return json_error(
            409,
            f"{result['conflict']} posts match now, not the {expect} you confirmed; "
            "nothing was deleted",
        )
    return web.json_response({**result, "filters": filters})


async def trends(request: web.Request) -> web.Response:
    bucket = request.query.get("bucket", "week")
    filters = history.parse_filters(request.query)
    data = await request.app[WORKERS].db(history.trends, request.app[STORE], bucket, filters)
    return web.json_response(data)


def _rules() -> list[dict[str, Any]]:
    from ..scoring.registry import RULES

    keys = ("id", "dimension", "principle", "weight", "summary")
    return [{key: getattr(rule, key) for key in keys} for rule in RULES]


async def get_settings(request: web.Request) -> web.Response:
    data = await request.app[WORKERS].db(history.user_settings, request.app[STORE])
    return web.json_response({**data, "rules": _rules(), "label_names": LABEL_NAMES})


async def put_settings(request: web.Request) -> web.Response:
    changes = await read_json(request)
    data = await request.app[WORKERS].db(history.update_settings, request.app[STORE], changes)
    return web.json_response({**data, "rules": _rules(), "label_names": LABEL_NAMES})


async def export(request: web.Request) -> web.StreamResponse:
    fmt = request.query.get("format", "json")
    if fmt not in FORMATS:
        raise history.InputError("format must be csv or json")
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/csv; charset=utf-8" if fmt == "csv" else "application/json",
            "Content-Disposition": f'attachment; filename="spotlight-history.{fmt}"',
        }
    )
    chunks = (csv_chunks if fmt == "csv" else backup_chunks)(request.app[STORE])
    workers = request.app[WORKERS]
    await response.prepare(request)
    while (chunk := await workers.db(next, chunks, None)) is not None:
        await response.write(chunk.encode("utf-8"))
    await response.write_eof()
    return response


async def openapi(request: web.Request) -> web.Response:
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    return web.json_response(openapi_document(sockname[1] if sockname else 0))


def add_routes(app: web.Application) -> None:
    app.router.add_routes(
        [
            web.get(f"{PREFIX}/health", health),
            web.post(f"{PREFIX}/score", score),
            web.post(f"{PREFIX}/posts", record_post),
            web.get(f"{PREFIX}/posts", list_posts),
            web.delete(f"{PREFIX}/posts", delete_all_posts),
            web.delete(f"{PREFIX}/posts/{{post_id}}", delete_post),
            web.get(f"{PREFIX}/trends", trends),
            web.get(f"{PREFIX}/settings", get_settings),
            web.put(f"{PREFIX}/settings", put_settings),
            web.get(f"{PREFIX}/export", export),
            web.get(f"{PREFIX}/openapi.json", openapi),
        ]
    )
