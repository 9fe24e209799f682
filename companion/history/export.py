"""Every stored post with its scores as CSV, for spreadsheets, written piece by piece.

The JSON export is the backup (:mod:`.backup`), which ``spotlight import`` restores.

The history can hold 100,000 posts; writing them as a stream keeps memory flat, for the
``spotlight export`` command and the ``/api/v1/export`` download alike.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from ..store import DIMENSIONS, Store

FORMATS = ("csv", "json")
CSV_FIELDS = (
    "id",
    "posted_at",
    "posted_date",
    "site",
    "kind",
    "url",
    "source",
    "label",
    "overall",
    *DIMENSIONS,
    "people_count",
    "words",
    "chars",
    "nudges",
    "replied_to",
    "text",
)
_CSV_LEAD = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    # A text starting with = or @ would run as a formula when the CSV opens in a
    # spreadsheet (CSV injection); a leading apostrophe keeps it text.
    if isinstance(value, str) and value.startswith(_CSV_LEAD):
        return "'" + value
    return value


def _flat(post: dict[str, Any]) -> dict[str, Any]:
    row = {**post, **post["scores"]}
    row["nudges"] = "; ".join(nudge.get("rule", "") for nudge in post["nudges"])
    row["replied_to"] = ", ".join(post["replied_to"])
    return {field: _cell(row.get(field)) for field in CSV_FIELDS}


def csv_chunks(store: Store, batch: int = 500) -> Iterator[str]:
    """The history as CSV (header first), in chunks of about ``batch`` rows."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for count, post in enumerate(store.iter_posts(), 1):
        writer.writerow(_flat(post))
        if count % batch == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
