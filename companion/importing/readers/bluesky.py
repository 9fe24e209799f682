"""Bluesky: the repository export (``repo.car``, Settings → Account → Export my data).

A CAR file (content-addressed archive) of DAG-CBOR blocks, read with libipld: the root is
the signed commit, whose ``data`` is the root of a Merkle search tree; walking the tree
gives each record's key (``app.bsky.feed.post/<rkey>``) and block. A post record has
``text``, ``createdAt``, ``reply`` (``root`` and ``parent``, each with an ``at://`` URI),
``embed`` and ``facets`` (mentions by DID with their place in the text).

A reply to one's own post continues a thread (kind ``thread``); a reply to someone else
is a ``reply``, credited to the @handle the text mentions for that DID, else to the DID.
A post with an image and no words is a media post and is left out. The post's id is its
``at://`` URI; its address is the same record on bsky.app. :func:`records` reads any
collection, so the follows (``app.bsky.graph.follow``) can be read the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..archive import Member
from ..dates import parse_date
from ..found import Found, Ignored, ImportedPost, Problem
from ..reader import Context

PLATFORM = "bluesky"
LABEL = "Bluesky"
EXPECTS = "repo.car"
HOW = "Settings → Account → Export my data"
READS = "the repository `.car`: every `app.bsky.feed.post` record, linked by its `at://` URI"
SKIPS = "reposts and likes (other records), media posts with no words"
SUFFIXES = (".car",)

POSTS = "app.bsky.feed.post"
FOLLOWS = "app.bsky.graph.follow"


def claims(member: Member) -> bool:
    if member.name.lower().endswith(".car"):
        return True
    head = member.head(64)
    # A CARv1 header: a varint length, then a DAG-CBOR map with "roots" and "version".
    return b"roots" in head[:40] and b"version" in head[:40] and head[1:2] == b"\xa2"


def load_repository(data: bytes) -> tuple[str, dict[bytes, Any], bytes]:
    """``(did, blocks, tree root)`` of a repository CAR.

    Raises:
        ValueError: the bytes are not a CAR file holding an atproto repository.
    """
    import libipld

    try:
        header, blocks = libipld.decode_car(data)
    except (ValueError, TypeError, OverflowError) as error:
        raise ValueError(
            f"expected a Bluesky repository (.car), but it is not one: {error}"
        ) from None
    roots = header.get("roots") if isinstance(header, dict) else None
    commit = blocks.get(roots[0]) if roots else None
    if not isinstance(commit, dict) or "data" not in commit or "did" not in commit:
        raise ValueError("expected a Bluesky repository (.car) whose root is a signed commit")
    return str(commit["did"]), blocks, commit["data"]


def _walk(blocks: dict[bytes, Any], root: bytes | None) -> Iterator[tuple[str, bytes]]:
    """The ``(key, record cid)`` pairs of the search tree under ``root``.

    Keys are prefix-compressed within a node (``p`` bytes shared with the entry before,
    then ``k``); ``l`` and each entry's ``t`` are subtrees. Iterative, so a deep tree
    cannot reach Python's recursion limit; a missing block is a subtree skipped.
    """
    pending = [root]
    while pending:
        node = blocks.get(pending.pop()) if pending[-1] is not None else pending.pop()
        if not isinstance(node, dict):
            continue
        pending.append(node.get("l"))
        key = b""
        for entry in node.get("e") or ():
            if not isinstance(entry, dict):
                continue
            key = key[: entry.get("p", 0)] + bytes(entry.get("k", b""))
            yield key.decode("utf-8", "replace"), entry.get("v")
            pending.append(entry.get("t"))


def records(data: bytes, collection: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """``(did, rkey, record)`` for every record of ``collection`` in a repository CAR
    (for example :data:`FOLLOWS`, whose ``subject`` is the DID followed)."""
    did, blocks, root = load_repository(data)
    prefix = collection + "/"
    for key, cid in _walk(blocks, root):
        if key.startswith(prefix):
            record = blocks.get(cid)
            if isinstance(record, dict):
                yield did, key[len(prefix) :], record


def follows(member: Member) -> list[dict[str, str]]:
    """The accounts the user follows: ``{"did", "followed_at"}`` for each follow record."""
    return [
        {"did": str(record.get("subject")), "followed_at": str(record.get("createdAt", ""))}
        for _, _, record in records(member.read_bytes(), FOLLOWS)
        if isinstance(record.get("subject"), str)
    ]


def _answered(record: dict[str, Any], did: str) -> tuple[str, tuple[str, ...]]:
    reply = record.get("reply")
    if not isinstance(reply, dict):
        return "post", ()
    parent = str((reply.get("parent") or {}).get("uri") or "")
    author = parent.removeprefix("at://").split("/", 1)[0]
    if author == did:
        return "thread", ()
    text = str(record.get("text") or "").encode("utf-8")
    for facet in record.get("facets") or ():
        for feature in facet.get("features") or () if isinstance(facet, dict) else ():
            if isinstance(feature, dict) and feature.get("did") == author:
                index = facet.get("index") or {}
                start, end = index.get("byteStart", 0), index.get("byteEnd", 0)
                return "reply", (text[start:end].decode("utf-8", "replace"),)
    return "reply", (author,) if author else ()


def read(member: Member, context: Context) -> Iterator[Found]:
    for did, rkey, record in records(member.read_bytes(), POSTS):
        uri = f"at://{did}/{POSTS}/{rkey}"
        where = f"{member.display} {uri}"
        text = record.get("text")
        if not isinstance(text, str):
            yield Problem(where, "expected a post record with text and createdAt")
            continue
        if not text.strip():
            yield Ignored("media only" if record.get("embed") else "no text", where)
            continue
        try:
            posted_at = parse_date(record.get("createdAt"))
        except ValueError as error:
            yield Problem(where, str(error))
            continue
        kind, replied_to = _answered(record, did)
        yield ImportedPost(
            platform=PLATFORM,
            native_id=uri,
            text=text.strip(),
            site="bluesky",
            kind=kind,
            posted_at=posted_at,
            source=member.display,
            url=f"https://bsky.app/profile/{did}/post/{rkey}",
            replied_to=replied_to,
        )
