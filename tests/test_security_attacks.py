"""Attacks on the companion as a web page or a local program would try them (issue 5).

Only what tests/test_security.py does not already cover: writes through encoded-slash
paths, a DNS-rebinding write, other extensions' real-looking origins, a body declared at
1 GB, and, in real Chromium, a foreign page posting text/plain and forms without the
token, a rebinding page, and XSS payloads in the names a post replies to.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from aiohttp import web
from playwright.async_api import async_playwright

from companion.server.state import STORE

pytestmark = pytest.mark.asyncio

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
POST = {"id": "attack-1", "text": "Thanks @maria, pwned", "site": "x"}


async def send(port: int, request: bytes, wait: float = 30) -> tuple[int, bytes]:
    """Raw bytes to the server (no client-side path normalisation); status and body."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    data = await asyncio.wait_for(reader.read(), wait)
    writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def post_request(port: int, path: str, headers: str = "", host: str | None = None) -> bytes:
    body = json.dumps(POST).encode()
    return (
        f"POST {path} HTTP/1.1\r\nHost: {host or f'127.0.0.1:{port}'}\r\n{headers}"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode() + body


@pytest.mark.parametrize(
    "path",
    [
        "/api%2Fv1%2Fposts",
        "/api/v1%2Fposts",
        "/%2Fapi/v1/posts",
        "/static%2F..%2Fapi/v1/posts",
        "/static/..%2Fapi%2Fv1%2Fposts",
        "/static/%2e%2e/api/v1/posts",
        "/static/%2E%2E/api/v1/posts",
        "/api/v1/health%2F..%2Fposts",
        "/api/v1/health/..%2Fposts",
    ],
)
async def test_security_encoded_slash_paths_neither_read_nor_write(companion, path):
    port = companion.server.port
    await companion.post("/api/v1/posts", headers=companion.auth,
                         json={"id": "kept", "text": "Kudos to @jon", "site": "x"})  # fmt: skip
    get = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    status, body = await send(port, get.encode())
    assert status in (400, 401, 404), status
    assert b"Kudos" not in body
    status, _ = await send(port, post_request(port, path))
    assert status in (400, 401, 404, 405), status
    assert companion.app[STORE].post_count() == 1


async def test_security_rebinding_write_is_refused_even_with_the_token(companion):
    """After DNS rebinding, the attacker's page is same-origin with "its" host: no CORS
    stops it, only the Host check does (and it cannot know the token: this is worse)."""
    port = companion.server.port
    headers = f"Origin: http://attacker.example:{port}\r\n{_auth(companion)}"
    status, body = await send(
        port, post_request(port, "/api/v1/posts", headers, host=f"attacker.example:{port}")
    )
    assert status == 400 and json.loads(body)["error"]["code"] == "bad_host"
    assert companion.app[STORE].post_count() == 0


def _auth(companion) -> str:
    return f"Authorization: {companion.auth['Authorization']}\r\n"


@pytest.mark.parametrize(
    "origin",
    [
        "chrome-extension://" + "a" * 32,  # another installed extension: the real id format
        "chrome-extension://bjfckobifhiblfafahbgcpaklplappae",  # one letter off ours
        "moz-extension://8d1f4c1e-5a0b-4e4a-9a57-3f2d0c6b7e11",  # not in allowed_origins
        "safari-web-extension://bjfckobifhiblfafahbgcpaklplappad",
        "CHROME-EXTENSION://BJFCKOBIFHIBLFAFAHBGCPAKLPLAPPAD",
    ],
)
async def test_security_other_extensions_cannot_write_even_with_the_token(companion, origin):
    port = companion.server.port
    status, body = await send(
        port, post_request(port, "/api/v1/posts", f"Origin: {origin}\r\n{_auth(companion)}")
    )
    assert status == 403 and json.loads(body)["error"]["code"] == "bad_origin"
    assert companion.app[STORE].post_count() == 0


async def test_security_body_declared_at_a_gigabyte_is_refused_before_it_arrives(companion):
    port = companion.server.port
    head = (
        f"POST /api/v1/posts HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{_auth(companion)}"
        "Content-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n"
        '{"id": "huge", "text": "'
    )  # the rest never comes: the answer must not wait for it
    status, body = await send(port, head.encode(), wait=30)
    assert status == 413 and json.loads(body)["error"]["code"] == "too_large"
    assert companion.app[STORE].post_count() == 0


ATTACKER_PAGE = """<!doctype html><title>cute cats</title>
<iframe name="sink" style="display:none"></iframe>
<form id="form" method="POST" enctype="text/plain" target="sink" action="{target}/api/v1/posts">
  <input name='{{"id": "attack-form", "text": "Thanks @maria", "site": "x", "pad": "' value='"}}'>
</form>"""
ATTACK = """async (target) => {
  const body = JSON.stringify({id: "attack-fetch", text: "Thanks @maria", site: "x"});
  const out = {};
  const attempt = async (name, run) => {
    try { out[name] = await run(); } catch (error) { out[name] = "blocked"; }
  };
  // a "simple" request: no preflight, the browser sends it; the attacker cannot read it
  await attempt("no_cors_text_plain", () => fetch(target + "/api/v1/posts", {method: "POST",
      mode: "no-cors", headers: {"Content-Type": "text/plain"}, body}).then(r => r.type));
  await attempt("no_cors_double_slash", () => fetch(target + "//api/v1/posts", {method: "POST",
      mode: "no-cors", headers: {"Content-Type": "text/plain"}, body}).then(r => r.type));
  // JSON with a guessed token: needs a preflight, which the server refuses
  await attempt("cors_json", () => fetch(target + "/api/v1/posts", {method: "POST",
      headers: {"Content-Type": "application/json", "Authorization": "Bearer guess"}, body})
      .then(r => r.status));
  // reading the history page to steal its pairing token
  await attempt("read_page", () => fetch(target + "/").then(r => r.text())
      .then(t => t.includes("spotlight-token") ? "token read" : "no token"));
  await attempt("read_posts", () => fetch(target + "/api/v1/posts").then(r => r.status));
  document.getElementById("form").submit();
  await new Promise(resolve => setTimeout(resolve, 1500));
  return out;
}"""


@pytest.mark.browser
async def test_security_foreign_page_in_chromium_cannot_write_or_read(companion, aiohttp_server):
    target = f"http://127.0.0.1:{companion.server.port}"
    attacker = web.Application()
    page_html = ATTACKER_PAGE.format(target=target)

    async def cute_cats(_request: web.Request) -> web.Response:
        return web.Response(text=page_html, content_type="text/html")

    attacker.router.add_get("/", cute_cats)
    evil = await aiohttp_server(attacker)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = await browser.new_page()
            # another origin on this machine: not even a private-network prompt protects us
            await page.goto(f"http://localhost:{evil.port}/")
            results = await page.evaluate(ATTACK, target)
        finally:
            await browser.close()
    assert results["cors_json"] == "blocked"  # the preflight got 403
    assert results["read_page"] == "blocked" and results["read_posts"] == "blocked"
    assert results["no_cors_text_plain"] == "opaque"  # sent, but refused by the server
    assert companion.app[STORE].post_count() == 0


@pytest.mark.browser
async def test_security_rebinding_page_in_chromium_gets_nothing(companion):
    port = companion.server.port
    # attacker.test resolves to 127.0.0.1, as after DNS rebinding: the page is same-origin
    # with the companion as far as the browser knows.
    args = [*ARGS, "--host-resolver-rules=MAP attacker.test 127.0.0.1"]
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        try:
            page = await browser.new_page()
            response = await page.goto(f"http://attacker.test:{port}/")
            assert response.status == 400
            assert "spotlight-token" not in await page.content()
            status = await page.evaluate(
                """(post) => fetch("/api/v1/posts", {method: "POST", body: JSON.stringify(post),
                    headers: {"Content-Type": "application/json"}}).then(r => r.status)""",
                POST,
            )
        finally:
            await browser.close()
    assert status == 400
    assert companion.app[STORE].post_count() == 0


XSS_NAME = '<img src=x onerror="window.__xss=3">'
XSS_URL = 'https://example.com/"><script>window.__xss=4</script>'


@pytest.mark.browser
async def test_security_xss_in_replied_to_names_and_urls_runs_nothing(companion):
    body = {
        "id": "xss-names", "site": "x", "url": XSS_URL, "replied_to": [XSS_NAME, "@maria"],
        "text": 'Thanks @maria <svg onload="window.__xss=5"> and </script><b>bold</b>',
    }  # fmt: skip
    response = await companion.post("/api/v1/posts", json=body, headers=companion.auth)
    assert response.status == 201, await response.text()
    errors: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = await browser.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            await page.goto(f"http://127.0.0.1:{companion.server.port}/")
            await page.wait_for_selector("body[data-loaded=true]", timeout=30_000)
            assert await page.evaluate("window.__xss") is None
            injected = (
                "#posts img, #posts svg, #posts b, #people img, #people svg, script:not([src])"
            )
            assert await page.locator(injected).count() == 0
            assert XSS_NAME in await page.inner_text("#people")  # shown, as text
        finally:
            await browser.close()
    assert errors == []
