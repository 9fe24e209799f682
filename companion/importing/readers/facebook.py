"""Facebook: the JSON export from Settings → Your Facebook information → Download your
information (format: JSON).

Posts are in ``posts/your_posts_1.json`` (older exports) or
``your_activity_across_facebook/posts/your_posts__check_ins__photos_and_videos_1.json``:
a list of ``{"timestamp", "data": [{"post": "..."}], "attachments", "title"}``. Comments
are in ``comments_and_reactions/comments.json`` (``{"comments_v2": [...]}``; older exports
``comments/comments.json`` with ``"comments"``), each ``{"timestamp", "data": [{"comment":
{"comment", "author"}}], "title": "Ana commented on Ben Ode's post."}``.

Every string is mis-encoded: Facebook writes each byte of the UTF-8 as its own ``\\u00XX``
escape, so "Café" arrives as "CafÃ©". :func:`~.text.repair_mojibake` undoes it. Posts
have no id or address in the export; their id comes from their date and text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..archive import Member
from ..charset import repair_mojibake
from ..dates import from_timestamp
from ..found import Found, Ignored, ImportedPost, Problem
from ..json_files import describe, load_json
from ..reader import Context

PLATFORM = "facebook"
LABEL = "Facebook"
EXPECTS = "posts/your_posts_1.json, comments_and_reactions/comments.json"
HOW = "Settings → Download your information, **format JSON**"
READS = (
    "`your_posts_1.json` / `your_posts__check_ins__photos_and_videos_1.json`, "
    '`comments.json`; the broken encoding ("CafÃ©") is repaired'
)
SKIPS = "photo-only posts"
SUFFIXES = (".json",)

_POSTS = re.compile(r"(?:^|/)(your_posts[\w]*|profile_posts)_\d+\.json$")
_COMMENTS = re.compile(r"(?:^|/)comments(?:_and_reactions)?/comments\.json$")
_REPLIED = re.compile(r"(?:commented on|replied to) (.+?)[’']s? (?:own )?\w+\.?$")


_CONTENT = re.compile(rb'^\s*(\[\s*\{\s*"timestamp"|\{\s*"comments(_v2)?"\s*:)')


def claims(member: Member) -> bool:
    if _POSTS.search(member.name) or _COMMENTS.search(member.name):
        return True
    # A single file taken out of the export, perhaps renamed: its first bytes tell.
    return member.name.endswith(".json") and bool(_CONTENT.match(member.head(200)))


def _texts(entry: dict[str, Any], key: str) -> list[str]:
    parts = []
    for data in entry.get("data") or ():
        if not isinstance(data, dict):
            continue
        value = data.get(key)
        if isinstance(value, dict):  # comments: {"comment": {"comment": "...", "author"}}
            value = value.get(key)
        if isinstance(value, str) and value.strip():
            parts.append(repair_mojibake(value).strip())
    return parts


def read(member: Member, context: Context) -> Iterator[Found]:
    comments = bool(_COMMENTS.search(member.name)) or b'"comments' in member.head(200)
    what = "Facebook's comments.json" if comments else "Facebook's list of your posts"
    data = load_json(member, what=what)
    if comments:
        if not isinstance(data, dict) or not isinstance(
            entries := data.get("comments_v2", data.get("comments")), list
        ):
            raise ValueError(
                f"expected {what}: an object with a comments_v2 list; found {describe(data)}"
            )
    else:
        entries = data
        if not isinstance(entries, list):
            raise ValueError(f"expected {what}: a list of posts; found {describe(data)}")
    for number, entry in enumerate(entries, 1):
        where = f"{member.display} item {number}"
        if not isinstance(entry, dict) or "timestamp" not in entry:
            yield Problem(where, "expected an object with a timestamp and data")
            continue
        text = "\n\n".join(_texts(entry, "comment" if comments else "post"))
        if not text:
            yield Ignored("media only" if entry.get("attachments") else "no text", where)
            continue
        try:
            posted_at = from_timestamp(entry["timestamp"])
        except (ValueError, OverflowError, OSError) as error:
            yield Problem(where, f"timestamp is not a Unix time ({error})")
            continue
        title = repair_mojibake(str(entry.get("title") or ""))
        replied = _REPLIED.search(title) if comments else None
        yield ImportedPost(
            platform=PLATFORM,
            native_id=None,
            text=text,
            site="facebook",
            kind="comment" if comments else "post",
            posted_at=posted_at,
            source=member.display,
            replied_to=(replied.group(1),) if replied else (),
        )
