"""scripts/bench's results as a Markdown table, and docs/benchmarks.md around it."""

from __future__ import annotations

import textwrap

SIZE_NAMES = {"tweet": "~280 chars", "linkedin": "~1,300 chars", "linkedin_max": "~3,000 chars"}
# Issue 15's limits: /score over HTTP within 1.3x the raw parse at 1,300 and 3,000
# characters, batch at least 0.85x raw nlp.pipe, a one-sentence edit at most 0.1x a parse.
HTTP_LIMIT, HTTP_LIMITED = 1.3, ("linkedin", "linkedin_max")
BATCH_LIMIT = 0.85
TYPING_LIMIT = 0.1


def _met(ok: bool | None) -> str:
    return "" if ok is None else ("met" if ok else "**not met**")


def _row(figure: str, ours, floor, ratio, target: str = "", ok: bool | None = None) -> str:
    cells = [figure, _cell(ours), _cell(floor), f"{ratio}x" if ratio is not None else "",
             target, _met(ok)]  # fmt: skip
    return "| " + " | ".join(cells) + " |"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float | int):
        return f"{value:,}"
    return str(value)


def _latency_rows(results: dict) -> list[str]:
    rows = []
    for size, entry in results["latency"].items():
        name = SIZE_NAMES.get(size, size)
        rows.append(_row(f"score p50, in process, {name} (ms)", entry["in_process_p50_ms"],
                         entry["raw_p50_ms"], entry["in_process_ratio_p50"]))  # fmt: skip
        for q in ("p50", "p99"):
            ratio = entry[f"http_ratio_{q}"]
            # Issue 15's limit is on the long posts; a tweet's ratio carries the fixed HTTP cost.
            limited = size in HTTP_LIMITED
            rows.append(_row(f"score {q}, over HTTP, {name} (ms)", entry[f"http_{q}_ms"],
                             entry[f"raw_{q}_ms"], ratio, f"≤ {HTTP_LIMIT}x" if limited else "",
                             ratio <= HTTP_LIMIT if limited else None))  # fmt: skip
    return rows


def _batch_rows(batch: dict) -> list[str]:
    label = f"{batch['posts']:,} posts, {batch['processes']} processes (words/s)"
    raw = batch["raw"].get("words_per_s")
    ratio = batch.get("ours_ratio_to_raw")
    rows = [_row(f"batch: `spotlight score --batch`, {label}", batch["ours"]["words_per_s"],
                 raw, ratio, f"≥ {BATCH_LIMIT}x raw `nlp.pipe`",
                 None if ratio is None else ratio >= BATCH_LIMIT)]  # fmt: skip
    cpu_ratio = batch.get("ours_cpu_ratio_to_raw")
    rows.append(
        _row(
            "batch: the same, words per CPU-second (all processes)",
            batch["ours"].get("words_per_cpu_s"),
            batch["raw"].get("words_per_cpu_s"),
            cpu_ratio,
            f"≥ {BATCH_LIMIT}x",
            None if cpu_ratio is None else cpu_ratio >= BATCH_LIMIT,
        )
    )
    peer = batch.get("textdescriptives")
    if peer is None:  # scripts/bench --no-peer
        return rows
    if "error" in peer:
        rows.append(_row("batch: TextDescriptives (4 metric components)", "failed: see JSON",
                         raw, None))  # fmt: skip
    else:
        rows.append(
            _row(
                "batch: TextDescriptives, 4 metric components (words/s)",
                peer["words_per_s"],
                raw,
                batch.get("textdescriptives_ratio_to_raw"),
            )
        )
        rows.append(
            _row(
                "batch: TextDescriptives, words per CPU-second",
                peer.get("words_per_cpu_s"),
                batch["raw"].get("words_per_cpu_s"),
                batch.get("textdescriptives_cpu_ratio_to_raw"),
            )
        )
        ours_vs_td = round(batch["ours"]["words_per_s"] / peer["words_per_s"], 2)
        rows.append(
            _row(
                "batch: ours against TextDescriptives (words/s)",
                batch["ours"]["words_per_s"],
                peer["words_per_s"],
                ours_vs_td,
            )
        )
    return rows


def _history_rows(history: dict) -> list[str]:
    rows, largest = [], max(history, key=int)
    for size, entry in history.items():
        posts = f"{int(size):,} posts"
        ok = entry["trends_week_p50_ms"] < 100 if size == largest else None
        target = "< 100 ms" if size == largest else ""
        rows += [
            _row(f"/trends (week), {posts} (ms, p50)", entry["trends_week_p50_ms"], None,
                 entry["trends_growth_vs_smallest"], target, ok),
            _row(f"/people (90 days), {posts} (ms, p50)", entry["people_90d_p50_ms"], None, None),
            _row(f"history page first load, {posts} (ms, p50)",
                 entry["page_first_load_p50_ms"], None, None),
        ]  # fmt: skip
    return rows


def table(results: dict) -> str:
    """One Markdown table: our figure, the floor or peer it is measured against, the ratio.

    A step left out of the run (``scripts/bench --only``) has no rows.
    """
    rows = ["| figure | ours | floor / peer | ratio | target | |", "|---|---:|---:|---:|---|---|"]
    if "latency" in results:
        rows += _latency_rows(results)
    if "typing" in results:
        rows += _typing_rows(results["typing"])
    if "batch" in results:
        rows += _batch_rows(results["batch"])
    if "history" in results:
        rows += _history_rows(results["history"])
    if "memory" in results:
        rows += _memory_rows(results["memory"])
    if "start" in results:
        start = results["start"]
        rows.append(_row("start: `spotlight serve` to ready (ms)", start["serve_to_ready_ms"],
                         start["raw_model_load_ms"], start["ratio"]))  # fmt: skip
    return "\n".join(rows)


def _typing_rows(typing: dict) -> list[str]:
    return [
        _row(f"typing: cached re-score, {typing['chars']:,} chars, p50 (ms)",
             typing["cached_p50_ms"], typing["full_parse_p50_ms"], typing["cached_ratio_p50"],
             f"≤ {TYPING_LIMIT}x full parse", typing["cached_ratio_p50"] <= TYPING_LIMIT),
        _row("typing: cached re-score over HTTP, p50 (ms)", typing["http_cached_p50_ms"],
             typing["full_parse_p50_ms"], typing["http_cached_ratio_p50"]),
    ]  # fmt: skip


def _memory_rows(memory: dict) -> list[str]:
    return [
        _row("memory: RSS after start (MiB)", memory["rss_after_start_mib"], None, None),
        _row(f"memory: RSS after {memory['requests'] // 10:,} / {memory['requests']:,} "
             "/score requests (MiB)", f"{memory['rss_after_10pct_mib']} / "
             f"{memory['rss_after_all_mib']}", memory["rss_after_start_mib"],
             memory["ratio_after_all_to_start"], "no growth after warm-up"),
    ]  # fmt: skip


def soak_section(soak: dict | None) -> str:
    """The last scripts/soak run, as docs/benchmarks.md shows it."""
    if not soak:
        return "No soak run yet: `scripts/soak` writes artifacts/soak.json.\n"
    met = "met" if soak.get("targets_met") else "**not met**"
    return textwrap.fill(
        f"`scripts/soak --seconds {soak['seconds']:.0f} --clients {soak['clients']}`: "
        f"{soak['requests']:,} requests ({soak['requests_per_s']} a second; "
        f"{soak['scores']:,} scores of drafts being typed, {soak['posts_acknowledged']:,} "
        f"posts recorded, {soak['posts_resent_answered_200']:,} of them sent twice), "
        f"p50 {soak['p50_ms']} ms, p99 {soak['p99_ms']} ms with 20 clients queueing for one "
        f"scoring thread. Errors {soak['errors']}, lost {soak['lost']}, duplicated "
        f"{soak['duplicated']}, `PRAGMA quick_check` {soak['integrity_check']}; RSS "
        f"{soak.get('rss_before_mib', '?')} → {soak.get('rss_after_mib', '?')} MiB. "
        f"Target (zero errors, lost, duplicated): {met}.",
        width=90,
    )


def document(results: dict, table_text: str, soak: dict | None = None) -> str:
    """docs/benchmarks.md: how to run, the machine, the table, what the columns mean."""
    machine = results["machine"]
    batch = results["batch"]
    peer = batch["textdescriptives"]
    peer_note = (
        f"TextDescriptives {machine.get('textdescriptives', '?')} ran its four standard "
        "metric components (descriptive_stats, readability, dependency_distance, "
        "pos_proportions); its `quality` component (and so `textdescriptives/all`) does not "
        "load with spaCy 3.8: its config fails validation (`top_ngram_range: [2, 4] is not "
        "typing.Tuple[int, int]`). It pins `numpy<2`, so the `bench` extra moves the venv "
        "to numpy 1.26, which spaCy 3.8 runs with."
        if "error" not in peer
        else f"TextDescriptives did not run: {peer['error']}"
    )
    peer_note = textwrap.fill(peer_note, width=90)
    load_end = machine.get("load_average_at_end", "?")
    return f"""# Benchmarks

Made by `scripts/bench{" --quick" if results["mode"] == "quick" else ""} --update-docs` on
{results["started"]}. Run it yourself:

    scripts/bench                  # ~15-25 minutes; prints this table, writes artifacts/bench.json
    scripts/bench --quick          # a smoke run with small counts (figures are not meaningful)
    scripts/soak --seconds 60      # 20 clients scoring and recording against a companion

Every figure is measured in the same run as the floor or peer beside it, on the same
generated posts (scripts/bench_posts.py: ~280, ~1,300 and ~3,000 characters, no sentence
repeated between posts, so the draft cache cannot flatter a new post). *Raw* is the stock
spaCy pipeline ({machine.get("model", "?")}) with nothing of ours: `nlp(text)` for one
post, `nlp.pipe(texts, n_process={batch["processes"]}, batch_size=64)` for a batch.
Latencies interleave ours and raw post by post; HTTP is a real `spotlight serve`
subprocess on a loopback port, one keep-alive connection, client-side time. Batch times
run from process start to exit for all three systems (loading included).
{peer_note}

## The machine

| | |
|---|---|
| CPU | {machine["cpu"]} |
| cores (`nproc`) | {machine["nproc"]} |
| memory | {machine["memory_gib"]} GiB |
| OS | {machine["os"]} |
| Python / spaCy / numpy | {machine["python"]} / {machine["spacy"]} / {machine.get("numpy", "?")} |
| load average (1 min), start / end | {machine["load_average_at_start"]} / {load_end} |

A load average above the core count means other work shared the machine: the ratios hold
better than the absolute times then, since ours and the floor were measured side by side.

## Results

{table_text}

Ratios: ours / floor for times (lower is better), ours / floor for throughput (higher is
better); for /trends, the time against the smallest history (how it grows). Typing: a
3,000-character draft with one more character in its last sentence per edit; the cache
re-parses only the sentence that changed. Memory: new tweet-length posts from 4 clients;
the first tenth fills the draft cache (2,048 sentences); what grows after it is spaCy's
StringStore (one entry per new word: here every request carried a new number) and the
allocator's drift, about 1 MiB per 1,000 requests even when the same texts repeat.
History figures come from scripts/bench_history.py (synthetic histories over three years,
Chromium for the page). The full numbers, with p99s, are in artifacts/bench.json.

Reading the figures:

- Over HTTP a score pays a fixed 1-2 ms on top of the scoring (JSON both ways and a hop to
  the scoring thread; the disabled rules and the trend feedback come from memory unless the
  database changed since the last draft); it shows most on tweet-length posts, where the
  parse itself is ~11 ms.
- Raw `nlp.pipe(n_process=2)` sends every parsed Doc back to the parent process,
  serialised, and the parent rebuilds it; `spotlight score --batch` scores inside its
  worker processes and sends back only the reports. That is why ours can beat the floor
  on the wall clock; words per CPU-second compare the work done by all processes.
- p99 over 40-100 posts is the slowest one or two: a single hiccup of a shared machine.

## Soak

{soak_section(soak)}
"""
