"""The shapes every part of the OpenAPI document is made of: an operation, a JSON response,
a parameter, an object, and the schemas several areas share (scores, label, filters)."""

from __future__ import annotations

from typing import Any

from ..vocabulary import DIMENSIONS, LABELS

ERROR = {"$ref": "#/components/responses/Error"}
# null: the post shows nothing about that dimension (not applicable, left out of overall).
SCORES = {
    "type": "object",
    "properties": {
        d: {"type": ["number", "null"], "minimum": 0, "maximum": 100} for d in DIMENSIONS
    },
}
LABEL = {"enum": list(LABELS)}
INTEGER = {"type": "integer"}
STRING = {"type": "string"}


def obj(required: list[str] | None = None, **properties: Any) -> dict[str, Any]:
    """A JSON object schema with these properties (none: any object)."""
    schema: dict[str, Any] = {"type": "object"}
    if required:
        schema["required"] = required
    if properties:
        schema["properties"] = properties
    return schema


def array(items: dict[str, Any], **more: Any) -> dict[str, Any]:
    """A JSON array schema of ``items``."""
    return {"type": "array", "items": items, **more}


def query(name: str, schema: dict[str, Any], *, required: bool = False) -> dict[str, Any]:
    """A query parameter."""
    param = {"name": name, "in": "query", "schema": schema}
    return {**param, "required": True} if required else param


def in_path(name: str, kind: str = "string") -> list[dict[str, Any]]:
    """The one path parameter of a route like ``/posts/{post_id}``."""
    return [{"name": name, "in": "path", "required": True, "schema": {"type": kind}}]


FILTERS = [
    query("since", {"type": "string", "format": "date"}),
    query("until", {"type": "string", "format": "date"}),
    query("site", STRING),
    query("label", LABEL),
]


def response(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    """A response whose body is JSON of ``schema``."""
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def operation(
    summary: str,
    ok: dict[str, Any],
    *,
    body: dict[str, Any] | None = None,
    params: list[dict[str, Any]] | None = None,
    public: bool = False,
    status: str = "200",
    also: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One operation: its summary, its success response (``status``, plus ``also``), the
    shared error response, a required JSON body, parameters; ``public`` needs no token."""
    responses = {status: ok, **(also or {}), "4XX": ERROR}
    op: dict[str, Any] = {"summary": summary, "responses": responses}
    if body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if params:
        op["parameters"] = params
    if public:
        op["security"] = []
    return op
