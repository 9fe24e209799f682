"""Dates as exports write them: ISO 8601, Twitter's created_at, Reddit's "... UTC", RSS,
LinkedIn 2018's "2017/06/08 08:15:44 UTC", Unix times."""

from __future__ import annotations

import datetime as dt
import re


def from_timestamp(seconds: object) -> dt.datetime:
    """A Unix time (seconds, or milliseconds when it is that large) as an aware datetime."""
    if isinstance(seconds, str):
        seconds = float(seconds)
    if not isinstance(seconds, int | float) or isinstance(seconds, bool):
        raise ValueError(f"expected a Unix time, got {seconds!r}")
    if seconds > 10**11:
        seconds = seconds / 1000
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


_FORMATS = (
    "%a %b %d %H:%M:%S %z %Y",  # X/Twitter: Wed Oct 10 20:19:24 +0000 2018
    "%Y-%m-%d %H:%M:%S %Z",  # Reddit: 2023-01-15 12:34:56 UTC
    "%a, %d %b %Y %H:%M:%S %z",  # RSS pubDate
    "%Y/%m/%d %H:%M:%S %Z",  # LinkedIn 2018: 2017/06/08 08:15:44 UTC
    "%Y-%m-%d %H:%M:%S %z",  # Twitter's 2012-2018 archive: 2013-01-31 22:41:35 +0000
)


def parse_date(value: object, *, naive_is: dt.tzinfo = dt.UTC) -> dt.datetime:
    """A date as exports write it, as an aware datetime.

    ISO 8601 (with or without a zone), Twitter's ``created_at``, Reddit's ``... UTC``, RSS
    dates and Unix times. A time without a zone is taken to be in ``naive_is``.

    Raises:
        ValueError: the value is not a date in any of these forms.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        return from_timestamp(value)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected a date, got {value!r}")
    text = value.strip()
    if re.fullmatch(r"\d{9,13}(\.\d+)?", text):
        return from_timestamp(float(text))
    moment = None
    try:
        moment = dt.datetime.fromisoformat(text.replace(" UTC", "+00:00"))
    except ValueError:
        for form in _FORMATS:
            try:
                moment = dt.datetime.strptime(text, form)
                break
            except ValueError:
                continue
    if moment is None:
        raise ValueError(f"not a date: {text[:40]!r} (expected e.g. 2024-05-01T09:30:00Z)")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=naive_is)
    return moment
