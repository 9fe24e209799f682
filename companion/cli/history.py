"""``spotlight history``: the history page's trend, in the terminal."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .. import history
from ..settings import spotlight_command
from ..store import Store
from ..vocabulary import BUCKETS, DIMENSIONS
from .common import add_settings_options, settings_from


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "history",
        help="show your give ratio and scores over time",
        description="The share of your posts that promote others, per week (or day/month), "
        "against your goal; the mean score per dimension; who you spotlight most.",
    )
    parser.add_argument("--bucket", choices=BUCKETS, default="week")
    parser.add_argument("--last", type=int, default=12, metavar="N", help="show the last N")
    parser.add_argument("--site", help="only this site")
    parser.add_argument(
        "--people",
        action="store_true",
        help="whom you could thank: people you know and talk with but have not credited",
    )
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    add_settings_options(parser)
    parser.set_defaults(run=run)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _bar(ratio: float | None, goal: float, width: int = 20) -> str:
    if ratio is None:
        return " " * width
    cells = ["█" if i < round(ratio * width) else "·" for i in range(width)]
    mark = min(width - 1, round(goal * width))
    cells[mark] = "|" if cells[mark] == "·" else "┃"
    return "".join(cells)


def _listening(data: dict[str, Any], last: int) -> list[str]:
    totals, goal = data["totals"], data["listen_goal"]
    lines = [
        "",
        f"Listen ratio: {totals['listen_ratio'] or 0:.0%} of {_count(totals['posts'], 'item')} "
        f"{'answers' if totals['posts'] == 1 else 'answer'} "
        f"someone else (goal {goal:.0%})",
    ]
    for bucket in data["buckets"][-last:]:
        ratio = bucket["listen_ratio"]
        shown = "   –" if ratio is None else f"{ratio:>4.0%}"
        lines.append(f"  {data['bucket']} of {bucket['start']}  {_bar(ratio, goal)} {shown}")
    if totals["posts"]:
        lines.append(
            f"Credit to people you know: {totals['known_give_ratio'] or 0:.0%} of posts "
            f"(of {totals['give_ratio'] or 0:.0%} that promote others)"
        )
    return lines


def render_thanks(suggestions: dict[str, Any]) -> str:
    """The "whom you could thank" list as a person reads it in a terminal."""
    items = suggestions["suggestions"]
    if not items:
        return (
            "Whom you could thank: no one yet. Import your network (spotlight import with "
            "LinkedIn's Connections.csv, X's following.js, ...) and talk with people you know."
        )
    lines = ["Whom you could thank (people you know, not credited in 90 days):"]
    for item in items:
        when = (item["last_talked_at"] or "")[:10] or "never"
        lines.append(f"  {item['name']:<28} last talked {when:<10}  {item['reason']}")
    return "\n".join(lines)


def render(
    data: dict[str, Any], people: dict[str, Any], last: int, sites: list[str] | None = None
) -> str:
    """The trend as a person reads it in a terminal; ``sites``: every site with posts, when
    a site filter was given."""
    if not data["buckets"] and sites:
        return (
            f"No posts for site {data['site']}. Your posts are on: {', '.join(sites)} "
            "(spotlight history --site NAME)."
        )
    if not data["buckets"]:
        return (
            f"No posts yet. Publish with the extension installed (or import your "
            f"history), then run {spotlight_command()} history again."
        )
    goal = data["goal"]
    totals = data["totals"]
    lines = [
        f"Give ratio: {totals['give_ratio']:.0%} of {_count(totals['posts'], 'post')} "
        f"{'promotes' if totals['posts'] == 1 else 'promote'} "
        f"others (goal {goal:.0%}, | marks it)",
        "",
    ]
    for bucket in data["buckets"][-last:]:
        ratio = bucket["give_ratio"]
        shown = "   –" if ratio is None else f"{ratio:>4.0%}"
        lines.append(
            f"  {data['bucket']} of {bucket['start']}  {_bar(ratio, goal)} "
            f"{shown}  ({_count(bucket['posts'], 'post')})"
        )
    lines += _listening(data, last)
    lines += ["", "Mean score per dimension (latest):"]
    latest = data["buckets"][-1]["scores"]
    lines += [
        f"  {d:<10} {'  n/a' if latest[d] is None else format(latest[d], '>5.1f')}"
        for d in DIMENSIONS
    ]
    network = data["network"]
    lines += [
        "",
        f"Network breadth: {network['people_30d']} people you know in 30 days, "
        f"{network['people_90d']} in 90 days",
    ]
    if people["people"]:
        names = ", ".join(
            f"{p['name']}{'*' if p['known'] else ''} ({p['posts']})" for p in people["people"][:8]
        )
        lines.append(f"Spotlighted most: {names}  (* someone you know)")
    if data["sites"]:
        sites = ", ".join(f"{s['site']} {s['posts']}" for s in data["sites"])
        lines.append(f"By site: {sites}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    store = Store.open(settings.db_path)
    try:
        filters = {"site": args.site.lower()} if args.site else {}
        data = history.trends(store, args.bucket, filters)
        people = history.people(store, limit=8, posts=filters)
        thanks = history.network.suggestions(store, limit=10) if args.people else None
        sites = store.sites() if filters else None
    finally:
        store.close()
    if args.json:
        extra = {"suggestions": thanks["suggestions"]} if thanks else {}
        json.dump({**data, "people": people["people"], **extra}, sys.stdout, indent=2)
        print()
    elif thanks is not None:
        print(render_thanks(thanks))
    else:
        print(render({**data, **filters}, people, args.last, sites))
    return 0
