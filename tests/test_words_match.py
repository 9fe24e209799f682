"""Words that match what happens (issue 13): doctor finds the companion on another port and
names a stranger on its port, history names a site with no posts, the rotation says how to
pair again, and every part shows the same label names."""

from __future__ import annotations

import http.server
import socket
import sys
import threading
from pathlib import Path

import pytest
from test_store import make_post, make_report

from companion.cli import main
from companion.store import Store
from companion.vocabulary import LABEL_NAMES

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from companion_process import Companion  # noqa: E402


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _doctor_line(out: str, name: str) -> str:
    return next(line for line in out.splitlines() if line.split()[1:2] == [name])


@pytest.mark.slow
def test_words_doctor_finds_the_companion_on_another_port_and_rotation_names_its_page(
    tmp_path, capsys
):
    with Companion(tmp_path) as companion:
        other = _free_port()
        dirs = ["--config-dir", str(tmp_path / "config"), "--data-dir", str(tmp_path / "data")]
        main(["doctor", "--port", str(other), *dirs])
        line = _doctor_line(capsys.readouterr().out, "port")
        assert line.startswith("ok") and f"running on port {companion.port} (not {other})" in line
        assert main(["token", "--rotate", *dirs]) == 0
        captured = capsys.readouterr()
        assert captured.out.strip() == (tmp_path / "config" / "token").read_text().strip()
        assert f"open http://127.0.0.1:{companion.port}/ once" in captured.err
        assert "the old one no longer works" in captured.err
    assert not (tmp_path / "config" / "running.json").exists()  # removed when it stops
    main(["doctor", "--port", str(other), *dirs])
    assert "the companion is not running" in _doctor_line(capsys.readouterr().out, "port")


def test_words_doctor_says_something_else_answers_on_the_port(tmp_path, capsys):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        main(["doctor", "--port", str(port), "--config-dir", str(tmp_path / "c"),
              "--data-dir", str(tmp_path / "d")])  # fmt: skip
    finally:
        server.shutdown()
        server.server_close()
    line = _doctor_line(capsys.readouterr().out, "port")
    assert line.startswith("PROBLEM")
    assert f"something else answers on port {port} (HTTP 404" in line and "not Spotlight" in line
    assert "File not found" not in line.split("(")[0]


def test_words_history_for_a_site_without_posts_names_the_sites(tmp_path, capsys):
    store = Store.open(tmp_path / "history.db")
    store.record_post(make_post("a", site="linkedin"), make_report())
    store.record_post(make_post("b", site="x"), make_report())
    store.close()
    assert main(["history", "--site", "nosuch", "--db", str(tmp_path / "history.db")]) == 0
    out = capsys.readouterr().out
    assert "No posts for site nosuch. Your posts are on: linkedin, x" in out
    assert "No posts yet" not in out


@pytest.mark.asyncio
async def test_words_one_set_of_label_names_in_the_api_cli_page_and_extension(companion, capsys):
    text = "Thrilled to announce my new book!"
    response = await companion.post("/api/v1/score", json={"text": text}, headers=companion.auth)
    report = await response.json()
    assert report["label_name"] == LABEL_NAMES[report["label"]]
    settings = await (await companion.get("/api/v1/settings", headers=companion.auth)).json()
    assert settings["label_names"] == LABEL_NAMES
    assert main(["score", "Thrilled to announce my new book!"]) == 0
    assert capsys.readouterr().out.startswith(f"{LABEL_NAMES[report['label']]} · overall")
    root = Path(__file__).resolve().parent.parent
    page = (root / "companion/server/static/app.js").read_text()
    assert "about me" not in page.lower() and "lifts others" not in page.lower()
    panel = (root / "extension/content/panel.js").read_text()
    assert "report.label_name ??" in panel
    for label, name in LABEL_NAMES.items():  # the offline fallback agrees with vocabulary.py
        assert f'{label}: "{name}"' in panel
