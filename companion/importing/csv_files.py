"""Reading the CSV files of exports: any encoding (LinkedIn 2018 writes UTF-16), comma or
tab separated, with messages that say what was expected."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from .archive import Member
from .charset import decode_head

csv.field_size_limit(2**24)


class FormatMismatch(ValueError):
    """A file is not what its name or its platform says; the message says what it is."""


def _delimiter(first_line: str) -> str:
    # LinkedIn's 2018 exports are tab separated; every other export uses commas.
    return "\t" if first_line.count("\t") > first_line.count(",") else ","


def csv_header(member: Member) -> list[str]:
    """The column names of a CSV file, read from its first bytes."""
    head = decode_head(member.head(8192))
    first = head.splitlines()[0] if head else ""
    try:
        return [name.strip() for name in next(csv.reader([first], delimiter=_delimiter(first)))]
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
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(
        io.StringIO(text, newline=""),
        delimiter=_delimiter(first),
        escapechar=escapechar,
        strict=False,
    )
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
