"""Benchmarks of the history: /trends, /people and the page's first load with 1k/10k/100k
posts and a network of 5,000 connections, and the draft cache on a 3,000-character post
edited one character at a time.

    scripts/bench_history                 # all, sizes 1000 10000 100000
    scripts/bench_history --sizes 1000 --skip-page
    scripts/bench_history --sizes 100000 --connections 5000 --skip-page --skip-draft

Each function returns a dict of figures, so a wider benchmark can call them:
``fill_database``, ``fill_network``, ``bench_api``, ``bench_page``, ``bench_draft_cache``,
``bench_score_api``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from companion.settings import load_settings  # noqa: E402
from companion.store import DIMENSIONS, Store  # noqa: E402

LABELS = ["promotes_others", "self_promotion", "mixed", "neutral"]
SITES = ["linkedin", "x", "mastodon.social", "bluesky", "threads", "facebook", "reddit"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _synthetic(i: int, rng: random.Random, start: dt.datetime) -> tuple[dict, dict]:
    moment = start + dt.timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
    people = [f"@person{rng.randrange(2000)}" for _ in range(rng.choice((0, 0, 1, 1, 2, 3)))]
    label = rng.choices(LABELS, weights=(35, 30, 10, 25))[0]
    text = f"Post {i}: thanks {' and '.join(people) or 'everyone'} for a great week. " * 3
    post = {
        "id": f"bench-{i}",
        "text": text,
        "site": rng.choice(SITES),
        "posted_at": moment.isoformat(),
        "source": "import",
    }
    report = {
        "label": label,
        "promotes_others": label in ("promotes_others", "mixed"),
        "self_promotion": label in ("self_promotion", "mixed"),
        "scores": {d: rng.randrange(20, 100) for d in DIMENSIONS},
        "overall": rng.randrange(30, 95),
        "nudges": [
            {
                "rule": "self_promotion",
                "dimension": "spotlight",
                "message": "Who helped?",
                "severity": "suggestion",
                "spans": [{"start": 0, "end": 4}],
            }
        ],
        "people": [{"text": p, "kind": "handle", "start": 0, "end": len(p)} for p in people],
        "words": 30,
        "model": "bench",
        "scorer_version": "bench",
    }
    return post, report


def fill_database(path: Path, size: int, seed: int = 7) -> dict:
    """A history of ``size`` synthetic posts over three years (kept and re-used)."""
    store = Store.open(path)
    try:
        if store.post_count() == size:
            return {"posts": size, "insert_s": None}
        store.delete_all_posts()
        rng = random.Random(seed)
        start = dt.datetime(2023, 12, 1, tzinfo=dt.UTC)
        began = time.perf_counter()
        store.record_posts(_synthetic(i, rng, start) for i in range(size))
        return {"posts": size, "insert_s": round(time.perf_counter() - began, 2)}
    finally:
        store.close()


def fill_network(path: Path, connections: int, seed: int = 11) -> dict:
    """A network of ``connections``: two fifths X follows whose handles are the posts'
    ``@personN`` (so their mentions are people the user knows), the rest LinkedIn
    connections, a tenth of them made in the last 90 days."""
    store = Store.open(path)
    try:
        if store.connection_count() == connections:
            return {"connections": connections, "insert_s": None}
        if store.connection_count():
            store.delete_network()
        rng = random.Random(seed)
        follows = connections * 2 // 5
        today = dt.date(2026, 12, 1)
        x = [{"account": str(10_000 + i), "handle": f"person{i}", "name": f"Person {i} X"}
             for i in range(follows)]  # fmt: skip
        linkedin = [
            {"account": f"in/member-{i}", "name": f"Member{i} Lastname{i % 97}",
             "connected_on": (today - dt.timedelta(days=rng.randrange(900))).isoformat()}
            for i in range(connections - follows)
        ]  # fmt: skip
        began = time.perf_counter()
        for site, direction, accounts in (("x", "following", x),
                                          ("linkedin", "connection", linkedin)):  # fmt: skip
            store.record_network({"site": site, "direction": direction, "source": "bench",
                                  "as_of": today.isoformat(), "accounts": accounts})  # fmt: skip
        return {"connections": connections, "insert_s": round(time.perf_counter() - began, 2)}
    finally:
        store.close()


def _p(values: list[float], q: float) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(q * len(values)))], 1)


async def _serve(path: Path, tmp: Path):
    from companion.server import start

    settings = load_settings(
        {"config_dir": tmp / "config", "data_dir": tmp, "db_path": path, "port": 0}, environ={}
    )
    return await start(settings)


async def _bench_api_async(path: Path, tmp: Path, runs: int) -> dict:
    import aiohttp

    runner, url = await _serve(path, tmp)
    token = (tmp / "config" / "token").read_text().strip()
    headers = {"Authorization": f"Bearer {token}"}
    calls = {
        "trends_week": "api/v1/trends?bucket=week",
        "trends_day": "api/v1/trends?bucket=day",
        "trends_month_site": "api/v1/trends?bucket=month&site=linkedin",
        "posts_page": "api/v1/posts?limit=20",
        "posts_filtered": "api/v1/posts?limit=20&site=x&since=2025-01-01&until=2025-06-30",
        "people_90d": "api/v1/people?days=90&limit=10",
        "people_known": "api/v1/people?known=true&sort=credited&limit=10",
        "people_public": "api/v1/people?known=false&days=90&limit=10",
        "people_all": "api/v1/people?limit=20",
        "people_suggestions": "api/v1/people/suggestions?limit=5",
    }
    figures = {}
    try:
        async with aiohttp.ClientSession(headers=headers) as session:
            for name, path_ in calls.items():
                times = []
                for _ in range(runs):
                    began = time.perf_counter()
                    async with session.get(url + path_) as response:
                        assert response.status == 200, await response.text()
                        await response.read()
                    times.append((time.perf_counter() - began) * 1000)
                figures[name] = {"p50_ms": _p(times, 0.5), "p95_ms": _p(times, 0.95)}
    finally:
        await runner.cleanup()
    return figures


def bench_api(path: Path, runs: int = 20) -> dict:
    """p50/p95 of the history page's API calls over HTTP against a real server."""
    with tempfile.TemporaryDirectory() as tmp:
        return asyncio.run(_bench_api_async(path, Path(tmp), runs))


async def _bench_page_async(path: Path, tmp: Path, runs: int) -> dict:
    from playwright.async_api import async_playwright

    runner, url = await _serve(path, tmp)
    times = []
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True
            )
            for _ in range(runs):
                context = await browser.new_context(viewport={"width": 1280, "height": 900})
                page = await context.new_page()
                began = time.perf_counter()
                await page.goto(url)
                await page.wait_for_selector("body[data-loaded=true]", timeout=120_000)
                times.append((time.perf_counter() - began) * 1000)
                await context.close()
            await browser.close()
    finally:
        await runner.cleanup()
    return {"first_load_p50_ms": _p(times, 0.5), "first_load_max_ms": round(max(times), 1)}


def bench_page(path: Path, runs: int = 5) -> dict:
    """Time from navigation to a drawn page (charts, people, first 20 posts) in Chromium."""
    with tempfile.TemporaryDirectory() as tmp:
        return asyncio.run(_bench_page_async(path, Path(tmp), runs))


def _draft(chars: int = 3000) -> str:
    sentences = [
        "Huge thanks to @maria and Priya Patel for reviewing the launch plan with us.",
        "I learned more from their questions than from any document I wrote this year.",
        "What would you have done differently in our place?",
        "Shout-out to the support team, who answered every ticket within a day.",
        "We tried three approaches before this one worked, and two of them failed badly.",
    ]
    lines, size, i = [], 0, 0
    while size < chars:
        line = " ".join(sentences[(i + k) % len(sentences)] for k in range(3))
        lines.append(line)
        size += len(line) + 2
        i += 1
    return "\n\n".join(lines)[:chars]


def bench_draft_cache(edits: int = 60) -> dict:
    """A 3,000-character draft typed one character at a time at its end and in its middle:
    a full re-parse of every version against the Scorer's cached re-score."""
    from companion.nlp import load_pipeline
    from companion.scoring import Scorer

    nlp = load_pipeline()
    draft = _draft()
    versions = []
    for i in range(edits):  # insert one character at a time, in the middle of the draft
        at = len(draft) // 2 + i
        draft = draft[:at] + "abcdefghij"[i % 10] + draft[at:]
        versions.append(draft)
    cold, warm = [], []
    for text in versions:
        began = time.perf_counter()
        Scorer(nlp).score(text)  # a fresh scorer: the whole draft is parsed
        cold.append((time.perf_counter() - began) * 1000)
    scorer = Scorer(nlp)
    scorer.score(_draft())
    for text in versions:
        began = time.perf_counter()
        scorer.score(text)
        warm.append((time.perf_counter() - began) * 1000)
    parser = scorer.parser
    return {
        "chars": len(versions[0]),
        "full_parse_p50_ms": _p(cold, 0.5),
        "full_parse_p95_ms": _p(cold, 0.95),
        "cached_p50_ms": _p(warm, 0.5),
        "cached_p95_ms": _p(warm, 0.95),
        "saving": f"{1 - statistics.median(warm) / statistics.median(cold):.0%}",
        "cache_hits": parser.hits,
        "cache_misses": parser.misses,
    }


async def _bench_score_api_async(tmp: Path, versions: list[str]) -> dict:
    import aiohttp

    runner, url = await _serve(tmp / "history.db", tmp)
    token = (tmp / "config" / "token").read_text().strip()
    times, server_ms = [], []
    try:
        async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {token}"}) as session:
            for text in versions:
                began = time.perf_counter()
                async with session.post(url + "api/v1/score", json={"text": text}) as response:
                    report = await response.json()
                times.append((time.perf_counter() - began) * 1000)
                server_ms.append(report["elapsed_ms"])
    finally:
        await runner.cleanup()
    return {
        "http_p50_ms": _p(times[1:], 0.5),
        "http_p95_ms": _p(times[1:], 0.95),
        "server_elapsed_p50_ms": _p(server_ms[1:], 0.5),
    }


def bench_score_api(edits: int = 60) -> dict:
    """POST /api/v1/score for a 3,000-character draft typed one character at a time, over
    HTTP against a real server (the first, uncached request is left out)."""
    draft, versions = _draft(), []
    for i in range(edits + 1):
        at = len(draft) // 2 + i
        draft = draft[:at] + "abcdefghij"[i % 10] + draft[at:]
        versions.append(draft)
    with tempfile.TemporaryDirectory() as tmp:
        return asyncio.run(_bench_score_api_async(Path(tmp), versions))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "spotlight-bench")
    parser.add_argument("--connections", type=int, default=5000, help="network size (0: none)")
    parser.add_argument("--skip-page", action="store_true", help="no Chromium page loads")
    parser.add_argument("--skip-draft", action="store_true", help="no draft-cache benchmark")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    results: dict = {}
    for size in args.sizes:
        path = args.dir / f"history-{size}.db"
        result = {"fill": fill_database(path, size)}
        if args.connections:
            result["network"] = fill_network(path, args.connections)
        result["api"] = bench_api(path)
        if not args.skip_page:
            result["page"] = bench_page(path)
        results[size] = result
        print(json.dumps({size: result}), flush=True)
    if not args.skip_draft:
        results["draft_cache"] = bench_draft_cache()
        print(json.dumps({"draft_cache": results["draft_cache"]}), flush=True)
        results["score_api"] = bench_score_api()
        print(json.dumps({"score_api": results["score_api"]}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
