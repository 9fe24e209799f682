"""Mastodon: ``outbox.json`` in the archive from Preferences → Import and export → Request
your archive (a .tar.gz).

The outbox is an ActivityPub ``OrderedCollection`` whose ``orderedItems`` are ``Create``
activities wrapping a ``Note`` (``content`` is HTML, ``published``, ``url``,
``inReplyTo``, ``tag`` with the ``Mention``s) and ``Announce`` activities, which are boosts
of someone else's post and are left out. Direct messages (addressed to neither the public
nor the followers) are private conversation, not posts, and are left out too; so are media
toots whose own words are empty once the leading @mentions are removed.

Status ids come in two URL forms: ``https://host/users/<name>/statuses/<id>`` and, on
newer servers, ``https://host/ap/users/<account id>/statuses/<id>``. A reply whose
``inReplyTo`` is one of the user's own statuses (in either form: the actor's ``id``, its
``url`` and its ``preferredUsername`` from ``actor.json``) continues a thread (kind
``thread``); any other is a ``reply``, credited to the mention whose ``href`` is the
author of the status answered, else to the ``@name@host`` its URL spells.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from ..archive import Member
from ..dates import parse_date
from ..found import Found, Ignored, ImportedPost, Problem
from ..html_text import html_to_text
from ..json_files import describe, load_json
from ..reader import Context

PLATFORM = "mastodon"
LABEL = "Mastodon"
EXPECTS = "outbox.json"
HOW = "Preferences → Import and export → Request your archive"
READS = (
    "`outbox.json` (HTML turned into text; replies resolved against `actor.json` "
    "in both `/users/<name>` and `/ap/users/<id>` forms)"
)
SKIPS = "boosts, direct messages, media-only toots"
SUFFIXES = (".json",)

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
_STATUS = re.compile(r"^(https?://([^/]+)/(?:ap/users/|users/|@)([\w.-]+))/(?:statuses/)?\w+")
_LEADING_MENTIONS = re.compile(r"^(?:@[\w.-]+(?:@[\w.-]+)?[\s,:]*)+")


def claims(member: Member) -> bool:
    return member.path.name == "outbox.json"


def _audience(item: dict[str, Any], note: dict[str, Any]) -> list[str]:
    audience: list[str] = []
    for source in (item, note):
        for key in ("to", "cc"):
            value = source.get(key) or []
            audience += [value] if isinstance(value, str) else [str(v) for v in value]
    return audience


def own_actors(context: Context, items: list[Any]) -> set[str]:
    """Every URL prefix that names the user: actor.json's id and url, the
    ``/users/<name>`` and ``/@<name>`` forms of its preferredUsername, the outbox's actor."""
    own: set[str] = set()
    member = context.find("actor.json")
    actor: Any = None
    if member is not None:
        try:
            actor = load_json(member, what="Mastodon's actor.json")
        except ValueError:
            actor = None
    if isinstance(actor, dict):
        own |= {str(actor[key]) for key in ("id", "url") if isinstance(actor.get(key), str)}
        name = actor.get("preferredUsername")
        host = urlsplit(str(actor.get("id") or "")).netloc
        if isinstance(name, str) and host:
            own |= {f"https://{host}/users/{name}", f"https://{host}/@{name}"}
    for item in items[:1]:
        if isinstance(item, dict) and isinstance(item.get("actor"), str):
            own.add(item["actor"])
    return {prefix.rstrip("/") for prefix in own if prefix.startswith("http")}


def reply_kind(note: dict[str, Any], own: set[str]) -> tuple[str, tuple[str, ...]]:
    """``(kind, replied_to)`` of a note: a thread when it answers the user's own status."""
    target = note.get("inReplyTo")
    if not target:
        return "post", ()
    if not isinstance(target, str):
        return "reply", ()
    match = _STATUS.match(target)
    author = match.group(1) if match else None
    if author in own or any(target.startswith(prefix + "/") for prefix in own):
        return "thread", ()
    for tag in note.get("tag") or ():
        if (
            isinstance(tag, dict)
            and tag.get("type") == "Mention"
            and tag.get("name")
            and author
            and tag.get("href") == author
        ):
            name = str(tag["name"])
            if name.count("@") == 1:  # a local mention: "@lee" on the author's server
                name += "@" + urlsplit(author).netloc
            return "reply", (name,)
    if match and not target.split("/")[3] == "ap":  # /ap/users/<number>: no name in it
        return "reply", (f"@{match.group(3)}@{match.group(2)}",)
    return "reply", ()


def read(member: Member, context: Context) -> Iterator[Found]:
    outbox = load_json(member, what="Mastodon's outbox.json")
    items = outbox.get("orderedItems") if isinstance(outbox, dict) else None
    if not isinstance(items, list):
        raise ValueError(
            "expected Mastodon's ActivityPub outbox (an OrderedCollection with "
            f"orderedItems); found {describe(outbox)}"
        )
    own = own_actors(context, items)
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
        if not _LEADING_MENTIONS.sub("", text).strip():
            yield Ignored("media only" if note.get("attachment") else "no text", where)
            continue
        try:
            posted_at = parse_date(note.get("published") or item.get("published"))
        except ValueError as error:
            yield Problem(where, str(error))
            continue
        url = note.get("url") or note.get("id")
        url = url if isinstance(url, str) and url.startswith("http") else None
        kind, replied_to = reply_kind(note, own)
        yield ImportedPost(
            platform=PLATFORM,
            native_id=str(note.get("id") or "") or None,
            text=text,
            # The extension records Mastodon posts as "mastodon" whatever the instance; the
            # same name here keeps the history's split by site in one row.
            site="mastodon",
            kind=kind,
            posted_at=posted_at,
            source=member.display,
            url=url,
            replied_to=replied_to,
        )
