"""Load on a companion from another process: 20 clients scoring drafts and recording posts
for a bounded time, then a check that every acknowledged post is stored exactly once.

    scripts/soak                          # starts its own companion, 60 s, 20 clients
    scripts/soak --seconds 10 --clients 5
    scripts/soak --port 47800 --config-dir ~/.config/spotlight   # a running companion

Loopback only. Each client stops by itself at the deadline or after ``--max-requests``.
Writes are what the extension sends: new posts with client ids, and some sent again with
the same id (as the offline queue does after a timeout), which must not double. Exit
status 0 when there were no errors, nothing lost and nothing duplicated.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
sys.path[:0] = [str(SCRIPTS.parent), str(SCRIPTS)]

import bench_posts  # noqa: E402
from companion_process import Companion, JsonClient, rss_mib  # noqa: E402

POST_EVERY = 4  # one post recorded per four requests; the rest score drafts being typed
RESEND_EVERY = 5  # every fifth recorded post is sent again with the same id


class Tally:
    """What the clients saw, shared between their threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = {"score": [], "post": []}
        self.acknowledged: set[str] = set()
        self.resent = 0
        self.errors: list[str] = []

    def add(self, kind: str, ms: float) -> None:
        with self.lock:
            self.latency[kind].append(ms)

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)


def client_loop(port: int, token: str, run: str, client: int, deadline: float,
                max_requests: int, tally: Tally) -> None:  # fmt: skip
    """One client: type drafts, publish posts, until the deadline or ``max_requests``."""
    http = JsonClient(port, token, timeout=60)
    drafts = bench_posts.posts("linkedin", 3, start=50_000 + client * 3)
    sent = 0
    try:
        for n in range(max_requests):
            if time.monotonic() >= deadline:
                break
            if n % POST_EVERY == POST_EVERY - 1:
                post_id = f"soak-{run}-{client}-{n}"
                text = f"{bench_posts.post(280, client * 100_000 + n)} [{post_id}]"
                body = {"id": post_id, "site": "linkedin", "kind": "post", "text": text}
                for _ in range(2 if sent % RESEND_EVERY == 0 else 1):
                    status = _call(http, tally, "post", "/api/v1/posts", body)
                    if status in (200, 201):
                        with tally.lock:
                            tally.acknowledged.add(post_id)
                            tally.resent += status == 200
                sent += 1
            else:
                draft = drafts[n % len(drafts)]
                cut = max(40, len(draft) * ((n % 20) + 1) // 20)  # typing: a growing prefix
                _call(http, tally, "score", "/api/v1/score", {"text": draft[:cut]})
    finally:
        http.close()


def _call(http: JsonClient, tally: Tally, kind: str, path: str, body: dict) -> int:
    began = time.perf_counter()
    try:
        status, answer = http.call("POST", path, body)
    except (OSError, ValueError) as error:
        tally.error(f"{path}: {type(error).__name__}: {error}")
        return 0
    tally.add(kind, (time.perf_counter() - began) * 1000)
    if not 200 <= status < 300:
        tally.error(f"{path}: HTTP {status} {json.dumps(answer)[:200]}")
    return status


def stored_posts(db_path: Path, run: str) -> tuple[dict[str, int], list[str], str]:
    """Rows of this run per id, texts stored more than once, and the integrity check."""
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30) as db:
        like = f"soak-{run}-%"
        rows = db.execute(
            "select id, count(*) from posts where id like ? group by id", (like,)
        ).fetchall()
        twice = db.execute(
            "select text from posts where id like ? group by text having count(*) > 1", (like,)
        ).fetchall()
        integrity = db.execute("pragma quick_check").fetchone()[0]
    return dict(rows), [text for (text,) in twice], integrity


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))], 1)


def soak(port: int, token: str, db_path: Path, seconds: float, clients: int,
         max_requests: int) -> dict:  # fmt: skip
    """Drive the companion on ``port`` and check its database; returns the figures."""
    run, tally = uuid.uuid4().hex[:8], Tally()
    began = time.monotonic()
    deadline = began + seconds
    with ThreadPoolExecutor(clients) as pool:
        futures = [
            pool.submit(client_loop, port, token, run, n, deadline, max_requests, tally)
            for n in range(clients)
        ]
        for future in futures:
            future.result()
    elapsed = time.monotonic() - began
    rows, twice, integrity = stored_posts(db_path, run)
    lost = sorted(tally.acknowledged - set(rows))
    duplicated = sorted(key for key, count in rows.items() if count > 1) + twice
    requests = sum(len(values) for values in tally.latency.values()) + len(tally.errors)
    all_ms = tally.latency["score"] + tally.latency["post"]
    return {
        "seconds": round(elapsed, 1), "clients": clients, "requests": requests,
        "requests_per_s": round(requests / elapsed, 1),
        "scores": len(tally.latency["score"]), "posts_acknowledged": len(tally.acknowledged),
        "posts_resent_answered_200": tally.resent, "posts_stored": len(rows),
        "p50_ms": _percentile(all_ms, 0.5), "p99_ms": _percentile(all_ms, 0.99),
        "score_p99_ms": _percentile(tally.latency["score"], 0.99),
        "post_p99_ms": _percentile(tally.latency["post"], 0.99),
        "errors": len(tally.errors), "error_samples": tally.errors[:5],
        "lost": len(lost), "lost_samples": lost[:5],
        "duplicated": len(duplicated), "integrity_check": integrity,
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/soak", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="how long to drive (60)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (20)")
    parser.add_argument(
        "--max-requests", type=int, default=100_000, help="at most this many per client"
    )
    parser.add_argument("--port", type=int, help="a running companion's port (127.0.0.1)")
    parser.add_argument("--config-dir", type=Path, help="with --port: where its token is")
    parser.add_argument(
        "--json",
        type=Path,
        default=SCRIPTS.parent / "artifacts" / "soak.json",
        help="also write the figures here (default artifacts/soak.json, which "
        "scripts/bench --update-docs puts in docs/benchmarks.md)",
    )
    args = parser.parse_args(argv)
    if args.seconds <= 0 or args.seconds > 3600 or not 1 <= args.clients <= 200:
        parser.error("--seconds must be in (0, 3600] and --clients in [1, 200]")
    if args.port:
        if not args.config_dir:
            parser.error("--port needs --config-dir (to read the token)")
        token = (args.config_dir / "token").read_text().strip()
        status, health = JsonClient(args.port, token).call("GET", "/api/v1/health")
        if status != 200:
            parser.error(f"no companion answering on 127.0.0.1:{args.port}")
        figures = soak(args.port, token, Path(health["database"]), args.seconds,
                       args.clients, args.max_requests)  # fmt: skip
    else:
        with tempfile.TemporaryDirectory() as tmp, Companion(Path(tmp)) as companion:
            rss_before = companion.rss_mib()
            figures = soak(companion.port, companion.token, companion.db_path, args.seconds,
                           args.clients, args.max_requests)  # fmt: skip
            figures["rss_before_mib"], figures["rss_after_mib"] = (
                rss_before,
                rss_mib(companion.process.pid),
            )
    ok = figures["errors"] == 0 and figures["lost"] == 0 and figures["duplicated"] == 0
    figures["targets_met"] = ok and figures["integrity_check"] == "ok"
    text = json.dumps(figures, indent=2, ensure_ascii=False)
    print(text)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(text + "\n")
    return 0 if figures["targets_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
