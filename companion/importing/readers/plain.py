"""Anything else: a CSV or JSON Lines file with ``text`` and ``date`` (optional ``site``,
``url``, ``kind``), for platforms Spotlight has no reader for.

A date without a time zone is taken as UTC. Rows have no id of their own, so a row's id
comes from its date and text: importing the file again adds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ...vocabulary import KINDS
from ..archive import Member
from ..csv_files import csv_header, csv_rows
from ..dates import parse_date
from ..found import Found, Ignored, ImportedPost, Problem
from ..reader import Context

PLATFORM = "plain"
LABEL = "plain CSV/JSONL"
EXPECTS = "a .csv or .jsonl file with text and date"
HOW = "—"
READS = (
    "a `.csv` or `.jsonl` with `text` and `date` (optional `site`, `url`, `kind`), "
    "when no platform reader knows the file"
)
SKIPS = "empty texts"
SUFFIXES = (".csv", ".jsonl", ".ndjson")
GENERIC = True  # takes any CSV with a text column: asked only after the platforms
REQUIRED = ("text", "date")
DEFAULT_SITE = "other"


def claims(member: Member) -> bool:
    name = member.name.lower()
    if name.endswith((".jsonl", ".ndjson")):
        return True
    if name.endswith(".csv"):
        header = {column.lower() for column in csv_header(member)}
        return "text" in header
    return False


def read(member: Member, context: Context) -> Iterator[Found]:
    if member.name.lower().endswith(".csv"):
        rows = (
            (line, {key.lower(): value for key, value in row.items()})
            for line, row in _lowered_rows(member)
        )
    else:
        rows = _json_lines(member)
    for line, row in rows:
        where = f"{member.display} line {line}"
        if isinstance(row, Problem):
            yield row
            continue
        yield _post(row, where, member)


def _lowered_rows(member: Member) -> Iterator[tuple[int, dict[str, str]]]:
    header = csv_header(member)
    lowered = {column.lower(): column for column in header}
    required = [lowered.get(name, name) for name in REQUIRED]
    yield from csv_rows(member, required, what="a CSV of posts")


def _json_lines(member: Member) -> Iterator[tuple[int, dict[str, Any] | Problem]]:
    for line, raw in enumerate(member.read_text().splitlines(), 1):
        if not raw.strip():
            continue
        where = f"{member.display} line {line}"
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as error:
            yield line, Problem(where, f"expected a JSON object per line: {error.msg}")
            continue
        if not isinstance(row, dict):
            yield line, Problem(where, "expected a JSON object with text and date")
            continue
        yield line, row


def _post(row: dict[str, Any], where: str, member: Member) -> Found:
    text = row.get("text")
    if text is None or "date" not in row and "posted_at" not in row:
        return Problem(where, "expected the fields text and date")
    if not isinstance(text, str):
        return Problem(where, f"text must be a string, not {type(text).__name__}")
    if not text.strip():
        return Ignored("no text", where)
    try:
        posted_at = parse_date(row.get("date") or row.get("posted_at"))
    except ValueError as error:
        return Problem(where, str(error))
    kind = str(row.get("kind") or "post").strip().lower()
    if kind not in KINDS:
        return Problem(where, f"kind must be one of {', '.join(KINDS)}, got {kind[:20]!r}")
    url = str(row.get("url") or "").strip() or None
    return ImportedPost(
        platform=PLATFORM,
        native_id=None,
        text=text.strip(),
        site=str(row.get("site") or "").strip().lower() or DEFAULT_SITE,
        kind=kind,
        posted_at=posted_at,
        source=member.display,
        url=url if url and url.startswith(("http://", "https://")) else None,
    )
