"""The OpenAPI description of the people routes and the trends' buckets (issue 11);
:func:`~companion.server.openapi.openapi_document` adds them to the document."""

from __future__ import annotations

from ..vocabulary import ENTITIES
from .openapi import _SCORES, _json, _op

_RATIO = {"type": ["number", "null"], "minimum": 0, "maximum": 1}
TREND_BUCKET = {
    "type": "object",
    "properties": {
        "start": {"type": "string", "format": "date"},
        "posts": {"type": "integer"},
        "labels": {"type": "object"},
        "give_ratio": _RATIO,
        "listen_ratio": {**_RATIO, "description": "share of items that answer someone else"},
        "known_give_ratio": {**_RATIO, "description": "share of posts crediting someone known"},
        "answers": {"type": "integer"},
        "known_credits": {"type": "integer"},
        "overall": {"type": ["number", "null"]},
        "scores": _SCORES,
    },
}
PERSON = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "handles": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"site": {"type": "string"}, "handle": {"type": "string"}},
            },
        },
        "kind": {"enum": list(ENTITIES)},
        "known": {"type": "boolean"},
        "credited": {"type": "integer"},
        "mentioned": {"type": "integer"},
        "replied": {"type": "integer"},
        "last_credited_at": {"type": ["string", "null"], "format": "date-time"},
        "last_talked_at": {"type": ["string", "null"], "format": "date-time"},
        "connected": {"type": "boolean"},
        "merged": {"type": "integer", "description": "people merged into this one"},
    },
}
_PERSON_ID = [{"name": "person_id", "in": "path", "required": True, "schema": {"type": "integer"}}]
_FLAG = {"enum": ["true", "false"]}
# The people, whom you could thank, merging and splitting (companion.server.people).
PEOPLE_PATHS = {
    "/people": {
        "get": _op(
            "People you named, answered or are connected to (merged groups)",
            _json(
                {
                    "type": "object",
                    "properties": {
                        "people": {"type": "array", "items": PERSON},
                        "total": {"type": "integer"},
                        "network": {"type": "object"},
                    },
                }
            ),  # fmt: skip
            params=[
                {"name": "known", "in": "query", "schema": _FLAG},
                {"name": "kind", "in": "query", "schema": {"enum": list(ENTITIES)}},
                {"name": "days", "in": "query", "schema": {"type": "integer"}},
                {
                    "name": "sort",
                    "in": "query",
                    "schema": {"enum": ["talked", "credited", "replied", "recent"]},
                },  # fmt: skip
                {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                {"name": "offset", "in": "query", "schema": {"type": "integer"}},
            ],
        )
    },
    "/people/suggestions": {
        "get": _op(
            "Whom you could thank: people you know, talked with, not credited in 90 days",
            _json(
                {
                    "type": "object",
                    "properties": {"suggestions": {"type": "array", "items": PERSON}},
                }
            ),  # fmt: skip
            params=[{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
        )
    },
    "/people/merge": {
        "post": _op(
            "Merge people into the first id; undo with /people/{id}/split",
            _json({"type": "object", "properties": {"person": PERSON}}),
            body={
                "type": "object",
                "required": ["ids"],
                "properties": {
                    "ids": {"type": "array", "items": {"type": "integer"}, "minItems": 2}
                },
            },
        )
    },
    "/people/{person_id}/split": {
        "post": _op(
            "Undo the last merge into this person",
            _json(
                {"type": "object", "properties": {"people": {"type": "array", "items": PERSON}}}
            ),  # fmt: skip
            body={"type": "object"},
            params=_PERSON_ID,
        )
    },
}
