"""X/Twitter: ``data/following.js`` and ``data/follower.js`` in the archive.

    window.YTD.following.part0 = [
      {"following": {"accountId": "1111", "userLink": "https://twitter.com/intent/user?user_id=1111"}}
    ]

The files hold account ids only. The user's own ``data/tweets.js`` gives the handles
and names of the accounts they mentioned or answered: each tweet's
``entities.user_mentions`` (``id_str``, ``screen_name``, ``name``) and
``in_reply_to_user_id_str`` / ``in_reply_to_screen_name``. An account never mentioned
stays an id until a later archive names it. ``data/manifest.js`` says when the archive
was made (``archiveInfo.generationDate``), the day the snapshot describes.
"""

from __future__ import annotations

import re
from typing import Any

from ..archive import READ_ERRORS, Member
from .model import Account, NetworkFile
from .parsing import load_ytd

PLATFORM = "x"
LABEL = "X/Twitter following and followers"
EXPECTS = "data/following.js, data/follower.js"

_NAME = re.compile(r"(?:^|/)(following|follower)(?:-part\d+)?\.js$")
_TWEETS = re.compile(r"(?:^|/)tweets?(?:-part\d+)?\.js$")


def claims(member: Member) -> bool:
    return bool(_NAME.search(member.name)) or (
        member.name.endswith(".js")
        and re.match(rb"\s*window\.YTD\.(following|follower)\.part", member.head(100)) is not None
    )


def _names_from_tweets(members: list[Member]) -> dict[str, tuple[str, str | None]]:
    """Account id -> (handle, name), from the user's own tweets."""
    names: dict[str, tuple[str, str | None]] = {}
    for member in members:
        if not _TWEETS.search(member.name):
            continue
        try:
            items = load_ytd(member)
        except READ_ERRORS:
            continue  # the post reader reports a damaged tweets.js
        for item in items if isinstance(items, list) else ():
            tweet = item.get("tweet", item) if isinstance(item, dict) else {}
            if not isinstance(tweet, dict):
                continue
            for mention in (tweet.get("entities") or {}).get("user_mentions") or ():
                if (
                    isinstance(mention, dict)
                    and mention.get("id_str")
                    and mention.get("screen_name")
                ):
                    names[str(mention["id_str"])] = (mention["screen_name"], mention.get("name"))
            reply_id, reply_name = (
                tweet.get("in_reply_to_user_id_str"),
                tweet.get("in_reply_to_screen_name"),
            )
            if reply_id and reply_name and str(reply_id) not in names:
                names[str(reply_id)] = (reply_name, None)
    return names


def _generated(members: list[Member]) -> str | None:
    for member in members:
        if member.name.endswith("manifest.js"):
            try:
                config: Any = load_ytd(member)
                return str(config["archiveInfo"]["generationDate"])[:10]
            except (*READ_ERRORS, KeyError):
                return None
    return None


def read(member: Member, members: list[Member]) -> NetworkFile:
    items = load_ytd(member)
    if not isinstance(items, list):
        raise ValueError("expected a list of accounts after window.YTD.following.part0 =")
    direction = "follower" if "follower" in member.path.name else "following"
    names = _names_from_tweets(members)
    found = NetworkFile(PLATFORM, "x", direction, member.display, as_of=_generated(members))
    for item in items:
        entry = item.get(direction) if isinstance(item, dict) else None
        if not isinstance(entry, dict) or not entry.get("accountId"):
            continue
        ident = str(entry["accountId"])
        handle, name = names.get(ident, (None, None))
        found.accounts.append(
            Account(
                account=ident,
                name=name,
                handle=handle,
                url=f"https://x.com/{handle}" if handle else entry.get("userLink"),
            )
        )
    return found
