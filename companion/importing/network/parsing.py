"""Reading the network files' formats: CSV after a preamble, X's ``window.YTD`` files,
Facebook's broken UTF-8, the dates they write.

The network readers depend only on :mod:`companion.importing.archive` (the files of an
export), so these few helpers live here rather than in the post readers' modules.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from typing import Any

from ..archive import Member

_YTD = re.compile(rb"^\s*window\.(?:YTD\.(\w+)\.part\d+|__THAR_CONFIG)\s*=\s*")


def csv_after_preamble(member: Member, header_starts: str) -> list[dict[str, str]]:
    """The rows of a CSV whose header line starts with ``header_starts``, after whatever
    lines come first (LinkedIn's ``Notes:`` and its quoted paragraph).

    Raises:
        ValueError: no such header line.
    """
    text = member.read_text()
    lines = text.splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.lstrip().startswith(header_starts):
            reader = csv.DictReader(io.StringIO("".join(lines[number:]), newline=""))
            reader.fieldnames = [name.strip() for name in reader.fieldnames or ()]
            return [
                {key: (value or "").strip() for key, value in row.items() if key} for row in reader
            ]
    raise ValueError(f"expected a header line starting with {header_starts!r}")


def load_ytd(member: Member) -> Any:
    """The value of an X archive file ``window.YTD.<name>.part0 = [...]`` (or manifest.js's
    ``window.__THAR_CONFIG = {...}``).

    Raises:
        ValueError: it is not such a file.
    """
    data = member.read_bytes()
    match = _YTD.match(data)
    if not match:
        raise ValueError(
            "expected an X archive file starting with window.YTD.following.part0 = [ ...; "
            f"found {data[:40].decode('utf-8', 'replace')!r}"
        )
    try:
        return json.loads(data[match.end() :].decode("utf-8").strip().rstrip(";"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"the value after window.YTD... is not valid JSON ({error})") from None


_DAY_FORMATS = ("%d %b %Y", "%d %B %Y", "%m/%d/%y", "%m/%d/%Y", "%Y-%m-%d")


def parse_day(value: str) -> str | None:
    """A day as the exports write it (LinkedIn: ``01 May 2024``) as YYYY-MM-DD, or
    ``None`` when it is empty or not a day."""
    value = value.strip()
    for form in _DAY_FORMATS:
        try:
            return dt.datetime.strptime(value, form).date().isoformat()
        except ValueError:
            continue
    return None


def day_of_timestamp(value: object) -> str | None:
    """A Unix time (Facebook's ``timestamp``) as YYYY-MM-DD, or ``None``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return dt.datetime.fromtimestamp(value, dt.UTC).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return None
