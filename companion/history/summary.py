"""What the history says: give ratio, trends, the people you spotlight, feedback for a draft.

Plain functions over a :class:`~companion.store.Store`; they know nothing of HTTP, so the
API, the ``spotlight history`` command and the tests call the same code.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..store import BUCKETS, Store
from ..vocabulary import DIMENSIONS, LABELS
from . import network
from .filters import InputError
from .preferences import user_settings

RECENT = 5  # posts the composer's trend feedback looks back on


def _ratio(part: int | None, whole: int | None) -> float | None:
    return round((part or 0) / whole, 4) if whole else None


def _next_start(start: dt.date, bucket: str) -> dt.date:
    if bucket == "day":
        return start + dt.timedelta(days=1)
    if bucket == "week":
        return start + dt.timedelta(days=7)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _empty_bucket(start: str) -> dict[str, Any]:
    return {"start": start, "posts": 0, "labels": dict.fromkeys(LABELS, 0), "give_ratio": None,
            "overall": None, "scores": dict.fromkeys(DIMENSIONS), "answers": 0,
            "listen_ratio": None, "known_credits": 0, "known_give_ratio": None}  # fmt: skip


def fill_gaps(buckets: list[dict[str, Any]], bucket: str) -> list[dict[str, Any]]:
    """Add empty buckets for the days/weeks/months without posts, so time reads evenly."""
    if not buckets:
        return []
    by_start = {b["start"]: b for b in buckets}
    day, last = (
        dt.date.fromisoformat(buckets[0]["start"]),
        dt.date.fromisoformat(buckets[-1]["start"]),
    )
    filled = []
    while day <= last:
        filled.append(by_start.get(day.isoformat()) or _empty_bucket(day.isoformat()))
        day = _next_start(day, bucket)
    return filled


def trends(
    store: Store,
    bucket: str = "week",
    filters: dict[str, Any] | None = None,
    *,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The history page's numbers: per-bucket give ratio and scores, sites, network breadth.

    Raises:
        InputError: ``bucket`` is not day, week or month.
    """
    if bucket not in BUCKETS:
        raise InputError("bucket must be day, week or month")
    settings = user_settings(store)
    languages = "all" if settings["count_other_languages"] else "english"
    filters = {**(filters or {}), "languages": languages}
    known = store.known_credit_buckets(bucket, filters)
    buckets = []
    for row in store.trend_buckets(bucket, filters):
        buckets.append(
            {
                "start": row["start"],
                "posts": row["posts"],
                "labels": {label: row[label] or 0 for label in LABELS},
                "give_ratio": _ratio(row["promotes_others"], row["posts"]),
                "overall": round(row["overall"] or 0, 1),
                "scores": {d: None if row[d] is None else round(row[d], 1) for d in DIMENSIONS},
                # Listening: the share that answers someone else. Known: the share that
                # credits someone the user knows, not a public figure or a brand.
                "answers": row["answers"] or 0,
                "listen_ratio": _ratio(row["answers"], row["posts"]),
                "known_credits": known.get(row["start"], 0),
                "known_give_ratio": _ratio(known.get(row["start"], 0), row["posts"]),
            }
        )
    buckets = fill_gaps(buckets, bucket)
    sites = [
        {
            "site": row["site"],
            "posts": row["posts"],
            "give_ratio": _ratio(row["promotes_others"], row["posts"]),
            "overall": round(row["overall"] or 0, 1),
        }
        for row in store.site_split(filters)
    ]
    total = sum(b["posts"] for b in buckets)
    given = sum(b["labels"]["promotes_others"] for b in buckets)
    answers = sum(b["answers"] for b in buckets)
    credits = sum(b["known_credits"] for b in buckets)
    return {
        "bucket": bucket,
        "goal": settings["goal"] / 100,
        "listen_goal": settings["listen_goal"] / 100,
        "buckets": buckets,
        "sites": sites,
        "totals": {"posts": total, "promotes_others": given, "give_ratio": _ratio(given, total),
                   "answers": answers, "listen_ratio": _ratio(answers, total),
                   "known_credits": credits, "known_give_ratio": _ratio(credits, total)},
        "network": network_breadth(store, now=now),
    }  # fmt: skip


def network_breadth(store: Store, *, now: dt.datetime | None = None) -> dict[str, int]:
    """How many different people you know posts named or answered in 30 and 90 days."""
    return network.network_breadth(store, now=now)


def people(
    store: Store,
    *,
    days: int | None = None,
    limit: int = 20,
    now: dt.datetime | None = None,
    posts: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The people spotlighted most (posts that named or replied to them), and how recently;
    see :func:`.network.people_list` for the filters."""
    return network.people_list(store, days=days, limit=limit, now=now, posts=posts)


def _streak(labels: list[str]) -> tuple[str | None, int]:
    if not labels:
        return None, 0
    count = next((i for i, label in enumerate(labels) if label != labels[0]), len(labels))
    return labels[0], count


def draft_context(store: Store) -> dict[str, Any]:
    """What scoring a draft needs from the store, read in one go: the user's settings and
    the labels of the most recent posts (for :func:`trend_for`)."""
    settings = user_settings(store)
    english_only = not settings["count_other_languages"]
    return {
        "settings": settings,
        "recent_labels": store.recent_labels(RECENT, english_only=english_only),
        **network.thank_context(store),
    }


def trend_feedback(store: Store, label: str) -> dict[str, Any]:
    """What the recent history says about a draft with this label, for the composer."""
    return trend_for(draft_context(store), label)


def trend_for(
    context: dict[str, Any], label: str, *, now: dt.datetime | None = None
) -> dict[str, Any]:
    """The trend feedback for a draft with this label, from :func:`draft_context`.

    Returns:
        ``{recent_labels, streak{label, count}, give_ratio, goal, message, thank}``;
        ``message`` is ``None`` when there is nothing worth saying; ``thank`` names whom the
        user could thank (people they know, not credited in 90 days).
    """
    labels = context["recent_labels"]
    goal = context["settings"]["goal"] / 100
    streak_label, count = _streak(labels)
    given = labels.count("promotes_others")
    ratio = _ratio(given, len(labels))
    message = None
    if streak_label == "self_promotion" and count >= 3:
        message = (
            f"Your last {count} posts were about your own work; this one changes that."
            if label == "promotes_others"
            else f"Your last {count} posts were about your own work; this one could change "
            "that: who helped you get here?"
        )
    elif streak_label == "promotes_others" and count >= 3 and label == "promotes_others":
        message = f"That makes {count + 1} posts in a row that lift someone up. Keep going."
    elif (
        ratio is not None and len(labels) == RECENT and ratio < goal and label != "promotes_others"
    ):
        message = (
            f"{given} of your last {RECENT} posts promoted others (your goal is "
            f"{round(goal * 100)}%); this one could spotlight someone."
        )
    if message is None and label != "promotes_others":
        message = network.quiet_message(context, now or dt.datetime.now(dt.UTC))
    return {
        "recent_labels": labels,
        "streak": {"label": streak_label, "count": count},
        "give_ratio": ratio,
        "goal": goal,
        "message": message,
        "thank": [person["name"] for person in context.get("thank", [])],
    }
