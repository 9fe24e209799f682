"""``spotlight import`` as a user runs it: a real database in tmp_path, the real pipeline."""

from __future__ import annotations

import json

import pytest
from archive_builders import ARCHIVES, zip_files, zip_folder

from companion.cli import main
from companion.store import Store


@pytest.fixture
def db_args(tmp_path):
    return ["--db", str(tmp_path / "history.db"), "--config-dir", str(tmp_path / "config")]


def test_import_cli_imports_then_skips_what_is_there(tmp_path, db_args, capsys, nlp):
    archive = zip_folder(ARCHIVES / "mastodon", tmp_path / "archive-20241101.zip")
    assert main(["import", str(archive), "--processes", "1", *db_args]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        f"{archive} (Mastodon): 2 posts and replies found",
        "  added                      2",
        "  already in history         0",
        "  twice in this export       0",
        "  left out                   3  (1 boost, 1 direct message, 1 media only)",
        "  unreadable                 0",
    ]
    assert main(["import", str(archive), "--json", *db_args]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["added"], summary["already"]) == (0, 2)
    store = Store.open(tmp_path / "history.db")
    try:
        assert store.post_count() == 2
    finally:
        store.close()


def test_import_cli_reports_the_first_problems_and_exits_1(tmp_path, db_args, capsys, nlp):
    archive = zip_files(
        tmp_path / "export.zip",
        {
            "Shares.csv": "Date,ShareLink\n2024-01-01 10:00:00,https://l.example/1\n",
            "Comments.csv": "Date,Link,Message\n2024-01-02 10:00:00,https://l.example/2,Yes!\n",
        },
    )
    assert main(["import", str(archive), *db_args]) == 1
    out = capsys.readouterr().out
    assert "  added                      1" in out
    assert "  unreadable                 1" in out
    assert f"  {archive}:Shares.csv: expected LinkedIn's Shares.csv" in out


def test_import_cli_dry_run_stores_nothing(tmp_path, db_args, capsys):
    assert main(["import", "--dry-run", str(ARCHIVES / "reddit"), *db_args]) == 0
    out = capsys.readouterr().out
    assert "(Reddit): 2 posts and replies found" in out and "dry run" in out
    assert not (tmp_path / "history.db").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", "hello", "notes.txt: not an export Spotlight recognises"),
        ("missing.zip", None, "missing.zip: no such file or folder"),
    ],
)
def test_import_cli_unusable_input_is_an_error_without_traceback(
    tmp_path, db_args, capsys, name, content, message
):
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    assert main(["import", str(path), *db_args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("spotlight: error: ") and message in err
    assert "Traceback" not in err


def test_import_cli_archive_that_imports_nothing_exits_2(tmp_path, db_args, capsys):
    # Every file is the platform's but none can be read: nothing is imported (issue 12:
    # it exited 1, while the docs promise 2).
    archive = zip_files(
        tmp_path / "export.zip",
        {"Shares.csv": "Date,ShareLink\n2024-01-01 10:00:00,https://l.example/1\n",
         "Comments.csv": "Date,Link\n2024-01-02 10:00:00,https://l.example/2\n"},
    )  # fmt: skip
    assert main(["import", str(archive), *db_args]) == 2
    out = capsys.readouterr().out
    assert "  added                      0" in out and "  unreadable                 2" in out
    assert main(["import", "--dry-run", str(archive), *db_args]) == 2


def test_import_cli_tells_already_in_history_from_twice_in_the_export(
    tmp_path, db_args, capsys, nlp
):
    lines = [
        {"text": "Thanks Ana for the review", "date": "2024-01-01T10:00:00Z"},
        {"text": "Thanks Ana for the review", "date": "2024-01-01T10:00:00Z"},
        {"text": "Congrats Ben on the launch", "date": "2024-01-02T10:00:00Z"},
    ]
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps(lines[2]) + "\n")
    both = tmp_path / "posts.jsonl"
    both.write_text("".join(json.dumps(line) + "\n" for line in lines))
    assert main(["import", str(first), "--processes", "1", *db_args]) == 0
    capsys.readouterr()
    assert main(["import", str(both), "--processes", "1", "--json", *db_args]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["added"], summary["already"], summary["repeated"]) == (1, 1, 1)
    assert main(["import", str(both), "--processes", "1", *db_args]) == 0  # nothing new: 0
    out = capsys.readouterr().out
    assert "  already in history         2" in out and "  twice in this export       1" in out
