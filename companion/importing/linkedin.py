"""LinkedIn: ``Shares.csv`` (your posts) and ``Comments.csv`` (your comments) in the export
from Settings → Data privacy → Get a copy of your data.

Shares.csv has ``Date, ShareLink, ShareCommentary, SharedUrl, MediaUrl, Visibility``;
Comments.csv has ``Date, Link, Message``. Dates are ``2024-05-01 09:30:12`` in UTC. The
commentary doubles quotes (``""``) while Comments.csv escapes them with a backslash
(``\\"``). A share with no commentary is a bare repost of someone else's post.
The "Complete" export names the files with a member id: ``Shares_12345.csv``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .archive import Member
from .formats import Context
from .model import Found, Ignored, ImportedPost, Problem
from .tables import csv_header, csv_rows
from .text import parse_date

PLATFORM = "linkedin"
LABEL = "LinkedIn"
EXPECTS = "Shares.csv, Comments.csv"

SHARES = ("Date", "ShareLink", "ShareCommentary")
COMMENTS = ("Date", "Link", "Message")
_NAME = re.compile(r"(?:^|/)(Shares|Comments)(?:_\d+)?\.csv$")


def claims(member: Member) -> bool:
    if _NAME.search(member.name):  # case matters: Reddit's file is comments.csv
        return True
    if member.name.lower().endswith(".csv"):
        header = set(csv_header(member))
        return set(SHARES) <= header or set(COMMENTS) <= header
    return False


def read(member: Member, context: Context) -> Iterator[Found]:
    header = set(csv_header(member))
    is_shares = "ShareCommentary" in header or (
        "Message" not in header and "Shares" in member.path.name
    )
    if is_shares:
        rows = csv_rows(member, SHARES, what="LinkedIn's Shares.csv")
        text_column, link_column, kind = "ShareCommentary", "ShareLink", "post"
    else:
        rows = csv_rows(member, COMMENTS, what="LinkedIn's Comments.csv", escapechar="\\")
        text_column, link_column, kind = "Message", "Link", "comment"
    for line, row in rows:
        where = f"{member.display} line {line}"
        text = row[text_column].strip()
        if not text:
            yield Ignored("repost without words" if is_shares else "no text", where)
            continue
        try:
            posted_at = parse_date(row["Date"])
        except ValueError as error:
            yield Problem(where, str(error))
            continue
        link = row[link_column].strip()
        yield ImportedPost(
            platform=PLATFORM,
            native_id=f"{kind}:{link}:{row['Date']}" if link else None,
            text=text,
            site="linkedin",
            kind=kind,
            posted_at=posted_at,
            source=member.display,
            url=link if link.startswith(("https://", "http://")) else None,
        )
