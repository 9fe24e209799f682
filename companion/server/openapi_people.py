"""The OpenAPI description of the people routes and the trends' buckets (issue 11);
:func:`~companion.server.openapi.openapi_document` adds them to the document."""

from __future__ import annotations

from ..vocabulary import ENTITIES
from .openapi_shapes import INTEGER, SCORES, STRING, array, in_path, obj, operation, query, response

_RATIO = {"type": ["number", "null"], "minimum": 0, "maximum": 1}
_TIME = {"type": ["string", "null"], "format": "date-time"}
TREND_BUCKET = obj(
    start={"type": "string", "format": "date"},
    posts=INTEGER,
    labels={"type": "object"},
    give_ratio=_RATIO,
    listen_ratio={**_RATIO, "description": "share of items that answer someone else"},
    known_give_ratio={**_RATIO, "description": "share of posts crediting someone known"},
    answers=INTEGER,
    known_credits=INTEGER,
    overall={"type": ["number", "null"]},
    scores=SCORES,
)
PERSON = obj(
    id=INTEGER,
    name=STRING,
    handles=array(obj(site=STRING, handle=STRING)),
    kind={"enum": list(ENTITIES)},
    known={"type": "boolean"},
    credited=INTEGER,
    mentioned=INTEGER,
    replied=INTEGER,
    last_credited_at=_TIME,
    last_talked_at=_TIME,
    connected={"type": "boolean"},
    merged={"type": "integer", "description": "people merged into this one"},
)
_FLAG = {"enum": ["true", "false"]}
_PEOPLE = array(PERSON)
_SORTS = {"enum": ["talked", "credited", "replied", "recent"]}
# The people, whom you could thank, merging and splitting (companion.server.people).
PEOPLE_PATHS = {
    "/people": {
        "get": operation(
            "People you named, answered or are connected to (merged groups)",
            response(obj(people=_PEOPLE, total=INTEGER, network={"type": "object"})),
            params=[
                query("known", _FLAG),
                query("kind", {"enum": list(ENTITIES)}),
                query("days", INTEGER),
                query("sort", _SORTS),
                query("limit", INTEGER),
                query("offset", INTEGER),
            ],
        )
    },
    "/people/suggestions": {
        "get": operation(
            "Whom you could thank: people you know, talked with, not credited in 90 days",
            response(obj(suggestions=_PEOPLE)),
            params=[query("limit", INTEGER)],
        )
    },
    "/people/merge": {
        "post": operation(
            "Merge people into the first id; undo with /people/{id}/split",
            response(obj(person=PERSON)),
            body=obj(["ids"], ids=array(INTEGER, minItems=2)),
        )
    },
    "/people/{person_id}/split": {
        "post": operation(
            "Undo the last merge into this person",
            response(obj(people=_PEOPLE)),
            body=obj(),
            params=in_path("person_id", "integer"),
        )
    },
}
