"""`spotlight score`: one draft, stdin, and JSON Lines batches."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from companion.cli import main


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("SPOTLIGHT_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("SPOTLIGHT_DATA_DIR", str(tmp_path / "data"))


def test_cli_score_prints_a_readable_report(capsys):
    assert main(["score", "Thrilled to announce my new book! Link in bio."]) == 0
    out = capsys.readouterr().out
    assert out.startswith("About you · overall ")
    for dimension in ("spotlight", "engage", "help", "human", "learn", "substance"):
        assert dimension in out
    assert "“my new book”" in out and "“Link in bio”" in out
    assert "why: “If every post you have in social media is about your own" in out


def test_cli_score_json_from_stdin(capsys, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(b"Thanks to @maria for the review!"))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["score", "--json", "-"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["label"] == "promotes_others"
    assert report["people"][0]["text"] == "@maria"


def test_cli_score_stdin_that_is_not_utf8_is_a_clear_error(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xff\xfe\x00bad")))
    assert main(["score", "-"]) == 2
    assert "stdin is not UTF-8 text" in capsys.readouterr().err


def test_cli_score_needs_text_or_batch(capsys):
    assert main(["score"]) == 2
    assert "give a draft" in capsys.readouterr().err


def test_cli_score_batch_keeps_order_and_reports_bad_lines(tmp_path, capsys):
    lines = [
        json.dumps({"id": "a", "text": "Thanks to @ana for the help!", "site": "x"}),
        "not json",
        json.dumps({"id": "c", "text": "I won the award.", "kind": "post"}),
        json.dumps({"id": "d"}),
        json.dumps({"id": "e", "text": "Agreed!", "kind": "tweet"}),
        "",
        json.dumps({"id": "f", "text": "Who else is hiring?", "kind": "reply"}),
        "{broken after a blank line",
    ]
    source = tmp_path / "posts.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = tmp_path / "reports.jsonl"
    assert main(["score", "--batch", str(source), "-o", str(output)]) == 1
    records = [json.loads(line) for line in output.read_text().splitlines()]
    assert [r["id"] for r in records] == ["a", None, "c", "d", "e", "f", None]
    assert records[0]["label"] == "promotes_others" and records[0]["site"] == "x"
    assert "line 2: not JSON" in records[1]["error"]
    assert records[2]["label"] == "self_promotion"
    assert "no 'text' field" in records[3]["error"]
    assert "kind must be one of" in records[4]["error"]
    assert records[5]["scores"]["engage"] >= 90
    assert "line 8: not JSON" in records[6]["error"]  # the file's line, blank one counted
    err = capsys.readouterr().err
    assert "scored 3 of 7 posts" in err


def test_cli_score_batch_of_a_missing_file_is_a_clear_error(tmp_path, capsys):
    assert main(["score", "--batch", str(tmp_path / "nope.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_cli_score_python_dash_m_companion_works(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "companion", "score", "--json", "Meet @ana, our new designer!"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert json.loads(result.stdout)["label"] == "promotes_others"


@pytest.mark.parametrize("options", [["--json"], []])
def test_cli_score_into_a_pipe_closed_early_stops_quietly(options):
    """`spotlight score … | head -0`: the reader is gone before the report is written."""
    with subprocess.Popen(
        [sys.executable, "-m", "companion", "score", *options, "Thanks @ana for the review!"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as child:
        child.stdout.close()
        errors = child.stderr.read().decode()
        assert child.wait(timeout=120) == 141
    assert "Traceback" not in errors and "Exception ignored" not in errors, errors


@pytest.mark.slow
def test_cli_score_batch_on_two_processes_keeps_order_and_reports(tmp_path, scorer):
    texts = [
        f"Thanks to @ana{n} for the review of part {n}!"
        if n % 3
        else f"I am thrilled to announce my course number {n}, link in bio."
        for n in range(450)
    ]
    lines = [json.dumps({"id": n, "text": text}) for n, text in enumerate(texts)]
    lines.insert(200, "not json")
    source, output = tmp_path / "posts.jsonl", tmp_path / "reports.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "companion", "score", "--batch", str(source), "-o", str(output),
         "--processes", "2"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 1 and "scored 450 of 451 posts" in result.stderr
    records = [json.loads(line) for line in output.read_text().splitlines()]
    assert "not JSON" in records.pop(200)["error"]
    assert [record["id"] for record in records] == list(range(450))
    for n in (0, 1, 199, 200, 449):  # the same reports as scoring in this process
        expected = scorer.score(texts[n]).to_dict()
        assert (
            records[n]["label"] == expected["label"] and records[n]["scores"] == expected["scores"]
        )
