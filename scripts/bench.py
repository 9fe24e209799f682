"""Spotlight against its floor and its peers, side by side in one run (issue 5).

    scripts/bench                   # everything; prints a table, writes artifacts/bench.json
    scripts/bench --quick           # small counts: a smoke run (tests/test_bench.py)
    scripts/bench --update-docs     # also writes docs/benchmarks.md with the machine
    scripts/bench --only latency,typing,batch --no-peer   # issue 15's limits alone

Every figure is a ratio on the same generated posts (scripts/bench_posts.py) of ~280,
~1,300 and ~3,000 characters: our scoring against the raw spaCy pipeline (``nlp(text)``,
``nlp.pipe``) and against TextDescriptives. The history figures come from
scripts/bench_history.py. Timings on a shared machine are noisy: the load average at the
start and the end of the run is recorded with the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
sys.path[:0] = [str(ROOT), str(SCRIPTS)]

import bench_posts  # noqa: E402
import bench_report  # noqa: E402
from bench_peers import batch_figures  # noqa: E402
from companion_process import Companion, JsonClient, free_port, rss_mib  # noqa: E402

COUNTS = {  # posts per size for latency, edits for typing, requests for memory, ...
    "full": {"latency": {"tweet": 100, "linkedin": 60, "linkedin_max": 40}, "typing": 60,
             "batch": 5000, "memory": 10_000, "starts": 3,
             "history": [1000, 10_000, 100_000], "history_runs": 20, "page_runs": 5},
    "quick": {"latency": {"tweet": 4, "linkedin": 3, "linkedin_max": 3}, "typing": 4,
              "batch": 40, "memory": 60, "starts": 1,
              "history": [300], "history_runs": 3, "page_runs": 1},
}  # fmt: skip


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile in ms, rounded to 0.1."""
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))], 1)


def _ms(began: float) -> float:
    return (time.perf_counter() - began) * 1000


def stock_pipeline():
    """The raw spaCy pipeline, as installed, without anything of ours: the floor."""
    import spacy

    from companion.nlp import PREFERRED_MODELS

    for name in PREFERRED_MODELS:
        try:
            return name, spacy.load(name)
        except OSError:
            continue
    raise SystemExit("no English pipeline installed: run scripts/run once")


def latency(nlp, counts: dict[str, int], companion: Companion) -> dict:
    """p50/p99 of a full score of a new post, in process and over HTTP, against nlp(text).

    The three are interleaved post by post, so a burst of load on the machine hits all.
    """
    from companion.nlp import load_pipeline
    from companion.scoring import Scorer

    ours = load_pipeline()
    client = companion.client()
    client.call("POST", "/api/v1/score", {"text": "Warm up, thanks @maria!"})
    figures = {}
    for size, count in counts.items():
        raw, in_process, http = [], [], []
        for text in bench_posts.posts(size, count, start=10_000):
            began = time.perf_counter()
            nlp(text)
            raw.append(_ms(began))
            began = time.perf_counter()
            Scorer(ours).score(text)  # a new scorer: nothing cached, the whole post is parsed
            in_process.append(_ms(began))
            began = time.perf_counter()  # the server has not seen this post either
            status, _ = client.call("POST", "/api/v1/score", {"text": text})
            http.append(_ms(began))
            assert status == 200, status
        figures[size] = {
            "chars": round(sum(map(len, bench_posts.posts(size, count, 10_000))) / count),
            "posts": count,
            **_pair("raw", raw), **_pair("in_process", in_process), **_pair("http", http),
            "in_process_ratio_p50": _ratio(in_process, raw, 0.5),
            "http_ratio_p50": _ratio(http, raw, 0.5),
            "http_ratio_p99": _ratio(http, raw, 0.99),
        }  # fmt: skip
    client.close()
    return figures


def _pair(name: str, values: list[float]) -> dict:
    return {f"{name}_p50_ms": percentile(values, 0.5), f"{name}_p99_ms": percentile(values, 0.99)}


def _ratio(ours: list[float], floor: list[float], q: float) -> float:
    return round(percentile(ours, q) / max(percentile(floor, q), 0.1), 2)


def typing(nlp, edits: int, companion: Companion) -> dict:
    """A 3,000-character draft typed one character at a time in its last sentence: cached
    re-score (in process and over HTTP) against a full re-parse with nlp(text)."""
    from companion.nlp import load_pipeline
    from companion.scoring import Scorer

    draft = bench_posts.post(3000, 30_000)
    draft = draft[: draft.rstrip().rfind(" ")]  # stop mid-sentence: the user is still typing
    versions, word = [], "and thanks to everyone who reviewed it"
    for i in range(edits):
        versions.append(draft + " " + word[: i % len(word) + 1])
    scorer = Scorer(load_pipeline())
    scorer.score(draft)
    client = companion.client()
    client.call("POST", "/api/v1/score", {"text": draft})
    raw, cached, http = [], [], []
    for text in versions:
        began = time.perf_counter()
        nlp(text)
        raw.append(_ms(began))
        began = time.perf_counter()
        scorer.score(text)
        cached.append(_ms(began))
        began = time.perf_counter()
        status, _ = client.call("POST", "/api/v1/score", {"text": text})
        http.append(_ms(began))
        assert status == 200, status
    client.close()
    return {
        "chars": len(versions[-1]), "edits": edits,
        **_pair("full_parse", raw), **_pair("cached", cached), **_pair("http_cached", http),
        "cached_ratio_p50": _ratio(cached, raw, 0.5),
        "http_cached_ratio_p50": _ratio(http, raw, 0.5),
        "cache_hits": scorer.parser.hits, "cache_misses": scorer.parser.misses,
    }  # fmt: skip


def memory(companion: Companion, requests: int, threads: int = 4) -> dict:
    """RSS of the companion after start, after a tenth of the requests (caches full) and
    after all of them: new tweet-length posts, ``threads`` clients at a time."""
    from concurrent.futures import ThreadPoolExecutor

    after_start = companion.rss_mib()
    texts = bench_posts.posts("tweet", 500, start=40_000)
    checkpoints = {}

    def client_run(offset: int) -> int:
        client, errors = companion.client(), 0
        for n in range(offset, requests, threads):
            text = f"{texts[n % len(texts)]} ({n})"  # a new last sentence each time
            status, _ = client.call("POST", "/api/v1/score", {"text": text})
            errors += status != 200
            if offset == 0 and n == (requests // 10) // threads * threads:
                checkpoints["warm"] = companion.rss_mib()
        client.close()
        return errors

    began = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        errors = sum(pool.map(client_run, range(threads)))
    elapsed = time.perf_counter() - began
    after = companion.rss_mib()
    warm = checkpoints.get("warm", after_start)
    return {
        "requests": requests, "errors": errors, "rss_after_start_mib": after_start,
        "rss_after_10pct_mib": warm, "rss_after_all_mib": after,
        "growth_after_warm_up_mib": round(after - warm, 1),
        "ratio_after_all_to_start": round(after / after_start, 2),
        "requests_per_s": round(requests / elapsed, 1),
    }  # fmt: skip


def start_time(model: str, runs: int) -> dict:
    """From `spotlight serve` to /api/v1/health answering, against loading the raw
    pipeline in a fresh Python (the floor: no server can be ready before its model)."""
    import subprocess

    floor, ours = [], []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import spacy; spacy.load({model!r})"], check=True)
        floor.append(_ms(began))
        with tempfile.TemporaryDirectory() as tmp:
            port = free_port()
            began = time.perf_counter()
            with Companion(Path(tmp), port=port):
                client = JsonClient(port, "")
                status, _ = client.call("GET", "/api/v1/health")
                ours.append(_ms(began))
                client.close()
                assert status == 200, status
    return {
        "serve_to_ready_ms": percentile(ours, 0.5),
        "raw_model_load_ms": percentile(floor, 0.5),
        "ratio": _ratio(ours, floor, 0.5),
        "runs": runs,
    }


def history(sizes: list[int], runs: int, page_runs: int, folder: Path) -> dict:
    """scripts/bench_history's figures: /trends, /people, the page's first load."""
    import bench_history

    figures = {}
    for size in sizes:
        path = folder / f"history-{size}.db"
        bench_history.fill_database(path, size)
        api = bench_history.bench_api(path, runs)
        page = bench_history.bench_page(path, page_runs)
        figures[str(size)] = {
            "trends_week_p50_ms": api["trends_week"]["p50_ms"],
            "trends_week_p95_ms": api["trends_week"]["p95_ms"],
            "people_90d_p50_ms": api["people_90d"]["p50_ms"],
            "posts_page_p50_ms": api["posts_page"]["p50_ms"],
            "page_first_load_p50_ms": page["first_load_p50_ms"],
        }
    smallest = figures[str(sizes[0])]["trends_week_p50_ms"]
    for size in sizes:
        entry = figures[str(size)]
        entry["trends_growth_vs_smallest"] = round(entry["trends_week_p50_ms"] / smallest, 2)
    return figures


def machine() -> dict:
    import platform

    import spacy

    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor()
    )  # fmt: skip
    memory_kib = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )  # fmt: skip
    try:
        from importlib.metadata import version

        peers = {"textdescriptives": version("textdescriptives"), "numpy": version("numpy")}
    except Exception:  # noqa: BLE001 - a missing peer is reported, not fatal
        peers = {}
    return {
        "nproc": os.cpu_count(), "memory_gib": round(memory_kib / 1024**2, 1), "cpu": cpu,
        "python": platform.python_version(), "spacy": spacy.__version__, **peers,
        "os": platform.platform(), "load_average_at_start": round(os.getloadavg()[0], 2),
    }  # fmt: skip


STEPS = ("latency", "typing", "memory", "start", "batch", "history")


def run(
    quick: bool,
    history_dir: Path,
    only: tuple[str, ...] = STEPS,
    peer: bool = True,
    batch_posts: int | None = None,
) -> dict:
    """Every step in ``only``, in the order of :data:`STEPS`; ``peer``: TextDescriptives too;
    ``batch_posts``: that many posts in the batch instead of the mode's count."""
    counts = dict(COUNTS["quick" if quick else "full"])
    if batch_posts:
        counts["batch"] = batch_posts
    results: dict = {"mode": "quick" if quick else "full", "machine": machine(),
                     "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}  # fmt: skip
    model, nlp = stock_pipeline()
    results["machine"]["model"] = model
    steps = [
        ("latency", lambda c: latency(nlp, counts["latency"], c)),
        ("typing", lambda c: typing(nlp, counts["typing"], c)),
    ]
    steps = [(name, step) for name, step in steps if name in only]
    if steps:
        with tempfile.TemporaryDirectory() as tmp, Companion(Path(tmp)) as companion:
            for name, step in steps:
                print(f"bench: {name} ...", file=sys.stderr, flush=True)
                results[name] = step(companion)
    if "memory" in only:
        with tempfile.TemporaryDirectory() as tmp, Companion(Path(tmp)) as companion:
            print("bench: memory ...", file=sys.stderr, flush=True)
            results["memory"] = memory(companion, counts["memory"])
    if "start" in only:
        print("bench: start ...", file=sys.stderr, flush=True)
        results["start"] = start_time(model, counts["starts"])
    if "batch" in only:
        print("bench: batch ...", file=sys.stderr, flush=True)
        peers = ("raw", "textdescriptives") if peer else ("raw",)
        texts = bench_posts.mixed_posts(counts["batch"])
        results["batch"] = batch_figures(model, texts, processes=2, peers=peers)
    if "history" in only:
        print("bench: history ...", file=sys.stderr, flush=True)
        history_dir.mkdir(parents=True, exist_ok=True)
        results["history"] = history(
            counts["history"], counts["history_runs"], counts["page_runs"], history_dir
        )
    results["machine"]["load_average_at_end"] = round(os.getloadavg()[0], 2)
    results["bench_rss_mib"] = rss_mib(os.getpid())
    return results


def _steps(value: str) -> tuple[str, ...]:
    chosen = tuple(step.strip() for step in value.split(",") if step.strip())
    unknown = [step for step in chosen if step not in STEPS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"steps are {', '.join(STEPS)}; not {unknown or value!r}")
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small counts (a smoke run)")
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "bench.json")
    parser.add_argument("--update-docs", action="store_true", help="write docs/benchmarks.md")
    parser.add_argument(
        "--history-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "spotlight-bench",
        help="where the generated history databases are kept between runs",
    )
    parser.add_argument(
        "--only", type=_steps, default=STEPS, help=f"comma-separated steps of {','.join(STEPS)}"
    )
    parser.add_argument("--no-peer", action="store_true", help="batch: leave TextDescriptives out")
    parser.add_argument(
        "--from-json", type=Path, help="measure nothing: print (and --update-docs) this JSON"
    )
    parser.add_argument("--batch-posts", type=int, help="posts in the batch (full: 5,000)")
    args = parser.parse_args(argv)
    if args.from_json:
        results = json.loads(args.from_json.read_text())
    else:
        results = run(args.quick, args.history_dir, args.only, not args.no_peer, args.batch_posts)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    table = bench_report.table(results)
    print(table)
    print(f"\nJSON: {args.from_json or args.out}")
    if args.update_docs:
        path = ROOT / "docs" / "benchmarks.md"
        soak = ROOT / "artifacts" / "soak.json"  # the last scripts/soak run, if any
        soak_figures = json.loads(soak.read_text()) if soak.exists() else None
        path.write_text(bench_report.document(results, table, soak_figures))
        print(f"Table and machine: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
