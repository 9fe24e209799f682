"""Between Python and the database's rows: a post and its report in, a post dict out."""

from __future__ import annotations

import json
from typing import Any

from .posts import utc_now
from .schema import DIMENSIONS, ENGLISH_ONLY


def person_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _score(value: Any) -> int | None:
    return None if value is None else int(value)


def post_row(post: dict[str, Any], report: dict[str, Any], keep_text: bool) -> dict[str, Any]:
    scores = report.get("scores", {})
    return {
        **{key: post[key] for key in ("id", "posted_at", "posted_date", "site", "kind", "url")},
        "source": post["source"],
        "recorded_at": utc_now(),
        "text": post["text"] if keep_text else None,
        "text_kept": int(keep_text),
        "chars": len(post["text"]),
        "words": int(report.get("words", 0)),
        "label": report.get("label", "neutral"),
        "promotes_others": int(bool(report.get("promotes_others"))),
        "self_promotion": int(bool(report.get("self_promotion"))),
        "overall": int(report.get("overall", 0)),
        # NULL: the post showed nothing about this dimension (scorer 1.1 and later).
        **{dimension: _score(scores.get(dimension)) for dimension in DIMENSIONS},
        "nudges": json.dumps(report.get("nudges", []), ensure_ascii=False),
        "people_count": 0,
        "replied_to": json.dumps(post["replied_to"], ensure_ascii=False),
        "model": report.get("model"),
        "scorer_version": report.get("scorer_version"),
        "language": report.get("language"),
    }


def people_rows(post: dict[str, Any], report: dict[str, Any]) -> list[dict[str, Any]]:
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    # Organisations are kept too: the page lists them apart ("public figures and brands
    # you mentioned"), and an organisation is never someone the user knows (store/entity.py).
    found = [
        (p.get("text", ""), p.get("kind", "name"), "mentioned") for p in report.get("people", [])
    ]
    replied = [
        (name, "handle" if name.startswith("@") else "name", "replied_to")
        for name in post["replied_to"]
    ]
    for name, kind, role in found + replied:
        key = person_key(name)
        if key:
            rows.setdefault(
                (key, role),
                {
                    "post_id": post["id"],
                    "person": key,
                    "name": name.strip(),
                    "kind": kind,
                    "role": role,
                    "posted_at": post["posted_at"],
                },
            )
    return list(rows.values())


def decode_post(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    for key in ("nudges", "replied_to"):
        row[key] = json.loads(row[key]) if row.get(key) else []
    for key in ("text_kept", "promotes_others", "self_promotion"):
        row[key] = bool(row[key])
    row["scores"] = {dimension: row.pop(dimension) for dimension in DIMENSIONS}
    return row


def where_clause(filters: dict[str, Any]) -> tuple[str, list[Any]]:
    """SQL conditions for the page's filters: date range (inclusive days), site, label, and
    ``languages="english"``: only the posts the give ratio counts."""
    parts, params = [], []
    for key, sql in (
        ("since", "posted_date >= ?"),
        ("until", "posted_date <= ?"),
        ("site", "site = ?"),
        ("label", "label = ?"),
    ):
        if filters.get(key):
            parts.append(sql)
            params.append(filters[key])
    if filters.get("languages") == "english":  # the ratios count what Spotlight coaches
        parts.append(ENGLISH_ONLY.replace("row.", ""))
    return (" where " + " and ".join(parts)) if parts else "", params
