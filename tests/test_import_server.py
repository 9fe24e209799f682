"""Importing through the companion API, as the history page does: chunked upload, start,
progress, then the posts in the API with their dates and the imported mark."""

from __future__ import annotations

import asyncio
import base64

import pytest
from archive_builders import ARCHIVES, zip_files, zip_folder

pytestmark = pytest.mark.asyncio
PREFIX = "/api/v1/imports"


async def _upload(client, path, *, chunk=1500, name=None):
    data = path.read_bytes()
    response = await client.post(
        PREFIX, json={"filename": name or path.name, "size": len(data)}, headers=client.auth
    )
    assert response.status == 201, await response.text()
    job = await response.json()
    assert job["chunk_bytes"] >= 64 * 1024
    for offset in range(0, len(data), chunk):
        piece = base64.b64encode(data[offset : offset + chunk]).decode()
        body = {"offset": offset, "data": piece}
        response = await client.post(f"{PREFIX}/{job['id']}/chunks", json=body, headers=client.auth)
        assert response.status == 200, await response.text()
    return job["id"]


async def _finish(client, ident):
    response = await client.post(f"{PREFIX}/{ident}/start", json={}, headers=client.auth)
    assert response.status == 202, await response.text()
    for _ in range(600):
        job = await (await client.get(f"{PREFIX}/{ident}", headers=client.auth)).json()
        if job["state"] in ("done", "failed"):
            return job
        await asyncio.sleep(0.1)
    raise AssertionError(f"import still running: {job}")


async def test_import_server_round_trip_shows_posts_with_dates_and_mark(companion, tmp_path):
    archive = zip_folder(ARCHIVES / "x_twitter", tmp_path / "twitter-2024-05-01.zip")
    job = await _finish(companion, await _upload(companion, archive))
    assert job["state"] == "done", job
    assert job["summary"]["added"] == 3
    assert job["summary"]["ignored"] == {"deleted": 1, "retweet": 1, "media only": 1}
    assert job["summary"]["platforms"] == ["X/Twitter"]

    listing = await (await companion.get("/api/v1/posts", headers=companion.auth)).json()
    posts = {post["posted_at"]: post for post in listing["posts"]}
    assert sorted(posts) == ["2024-04-06T12:05:59Z", "2024-04-15T09:12:40Z", "2024-04-15T21:40:02Z"]
    assert {post["source"] for post in posts.values()} == {"import"}
    assert posts["2024-04-15T09:12:40Z"]["label"] == "promotes_others"  # "Huge thanks @priya_r"
    assert posts["2024-04-06T12:05:59Z"]["label"] == "self_promotion"  # "my new course, 40% off"
    reply = posts["2024-04-15T21:40:02Z"]
    assert (reply["site"], reply["kind"], reply["replied_to"]) == ("x", "reply", ["@jonode"])
    assert reply["url"] == "https://x.com/ana_builds/status/1780200011122233344"
    trends = await companion.get("/api/v1/trends?bucket=week", headers=companion.auth)
    trends = await trends.json()
    assert trends["totals"]["posts"] == 3

    again = await _finish(companion, await _upload(companion, archive))
    assert (again["summary"]["added"], again["summary"]["already"]) == (0, 3)


async def test_import_server_page_offers_the_import_and_marks_imported_posts(companion):
    page = await (await companion.get("/")).text()
    assert 'id="import-file"' in page and "/static/import.js" in page
    script = await companion.get("/static/import.js")
    assert script.status == 200
    assert "/imports" in await script.text()
    app_js = await (await companion.get("/static/app.js")).text()
    assert 'post.source === "import"' in app_js


async def test_import_server_unknown_export_fails_with_its_reason(companion, tmp_path):
    archive = zip_files(tmp_path / "photos.zip", {"IMG_0001.jpg": b"\xff\xd8\xff"})
    job = await _finish(companion, await _upload(companion, archive))
    assert job["state"] == "failed"
    assert job["error"].startswith("photos.zip: not an export Spotlight recognises")
    listing = await (await companion.get("/api/v1/posts", headers=companion.auth)).json()
    assert listing["total"] == 0


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"filename": "x.zip"}, 400, "size must be"),
        ({"filename": "", "size": 10}, 400, "filename must be"),
        ({"filename": "huge.zip", "size": 5 * 2**30}, 413, "spotlight import huge.zip"),
        ([1, 2], 400, "send {filename, size}"),
    ],
)
async def test_import_server_refuses_bad_uploads(companion, body, status, message):
    response = await companion.post(PREFIX, json=body, headers=companion.auth)
    assert response.status == status
    assert message in (await response.json())["error"]["message"]


async def test_import_server_checks_chunks_and_start(companion, tmp_path):
    response = await companion.post(
        PREFIX, json={"filename": "../../etc/posts.csv", "size": 20}, headers=companion.auth
    )
    job = await response.json()
    assert job["filename"] == "posts.csv"
    chunks = f"{PREFIX}/{job['id']}/chunks"
    wrong = await companion.post(chunks, json={"offset": 5, "data": "aGk="}, headers=companion.auth)
    assert wrong.status == 409 and "offset 0" in (await wrong.json())["error"]["message"]
    bad = await companion.post(chunks, json={"offset": 0, "data": "*"}, headers=companion.auth)
    assert bad.status == 400
    early = await companion.post(f"{PREFIX}/{job['id']}/start", json={}, headers=companion.auth)
    assert early.status == 400 and "0 of 20 bytes" in (await early.json())["error"]["message"]
    missing = await companion.get(f"{PREFIX}/nope", headers=companion.auth)
    assert missing.status == 404
    anonymous = await companion.post(PREFIX, json={"filename": "a.csv", "size": 1})
    assert anonymous.status == 401
