"""scripts/bench and scripts/soak run end to end with small counts; no timing is asserted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SIZES = ("tweet", "linkedin", "linkedin_max")
FIGURES = {
    "latency": [
        f"{size}.{name}"
        for size in SIZES
        for name in (
            "raw_p50_ms",
            "raw_p99_ms",
            "in_process_p50_ms",
            "http_p50_ms",
            "http_p99_ms",
            "in_process_ratio_p50",
            "http_ratio_p50",
            "http_ratio_p99",
        )
    ],  # fmt: skip
    "typing": ["full_parse_p50_ms", "cached_p50_ms", "http_cached_p50_ms", "cached_ratio_p50"],
    "batch": [
        "ours.words_per_s",
        "raw.words_per_s",
        "textdescriptives.words_per_s",
        "ours_ratio_to_raw",
        "textdescriptives_ratio_to_raw",
        "ours.words_per_cpu_s",
        "raw.words_per_cpu_s",
        "ours_cpu_ratio_to_raw",
        "textdescriptives_cpu_ratio_to_raw",
    ],  # fmt: skip
    "memory": ["rss_after_start_mib", "rss_after_10pct_mib", "rss_after_all_mib"],
    "start": ["serve_to_ready_ms", "raw_model_load_ms", "ratio"],
    "history": [
        f"300.{name}"
        for name in ("trends_week_p50_ms", "people_90d_p50_ms", "page_first_load_p50_ms")
    ],
    "machine": ["nproc", "memory_gib", "cpu", "python", "spacy", "textdescriptives"],
}


def _get(data: dict, dotted: str):
    for key in dotted.split("."):
        data = data[key]
    return data


@pytest.mark.slow
@pytest.mark.browser
def test_bench_quick_run_writes_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--quick", "--out", str(out),
         "--history-dir", str(tmp_path / "histories")],
        cwd=ROOT, capture_output=True, text=True, timeout=1200,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text())
    for section, names in FIGURES.items():
        for name in names:
            value = _get(figures[section], name)
            assert value not in (None, ""), f"{section}.{name}"
    assert figures["batch"]["ours"]["scored"] == figures["batch"]["posts"]
    assert figures["memory"]["errors"] == 0
    for row in (
        "score p99, over HTTP, ~3,000 chars",
        "typing: cached re-score",
        "TextDescriptives",
        "/trends (week), 300 posts",
        "memory: RSS after start",
        "start: `spotlight serve`",
    ):
        assert row in result.stdout, row  # fmt: skip


@pytest.mark.slow
def test_bench_soak_stores_every_acknowledged_post_once(tmp_path):
    out = tmp_path / "soak.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "soak.py"), "--seconds", "4", "--clients", "20",
         "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    figures = json.loads(out.read_text())
    assert result.returncode == 0, figures
    assert figures["errors"] == 0 and figures["lost"] == 0 and figures["duplicated"] == 0
    assert figures["posts_acknowledged"] == figures["posts_stored"] > 0
    assert figures["posts_resent_answered_200"] > 0  # the same id sent again was not stored again
    assert figures["integrity_check"] == "ok"
    assert figures["requests"] > figures["posts_acknowledged"]
