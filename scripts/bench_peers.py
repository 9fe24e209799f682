"""Batch throughput, each system in its own fresh Python process on the same posts:

- ours: ``spotlight score --batch posts.jsonl --processes N``, the command a user runs;
- the floor: raw spaCy, ``nlp.pipe(texts, n_process=N, batch_size=64)`` (64 was the fastest
  batch size measured in DESIGN.md);
- the peer: TextDescriptives' four standard metric components (descriptive_stats,
  readability, dependency_distance, pos_proportions) on the same pipeline, with the
  metrics extracted per post (``td.extract_dict``).

Each is timed from process start to exit (imports and model loading included for all
three), so the ratios compare what a user waits for.

Run by scripts/bench; ``python scripts/bench_peers.py raw|textdescriptives FILE MODEL N``
is the child process of the two peers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TD_COMPONENTS = ("descriptive_stats", "readability", "dependency_distance", "pos_proportions")


def _child(system: str, path: str, model: str, processes: int) -> None:
    import spacy

    texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
    nlp = spacy.load(model)
    if system == "textdescriptives":
        import textdescriptives as td

        for component in TD_COMPONENTS:
            nlp.add_pipe(f"textdescriptives/{component}")
    began = time.perf_counter()
    docs = nlp.pipe(texts, n_process=processes, batch_size=64)
    if system == "textdescriptives":
        count = sum(len(td.extract_dict(doc, include_text=False)[0]) > 0 for doc in docs)
    else:
        count = sum(len(doc) > 0 for doc in docs)
    print(json.dumps({"pipe_s": round(time.perf_counter() - began, 2), "docs": count}))


def _tree_cpu(root: int, seen: dict[int, float]) -> None:
    """Record the CPU seconds so far of ``root`` and every process under it (Linux /proc).

    Polled, because worker processes are not always reaped by the process timed (a
    forkserver's workers are not), so ``RUSAGE_CHILDREN`` would miss them.
    """
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        times[pid] = (int(fields[11]) + int(fields[12])) / tick
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    for pid in tree & times.keys():
        seen[pid] = max(seen.get(pid, 0.0), times[pid])


def _timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Wall and CPU seconds of a child process and all its descendants, and its stdout."""
    seen: dict[int, float] = {}
    began = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=err, text=True)
        while process.poll() is None:
            _tree_cpu(process.pid, seen)
            time.sleep(0.2)
        elapsed = time.perf_counter() - began
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode != 0:
        raise RuntimeError(f"{command[:4]} failed: {stderr[-1500:]}")
    return elapsed, sum(seen.values()), stdout


def _rates(elapsed: float, cpu: float, posts: int, words: int) -> dict:
    # CPU time is the steadier figure on a shared machine: other work stretches the wall
    # clock of whichever system happens to run beside it.
    return {
        "seconds": round(elapsed, 1),
        "posts_per_s": round(posts / elapsed, 1),
        "words_per_s": round(words / elapsed),
        "cpu_s": round(cpu, 1),
        "words_per_cpu_s": round(words / max(cpu, 0.01)),
    }


def batch_figures(
    model: str,
    texts: list[str],
    processes: int = 2,
    peers: tuple[str, ...] = ("raw", "textdescriptives"),
) -> dict:
    """Throughput of ours and of ``peers`` (raw ``nlp.pipe``, TextDescriptives) on ``texts``."""
    words = sum(len(text.split()) for text in texts)
    figures: dict = {"posts": len(texts), "words": words, "processes": processes}
    with tempfile.TemporaryDirectory() as tmp:
        posts = Path(tmp) / "posts.jsonl"
        with posts.open("w", encoding="utf-8") as handle:
            for n, text in enumerate(texts):
                handle.write(json.dumps({"id": n, "text": text}, ensure_ascii=False) + "\n")
        env = {k: v for k, v in os.environ.items() if not k.startswith("SPOTLIGHT_")}
        env.update(SPOTLIGHT_CONFIG_DIR=f"{tmp}/config", SPOTLIGHT_DATA_DIR=f"{tmp}/data")
        command = [sys.executable, "-m", "companion", "score", "--batch", str(posts),
                   "-o", f"{tmp}/reports.jsonl", "--processes", str(processes)]  # fmt: skip
        elapsed, cpu, _ = _timed(command, env)
        with open(f"{tmp}/reports.jsonl", encoding="utf-8") as handle:
            scored = sum(1 for line in handle if '"label"' in line)
        figures["ours"] = {**_rates(elapsed, cpu, len(texts), words), "scored": scored}
        for system in peers:
            command = [sys.executable, __file__, system, str(posts), model, str(processes)]
            try:
                elapsed, cpu, out = _timed(command)
            except RuntimeError as error:  # e.g. the bench extra is not installed
                figures[system] = {"error": str(error)[-400:]}
                continue
            inner = json.loads(out.strip().splitlines()[-1])
            figures[system] = {**_rates(elapsed, cpu, len(texts), words), **inner}
    for measure, suffix in (
        ("words_per_s", "ratio_to_raw"),
        ("words_per_cpu_s", "cpu_ratio_to_raw"),
    ):
        raw = figures["raw"].get(measure)
        for system in ("ours", *peers[1:]):
            rate = figures[system].get(measure)
            if raw and rate:
                figures[f"{system}_{suffix}"] = round(rate / raw, 2)
    return figures


if __name__ == "__main__":
    _child(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
