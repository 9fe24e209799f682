"""`spotlight history` shows the listen ratio; `--people` whom you could thank."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from test_cli_history import dirs  # noqa: F401  (the fixture)
from test_store import make_post, make_report

from companion.cli import main
from companion.store import Store

NOW = dt.datetime.now(dt.UTC)


def ago(days):
    return (NOW - dt.timedelta(days=days)).strftime("%Y-%m-%dT10:00:00Z")


@pytest.fixture
def network(tmp_path, dirs):  # noqa: F811
    store = Store.open(tmp_path / "data" / "history.db")
    accounts = [{"account": "1", "handle": "dwhitfield", "name": "Dana Whitfield"},
                {"account": "2", "handle": "marco", "name": "Marco Rossi"}]  # fmt: skip
    store.record_network({"site": "x", "direction": "following", "as_of": ago(0)[:10],
                          "source": "t", "accounts": accounts})  # fmt: skip
    store.record_post(make_post("a", site="x", posted_at=ago(3)), make_report(people=("@marco",)))
    for i in range(3):
        reply = make_post(f"r{i}", site="x", kind="reply", replied_to=["@dwhitfield"],
                          posted_at=ago(10 + i))  # fmt: skip
        store.record_post(reply, make_report("neutral", people=()))
    store.close()
    return dirs


def test_cli_history_shows_the_listen_ratio(network, capsys):
    assert main(["history", "--bucket", "month", *network]) == 0
    out = capsys.readouterr().out
    assert "Listen ratio: 75% of 4 items answer someone else (goal 30%)" in out
    assert "Credit to people you know: 25% of posts" in out
    assert "Network breadth: 2 people you know in 30 days" in out
    assert "@marco" not in out and "Marco Rossi* (1)" in out


def test_cli_history_people_lists_whom_you_could_thank(network, capsys):
    assert main(["history", "--people", *network]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Whom you could thank")
    assert "Dana Whitfield" in out and "you answered them 3 times; never credited" in out
    assert "Marco Rossi" not in out  # credited three days ago
    assert main(["history", "--people", "--json", *network]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["name"] for s in data["suggestions"]] == ["Dana Whitfield"]


def test_cli_history_people_with_no_network(dirs, capsys):  # noqa: F811
    assert main(["history", "--people", *dirs]) == 0
    assert "no one yet. Import your network" in capsys.readouterr().out
