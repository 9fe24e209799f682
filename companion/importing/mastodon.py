"""Mastodon: ``outbox.json`` in the archive from Preferences → Import and export → Request
your archive (a .tar.gz).

The outbox is an ActivityPub ``OrderedCollection`` whose ``orderedItems`` are ``Create``
activities wrapping a ``Note`` (``content`` is HTML, ``published``, ``url``,
``inReplyTo``, ``tag`` with the ``Mention``s) and ``Announce`` activities, which are boosts
of someone else's post and are left out. Direct messages (addressed to neither the public
nor the followers) are private conversation, not posts, and are left out too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .archive import Member
from .formats import Context
from .model import Found, Ignored, ImportedPost, Problem
from .tables import describe, load_json
from .text import html_to_text, parse_date

PLATFORM = "mastodon"
LABEL = "Mastodon"
EXPECTS = "outbox.json"

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
_STATUS = re.compile(r"^https?://([^/]+)/(?:users/|@)([\w.-]+)/(?:statuses/)?\w+")


def claims(member: Member) -> bool:
    return member.path.name == "outbox.json"


def _audience(item: dict[str, Any], note: dict[str, Any]) -> list[str]:
    audience: list[str] = []
    for source in (item, note):
        for key in ("to", "cc"):
            value = source.get(key) or []
            audience += [value] if isinstance(value, str) else [str(v) for v in value]
    return audience


def _replied_to(note: dict[str, Any]) -> tuple[str, ...]:
    target = note.get("inReplyTo")
    if not isinstance(target, str):
        return ()
    match = _STATUS.match(target)
    if match:
        return (f"@{match.group(2)}@{match.group(1)}",)
    mentions = [
        tag.get("name")
        for tag in note.get("tag") or ()
        if isinstance(tag, dict) and tag.get("type") == "Mention" and tag.get("name")
    ]
    return tuple(mentions[:1])


def read(member: Member, context: Context) -> Iterator[Found]:
    outbox = load_json(member, what="Mastodon's outbox.json")
    items = outbox.get("orderedItems") if isinstance(outbox, dict) else None
    if not isinstance(items, list):
        raise ValueError(
            "expected Mastodon's ActivityPub outbox (an OrderedCollection with "
            f"orderedItems); found {describe(outbox)}"
        )
    for number, item in enumerate(items, 1):
        where = f"{member.display} item {number}"
        kind = item.get("type") if isinstance(item, dict) else None
        if kind == "Announce":
            yield Ignored("boost", where)
            continue
        note = item.get("object") if kind == "Create" else None
        if not isinstance(note, dict):
            yield Problem(where, f"expected a Create activity with a Note, found {kind!r}")
            continue
        audience = _audience(item, note)
        if not any(a == PUBLIC or a.endswith("/followers") for a in audience):
            yield Ignored("direct message", where)
            continue
        text = html_to_text(str(note.get("content") or ""))
        if not text:
            yield Ignored("no text", where)
            continue
        try:
            posted_at = parse_date(note.get("published") or item.get("published"))
        except ValueError as error:
            yield Problem(where, str(error))
            continue
        url = note.get("url") or note.get("id")
        url = url if isinstance(url, str) and url.startswith("http") else None
        replied_to = _replied_to(note)
        yield ImportedPost(
            platform=PLATFORM,
            native_id=str(note.get("id") or "") or None,
            text=text,
            # The extension records Mastodon posts as "mastodon" whatever the instance; the
            # same name here keeps the history's split by site in one row.
            site="mastodon",
            kind="reply" if note.get("inReplyTo") else "post",
            posted_at=posted_at,
            source=member.display,
            url=url,
            replied_to=replied_to,
        )
