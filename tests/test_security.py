"""Each defense of DESIGN.md's "Security of a server on localhost", against a real server."""

from __future__ import annotations

import asyncio
import json
import os
import stat
import uuid
from pathlib import Path

import pytest

from companion.server import start
from companion.server.pairing import rotate
from companion.server.state import STORE
from companion.settings import EXTENSION_ORIGINS, load_settings

pytestmark = pytest.mark.asyncio
EXTENSION = EXTENSION_ORIGINS[0]


async def raw(client, request: bytes) -> tuple[int, bytes]:
    """Send bytes as they are (no client-side path normalisation); status and body."""
    reader, writer = await asyncio.open_connection("127.0.0.1", client.server.port)
    writer.write(request)
    await writer.drain()
    data = await reader.read()
    writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def host(client) -> str:
    return f"127.0.0.1:{client.server.port}"


@pytest.mark.parametrize(
    "bad_host",
    [
        "evil.example",
        "evil.example:{port}",
        "127.0.0.1",
        "127.0.0.1:1",
        "127.0.0.1.nip.io:{port}",
        "",
    ],
)
async def test_security_foreign_host_header_is_refused(companion, bad_host):
    port = companion.server.port
    request = f"GET /api/v1/health HTTP/1.1\r\nHost: {bad_host.format(port=port)}\r\n"
    status, body = await raw(companion, (request + "Connection: close\r\n\r\n").encode())
    assert status == 400
    assert json.loads(body)["error"]["code"] == "bad_host"


@pytest.mark.parametrize("good_host", ["127.0.0.1", "localhost", "[::1]", "LOCALHOST"])
async def test_security_loopback_host_headers_are_accepted(companion, good_host):
    headers = {"Host": f"{good_host}:{companion.server.port}"}
    assert (await companion.get("/api/v1/health", headers=headers)).status == 200


async def test_security_page_is_refused_to_a_rebinding_host(companion):
    request = b"GET / HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n"
    status, body = await raw(companion, request)
    assert status == 400 and b"spotlight-token" not in body


@pytest.mark.parametrize(
    "origin",
    [
        "https://evil.example",
        "null",
        "chrome-extension://other",
        EXTENSION + ".evil.example",
        "http://127.0.0.1:1",
    ],
)
async def test_security_foreign_origin_is_refused_even_with_token(companion, origin):
    headers = {**companion.auth, "Origin": origin}
    response = await companion.post("/api/v1/score", json={"text": "hi"}, headers=headers)
    assert response.status == 403
    assert "Access-Control-Allow-Origin" not in response.headers
    preflight = await companion.options(
        "/api/v1/posts", headers={"Origin": origin, "Access-Control-Request-Method": "POST"}
    )
    assert preflight.status == 403
    assert "Access-Control-Allow-Origin" not in preflight.headers


async def test_security_extension_origin_gets_exact_cors_headers(companion):
    preflight = await companion.options(
        "/api/v1/posts",
        headers={
            "Origin": EXTENSION,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert preflight.status == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == EXTENSION
    assert "Authorization" in preflight.headers["Access-Control-Allow-Headers"]
    response = await companion.get(
        "/api/v1/trends", headers={**companion.auth, "Origin": EXTENSION}
    )
    assert response.status == 200
    assert response.headers["Access-Control-Allow-Origin"] == EXTENSION
    assert response.headers["Vary"] == "Origin"


async def test_security_error_responses_carry_cors_for_the_extension(companion):
    response = await companion.get("/api/v1/trends", headers={"Origin": EXTENSION})
    assert response.status == 401
    assert response.headers["Access-Control-Allow-Origin"] == EXTENSION


async def test_security_configured_origin_is_allowed(aiohttp_client, tmp_path, nlp):
    from companion.server import create_app

    settings = load_settings(
        {
            "config_dir": tmp_path / "c",
            "data_dir": tmp_path / "d",
            "allowed_origins": "moz-extension://abc-123",
        },
        environ={},
    )
    client = await aiohttp_client(create_app(settings))
    response = await client.get("/api/v1/health", headers={"Origin": "moz-extension://abc-123"})
    assert response.headers["Access-Control-Allow-Origin"] == "moz-extension://abc-123"


async def test_security_history_page_own_origin_is_allowed_without_cors(companion):
    origin = f"http://{host(companion)}"
    response = await companion.get("/api/v1/trends", headers={**companion.auth, "Origin": origin})
    assert response.status == 200
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Bearer wrong",
        "Basic abc",
        "Bearer {token}x",
        "Bearer {short}",
        "{token}",
    ],
)
async def test_security_api_needs_the_right_token(companion, authorization):
    token = companion.auth["Authorization"].split()[1]
    headers = {}
    if authorization is not None:
        headers["Authorization"] = authorization.format(token=token, short=token[:-1])
    for method, path in (
        ("GET", "/api/v1/posts"),
        ("GET", "/api/v1/trends"),
        ("GET", "/api/v1/openapi.json"),
        ("DELETE", "/api/v1/posts/x"),
    ):
        response = await companion.request(method, path, headers=headers)
        assert response.status == 401, (method, path)
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert (await response.json())["error"]["code"] == "unauthorized"


async def test_security_token_in_query_string_does_not_count(companion):
    token = companion.auth["Authorization"].split()[1]
    assert (await companion.get(f"/api/v1/posts?token={token}")).status == 401


@pytest.mark.parametrize(
    "path",
    [
        "//api/v1/posts",
        "/api/v1//posts",
        "/api/v1/health/../posts",
        "/static/../api/v1/posts",
        "/%61pi/v1/posts",
        "/api/v1/health/%2e%2e/posts",
        "/./api/v1/posts",
        "/api/v1/health/",
        "/API/v1/posts",
    ],
)
async def test_security_path_tricks_do_not_skip_the_token(companion, path):
    await companion.post(
        "/api/v1/posts",
        headers=companion.auth,
        json={"id": "p1", "text": "Thanks @maria", "site": "x"},
    )
    request = f"GET {path} HTTP/1.1\r\nHost: {host(companion)}\r\nConnection: close\r\n\r\n"
    status, body = await raw(companion, request.encode())
    assert status in (400, 401, 404), (path, status)
    assert b"Thanks @maria" not in body


async def test_security_writes_must_be_json(companion):
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
        response = await companion.post(
            "/api/v1/posts",
            data=json.dumps({"id": "p1", "text": "Hi @a", "site": "x"}),
            headers={**companion.auth, "Content-Type": content_type},
        )
        assert response.status == 415, content_type
    assert companion.app[STORE].post_count() == 0


async def test_security_get_changes_nothing(companion):
    await companion.get("/api/v1/settings?goal=90&store_text=false", headers=companion.auth)
    await companion.get("/api/v1/posts?confirm=delete-all", headers=companion.auth)
    settings = await (await companion.get("/api/v1/settings", headers=companion.auth)).json()
    assert settings["goal"] == 50 and settings["store_text"] is True


async def test_security_oversized_body_gets_a_clear_413(companion, settings):
    body = json.dumps({"text": "x" * (settings.max_body_bytes + 10)})
    response = await companion.post(
        "/api/v1/score", data=body, headers={**companion.auth, "Content-Type": "application/json"}
    )
    assert response.status == 413
    assert "limit" in (await response.json())["error"]["message"]


async def test_security_oversized_chunked_body_gets_413(companion, settings):
    async def chunks():
        for _ in range(settings.max_body_bytes // 1000 + 10):
            yield b"x" * 1000

    response = await companion.post(
        "/api/v1/posts",
        data=chunks(),
        headers={**companion.auth, "Content-Type": "application/json"},
    )
    assert response.status == 413
    assert (await response.json())["error"]["code"] == "too_large"


@pytest.mark.parametrize(
    "body",
    [
        b"{",
        b"\xff\xfe{}",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"text": 1' + b"0" * 5000 + b"}",
        b"",
        b"null",
        b'"just a string"',
    ],
)
async def test_security_malformed_bodies_get_json_400(companion, body):
    for path in ("/api/v1/score", "/api/v1/posts"):
        response = await companion.post(
            path, data=body, headers={**companion.auth, "Content-Type": "application/json"}
        )
        assert response.status == 400, (path, body[:20])
        assert "error" in await response.json()


async def test_security_page_has_csp_and_no_framing(companion):
    response = await companion.get("/")
    assert response.status == 200
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


async def test_security_page_token_is_the_api_token(companion):
    page = await (await companion.get("/")).text()
    token = companion.auth["Authorization"].split()[1]
    assert f'<meta name="spotlight-token" content="{token}">' in page


async def test_security_rotated_token_takes_effect_at_once(companion, settings):
    old = dict(companion.auth)
    new = rotate(settings.token_path)
    assert (await companion.get("/api/v1/trends", headers=old)).status == 401
    response = await companion.get("/api/v1/trends", headers={"Authorization": f"Bearer {new}"})
    assert response.status == 200


async def test_security_files_are_private(companion, settings):
    for path in (settings.db_path, settings.token_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


async def test_security_server_binds_loopback_only(tmp_path, nlp):
    settings = load_settings(
        {"config_dir": tmp_path / "c", "data_dir": tmp_path / "d", "port": 0}, environ={}
    )
    runner, url = await start(settings)
    try:
        assert url.startswith("http://127.0.0.1:")
        assert [address[0] for address in runner.addresses] == ["127.0.0.1"]
    finally:
        await runner.cleanup()


async def test_security_delete_needs_token_and_unknown_id_is_404(companion):
    post_id = str(uuid.uuid4())
    await companion.post(
        "/api/v1/posts",
        headers=companion.auth,
        json={"id": post_id, "text": "Thanks @maria", "site": "x"},
    )
    assert (await companion.delete(f"/api/v1/posts/{post_id}")).status == 401
    assert companion.app[STORE].post_count() == 1
    response = await companion.delete("/api/v1/posts/%00%ff", headers=companion.auth)
    assert response.status == 404


def _as_user(user: str, url: str) -> str:
    """GET ``url`` as another local user, with curl; returns status line and body."""
    import subprocess

    result = subprocess.run(
        ["/usr/bin/curl", "-s", "-w", "\\n%{http_code}", url],
        user=user,
        capture_output=True,
        text=True,
        timeout=60,
        cwd="/",
    )
    return result.stdout


@pytest.mark.skipif(
    not (Path("/proc/net/tcp").exists() and os.getuid() == 0 and Path("/usr/bin/curl").exists()),
    reason="needs Linux, root (to act as another user) and curl",
)
async def test_security_other_local_users_are_refused(companion):
    url = f"http://127.0.0.1:{companion.server.port}/"
    loop = asyncio.get_running_loop()
    answer = await loop.run_in_executor(None, _as_user, "nobody", url)
    assert answer.endswith("\n403") and "other_user" in answer
    assert "spotlight-token" not in answer
    assert (await companion.get("/")).status == 200  # its own user is served


async def test_security_connection_uid_reads_the_socket_table(tmp_path):
    from companion.server.peer import connection_uid

    table = tmp_path / "tcp"
    table.write_text(
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid\n"
        "   0: 0100007F:D431 0100007F:BAB8 01 00000000:00000000 00:00000000 00000000  1000 0 1\n"
    )
    assert connection_uid(("127.0.0.1", 0xD431), ("127.0.0.1", 0xBAB8), table) == 1000
    assert connection_uid(("127.0.0.1", 1), ("127.0.0.1", 0xBAB8), table) is None
    assert connection_uid(("::1", 1, 0, 0), ("::1", 2, 0, 0), table) is None
    assert connection_uid(("127.0.0.1", 1), ("127.0.0.1", 2), tmp_path / "missing") is None
