"""Reddit: ``posts.csv`` and ``comments.csv`` in the export from reddit.com/settings/data-request.

posts.csv has ``id, permalink, date, ip, subreddit, gildings, title, url, body``;
comments.csv ``id, permalink, date, ip, subreddit, gildings, link, parent, body, media``
(newer exports add ``gildings_silver``...). Dates read ``2023-01-15 12:34:56 UTC``. A body
of ``[deleted]`` or ``[removed]`` is a post that is no longer there. The GDPR export
splits large tables (``posts_1.csv``, ``posts_2.csv``...) and starts each file with a
UTF-8 byte-order mark.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..archive import Member
from ..csv_files import csv_header, csv_rows
from ..dates import parse_date
from ..found import Found, Ignored, ImportedPost, Problem
from ..reader import Context

PLATFORM = "reddit"
LABEL = "Reddit"
EXPECTS = "posts.csv, comments.csv"
HOW = "reddit.com/settings/data-request"
READS = "`posts.csv`, `comments.csv` (also split as `posts_1.csv`…, with a byte-order mark)"
SKIPS = "`[deleted]` and `[removed]`"
SUFFIXES = (".csv",)

POSTS = ("id", "permalink", "date", "subreddit", "title", "body")
COMMENTS = ("id", "permalink", "date", "subreddit", "body")
_NAME = re.compile(r"(?:^|/)(posts|comments)(?:_\d+)?\.csv$")
GONE = {"[deleted]", "[removed]"}


def claims(member: Member) -> bool:
    if not member.name.lower().endswith(".csv"):
        return False
    header = set(csv_header(member))
    if _NAME.search(member.name):
        # The name alone is common (plain CSVs are often posts.csv): Reddit's own columns
        # decide, and a Reddit file missing some of them still gets a message about them.
        return bool({"permalink", "subreddit", "gildings"} & header)
    return set(COMMENTS) <= header


def read(member: Member, context: Context) -> Iterator[Found]:
    header = set(csv_header(member))
    is_posts = "title" in header or ("link" not in header and member.path.name.startswith("posts"))
    required = POSTS if is_posts else COMMENTS
    what = "Reddit's posts.csv" if is_posts else "Reddit's comments.csv"
    for line, row in csv_rows(member, required, what=what):
        where = f"{member.display} line {line}"
        body = row["body"].strip()
        if body in GONE:
            yield Ignored("deleted", where)
            continue
        text = "\n\n".join(part for part in (row.get("title", "").strip(), body) if part)
        if not text:
            yield Ignored("no text", where)
            continue
        try:
            posted_at = parse_date(row["date"])
        except ValueError as error:
            yield Problem(where, str(error))
            continue
        link = row["permalink"].strip()
        if link.startswith("/"):
            link = "https://www.reddit.com" + link
        yield ImportedPost(
            platform=PLATFORM,
            native_id=row["id"].strip() or None,
            text=text,
            site="reddit",
            kind="post" if is_posts else "comment",
            posted_at=posted_at,
            source=member.display,
            url=link if link.startswith("http") else None,
        )
