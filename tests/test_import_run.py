"""Importing into a real history database with the real scorer: round trips, resuming,
and bad input that leaves the database as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from archive_builders import ARCHIVES, zip_folder
from test_importing import EXPECTED

from companion.importing import ArchiveError, import_export, run
from companion.scoring import parallel
from companion.store import Store


@pytest.fixture
def store(tmp_path: Path):
    store = Store.open(tmp_path / "history.db")
    yield store
    store.close()


def _jsonl(path: Path, texts: list[str]) -> Path:
    rows = [
        {"text": text, "date": f"2024-01-{day:02d}T09:00:00Z", "site": "bluesky"}
        for day, text in enumerate(texts, 1)
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


@pytest.mark.parametrize("platform", sorted(EXPECTED))
def test_run_imports_an_export_once(platform, store, scorer, tmp_path):
    _, expected = EXPECTED[platform]
    archive = zip_folder(ARCHIVES / platform, tmp_path / f"{platform}.zip")
    first = import_export(archive, store, scorer, processes=1)
    assert (first.added, first.already, first.unreadable) == (len(expected), 0, 0)
    again = import_export(archive, store, scorer, processes=1)
    assert (again.added, again.already) == (0, len(expected))
    rows, total = store.list_posts({}, limit=100)
    assert total == len(expected)
    assert {row["source"] for row in rows} == {"import"}
    stored = sorted(
        (r["kind"], r["site"], r["posted_at"], r["url"], tuple(r["replied_to"])) for r in rows
    )
    wanted = sorted(
        (kind, site, _utc(when), url, replied) for kind, site, when, url, replied, _ in expected
    )
    assert stored == wanted


def _utc(iso: str) -> str:
    from companion.store.posts import format_utc, parse_moment

    return format_utc(parse_moment(iso))


def test_run_keeps_the_day_the_post_was_written(store, scorer, tmp_path):
    path = tmp_path / "late.csv"
    path.write_text("text,date,site\nLate night thanks to Ana,2024-05-01T23:30:00-05:00,threads\n")
    import_export(path, store, scorer, processes=1)
    (row,), _ = store.list_posts({})
    assert row["posted_at"] == "2024-05-02T04:30:00Z"
    assert row["label"] in ("promotes_others", "mixed", "neutral", "self_promotion")


def test_run_interrupted_import_resumes_without_doubles(store, scorer, tmp_path, monkeypatch):
    monkeypatch.setattr(run, "RECORD_CHUNK", 2)
    texts = [f"Thanks to team member {n} for the help" for n in range(7)]
    path = _jsonl(tmp_path / "posts.jsonl", texts)

    def stop_after_first_chunk(stage: str, done: int, total: int) -> None:
        if stage == "scoring" and done >= 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_export(path, store, scorer, processes=1, progress=stop_after_first_chunk)
    assert store.post_count() == 2  # whole chunks only, never half a post
    summary = import_export(path, store, scorer, processes=1)
    assert (summary.added, summary.already) == (5, 2)
    assert store.post_count() == 7


@pytest.mark.parametrize(
    "make_bad",
    [
        lambda tmp: _cut(zip_folder(ARCHIVES / "x_twitter", tmp / "x.zip")),
        lambda tmp: _write(tmp / "notes.txt", "just some notes"),
        lambda tmp: _write(tmp / "contacts.csv", "name,email\nana,ana@example.org\n"),
    ],
    ids=["truncated zip", "unknown file", "unknown csv"],
)
def test_run_bad_export_leaves_the_database_as_it_was(make_bad, store, scorer, tmp_path):
    import_export(ARCHIVES / "reddit", store, scorer, processes=1)
    before = store.list_posts({}, limit=100)
    with pytest.raises(ArchiveError):
        import_export(make_bad(tmp_path), store, scorer, processes=1)
    assert store.list_posts({}, limit=100) == before


def _cut(path: Path) -> Path:
    path.write_bytes(path.read_bytes()[:40])  # cut inside the first file: nothing readable
    return path


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_run_too_long_post_is_unreadable_and_the_rest_imported(store, scorer, tmp_path):
    path = _jsonl(tmp_path / "posts.jsonl", ["Congrats Ana!", "word " * 12_000, "Thanks Ben!"])
    summary = import_export(path, store, scorer, processes=1)
    assert (summary.added, summary.unreadable) == (2, 1)
    assert summary.problems[0].startswith("posts.jsonl: post of 2024-01-02: text is 59,999 ")


def test_parallel_scores_the_same_as_one_process(scorer, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_POSTS_FOR_POOL", 1)
    monkeypatch.setattr(parallel, "CHUNK", 7)
    texts = [f"Huge thanks to @dev{n} for the review, you made my launch better" for n in range(12)]
    texts += ["I am thrilled to announce my new book. Buy it now!"] * 5
    kinds = ["post"] * len(texts)
    pooled = list(parallel.score_reports(scorer, texts, kinds, processes=2))
    alone = [report.to_dict() for report in scorer.score_many(texts, kinds=kinds)]
    assert pooled == alone


def test_run_progress_counts_up_to_every_post(store, scorer, tmp_path):
    path = _jsonl(tmp_path / "posts.jsonl", [f"Thanks @dev{n} for the fix" for n in range(31)])
    calls: list[tuple[str, int, int]] = []
    import_export(path, store, scorer, processes=1, progress=lambda *call: calls.append(call))
    reading = [call for call in calls if call[0] == "reading"]
    scoring = [call[1] for call in calls if call[0] == "scoring"]
    assert reading[-1] == ("reading", 1, 1)
    assert scoring == sorted(scoring) and scoring[0] == 0 and scoring[-1] == 31
    assert len(scoring) > 2  # not only at the start and the end


@pytest.mark.slow
def test_run_killed_import_leaves_whole_chunks_and_resumes(store, scorer, tmp_path):
    # A real crash: `spotlight import` killed with SIGKILL after its first stored chunk.
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    texts = [f"Thanks @dev{n} for the review of part {n}" for n in range(1200)]
    rows = [{"text": t, "date": f"2024-02-01T{n // 60 % 24:02d}:{n % 60:02d}:00Z"}
            for n, t in enumerate(texts)]  # fmt: skip
    path = tmp_path / "posts.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "companion", "import", str(path), "--processes", "1",
               "--db", str(db), "--config-dir", str(tmp_path / "config")]  # fmt: skip
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    try:
        deadline = time.monotonic() + 300
        while stored == 0 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
            if db.exists():
                with sqlite3.connect(db) as conn:
                    try:
                        stored = conn.execute("select count(*) from posts").fetchone()[0]
                    except sqlite3.OperationalError:  # the tables are being created
                        stored = 0
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait()
    with sqlite3.connect(db) as conn:
        stored = conn.execute("select count(*) from posts").fetchone()[0]
    assert stored % run.RECORD_CHUNK == 0 and 0 < stored < len(texts)
    killed = Store.open(db)
    try:
        summary = import_export(path, killed, scorer, processes=1)
        assert (summary.added, summary.already) == (len(texts) - stored, stored)
        assert killed.post_count() == len(texts)
    finally:
        killed.close()
