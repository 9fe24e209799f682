"""Faults a real companion meets: a full disk, a read-only database, a second companion.

The disk is a real small tmpfs mounted for the test (root only; skipped elsewhere), so
SQLite sees a real ENOSPC and a real read-only file system. A port already taken is
tests/test_cli_serve.py::test_cli_serve_port_in_use_is_a_one_line_error; SIGKILL while
recording is tests/test_cli_serve.py::test_cli_serve_kill_9_loses_no_acknowledged_post.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from companion.store import Store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from companion_process import Companion  # noqa: E402

needs_root_mounts = pytest.mark.skipif(
    os.geteuid() != 0 or not Path("/proc/mounts").exists(),
    reason="needs root to mount a small tmpfs (a real full disk)",
)


def _serve(config: Path, data: Path, *extra: str) -> subprocess.CompletedProcess:
    """`spotlight serve` that is expected to refuse to start: its exit and output."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPOTLIGHT_")}
    command = [sys.executable, "-m", "companion", "serve", "--port", "0",
               "--config-dir", str(config), "--data-dir", str(data), *extra]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)


def _one_error_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, result.stderr[-2000:]
    errors = [line for line in result.stderr.splitlines() if line.startswith("spotlight: error")]
    assert len(errors) == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    return errors[0]


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MiB tmpfs: the database lives here; the test can fill it or make it read-only."""
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(mount)],
                   check=True)  # fmt: skip
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path) -> Path:
    """Write until the file system says it is full."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as error:
        assert error.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


def _post(client, text: str = "Thanks @maria for the review!") -> tuple[int, object]:
    body = {"id": str(uuid.uuid4()), "text": text, "site": "linkedin"}
    return client.call("POST", "/api/v1/posts", body)


@pytest.mark.slow
@needs_root_mounts
def test_faults_full_disk_answers_503_keeps_serving_and_recovers(small_disk):
    with Companion(small_disk) as companion:
        client = companion.client()
        assert _post(client)[0] == 201
        filler = _fill(small_disk)
        statuses = []
        for _ in range(5):  # more than one write: no crash, no loop of retries
            status, answer = _post(client, "Proud of my team for the launch, " * 40)
            statuses.append(status)
            if status == 503:
                assert answer["error"]["code"] == "unavailable"
                assert "full" in answer["error"]["message"]
        assert set(statuses) == {503}, statuses
        # The server still scores drafts and shows the history it has.
        assert client.call("POST", "/api/v1/score", {"text": "Thanks @jon!"})[0] == 200
        status, page = client.call("GET", "/api/v1/posts")
        assert status == 200 and page["total"] == 1
        filler.unlink()  # space again: the next post is stored, without a restart
        assert _post(client)[0] == 201
        assert client.call("GET", "/api/v1/posts")[1]["total"] == 2
        client.close()
        assert companion.process.poll() is None
    store = Store.open(small_disk / "data" / "history.db")
    try:
        assert store.integrity_check() == "ok" and store.post_count() == 2
    finally:
        store.close()


@pytest.mark.slow
@needs_root_mounts
def test_faults_starting_on_a_full_disk_is_a_clear_error(small_disk, tmp_path):
    _fill(small_disk)
    for _ in range(2):  # the same clear line each time: no half-started server, no loop
        error = _one_error_line(_serve(tmp_path / "config", small_disk / "data"))
        assert "history database" in error, error
        assert "full" in error or "No space left" in error, error


@pytest.mark.slow
@needs_root_mounts
def test_faults_read_only_database_is_a_clear_error(small_disk, tmp_path):
    with Companion(small_disk) as companion:
        client = companion.client()
        assert _post(client)[0] == 201
        client.close()
    # The database's disk is read-only now (Linux refuses to remount a disk with files
    # open for writing, so the companion is stopped first): one clear line, exit 2, and
    # the same again on a second try, not a traceback or a server that half-starts.
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    for _ in range(2):
        error = _one_error_line(_serve(tmp_path / "config", small_disk / "data"))
        assert "history database" in error and "read-only" in error.lower(), error
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    store = Store.open(small_disk / "data" / "history.db")
    try:
        assert store.integrity_check() == "ok" and store.post_count() == 1
    finally:
        store.close()


@pytest.mark.slow
def test_faults_second_companion_on_the_same_database_is_refused(tmp_path):
    with Companion(tmp_path / "first") as first:
        client = first.client()
        assert _post(client)[0] == 201
        result = _serve(tmp_path / "other-config", tmp_path / "first" / "data")
        error = _one_error_line(result)
        assert str(first.db_path) in error and "another running Spotlight companion" in error
        assert "--db" in error
        assert client.call("GET", "/api/v1/posts")[1]["total"] == 1  # the first one goes on
        client.close()
    # Once the first has stopped, the database is free again.
    with Companion(tmp_path / "first") as again:
        client = again.client()
        status, page = client.call("GET", "/api/v1/posts")
        client.close()
        assert status == 200 and page["total"] == 1


@pytest.mark.slow
def test_faults_database_lock_is_released_by_sigkill(tmp_path):
    first = Companion(tmp_path)
    first.process.kill()  # no clean shutdown: the kernel drops the lock with the process
    first.stop()
    with Companion(tmp_path) as second:
        client = second.client()
        assert client.call("GET", "/api/v1/health")[0] == 200
        client.close()
