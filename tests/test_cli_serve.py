"""`spotlight serve` as a user runs it: a real subprocess, real signals, a real kill -9."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from companion.store import Store

LISTENING = re.compile(r"Spotlight is listening on (http://127\.0\.0\.1:(\d+)/)")
STARTUP_SECONDS = 180  # the model loads on a shared 2-core machine


class Server:
    """A `spotlight serve --port 0` subprocess with its own config and data folders."""

    def __init__(self, root: Path):
        self.root = root
        env = {k: v for k, v in os.environ.items() if not k.startswith("SPOTLIGHT_")}
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "companion",
                "serve",
                "--port",
                "0",
                "--config-dir",
                str(root / "config"),
                "--data-dir",
                str(root / "data"),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.lines: list[str] = []
        self.url = self._wait_for_url()
        self.token = (root / "config" / "token").read_text().strip()

    def _wait_for_url(self) -> str:
        timer = threading.Timer(STARTUP_SECONDS, self.process.kill)
        timer.start()
        try:
            for line in self.process.stdout:
                self.lines.append(line)
                if line.startswith("Press Ctrl-C"):  # the last line of the announcement
                    return LISTENING.search("".join(self.lines)).group(1)
        finally:
            timer.cancel()
        raise AssertionError(f"no URL printed; stderr: {self.process.stderr.read()[-2000:]}")

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url.rstrip("/") + path, data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            return error.code, json.load(error)

    def stop(self, signum: int = signal.SIGINT) -> int:
        self.process.send_signal(signum)
        return self.process.wait(timeout=60)


@pytest.fixture
def server(tmp_path):
    running = Server(tmp_path)
    yield running
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait()
    running.process.stdout.close()
    running.process.stderr.close()


@pytest.mark.slow
def test_cli_serve_prints_url_and_token_serves_and_stops_cleanly_on_ctrl_c(server, tmp_path):
    assert f"Pairing token: {server.token}" in "".join(server.lines)
    assert "extension/" in "".join(server.lines)
    status, health = server.request("GET", "/api/v1/health")
    assert status == 200 and health["status"] == "ready"
    body = {"id": str(uuid.uuid4()), "text": "Thanks @maria for the review!", "site": "x"}
    assert server.request("POST", "/api/v1/posts", body)[0] == 201
    assert server.stop(signal.SIGINT) == 0
    assert "Spotlight stopped." in server.process.stderr.read()
    store = Store.open(tmp_path / "data" / "history.db")
    try:
        assert store.post_count() == 1 and store.integrity_check() == "ok"
    finally:
        store.close()


def test_cli_serve_port_in_use_is_a_one_line_error(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "companion",
                "serve",
                "--port",
                str(port),
                "--config-dir",
                str(tmp_path / "c"),
                "--data-dir",
                str(tmp_path / "d"),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("spotlight: error")]
    assert len(errors) == 1
    assert f"port {port}" in errors[0] and "already in use" in errors[0] and "--port" in errors[0]


@pytest.mark.slow
def test_cli_serve_kill_9_loses_no_acknowledged_post(server, tmp_path):
    acknowledged: list[str] = []
    stop = threading.Event()

    def publish():
        while not stop.is_set():
            post_id = str(uuid.uuid4())
            body = {
                "id": post_id,
                "text": f"Thanks @maria and @jon! ({post_id[:8]})",
                "site": "linkedin",
                "posted_at": "2026-11-20T10:00:00Z",
            }
            try:
                status, _ = server.request("POST", "/api/v1/posts", body)
            except (OSError, ValueError):
                return  # the server is gone: this post was never acknowledged
            if status == 201:
                acknowledged.append(post_id)

    writers = [threading.Thread(target=publish) for _ in range(3)]
    for writer in writers:
        writer.start()
    while len(acknowledged) < 40 and server.process.poll() is None:
        threading.Event().wait(0.05)
    server.process.send_signal(signal.SIGKILL)  # in the middle of the writes
    server.process.wait()
    stop.set()
    for writer in writers:
        writer.join()
    assert len(acknowledged) >= 40

    restarted = Server(tmp_path)  # the database opens again after the crash
    try:
        status, page = restarted.request("GET", "/api/v1/posts?limit=500")
        assert status == 200
        stored = {post["id"] for post in page["posts"]}
        assert set(acknowledged) <= stored
        assert restarted.stop() == 0
    finally:
        if restarted.process.poll() is None:
            restarted.process.kill()
        restarted.process.stdout.close()
        restarted.process.stderr.close()
    store = Store.open(tmp_path / "data" / "history.db")
    try:
        assert store.integrity_check() == "ok"
    finally:
        store.close()


def test_cli_serve_takes_the_port_from_the_environment(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if not k.startswith("SPOTLIGHT_")}
        env.update(
            SPOTLIGHT_PORT=str(port),
            SPOTLIGHT_CONFIG_DIR=str(tmp_path / "c"),
            SPOTLIGHT_DATA_DIR=str(tmp_path / "d"),
        )
        result = subprocess.run(
            [sys.executable, "-m", "companion", "serve"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 2 and f"port {port} on 127.0.0.1 is already in use" in result.stderr
