"""Threads: ``your_instagram_activity/threads/threads_and_replies.json`` in Instagram's
"Download your information" (Accounts Center → Your information and permissions), format
JSON.

The file is ``{"text_post_app_text_posts": [{"media": [{"title", "creation_timestamp",
"uri", "text_app_post": {"is_reply"}}], "title"?, "creation_timestamp"?}]}``: the post's
words are the ``title`` of the item or of its first media, and every string carries Meta's
broken UTF-8 (each byte as its own ``\\u00XX``), repaired as in Facebook's export. A post
with a picture and no words is a media post and is left out. Posts have no id or address
in the export; their id comes from their date and text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...nlp.handles import HANDLE
from ..archive import Member
from ..charset import repair_mojibake
from ..dates import from_timestamp
from ..found import Found, Ignored, ImportedPost, Problem
from ..json_files import describe, load_json
from ..reader import Context

PLATFORM = "threads"
LABEL = "Threads"
EXPECTS = "your_instagram_activity/threads/threads_and_replies.json"
HOW = "Instagram → Accounts Center → Download your information, **format JSON**"
READS = (
    "`your_instagram_activity/threads/threads_and_replies.json`: posts and replies, the "
    "broken encoding repaired"
)
SKIPS = "media posts with no words"
SUFFIXES = (".json",)

KEY = "text_post_app_text_posts"
_NAME = re.compile(r"(?:^|/)threads_and_replies\.json$")


def claims(member: Member) -> bool:
    if _NAME.search(member.name):
        return True
    return member.name.endswith(".json") and f'"{KEY}"'.encode() in member.head(300)


def _words(item: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    media = [m for m in item.get("media") or () if isinstance(m, dict)]
    for source in (item, *media):
        title = source.get("title")
        if isinstance(title, str) and title.strip():
            return repair_mojibake(title).strip(), source
    return "", media[0] if media else item


def read(member: Member, context: Context) -> Iterator[Found]:
    data = load_json(member, what="Threads' threads_and_replies.json")
    items = data.get(KEY) if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ValueError(f"expected an object with a {KEY} list; found {describe(data)}")
    for number, item in enumerate(items, 1):
        where = f"{member.display} item {number}"
        if not isinstance(item, dict):
            yield Problem(where, "expected an object with media and creation_timestamp")
            continue
        text, source = _words(item)
        if not text:
            yield Ignored("media only" if item.get("media") else "no text", where)
            continue
        stamp = item.get("creation_timestamp", source.get("creation_timestamp"))
        try:
            posted_at = from_timestamp(stamp)
        except (ValueError, OverflowError, OSError) as error:
            yield Problem(where, f"creation_timestamp is not a Unix time ({error})")
            continue
        about = source.get("text_app_post") or {}
        reply = isinstance(about, dict) and about.get("is_reply") is True
        answered = HANDLE.match(text) if reply else None
        yield ImportedPost(
            platform=PLATFORM,
            native_id=None,
            text=text,
            site="threads",
            kind="reply" if reply else "post",
            posted_at=posted_at,
            source=member.display,
            replied_to=(answered.group(),) if answered else (),
        )
