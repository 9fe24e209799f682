"""The page's filters (dates, site, label) read from a query string, and the error for bad input."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..vocabulary import LABELS

_DAY = re.compile(r"\d{4}-\d\d-\d\d")


class InputError(ValueError):
    """A query or a setting has a value that cannot be used; the message says which."""


def parse_filters(query: dict[str, str]) -> dict[str, Any]:
    """The page's filters from a query string: ``since``/``until`` (YYYY-MM-DD), site, label."""
    filters: dict[str, Any] = {}
    for key in ("since", "until"):
        value = query.get(key)
        if value:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise InputError(f"{key} must be a date like 2026-11-21") from None
            if not _DAY.fullmatch(value):
                raise InputError(f"{key} must be a date like 2026-11-21")
            filters[key] = value
    if filters.get("since", "") > filters.get("until", "9999"):
        raise InputError(
            f"since ({filters['since']}) is after until ({filters['until']}): no day is "
            "in between; swap them"
        )
    if query.get("site"):
        filters["site"] = query["site"].strip().lower()[:100]
    if query.get("label"):
        if query["label"] not in LABELS:
            raise InputError(f"label must be one of {', '.join(LABELS)}")
        filters["label"] = query["label"]
    return filters
