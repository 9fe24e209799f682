"""Reading the JSON files of exports, with messages that say what was expected."""

from __future__ import annotations

import json
from typing import Any

from .archive import Member
from .csv_files import FormatMismatch


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
