"""`spotlight history`, `export`, `token` and `doctor`, run in-process on a real database."""

from __future__ import annotations

import csv
import io
import json
import socket
import stat

import pytest
from test_store import make_post, make_report

from companion.cli import main
from companion.store import Store


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    for name in list(__import__("os").environ):
        if name.startswith("SPOTLIGHT_"):
            monkeypatch.delenv(name)
    return ["--config-dir", str(tmp_path / "config"), "--data-dir", str(tmp_path / "data")]


@pytest.fixture
def filled(tmp_path, dirs):
    store = Store.open(tmp_path / "data" / "history.db")
    labels = ["promotes_others", "self_promotion", "promotes_others", "neutral"]
    for i, label in enumerate(labels):
        post = make_post(f"p{i}", posted_at=f"2026-11-{10 + i * 4}T10:00:00Z",
                         text=f"=cmd|' /C calc'!A0 post {i}")  # fmt: skip
        store.record_post(post, make_report(label, people=("Priya", "@maria")))
    store.close()
    return dirs


def test_cli_history_prints_weekly_give_ratio(filled, capsys):
    assert main(["history", *filled]) == 0
    out = capsys.readouterr().out
    assert "Give ratio: 50% of 4 posts" in out
    assert "week of 2026-11-09" in out and "week of 2026-11-16" in out
    assert "Spotlighted most: " in out and "Priya (4)" in out


def test_cli_history_site_counts_that_sites_people(filled, tmp_path, capsys):
    store = Store.open(tmp_path / "data" / "history.db")
    store.record_post(make_post("x1", site="x", posted_at="2026-11-20T10:00:00Z"),
                      make_report(people=("Priya", "Tomás")))  # fmt: skip
    store.close()
    assert main(["history", "--site", "x", *filled]) == 0
    out = capsys.readouterr().out
    assert "Give ratio: 100% of 1 post promotes others" in out and "(1 post)" in out
    assert "Priya (1)" in out and "Tomás (1)" in out and "@maria" not in out


def test_cli_history_json_and_empty_state(dirs, filled, capsys):
    assert main(["history", "--json", "--bucket", "month", *filled]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["buckets"][0]["start"] == "2026-11-01" and data["totals"]["posts"] == 4


def test_cli_history_with_no_posts_says_how_to_start(dirs, capsys):
    assert main(["history", *dirs]) == 0
    assert "No posts yet" in capsys.readouterr().out


def test_cli_export_csv_to_file_escapes_formulas(filled, tmp_path, capsys):
    target = tmp_path / "out.csv"
    assert main(["export", "--format", "csv", "-o", str(target), *filled]) == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [row["id"] for row in rows] == ["p0", "p1", "p2", "p3"]
    assert all(row["text"].startswith("'=") for row in rows)
    assert "wrote 4 posts" in capsys.readouterr().err


def test_cli_export_json_to_stdout(filled, capsys):
    assert main(["export", *filled]) == 0
    posts = json.loads(capsys.readouterr().out)["posts"]
    assert len(posts) == 4 and posts[0]["scores"]["spotlight"] == 50


def test_cli_export_to_unwritable_path_is_an_error(filled, tmp_path, capsys):
    assert main(["export", "-o", str(tmp_path / "missing" / "dir" / "x.json"), *filled]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_cli_token_shows_and_rotates(dirs, tmp_path, capsys):
    assert main(["token", *dirs]) == 0
    first = capsys.readouterr().out.strip()
    assert main(["token", *dirs]) == 0
    assert capsys.readouterr().out.strip() == first
    assert main(["token", "--rotate", *dirs]) == 0
    rotated = capsys.readouterr().out.strip()
    assert rotated != first and len(rotated) >= 40
    path = tmp_path / "config" / "token"
    assert path.read_text().strip() == rotated
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_cli_doctor_reports_all_good(filled, capsys, nlp):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    main(["token", *filled])
    capsys.readouterr()
    assert main(["doctor", "--port", str(free_port), *filled]) == 0
    out = capsys.readouterr().out
    assert "PROBLEM" not in out and "All good." in out
    assert "4 posts, quick_check ok" in out and "not running" in out


def test_cli_doctor_says_what_is_wrong(dirs, tmp_path, capsys, nlp):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "history.db").write_bytes(b"garbage" * 1000)
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "token").write_text("short")
    (tmp_path / "config" / "token").chmod(0o644)
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        # something that is not Spotlight holds the port and never answers HTTP
        assert main(["doctor", "--port", str(port), *dirs]) == 1
    out = capsys.readouterr().out
    assert "PROBLEM database" in out and "doctor --repair" in out
    assert "PROBLEM token" in out and "PROBLEM port" in out
    assert "3 problem(s) found." in out


def test_cli_history_shows_weeks_without_posts(dirs, tmp_path, capsys):
    store = Store.open(tmp_path / "data" / "history.db")
    store.record_post(make_post("a", posted_at="2026-10-01T10:00:00Z"), make_report())
    store.record_post(make_post("b", posted_at="2026-10-20T10:00:00Z"), make_report())
    store.close()
    assert main(["history", *dirs]) == 0
    assert "week of 2026-10-05" in capsys.readouterr().out


@pytest.mark.parametrize("command", [["history"], ["export", "--format", "csv"]])
def test_cli_history_unreadable_database_is_a_one_line_error(tmp_path, dirs, capsys, command):
    database = tmp_path / "data" / "history.db"
    database.parent.mkdir(parents=True)
    database.write_bytes(b"this is not a SQLite database" * 100)
    assert main([*command, *dirs]) == 2
    err = capsys.readouterr().err
    assert err.startswith("spotlight: error: ") and err.count("\n") == 1
    assert "Traceback" not in err
    assert database.read_bytes().startswith(b"this is not a SQLite database")
