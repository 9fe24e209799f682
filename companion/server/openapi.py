"""The OpenAPI 3.1 document of /api/v1. A test checks it lists exactly the app's routes."""

from __future__ import annotations

from typing import Any

from .. import __version__
from ..store.posts import ID_PATTERN, MAX_ID
from ..vocabulary import BUCKETS, DIMENSIONS, KINDS, LABELS

_ERROR = {"$ref": "#/components/responses/Error"}
# null: the post shows nothing about that dimension (not applicable, left out of overall).
_SCORES = {
    "type": "object",
    "properties": {
        d: {"type": ["number", "null"], "minimum": 0, "maximum": 100} for d in DIMENSIONS
    },
}
_LABEL = {"enum": list(LABELS)}
_FILTERS = [
    {"name": "since", "in": "query", "schema": {"type": "string", "format": "date"}},
    {"name": "until", "in": "query", "schema": {"type": "string", "format": "date"}},
    {"name": "site", "in": "query", "schema": {"type": "string"}},
    {"name": "label", "in": "query", "schema": _LABEL},
]


def _json(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _op(
    summary: str,
    ok: dict[str, Any],
    *,
    body: dict[str, Any] | None = None,
    params: list[dict[str, Any]] | None = None,
    public: bool = False,
    status: str = "200",
    also: dict[str, Any] | None = None,
) -> dict[str, Any]:
    responses = {status: ok, **(also or {}), "4XX": _ERROR}
    op: dict[str, Any] = {"summary": summary, "responses": responses}
    if body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if params:
        op["parameters"] = params
    if public:
        op["security"] = []
    return op


POST_IN = {
    "type": "object",
    "required": ["id", "text", "site"],
    "properties": {
        "id": {
            "type": "string",
            "pattern": "^" + ID_PATTERN.pattern + "$",
            "maxLength": MAX_ID,
            "description": "client-generated UUID; idempotency key",
        },
        "text": {"type": "string"},
        "site": {"type": "string", "examples": ["linkedin", "x", "mastodon"]},
        "kind": {"enum": list(KINDS), "default": "post"},
        "url": {"type": "string", "format": "uri"},
        "posted_at": {"type": "string", "format": "date-time", "description": "with offset"},
        "replied_to": {"type": "array", "items": {"type": "string"}},
    },
}
POST_OUT = {
    "type": "object",
    "properties": {
        **{k: {"type": "string"} for k in ("id", "posted_at", "posted_date", "site", "kind")},
        "text": {"type": ["string", "null"], "description": "null when texts are not kept"},
        "label": _LABEL,
        "overall": {"type": "integer"},
        "scores": _SCORES,
        "nudges": {"type": "array", "items": {"type": "object"}},
    },
}
SETTINGS_SCHEMA = {
    "type": "object",
    "properties": {
        "goal": {"type": "integer", "minimum": 0, "maximum": 100, "default": 50},
        "listen_goal": {"type": "integer", "minimum": 0, "maximum": 100, "default": 30},
        "store_text": {"type": "boolean", "default": True},
        "disabled_rules": {"type": "array", "items": {"type": "string"}},
        "own_domains": {"type": "array", "items": {"type": "string"}},
        "count_other_languages": {"type": "boolean", "default": False},
    },
}


# An extension checks or registers its own Origin, bound to the token (server/origins.py).
PAIRING_PATHS = {
    "/pairing": {
        "post": _op(
            "Check ({register: false}) or register ({register: true}) the caller's own "
            "extension origin; 403 bad_origin names an origin that is not allowed",
            _json(
                {
                    "type": "object",
                    "properties": {
                        "origin": {"type": "string"},
                        "allowed": {"type": "boolean"},
                        "registered": {"type": "boolean"},
                    },
                }
            ),
            body={"type": "object", "properties": {"register": {"type": "boolean"}}},
        )
    }
}
_IMPORT_ID = [{"name": "import_id", "in": "path", "required": True, "schema": {"type": "string"}}]
# The upload of a platform's data export from the history page (companion.server.imports).
IMPORT_PATHS = {
    "/imports": {
        "post": _op(
            "Announce an upload: {filename, size} → {id, chunk_bytes}",
            _json({"type": "object"}),
            body={
                "type": "object",
                "required": ["filename", "size"],
                "properties": {"filename": {"type": "string"}, "size": {"type": "integer"}},
            },
            status="201",
        )
    },
    "/imports/{import_id}/chunks": {
        "post": _op(
            "Send the next chunk: {offset, data (base64)}",
            _json({"type": "object"}),
            body={
                "type": "object",
                "required": ["offset", "data"],
                "properties": {"offset": {"type": "integer"}, "data": {"type": "string"}},
            },
            params=_IMPORT_ID,
        )
    },
    "/imports/{import_id}/start": {
        "post": _op(
            "Start importing the uploaded file",
            _json({"type": "object"}, "Accepted"),
            body={"type": "object"},
            params=_IMPORT_ID,
            status="202",
        )
    },
    "/imports/{import_id}": {
        "get": _op(
            "Progress: {id, filename, size, received, state (uploading, reading, scoring, "
            "done, failed), done, total, summary?, error?}",
            _json({"type": "object"}),
            params=_IMPORT_ID,
        )
    },
}


def openapi_document(port: int) -> dict[str, Any]:
    """The API as OpenAPI 3.1, served from 127.0.0.1:``port``."""
    from .openapi_people import PEOPLE_PATHS, TREND_BUCKET  # they use _op and _json

    post_id = [{"name": "post_id", "in": "path", "required": True, "schema": {"type": "string"}}]
    paging = [
        {"name": n, "in": "query", "schema": {"type": "integer"}} for n in ("limit", "offset")
    ]
    bucket = [{"name": "bucket", "in": "query", "schema": {"enum": list(BUCKETS)}}]
    score_in = {
        "type": "object",
        "required": ["text"],
        "properties": {
            "text": {"type": "string"},
            "site": {"type": "string"},
            "kind": {"enum": list(KINDS)},
        },
    }
    paths = {
        "/health": {
            "get": _op(
                "Version, model, database; no token needed", _json({"type": "object"}), public=True
            )
        },
        "/score": {
            "post": _op(
                "Score a draft; adds trend feedback from the history",
                _json(
                    {
                        "type": "object",
                        "properties": {
                            "label": _LABEL,
                            "label_name": {"type": "string"},
                            "overall": {"type": "integer"},
                            "scores": _SCORES,
                            "trend": {"type": "object"},
                            "elapsed_ms": {"type": "number"},
                        },
                    }
                ),
                body=score_in,
            )
        },
        "/posts": {
            "post": _op(
                "Record a published post (idempotent on id: 201 new, 200 repeat)",
                _json(POST_OUT, "Created"),
                body=POST_IN,
                status="201",
                also={"200": _json(POST_OUT, "Already stored: the same body, not scored again")},
            ),
            "get": _op(
                "Stored posts, newest first", _json({"type": "object"}), params=_FILTERS + paging
            ),
            "delete": _op(
                "Delete the posts the filters match, every post without filters (needs "
                "?confirm=delete-all; expect=N refuses with 409 unless N posts match); a copy "
                "of the database is kept first ({deleted, backup, filters})",
                _json({"type": "object"}),
                params=[
                    {
                        "name": "confirm",
                        "in": "query",
                        "required": True,
                        "schema": {"const": "delete-all"},
                    },
                    {"name": "expect", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                    *_FILTERS,
                ],
            ),
        },
        "/posts/{post_id}": {
            "delete": _op("Delete one post", _json({"type": "object"}), params=post_id)
        },
        "/trends": {
            "get": _op(
                "Give ratio, listen ratio and scores per bucket, sites, network breadth",
                _json(
                    {
                        "type": "object",
                        "properties": {
                            "buckets": {"type": "array", "items": TREND_BUCKET},
                            "goal": {"type": "number"},
                            "listen_goal": {"type": "number"},
                        },
                    }
                ),  # fmt: skip
                params=bucket + _FILTERS,
            )
        },
        "/settings": {
            "get": _op("The user's settings and the rules", _json(SETTINGS_SCHEMA)),
            "put": _op("Change some settings", _json(SETTINGS_SCHEMA), body=SETTINGS_SCHEMA),
        },
        "/export": {
            "get": _op(
                "Every post with its scores",
                {"description": "CSV or JSON"},
                params=[{"name": "format", "in": "query", "schema": {"enum": ["csv", "json"]}}],
            )
        },
        "/openapi.json": {"get": _op("This document", _json({"type": "object"}))},
        **PAIRING_PATHS,
        **IMPORT_PATHS,
        **PEOPLE_PATHS,
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Spotlight companion", "version": __version__},
        "servers": [{"url": f"http://127.0.0.1:{port}/api/v1"}],
        "security": [{"token": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
            "responses": {
                "Error": _json(
                    {
                        "type": "object",
                        "properties": {
                            "error": {
                                "type": "object",
                                "properties": {
                                    "code": {"type": "string"},
                                    "message": {"type": "string"},
                                },
                            }
                        },
                    },
                    "Error",
                )
            },
        },
    }
