"""LinkedIn: ``Shares.csv`` (your posts) and ``Comments.csv`` (your comments) in the export
from Settings → Data privacy → Get a copy of your data.

Shares.csv has ``Date, ShareLink, ShareCommentary, SharedUrl, MediaUrl, Visibility``;
Comments.csv has ``Date, Link, Message``. Dates are ``2024-05-01 09:30:12`` in UTC. The
commentary doubles quotes (``""``) while Comments.csv escapes them with a backslash
(``\\"``). A share with no commentary is a bare repost of someone else's post.
The "Complete" export names the files with a member id: ``Shares_12345.csv``.

Variants seen in real exports:

- 2025: each line of a multi-line commentary is wrapped in its own quotes inside the
  field (``Line one."\\n""\\n"Line two.`` once the CSV is read); the wrapping is removed,
  quotes the author wrote are kept.
- 2018: UTF-16 with a byte-order mark, tab separated, ``Share Commentary`` / ``Share
  Link`` with spaces, dates like ``2017/06/08 08:15:44 UTC``.
- A comment answering another comment starts with the name LinkedIn inserted for the
  person answered ("Kwame Asante thanks, ..."): that name is who it replied to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..archive import Member
from ..csv_files import csv_header, csv_rows
from ..dates import parse_date
from ..found import Found, Ignored, ImportedPost, Problem
from ..reader import Context

PLATFORM = "linkedin"
LABEL = "LinkedIn"
EXPECTS = "Shares.csv, Comments.csv"
HOW = "Settings → Data privacy → Get a copy of your data"
READS = (
    "`Shares.csv` (posts: the 2025 per-line quoting undone; the 2018 UTF-16, tab-separated "
    "`Share Commentary` variant), `Comments.csv` (a leading name LinkedIn inserted is "
    "kept as the person answered)"
)
SKIPS = "reposts with no words of your own"
SUFFIXES = (".csv",)

SHARES = ("Date", "ShareLink", "ShareCommentary")
COMMENTS = ("Date", "Link", "Message")
_NAME = re.compile(r"(?:^|/)(Shares|Comments)(?:_\d+)?\.csv$")
# Two to four capitalised words, then the comment: the mention LinkedIn puts first.
_LEADING_NAME = re.compile(r"^((?:[A-ZÀ-Þ][\w'’.-]*\s){1,3}[A-ZÀ-Þ][\w'’.-]*)[\s,:]+(?=\S)")


def _key(column: str) -> str:
    return column.replace(" ", "").replace("_", "").lower()


def _columns(member: Member) -> dict[str, str]:
    """The file's columns by their spelling-free name: ``sharecommentary`` → the real one."""
    return {_key(column): column for column in csv_header(member)}


def claims(member: Member) -> bool:
    if _NAME.search(member.name):  # case matters: Reddit's file is comments.csv
        return True
    if member.name.lower().endswith(".csv"):
        columns = _columns(member)
        return any({_key(name) for name in names} <= set(columns) for names in (SHARES, COMMENTS))
    return False


def strip_line_quotes(text: str) -> str:
    """Undo the 2025 export's quotes around each line of a multi-line post.

    Only when every line is wrapped (the first ends with a quote, the last starts with
    one, the others both): a post whose lines merely contain quotes is left as it is.
    """
    lines = text.split("\n")
    if len(lines) < 2 or not (lines[0].endswith('"') and lines[-1].startswith('"')):
        return text
    middle = lines[1:-1]
    if not all(len(line) >= 2 and line[0] == line[-1] == '"' for line in middle):
        return text
    return "\n".join([lines[0][:-1], *(line[1:-1] for line in middle), lines[-1][1:]])


def answered_name(message: str) -> str | None:
    """The name a comment opens with when it answers someone ("Kwame Asante thanks!")."""
    match = _LEADING_NAME.match(message)
    if not match:
        return None
    from spacy.lang.en.stop_words import STOP_WORDS  # "Thank You Ana" is not a name

    words = match.group(1).split()
    if any(word.lower().strip(".") in STOP_WORDS for word in words):
        return None
    return " ".join(words)


def read(member: Member, context: Context) -> Iterator[Found]:
    columns = _columns(member)
    is_shares = "sharecommentary" in columns or (
        "message" not in columns and "Shares" in member.path.name
    )
    names = SHARES if is_shares else COMMENTS
    required = [columns.get(_key(name), name) for name in names]
    date_column, link_column, text_column = required
    if is_shares:
        rows = csv_rows(member, required, what="LinkedIn's Shares.csv")
    else:
        rows = csv_rows(member, required, what="LinkedIn's Comments.csv", escapechar="\\")
    for line, row in rows:
        where = f"{member.display} line {line}"
        text = row[text_column].strip()
        if is_shares:
            text = strip_line_quotes(text).strip()
        if not text:
            yield Ignored("repost without words" if is_shares else "no text", where)
            continue
        try:
            posted_at = parse_date(row[date_column])
        except ValueError as error:
            yield Problem(where, str(error))
            continue
        link = row[link_column].strip()
        kind = "post" if is_shares else "comment"
        answered = None if is_shares else answered_name(text)
        yield ImportedPost(
            platform=PLATFORM,
            native_id=f"{kind}:{link}:{row[date_column]}" if link else None,
            text=text,
            site="linkedin",
            kind=kind,
            posted_at=posted_at,
            source=member.display,
            url=link if link.startswith(("https://", "http://")) else None,
            replied_to=(answered,) if answered else (),
        )
