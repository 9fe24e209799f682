"""The OpenAPI 3.1 document of /api/v1. A test checks it lists exactly the app's routes.

The document is made of one function per area of the API; each describes its operations
with :func:`~.openapi_shapes.operation`, and :func:`openapi_document` puts them together.
"""

from __future__ import annotations

from typing import Any

from .. import __version__
from ..store.posts import ID_PATTERN, MAX_ID
from ..vocabulary import BUCKETS, KINDS
from .openapi_people import PEOPLE_PATHS, TREND_BUCKET
from .openapi_shapes import (
    FILTERS,
    INTEGER,
    LABEL,
    SCORES,
    STRING,
    array,
    in_path,
    obj,
    operation,
    query,
    response,
)

ANY = response(obj())
POST_IN = obj(
    ["id", "text", "site"],
    id={
        "type": "string",
        "pattern": "^" + ID_PATTERN.pattern + "$",
        "maxLength": MAX_ID,
        "description": "client-generated UUID; idempotency key",
    },
    text=STRING,
    site={"type": "string", "examples": ["linkedin", "x", "mastodon"]},
    kind={"enum": list(KINDS), "default": "post"},
    url={"type": "string", "format": "uri"},
    posted_at={"type": "string", "format": "date-time", "description": "with offset"},
    replied_to=array(STRING),
)
POST_OUT = obj(
    **{k: STRING for k in ("id", "posted_at", "posted_date", "site", "kind")},
    text={"type": ["string", "null"], "description": "null when texts are not kept"},
    label=LABEL,
    overall=INTEGER,
    scores=SCORES,
    nudges=array({"type": "object"}),
)
_PERCENT = {"type": "integer", "minimum": 0, "maximum": 100}
SETTINGS_SCHEMA = obj(
    goal={**_PERCENT, "default": 50},
    listen_goal={**_PERCENT, "default": 30},
    store_text={"type": "boolean", "default": True},
    disabled_rules=array(STRING),
    own_domains=array(STRING),
    count_other_languages={"type": "boolean", "default": False},
)


def _score_paths() -> dict[str, Any]:
    """The extension's calls: is the companion there, score a draft."""
    report = obj(
        label=LABEL,
        label_name=STRING,
        overall=INTEGER,
        scores=SCORES,
        trend={"type": "object"},
        elapsed_ms={"type": "number"},
    )
    draft = obj(["text"], text=STRING, site=STRING, kind={"enum": list(KINDS)})
    return {
        "/health": {
            "get": operation("Version, model, database; no token needed", ANY, public=True)
        },
        "/score": {
            "post": operation(
                "Score a draft; adds trend feedback from the history",
                response(report),
                body=draft,
            )
        },
    }


def _post_paths() -> dict[str, Any]:
    """Recording, listing and deleting posts."""
    paging = [query(name, INTEGER) for name in ("limit", "offset")]
    confirm = query("confirm", {"const": "delete-all"}, required=True)
    expect = query("expect", {"type": "integer", "minimum": 0})
    return {
        "/posts": {
            "post": operation(
                "Record a published post (idempotent on id: 201 new, 200 repeat)",
                response(POST_OUT, "Created"),
                body=POST_IN,
                status="201",
                also={"200": response(POST_OUT, "Already stored: the same body, not scored again")},
            ),
            "get": operation("Stored posts, newest first", ANY, params=FILTERS + paging),
            "delete": operation(
                "Delete the posts the filters match, every post without filters (needs "
                "?confirm=delete-all; expect=N refuses with 409 unless N posts match); a copy "
                "of the database is kept first ({deleted, backup, filters})",
                ANY,
                params=[confirm, expect, *FILTERS],
            ),
        },
        "/posts/{post_id}": {
            "delete": operation("Delete one post", ANY, params=in_path("post_id"))
        },
    }


def _history_paths() -> dict[str, Any]:
    """The history page's calls: trends, settings, export, this document."""
    trends = obj(
        buckets=array(TREND_BUCKET), goal={"type": "number"}, listen_goal={"type": "number"}
    )
    bucket = query("bucket", {"enum": list(BUCKETS)})
    settings = response(SETTINGS_SCHEMA)
    return {
        "/trends": {
            "get": operation(
                "Give ratio, listen ratio and scores per bucket, sites, network breadth",
                response(trends),
                params=[bucket, *FILTERS],
            )
        },
        "/settings": {
            "get": operation("The user's settings and the rules", settings),
            "put": operation("Change some settings", settings, body=SETTINGS_SCHEMA),
        },
        "/export": {
            "get": operation(
                "Every post with its scores",
                {"description": "CSV or JSON"},
                params=[query("format", {"enum": ["csv", "json"]})],
            )
        },
        "/openapi.json": {"get": operation("This document", ANY)},
    }


def _pairing_paths() -> dict[str, Any]:
    """An extension checks or registers its own Origin, bound to the token (server/origins.py)."""
    answer = obj(origin=STRING, allowed={"type": "boolean"}, registered={"type": "boolean"})
    return {
        "/pairing": {
            "post": operation(
                "Check ({register: false}) or register ({register: true}) the caller's own "
                "extension origin; 403 bad_origin names an origin that is not allowed",
                response(answer),
                body=obj(register={"type": "boolean"}),
            )
        }
    }


def _import_paths() -> dict[str, Any]:
    """The upload of a platform's data export from the history page (server/imports.py)."""
    job = in_path("import_id")
    announce = obj(["filename", "size"], filename=STRING, size=INTEGER)
    chunk = obj(["offset", "data"], offset=INTEGER, data=STRING)
    progress = (
        "Progress: {id, filename, size, received, state (uploading, reading, scoring, "
        "done, failed), done, total, summary?, error?}"
    )
    start = operation(
        "Start importing the uploaded file",
        response({"type": "object"}, "Accepted"),
        body=obj(),
        params=job,
        status="202",
    )
    return {
        "/imports": {
            "post": operation(
                "Announce an upload: {filename, size} → {id, chunk_bytes}",
                ANY,
                body=announce,
                status="201",
            )
        },
        "/imports/{import_id}/chunks": {
            "post": operation(
                "Send the next chunk: {offset, data (base64)}", ANY, body=chunk, params=job
            )
        },
        "/imports/{import_id}/start": {"post": start},
        "/imports/{import_id}": {"get": operation(progress, ANY, params=job)},
    }


def _components() -> dict[str, Any]:
    """The token scheme and the error every operation can answer."""
    error = obj(error=obj(code=STRING, message=STRING))
    return {
        "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
        "responses": {"Error": response(error, "Error")},
    }


def openapi_document(port: int) -> dict[str, Any]:
    """The API as OpenAPI 3.1, served from 127.0.0.1:``port``."""
    paths = {
        **_score_paths(),
        **_post_paths(),
        **_history_paths(),
        **_pairing_paths(),
        **_import_paths(),
        **PEOPLE_PATHS,
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Spotlight companion", "version": __version__},
        "servers": [{"url": f"http://127.0.0.1:{port}/api/v1"}],
        "security": [{"token": []}],
        "paths": paths,
        "components": _components(),
    }
