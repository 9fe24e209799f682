"""Deleting under a filter deletes exactly what the filter shows (issue 13), through the API."""

from __future__ import annotations

import sqlite3
import uuid

import pytest

from companion.history.backup import restore_backup
from companion.server.state import STORE
from companion.vocabulary import LABEL_NAMES

pytestmark = pytest.mark.asyncio
POSTS = [
    ("2026-10-05", "linkedin", "Huge thanks to @maria and Priya Patel for reviewing the plan!"),
    ("2026-10-07", "linkedin", "Thrilled to announce my new book! Link in bio."),
    ("2026-10-14", "x", "Congrats to @jon.doe on shipping the new search."),
    ("2026-10-29", "x", "Shout-out to Aisha for the brilliant talk on accessibility."),
    ("2026-11-12", "x", "My new course is live! Buy now."),
    ("2026-11-19", "mastodon.social", "Kudos to @sam for the migration."),
]


async def _seed(companion) -> None:
    for day, site, text in POSTS:
        body = {"id": str(uuid.uuid4()), "text": text, "site": site,
                "posted_at": f"{day}T09:00:00Z"}  # fmt: skip
        response = await companion.post("/api/v1/posts", json=body, headers=companion.auth)
        assert response.status == 201


async def _call(companion, method: str, path: str):
    response = await companion.request(method, path, headers=companion.auth)
    return response.status, await response.json()


def _rows(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute("select * from posts").fetchall())
    finally:
        conn.close()


async def test_delete_filtered_deletes_only_the_matching_posts_and_can_be_undone(companion):
    await _seed(companion)
    store = companion.app[STORE]
    before = _rows(store.path)
    status, page = await _call(companion, "GET", "/api/v1/posts?site=x")
    assert status == 200 and page["total"] == 3
    status, result = await _call(
        companion, "DELETE", "/api/v1/posts?confirm=delete-all&site=x&expect=3"
    )
    assert status == 200 and result["deleted"] == 3 and result["filters"] == {"site": "x"}
    assert store.post_count() == 3 and "x" not in store.sites()
    _, trends = await _call(companion, "GET", "/api/v1/trends")
    assert trends["totals"]["posts"] == 3  # the daily totals follow
    _, people = await _call(companion, "GET", "/api/v1/people")
    assert {p["name"] for p in people["people"]} >= {"@maria", "@sam"}
    assert "@jon.doe" not in {p["name"] for p in people["people"]}
    # undone from the copy the delete kept
    summary = restore_backup(store, __import__("pathlib").Path(result["backup"]))
    assert summary.added == 3 and _rows(store.path) == before


async def test_delete_filtered_by_dates_and_label(companion):
    await _seed(companion)
    store = companion.app[STORE]
    path = "/api/v1/posts?confirm=delete-all&since=2026-10-06&until=2026-10-29"
    _, listing = await _call(companion, "GET", path.replace("confirm=delete-all&", ""))
    status, result = await _call(companion, "DELETE", path)
    assert status == 200 and result["deleted"] == listing["total"] == 3
    assert sorted(p["posted_date"] for p in store.list_posts({})[0]) == [
        "2026-10-05", "2026-11-12", "2026-11-19"]  # fmt: skip


async def test_delete_filtered_refuses_when_the_count_changed(companion):
    await _seed(companion)
    status, answer = await _call(
        companion, "DELETE", "/api/v1/posts?confirm=delete-all&site=x&expect=2"
    )
    assert (
        status == 409 and "3 posts match now, not the 2 you confirmed" in answer["error"]["message"]
    )
    assert companion.app[STORE].post_count() == len(POSTS)
    status, _ = await _call(companion, "DELETE", "/api/v1/posts?site=x")
    assert status == 400 and companion.app[STORE].post_count() == len(POSTS)


async def test_delete_filtered_from_after_to_is_refused_everywhere(companion):
    await _seed(companion)
    # (/people lists the people of the whole history: it takes no date filters.)
    for path in ("/api/v1/posts", "/api/v1/trends"):
        status, answer = await _call(companion, "GET", f"{path}?since=2026-11-01&until=2026-10-01")
        assert status == 400 and "is after until" in answer["error"]["message"], path
    status, _ = await _call(
        companion, "DELETE", "/api/v1/posts?confirm=delete-all&since=2026-11-01&until=2026-10-01"
    )
    assert status == 400 and companion.app[STORE].post_count() == len(POSTS)


async def test_delete_filtered_label_names_come_from_the_vocabulary(companion):
    await _seed(companion)
    _, settings = await _call(companion, "GET", "/api/v1/settings")
    assert settings["label_names"] == LABEL_NAMES
