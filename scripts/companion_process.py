"""A real `spotlight serve` subprocess on a free loopback port, for scripts/bench and
scripts/soak: its URL, its token (read from its config dir), a keep-alive JSON client."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

LISTENING = re.compile(r"Spotlight is listening on http://127\.0\.0\.1:(\d+)/")
ROOT = Path(__file__).resolve().parent.parent


class Companion:
    """``spotlight serve --port 0`` with its own config and data folders under ``root``."""

    def __init__(self, root: Path, *, port: int = 0, start_timeout: float = 300):
        self.root = root
        env = {k: v for k, v in os.environ.items() if not k.startswith("SPOTLIGHT_")}
        command = [sys.executable, "-m", "companion", "serve", "--port", str(port),
                   "--config-dir", str(root / "config"),
                   "--data-dir", str(root / "data")]  # fmt: skip
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.port = self._wait_for_port(start_timeout)
        self.token = (root / "config" / "token").read_text().strip()
        self.db_path = root / "data" / "history.db"

    def _wait_for_port(self, timeout: float) -> int:
        timer = threading.Timer(timeout, self.process.kill)
        timer.start()
        try:
            for line in self.process.stdout:
                match = LISTENING.search(line)
                if match:
                    # Keep reading stdout so the server never blocks on a full pipe.
                    self._reader = threading.Thread(target=self.process.stdout.read, daemon=True)
                    self._reader.start()
                    return int(match.group(1))
        finally:
            timer.cancel()
        raise RuntimeError(f"spotlight serve did not start (exit {self.process.poll()})")

    def client(self, timeout: float = 120) -> JsonClient:
        return JsonClient(self.port, self.token, timeout)

    def rss_mib(self) -> float:
        return rss_mib(self.process.pid)

    def stop(self) -> int:
        """Ctrl-C, as a user stops it (SIGKILL after a minute); returns the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
        status = self.process.wait()
        self._reader.join(timeout=10)
        self.process.stdout.close()
        return status

    def __enter__(self) -> Companion:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


class JsonClient:
    """One keep-alive connection to the companion, as the extension's service worker has."""

    def __init__(self, port: int, token: str, timeout: float = 120):
        self.port, self.token, self.timeout = port, token, timeout
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def call(self, method: str, path: str, body: object = None) -> tuple[int, object]:
        """Status and decoded JSON body; reconnects once if the server closed the socket."""
        data = None if body is None else json.dumps(body).encode()
        headers = {"Authorization": f"Bearer {self.token}"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                return response.status, json.loads(response.read() or b"null")
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.connection.close()
                self.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=self.timeout
                )
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.connection.close()


def rss_mib(pid: int) -> float:
    """Resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no VmRSS for pid {pid}")


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
