"""The people in the history: whom you know and lifted up, whom you mentioned, whom you
could thank; and the listening beside the giving.

"Highlighting the activities of celebrities ... is not the same as promoting the people
whom you know personally" and "Listen first": these functions draw both lines. Plain
functions over a :class:`~companion.store.Store`, for the API, the CLI and the tests.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..store import Store
from ..store.persons import SORTS, PeopleError
from ..store.posts import format_utc
from ..vocabulary import ENTITIES
from .filters import InputError

THANK_DAYS = 90  # credited within this long: not someone you "could thank"
QUIET_DAYS = 21  # no credit to anyone you know for this long: the composer says so
_WEEKS = {3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}


def person_item(row: dict[str, Any]) -> dict[str, Any]:
    """A person (a merged group) as the API gives it."""
    return {
        "id": row["id"],
        "name": row["name"],
        "handles": row["handles"],
        "kind": row["kind"],
        "known": row["known"],
        "credited": row["credited"],
        "mentioned": row["mentioned"],
        "replied": row["replied"],
        "posts": row["talked"],
        "last_credited_at": row["last_credited_at"],
        "last_talked_at": row["last_talked_at"],
        "first_at": row["first_talked_at"],
        "last_at": row["last_talked_at"],
        "connected": bool(row["connected"]),
        "connections": row["connections"],
        "connected_on": row["connected_on"],
        "merged": row["merged"],
    }


def _flag(value: str | None, name: str) -> bool | None:
    if value in (None, ""):
        return None
    if value not in ("true", "false"):
        raise InputError(f"{name} must be true or false")
    return value == "true"


def people_query(query: Any) -> dict[str, Any]:
    """The people list's filters from a query string: ``known``, ``kind``, ``sort``.

    Raises:
        InputError: a value that is not one of the choices.
    """
    kind = query.get("kind") or None
    if kind is not None and kind not in ENTITIES:
        raise InputError(f"kind must be one of {', '.join(ENTITIES)}")
    sort = query.get("sort") or "talked"
    if sort not in SORTS:
        raise InputError(f"sort must be one of {', '.join(SORTS)}")
    return {"known": _flag(query.get("known"), "known"), "kind": kind, "sort": sort}


def people_list(
    store: Store,
    *,
    days: int | None = None,
    limit: int = 20,
    offset: int = 0,
    now: dt.datetime | None = None,
    posts: dict[str, Any] | None = None,
    **filters: Any,
) -> dict[str, Any]:
    """The people you talked with (named or answered) or are connected to, as groups.

    Args:
        days: only those you talked with in the last ``days`` days (counts are all-time,
            or of the last ``days`` days with ``posts``).
        posts: the page's filters (:func:`.filters.parse_filters`): only the people the
            posts they pick named or answered, counted in those posts.
        filters: ``known``, ``kind``, ``sort`` (see :func:`people_query`).
    """
    now = now or dt.datetime.now(dt.UTC)
    since = format_utc(now - dt.timedelta(days=days)) if days else None
    posts = posts or {}
    rows, total = store.list_people(since=since, limit=limit, offset=offset, posts=posts, **filters)
    return {
        "days": days,
        "filters": posts,
        "people": [person_item(row) for row in rows],
        "total": total,
        "network": network_breadth(store, now=now),
    }


def network_breadth(store: Store, *, now: dt.datetime | None = None) -> dict[str, int]:
    """How many different people you know your posts named or answered in the last 30
    and 90 days (public figures and brands do not count)."""
    now = now or dt.datetime.now(dt.UTC)
    return {
        f"people_{days}d": store.known_people_since(format_utc(now - dt.timedelta(days=days)))
        for days in (30, 90)
    }


def _reason(row: dict[str, Any], since_day: str) -> str:
    parts = []
    if row["replied"]:
        parts.append(f"you answered them {_times(row['replied'])}")
    if row["mentioned"]:
        parts.append(f"you mentioned them {_times(row['mentioned'])}")
    if row["connected_on"] and row["connected_on"] >= since_day:
        parts.append(f"you connected on {row['connected_on']}")
    credited = "never credited" if not row["credited"] else "not credited in 90 days"
    return f"{'; '.join(parts) or 'in your network'}; {credited}"


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def suggestions(store: Store, *, limit: int = 5, now: dt.datetime | None = None) -> dict:
    """Whom you could thank: people you know who keep appearing in your conversations
    (you answered them, named them, connected recently) but whom you have not credited in
    the last 90 days, each with the last time you talked."""
    now = now or dt.datetime.now(dt.UTC)
    since = format_utc(now - dt.timedelta(days=THANK_DAYS))
    items = []
    for row in store.thank_candidates(since, limit):
        item = person_item(row)
        item["reason"] = _reason(row, since[:10])
        items.append(item)
    return {"days": THANK_DAYS, "suggestions": items}


def merge(store: Store, body: Any) -> dict[str, Any]:
    """Merge the people ``{ids: [...]}`` into the first one; undo with :func:`split`.

    Raises:
        InputError: not a list of at least two person ids, or an unknown id.
    """
    ids = body.get("ids") if isinstance(body, dict) else None
    if not isinstance(ids, list) or not all(
        isinstance(i, int) and not isinstance(i, bool) and 0 < i < 2**62 for i in ids
    ):
        raise InputError("send {ids: [id, id, ...]}: the people to merge, the one to keep first")
    if len(ids) > 100:
        raise InputError("merge at most 100 people at once")
    try:
        row = store.merge_people(ids)
    except PeopleError as error:
        raise InputError(str(error)) from None
    return {"person": person_item(row), "merged": ids[1:]}


def split(store: Store, person: int) -> dict[str, Any]:
    """Undo the last merge into ``person``: ``{people: [the person, those split off]}``.

    Raises:
        InputError: no such person, or nothing to split.
    """
    try:
        rows = store.split_person(person)
    except PeopleError as error:
        raise InputError(str(error)) from None
    return {"people": [person_item(row) for row in rows]}


def quiet_message(context: dict[str, Any], now: dt.datetime) -> str | None:
    """The composer's reminder when no post lifted up anyone you know for three weeks,
    naming whom you could thank; ``None`` when there is no one to name."""
    thank = context.get("thank") or []
    if not thank:
        return None
    last = context.get("last_known_credit")
    if last is not None:
        quiet = (now - dt.datetime.fromisoformat(last.replace("Z", "+00:00"))).days
        if quiet < QUIET_DAYS:
            return None
        weeks = quiet // 7
        opening = f"You haven't lifted up anyone you know in {_WEEKS.get(weeks, weeks)} weeks."
    else:
        opening = "You haven't lifted up anyone you know yet."
    person = thank[0]
    when = person["last_talked_at"]
    talked = f" You last talked with {person['name']} on {when[:10]}." if when else ""
    return f"{opening}{talked} Could this post thank {person['name']}?"


def thank_context(store: Store, now: dt.datetime | None = None) -> dict[str, Any]:
    """What the composer's feedback needs about people: whom you could thank (two at
    most) and when a post last credited someone you know."""
    now = now or dt.datetime.now(dt.UTC)
    return {
        "thank": [
            {"name": s["name"], "last_talked_at": s["last_talked_at"]}
            for s in suggestions(store, limit=2, now=now)["suggestions"]
        ],
        "last_known_credit": store.last_known_credit(),
    }
