"""Reading the CSV and JSON files of exports, with messages that say what was expected."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from .archive import Member

csv.field_size_limit(2**24)


class FormatMismatch(ValueError):
    """A file is not what its name or its platform says; the message says what it is."""


def csv_header(member: Member) -> list[str]:
    """The column names of a CSV file, read from its first bytes."""
    head = member.head(8192).decode("utf-8-sig", "replace")
    first = head.splitlines()[0] if head else ""
    try:
        return [name.strip() for name in next(csv.reader([first]))]
    except (csv.Error, StopIteration):
        return []


def csv_rows(
    member: Member, required: Iterable[str], *, what: str, escapechar: str | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a CSV file as ``(line, {column: value})``, after checking its columns.

    Args:
        required: columns the file must have.
        what: what the file should be, for the message ("LinkedIn's Shares.csv").
        escapechar: LinkedIn writes ``\\"`` inside quoted fields of Comments.csv.

    Raises:
        FormatMismatch: a required column is missing.
    """
    text = member.read_text()
    reader = csv.DictReader(io.StringIO(text, newline=""), escapechar=escapechar, strict=False)
    columns = [name.strip() for name in reader.fieldnames or ()]
    reader.fieldnames = columns
    missing = [name for name in required if name not in columns]
    if missing:
        found = ", ".join(columns[:8]) or "nothing"
        raise FormatMismatch(
            f"expected {what} with the columns {', '.join(required)}; "
            f"missing {', '.join(missing)} (found: {found})"
        )
    for row in reader:
        yield (
            reader.line_num,
            {key: (value or "").replace("\r\n", "\n") for key, value in row.items() if key},
        )


def describe(value: Any) -> str:
    """What a JSON value is, in words, for messages."""
    if isinstance(value, dict):
        keys = ", ".join(list(value)[:5])
        return f"an object with the keys {keys}" if keys else "an empty object"
    if isinstance(value, list):
        return f"a list of {len(value)} items"
    return f"a {type(value).__name__}"


def load_json(member: Member, *, what: str) -> Any:
    """Parse a JSON file.

    Raises:
        FormatMismatch: the file is not JSON at all.
    """
    text = member.read_text()
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatMismatch(
            f"expected {what} (JSON), but it is not JSON: {error.msg} at line {error.lineno}"
        ) from None
