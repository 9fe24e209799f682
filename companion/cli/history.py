"""``spotlight history``: the history page's trend, in the terminal."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .. import history
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
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    add_settings_options(parser)
    parser.set_defaults(run=run)


def _bar(ratio: float | None, goal: float, width: int = 20) -> str:
    if ratio is None:
        return " " * width
    cells = ["█" if i < round(ratio * width) else "·" for i in range(width)]
    mark = min(width - 1, round(goal * width))
    cells[mark] = "|" if cells[mark] == "·" else "┃"
    return "".join(cells)


def render(data: dict[str, Any], people: dict[str, Any], last: int) -> str:
    """The trend as a person reads it in a terminal."""
    if not data["buckets"]:
        return (
            "No posts yet. Publish with the extension installed (or import your "
            "history), then run spotlight history again."
        )
    goal = data["goal"]
    totals = data["totals"]
    lines = [
        f"Give ratio: {totals['give_ratio']:.0%} of {totals['posts']} posts promote "
        f"others (goal {goal:.0%}, | marks it)",
        "",
    ]
    for bucket in data["buckets"][-last:]:
        ratio = bucket["give_ratio"]
        shown = "   –" if ratio is None else f"{ratio:>4.0%}"
        lines.append(
            f"  {data['bucket']} of {bucket['start']}  {_bar(ratio, goal)} "
            f"{shown}  ({bucket['posts']} posts)"
        )
    lines += ["", "Mean score per dimension (latest):"]
    latest = data["buckets"][-1]["scores"]
    lines += [
        f"  {d:<10} {'  n/a' if latest[d] is None else format(latest[d], '>5.1f')}"
        for d in DIMENSIONS
    ]
    network = data["network"]
    lines += [
        "",
        f"Network breadth: {network['people_30d']} people in 30 days, "
        f"{network['people_90d']} in 90 days",
    ]
    if people["people"]:
        names = ", ".join(f"{p['name']} ({p['posts']})" for p in people["people"][:8])
        lines.append(f"Spotlighted most: {names}")
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
        people = history.people(store, limit=8)
    finally:
        store.close()
    if args.json:
        json.dump({**data, "people": people["people"]}, sys.stdout, indent=2)
        print()
    else:
        print(render(data, people, args.last))
    return 0
