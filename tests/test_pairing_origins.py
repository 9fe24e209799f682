"""Pairing registers the extension's exact origin (a Firefox install's random
moz-extension:// one), bound to the token it proved; nothing else can add an origin."""

from __future__ import annotations

import json
import os
import stat

import pytest

from companion.server.paired_origins import PairedOrigins
from companion.server.pairing import rotate
from companion.server.state import PAIRED_ORIGINS, SETTINGS, STORE

FIREFOX = "moz-extension://8d1f4c1e-5a0b-4e4a-9a57-3f2d0c6b7e11"
POST = {"id": "6f1c1e9e-3c1b-4f7e-9a57-000000000001", "text": "Thanks @ada", "site": "x"}


async def pair(client, origin, *, register=True, token=None):
    """POST /pairing from ``origin``, with the client's token unless another is given."""
    auth = client.auth if token is None else {"Authorization": f"Bearer {token}"}
    response = await client.post(
        "/api/v1/pairing", json={"register": register}, headers={"Origin": origin, **auth}
    )
    return response.status, await response.json(), response.headers


async def record(client, origin):
    headers = {"Origin": origin, **client.auth}
    return (await client.post("/api/v1/posts", json=POST, headers=headers)).status


@pytest.mark.asyncio
async def test_pairing_registers_the_exact_origin_it_was_sent_from(companion):
    assert await record(companion, FIREFOX) == 403
    status, body, headers = await pair(companion, FIREFOX)
    assert (status, body) == (200, {"origin": FIREFOX, "allowed": True, "registered": True})
    assert headers["Access-Control-Allow-Origin"] == FIREFOX
    assert await record(companion, FIREFOX) == 201
    # Exact: another install's origin is still refused.
    assert await record(companion, FIREFOX[:-1] + "2") == 403
    status, body, _ = await pair(companion, FIREFOX)  # pairing again changes nothing
    assert body["registered"] is False
    path = companion.app[SETTINGS].config_dir / "paired-origins.json"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert [e["origin"] for e in json.loads(path.read_text())["origins"]] == [FIREFOX]


@pytest.mark.asyncio
async def test_pairing_check_names_the_refused_origin_and_registers_nothing(companion):
    status, body, _ = await pair(companion, FIREFOX, register=False)
    assert status == 403 and body["error"]["code"] == "bad_origin"
    assert FIREFOX in body["error"]["message"]
    response = await companion.post(
        "/api/v1/posts", json=POST, headers={"Origin": FIREFOX, **companion.auth}
    )
    assert FIREFOX in (await response.json())["error"]["message"]
    assert companion.app[PAIRED_ORIGINS].allowed("anything") == frozenset()
    assert await record(companion, FIREFOX) == 403


@pytest.mark.parametrize("token", ["", "not-the-token-0123456789abcdef"])
@pytest.mark.asyncio
async def test_pairing_without_the_token_adds_no_origin(companion, token):
    status, body, _ = await pair(companion, FIREFOX, token=token)
    assert status == 401
    response = await companion.post(
        "/api/v1/pairing", json={"register": True}, headers={"Origin": FIREFOX}
    )
    assert response.status == 401
    assert await record(companion, FIREFOX) == 403
    assert companion.app[STORE].post_count() == 0


@pytest.mark.parametrize(
    "origin",
    [
        "https://evil.example",  # a web page, even one holding the token
        "http://127.0.0.1:9",
        "moz-extension://*",  # never a wildcard
        "moz-extension://8d1f4c1e-5a0b-4e4a-9a57-3f2d0c6b7e11/",
        "chrome-extension://" + "z" * 32,
        "null",
    ],
)
@pytest.mark.asyncio
async def test_pairing_refuses_anything_but_an_exact_extension_origin(companion, origin):
    status, body, _ = await pair(companion, origin)
    assert status == 403 and body["error"]["code"] == "bad_origin"
    assert await record(companion, origin) == 403


@pytest.mark.asyncio
async def test_pairing_without_origin_is_refused(companion):
    response = await companion.post("/api/v1/pairing", json={"register": True},
                                    headers=companion.auth)  # fmt: skip
    assert response.status == 400 and "Origin" in (await response.json())["error"]["message"]
    response = await companion.post("/api/v1/pairing", json={"register": "yes"},
                                    headers={"Origin": FIREFOX, **companion.auth})  # fmt: skip
    assert response.status == 400


@pytest.mark.asyncio
async def test_pairing_is_revoked_when_the_token_rotates(companion):
    await pair(companion, FIREFOX)
    assert await record(companion, FIREFOX) == 201
    token = rotate(companion.app[SETTINGS].token_path)
    companion.auth = {"Authorization": f"Bearer {token}"}
    assert await record(companion, FIREFOX) == 403  # the new token must be proved again
    status, body, _ = await pair(companion, FIREFOX)
    assert (status, body["registered"]) == (200, True)
    assert await record(companion, FIREFOX) == 200  # the same post id again: stored once


@pytest.mark.asyncio
async def test_pairing_preflight_from_an_extension_gets_exact_cors_headers(companion):
    headers = {"Origin": FIREFOX, "Access-Control-Request-Method": "POST",
               "Access-Control-Request-Headers": "authorization, content-type"}  # fmt: skip
    response = await companion.options("/api/v1/pairing", headers=headers)
    assert response.status == 204
    assert response.headers["Access-Control-Allow-Origin"] == FIREFOX
    response = await companion.options("/api/v1/posts", headers=headers)
    assert response.status == 403  # elsewhere, only once it is paired


def test_paired_origins_file_damaged_allows_nothing(tmp_path):
    path = tmp_path / "paired-origins.json"
    origins = PairedOrigins(path)
    origins.register(FIREFOX, "token-one-0123456789")
    assert origins.allowed("token-one-0123456789") == {FIREFOX}
    assert origins.allowed("token-two-0123456789") == frozenset()
    path.write_text('{"origins": [{"origin": "moz-extension://*", "token_sha256": "x"}]')
    assert PairedOrigins(path).allowed("token-one-0123456789") == frozenset()
    with pytest.raises(ValueError, match="not a browser extension"):
        origins.register("https://evil.example", "token-one-0123456789")
