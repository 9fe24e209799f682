"""What a published post is, checked: the one place that says which post data is valid.

The API, the importer and the store all pass what they receive through :func:`clean_post`,
so a bad post is refused with a message that says which field is wrong and why, before
anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..vocabulary import KINDS

SOURCES = ("extension", "import", "api")
MAX_ID = 200
MAX_SITE = 100
MAX_URL = 2048
MAX_REPLIED_TO = 50
MAX_NAME = 200

# Client ids are UUIDs; importers may use the site's own id ("linkedin:urn:li:activity:1").
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:@/+=-]*")
_SITE = re.compile(r"[a-z0-9][a-z0-9._-]*")


class PostError(ValueError):
    """A post cannot be recorded; the message names the field and what is wrong with it."""


def utc_now() -> str:
    """Now, in the form the store keeps times: ISO 8601 in UTC with a ``Z``."""
    return format_utc(dt.datetime.now(dt.UTC))


def format_utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_moment(value: object, field: str = "posted_at") -> dt.datetime:
    """An ISO 8601 time with a time zone (``Z`` or ``+02:00``), as an aware datetime."""
    if not isinstance(value, str):
        raise PostError(f"{field} must be an ISO 8601 string, e.g. 2026-11-21T09:30:00+01:00")
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise PostError(
            f"{field} is not an ISO 8601 time: {value[:40]!r} (e.g. 2026-11-21T09:30:00Z)"
        ) from None
    if moment.tzinfo is None:
        raise PostError(f"{field} needs a time zone, e.g. {value[:25]}Z or +01:00")
    if not 1990 <= moment.year <= 2200:
        raise PostError(f"{field} is out of range: {value[:40]!r}")
    return moment


def _text_field(data: dict[str, Any], name: str, *, required: bool) -> str | None:
    value = data.get(name)
    if value is None:
        if required:
            raise PostError(f"{name} is required")
        return None
    if not isinstance(value, str):
        raise PostError(f"{name} must be a string, not {type(value).__name__}")
    return value


def _replied_to(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or len(value) > MAX_REPLIED_TO:
        raise PostError(f"replied_to must be a list of at most {MAX_REPLIED_TO} names")
    names = []
    for name in value:
        if not isinstance(name, str) or not 0 < len(name.strip()) <= MAX_NAME:
            raise PostError(f"replied_to must hold names of 1 to {MAX_NAME} characters")
        names.append(name.strip())
    return list(dict.fromkeys(names))


def clean_post(data: object, *, source: str = "api") -> dict[str, Any]:
    """Check a post and return it in the store's form; idempotent on its own output.

    Args:
        data: ``{id, text, site, kind?, url?, posted_at?, replied_to?, source?}``.
        source: where the post came from when ``data`` does not say.

    Returns:
        The post with ``posted_at`` in UTC (``...Z``), ``posted_date`` (the calendar day
        where it was written, from the offset given), lower-case ``site`` and defaults.

    Raises:
        PostError: a field is missing or malformed.
    """
    if not isinstance(data, dict):
        raise PostError("a post must be a JSON object")
    ident = _text_field(data, "id", required=True)
    if not 0 < len(ident) <= MAX_ID or not ID_PATTERN.fullmatch(ident):
        raise PostError(
            f"id must be 1 to {MAX_ID} letters, digits or ._:@/+=- (a UUID works), "
            f"got {ident[:60]!r}"
        )
    text = _text_field(data, "text", required=True)
    if not text.strip():
        raise PostError("text is empty")
    site = (_text_field(data, "site", required=True) or "").strip().lower()
    if not 0 < len(site) <= MAX_SITE or not _SITE.fullmatch(site):
        raise PostError(
            f"site must be a short name such as linkedin or mastodon.social, got {site[:60]!r}"
        )
    kind = _text_field(data, "kind", required=False) or "post"
    if kind not in KINDS:
        raise PostError(f"kind must be one of {', '.join(KINDS)}, got {kind[:30]!r}")
    url = _text_field(data, "url", required=False) or None
    if url is not None and (len(url) > MAX_URL or not re.match(r"https?://\S+\Z", url)):
        raise PostError("url must be an http(s) address of at most 2048 characters")
    src = data.get("source", source)
    if src not in SOURCES:
        raise PostError(f"source must be one of {', '.join(SOURCES)}")
    raw_time = data.get("posted_at")
    moment = dt.datetime.now(dt.UTC) if raw_time is None else parse_moment(raw_time)
    date = data.get("posted_date") if raw_time is not None else None
    if date is not None and not (isinstance(date, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", date)):
        raise PostError("posted_date must be YYYY-MM-DD")
    return {
        "id": ident,
        "text": text,
        "site": site,
        "kind": kind,
        "url": url,
        "source": src,
        "posted_at": format_utc(moment),
        "posted_date": date or moment.date().isoformat(),
        "replied_to": _replied_to(data.get("replied_to")),
    }
