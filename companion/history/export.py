"""Every stored post with its scores, as CSV or JSON, written piece by piece.

The history can hold 100,000 posts; writing them as a stream keeps memory flat, for the
``spotlight export`` command and the ``/api/v1/export`` download alike.
"""

from __future__ import annotations

import csv
import io
import json
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


def json_chunks(store: Store, batch: int = 500) -> Iterator[str]:
    """The history as one JSON document ``{"posts": [...], "network": {...}}``, in chunks."""
    parts = ['{"posts": [']
    for count, post in enumerate(store.iter_posts()):
        parts.append(("," if count else "") + "\n" + json.dumps(post, ensure_ascii=False))
        if len(parts) >= batch:
            yield "".join(parts)
            parts = []
    parts.append("\n],\n")
    yield "".join(parts)
    yield from network_json_chunks(store)
    yield "}\n"


NETWORK_SECTIONS = {  # the export's name for each table of the network
    "persons": "persons",
    "handles": "handles",
    "connections": "connections",
    "snapshots": "network_snapshots",
    "merges": "merges",
}


def network_json_chunks(store: Store) -> Iterator[str]:
    """``"network": {"persons": [...], "handles", "connections", "snapshots", "merges"}``:
    the people and the network files, as a member of the export's JSON object."""
    yield '"network": {'
    for number, (name, table) in enumerate(NETWORK_SECTIONS.items()):
        rows = [json.dumps(row, ensure_ascii=False) for row in store.iter_network(table)]
        yield ("," if number else "") + f'\n"{name}": [' + ",\n".join(rows) + "]"
    yield "\n}\n"
