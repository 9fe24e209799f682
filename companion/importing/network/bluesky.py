"""Bluesky: the accounts the user follows, from the repository export (``repo.car``,
Settings → Account → Export my data).

The repository holds one ``app.bsky.graph.follow`` record per follow, whose ``subject`` is
the followed account's DID: the DID is the account, as it stays the same when a handle
changes. The @handle comes from the user's own posts in the same repository, where a
mention facet names that DID; an account never mentioned is known by its DID alone.
"""

from __future__ import annotations

from ..archive import Member
from ..readers import bluesky as repository
from .model import Account, NetworkFile

PLATFORM = "bluesky"
LABEL = "Bluesky follows"
EXPECTS = "repo.car (its app.bsky.graph.follow records)"


def claims(member: Member) -> bool:
    return repository.claims(member)


def read(member: Member, members: list[Member]) -> NetworkFile:
    found = NetworkFile(PLATFORM, "bluesky", "following", member.display)
    handles = _mentioned_handles(member.read_bytes())
    for follow in repository.follows(member):
        did, day = follow["did"], follow["followed_at"][:10]
        found.accounts.append(
            Account(
                account=did,
                handle=handles.get(did),
                url=f"https://bsky.app/profile/{did}",
                connected_on=day if len(day) == 10 else None,
            )
        )
    return found


def _mentioned_handles(data: bytes) -> dict[str, str]:
    """DID → the @handle the user's own posts write for it (mention facets)."""
    handles: dict[str, str] = {}
    for _, _, record in repository.records(data, repository.POSTS):
        text = str(record.get("text") or "").encode("utf-8")
        for facet in record.get("facets") or ():
            if not isinstance(facet, dict):
                continue
            index = facet.get("index") or {}
            words = text[index.get("byteStart", 0) : index.get("byteEnd", 0)]
            for feature in facet.get("features") or ():
                if isinstance(feature, dict) and isinstance(feature.get("did"), str):
                    handle = words.decode("utf-8", "replace").strip()
                    if handle.startswith("@"):
                        handles.setdefault(feature["did"], handle.lstrip("@"))
    return handles
