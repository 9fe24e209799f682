"""Benchmark of ``spotlight import``: generated exports, timed end to end (scripts/bench_import).

Generates an X archive of tweet-length posts and a LinkedIn export of ~1,300-character
posts (made-up text from templates, so no two are alike), imports each into a fresh
database with 1 and with N scoring processes, and prints posts per second. ``--pipe``
also times bare ``nlp.pipe`` with ``n_process`` on the same texts, the alternative way to
use both cores.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import tempfile
import time
import zipfile
from pathlib import Path

NAMES = ["Ana", "Kwame", "Priya", "Jon", "Sofia", "Mateus", "Renée", "Lee", "Bea", "Marta"]
OPENINGS = [
    "Huge thanks to {name} for {thing}.",
    "I am thrilled to announce {thing} is live, sign up today!",
    "What would you do about {thing}? Asking because we keep getting it wrong.",
    "Congrats @{handle} on {thing}, well deserved.",
    "We tried {thing} for a month and I was wrong about most of it.",
    "Three lessons from {thing}, thread below.",
    "Proud of my team for {thing}.",
    "If you are struggling with {thing}, this guide by {name} helped me: https://example.org/{n}",
]
THINGS = [
    "the new onboarding flow",
    "our migration to Postgres",
    "the caching talk",
    "the design review",
    "a calmer release process",
    "the mentoring program",
    "shipping the mobile app",
    "fixing the flaky tests",
    "the hiring loop",
    "the accessibility audit",
    "remote pairing",
    "the incident write-up",
]
FILLER = [
    "It took longer than we planned, and that was fine.",
    "Most of the work was invisible: docs, reviews, patient answers in chat.",
    "The numbers moved, but the better change was how people talked to each other.",
    "We wrote down every question a new engineer asked and answered them in one place.",
    "Small steps, shipped often, beat the big plan we drew in January.",
    "I would love to hear how other teams handle this.",
    "None of it would have happened without the people who said yes to an odd idea.",
    "Next quarter we try the same thing with the support team.",
]


def _sentence(rng: random.Random, n: int) -> str:
    name = rng.choice(NAMES)
    return rng.choice(OPENINGS).format(
        name=name, handle=name.lower() + str(n % 97), thing=rng.choice(THINGS), n=n
    )


def tweet_texts(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for n in range(count):
        text = _sentence(rng, n) + " " + rng.choice(FILLER)
        texts.append((text + f" #{rng.choice(THINGS).split()[-1]} ({n})")[:280])
    return texts


def long_texts(count: int, seed: int = 2, length: int = 1300) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for n in range(count):
        paragraphs = [_sentence(rng, n)]
        while sum(map(len, paragraphs)) < length:
            paragraphs.append(" ".join(rng.sample(FILLER, 3)))
        texts.append("\n\n".join(paragraphs)[:length])
    return texts


def x_archive(path: Path, texts: list[str]) -> Path:
    start = 1_700_000_000
    tweets = [
        {
            "tweet": {
                "id_str": str(10**18 + n),
                "full_text": text,
                "entities": {"urls": []},
                "created_at": time.strftime(
                    "%a %b %d %H:%M:%S +0000 %Y", time.gmtime(start + n * 3600)
                ),
            }
        }
        for n, text in enumerate(texts)
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data/tweets.js", "window.YTD.tweets.part0 = " + json.dumps(tweets))
    return path


def linkedin_archive(path: Path, texts: list[str]) -> Path:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"])
    for n, text in enumerate(texts):
        moment = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(1_700_000_000 + n * 7200))
        writer.writerow(
            [
                moment,
                f"https://www.linkedin.com/feed/update/urn:li:share:{n}",
                text,
                "",
                "",
                "MEMBER_NETWORK",
            ]
        )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Shares.csv", out.getvalue())
    return path


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _time_import(archive: Path, processes: int, scorer, model: str) -> tuple[float, float, int]:
    """Wall time, CPU time (this process and its workers) and posts added."""
    from ..store import Store
    from . import import_export

    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "history.db")
        began, cpu = time.perf_counter(), _cpu()
        summary = import_export(archive, store, scorer, model=model, processes=processes)
        elapsed, cpu = time.perf_counter() - began, _cpu() - cpu
        store.close()
    return elapsed, cpu, summary.added


def _time_pipe(nlp, texts: list[str], processes: int, batch_size: int) -> float:
    began = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=processes, batch_size=batch_size):
        pass
    return time.perf_counter() - began


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench_import", description=__doc__)
    parser.add_argument("--posts", type=int, default=10_000, help="tweet-length posts")
    parser.add_argument("--long-posts", type=int, default=1_000, help="~1,300-character posts")
    parser.add_argument("--processes", default="1,2", help="process counts to try, e.g. 1,2")
    parser.add_argument("--model", default="", help="spaCy pipeline (default as settings)")
    parser.add_argument("--pipe", action="store_true", help="also time bare nlp.pipe(n_process)")
    args = parser.parse_args(argv)

    from ..nlp import load_pipeline
    from ..scoring import Scorer

    nlp = load_pipeline(args.model)
    scorer = Scorer(nlp)
    counts = [int(part) for part in args.processes.split(",") if part.strip()]
    with tempfile.TemporaryDirectory() as folder:
        tweets = x_archive(Path(folder) / "x.zip", tweet_texts(args.posts))
        shares = linkedin_archive(Path(folder) / "li.zip", long_texts(args.long_posts))
        runs = [("tweet-length (X archive)", tweets), ("LinkedIn-length (~1,300 chars)", shares)]
        for title, archive in runs:
            if (args.posts if archive is tweets else args.long_posts) <= 0:
                continue
            for processes in counts:
                elapsed, cpu, added = _time_import(archive, processes, scorer, args.model)
                print(
                    f"{title:<32} processes={processes}  {added:>6,} posts  "
                    f"{elapsed:7.1f} s  {added / elapsed:7.0f} posts/s  "
                    f"(CPU {cpu:6.1f} s, {cpu / added * 1000:5.1f} ms/post; "
                    f"load {os.getloadavg()[0]:.1f})",
                    flush=True,
                )
        if args.pipe:
            texts = tweet_texts(args.posts)
            for processes in counts:
                elapsed = _time_pipe(nlp, texts, processes, scorer.parser.batch_size)
                rate = len(texts) / elapsed
                print(
                    f"{'bare nlp.pipe, tweet-length':<32} n_process={processes}  "
                    f"{len(texts):>6,} posts  {elapsed:7.1f} s  {rate:7.0f} posts/s",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
