"""The JSON API against a real server on an ephemeral loopback port with a temp database."""

from __future__ import annotations

import csv
import io
import json
import uuid

import pytest

from companion.server.state import STORE

pytestmark = pytest.mark.asyncio

GIVING = "Huge thanks to @maria and Priya Patel for reviewing the launch plan. You made it better!"
SELFISH = "Thrilled to announce my new book! Buy it now, link in bio. DM me for a signed copy."


def post_body(text=GIVING, **extra):
    body = {
        "id": str(uuid.uuid4()),
        "text": text,
        "site": "linkedin",
        "kind": "post",
        "posted_at": "2026-11-20T09:30:00+01:00",
    }
    body.update(extra)
    return body


async def test_api_health_is_public_and_ready(companion):
    response = await companion.get("/api/v1/health")
    assert response.status == 200
    health = await response.json()
    assert health["status"] == "ready"
    assert health["model"].startswith("en_core_web_sm")
    assert health["database"].endswith("history.db")


async def test_api_score_returns_report_trend_and_time(companion):
    response = await companion.post("/api/v1/score", json={"text": SELFISH}, headers=companion.auth)
    assert response.status == 200
    report = await response.json()
    assert report["label"] in ("self_promotion", "mixed")
    assert set(report["scores"]) == {"spotlight", "engage", "help", "human", "learn", "substance"}
    assert report["trend"]["recent_labels"] == []
    assert report["elapsed_ms"] >= 0


async def test_api_score_trend_says_when_recent_posts_were_all_about_me(companion):
    for day in range(1, 5):
        body = post_body(SELFISH, posted_at=f"2026-11-0{day}T10:00:00Z")
        assert (
            await companion.post("/api/v1/posts", json=body, headers=companion.auth)
        ).status == 201
    stored = await (await companion.get("/api/v1/posts", headers=companion.auth)).json()
    labels = {post["label"] for post in stored["posts"]}
    response = await companion.post("/api/v1/score", json={"text": SELFISH}, headers=companion.auth)
    trend = (await response.json())["trend"]
    assert trend["recent_labels"] == [stored["posts"][0]["label"]] * 4
    if labels == {"self_promotion"}:
        assert "your own work" in trend["message"]


@pytest.mark.parametrize(
    "body, message",
    [
        ({}, "text"),
        ({"text": 5}, "string"),
        ({"text": "x" * 60_000}, "characters"),
        ({"text": "hi", "kind": "story"}, "kind"),
        ([1, 2], "text"),
    ],
)
async def test_api_score_refuses_bad_input_with_json_400(companion, body, message):
    response = await companion.post("/api/v1/score", json=body, headers=companion.auth)
    assert response.status in (400, 413)
    error = (await response.json())["error"]
    assert message in error["message"] and error["code"]


async def test_api_posts_is_idempotent_on_id(companion):
    body = post_body()
    first = await companion.post("/api/v1/posts", json=body, headers=companion.auth)
    again = await companion.post("/api/v1/posts", json=body, headers=companion.auth)
    assert (first.status, again.status) == (201, 200)
    assert await first.json() == await again.json()
    listing = await (await companion.get("/api/v1/posts", headers=companion.auth)).json()
    assert listing["total"] == 1
    row = listing["posts"][0]
    assert row["id"] == body["id"] and row["posted_date"] == "2026-11-20"
    assert row["text"] == GIVING and row["site"] == "linkedin"


async def test_api_posts_keeps_no_text_when_store_text_is_off(companion):
    response = await companion.put(
        "/api/v1/settings", json={"store_text": False}, headers=companion.auth
    )
    assert response.status == 200 and (await response.json())["store_text"] is False
    row = await (
        await companion.post("/api/v1/posts", json=post_body(), headers=companion.auth)
    ).json()
    assert row["text"] is None and row["overall"] > 0
    people = await (await companion.get("/api/v1/people", headers=companion.auth)).json()
    assert "@maria" in [person["name"] for person in people["people"]]


@pytest.mark.parametrize(
    "change",
    [
        {"id": "not an id!"},
        {"id": None},
        {"text": ""},
        {"site": ""},
        {"kind": "story"},
        {"posted_at": "2026-13-45"},
        {"posted_at": "2026-11-20 10:00"},
        {"url": "file:///etc/passwd"},
        {"replied_to": {"a": 1}},
        {"text": "x" * 60_000},
    ],
)
async def test_api_posts_refuses_bad_posts_and_keeps_the_rest(companion, change):
    good = post_body()
    await companion.post("/api/v1/posts", json=good, headers=companion.auth)
    response = await companion.post(
        "/api/v1/posts", json=post_body(**change), headers=companion.auth
    )
    assert response.status == 400
    assert (await response.json())["error"]["code"] == "invalid_input"
    listing = await (await companion.get("/api/v1/posts", headers=companion.auth)).json()
    assert [post["id"] for post in listing["posts"]] == [good["id"]]


async def test_api_list_posts_filters_and_pages(companion):
    for day, site in ((1, "linkedin"), (2, "x"), (3, "linkedin"), (4, "mastodon.social")):
        body = post_body(posted_at=f"2026-11-0{day}T12:00:00Z", site=site)
        await companion.post("/api/v1/posts", json=body, headers=companion.auth)
    page = await (
        await companion.get("/api/v1/posts?site=linkedin&limit=1&offset=1", headers=companion.auth)
    ).json()
    assert page["total"] == 2 and page["posts"][0]["posted_date"] == "2026-11-01"
    assert page["sites"] == ["linkedin", "mastodon.social", "x"]
    page = await (
        await companion.get(
            "/api/v1/posts?since=2026-11-02&until=2026-11-03", headers=companion.auth
        )
    ).json()
    assert page["total"] == 2


@pytest.mark.parametrize(
    "query",
    ["limit=0", "limit=abc", "offset=-1", "since=yesterday", "until=2026-02-30", "label=great"],
)
async def test_api_list_posts_refuses_bad_queries(companion, query):
    response = await companion.get(f"/api/v1/posts?{query}", headers=companion.auth)
    assert response.status == 400
    assert "error" in await response.json()


async def test_api_delete_post_and_all(companion):
    bodies = [post_body() for _ in range(3)]
    for body in bodies:
        await companion.post("/api/v1/posts", json=body, headers=companion.auth)
    response = await companion.delete(f"/api/v1/posts/{bodies[0]['id']}", headers=companion.auth)
    assert response.status == 200
    response = await companion.delete(f"/api/v1/posts/{bodies[0]['id']}", headers=companion.auth)
    assert response.status == 404 and (await response.json())["error"]["code"] == "not_found"
    response = await companion.delete("/api/v1/posts", headers=companion.auth)
    assert response.status == 400  # no confirmation: nothing deleted
    assert companion.app[STORE].post_count() == 2
    response = await companion.delete("/api/v1/posts?confirm=delete-all", headers=companion.auth)
    assert (await response.json())["deleted"] == 2
    assert companion.app[STORE].post_count() == 0


async def test_api_trends_give_ratio_per_bucket(companion):
    for day, text in ((16, GIVING), (17, SELFISH), (24, GIVING)):
        body = post_body(text, posted_at=f"2026-11-{day}T12:00:00Z")
        await companion.post("/api/v1/posts", json=body, headers=companion.auth)
    trends = await (
        await companion.get("/api/v1/trends?bucket=week", headers=companion.auth)
    ).json()
    assert [b["start"] for b in trends["buckets"]] == ["2026-11-16", "2026-11-23"]
    assert trends["goal"] == 0.5
    assert trends["totals"]["posts"] == 3
    for bucket in trends["buckets"]:
        assert bucket["give_ratio"] == bucket["labels"]["promotes_others"] / bucket["posts"]
    months = await (
        await companion.get("/api/v1/trends?bucket=month", headers=companion.auth)
    ).json()
    assert len(months["buckets"]) == 1
    response = await companion.get("/api/v1/trends?bucket=year", headers=companion.auth)
    assert response.status == 400


async def test_api_settings_validate_and_persist(companion):
    settings = await (await companion.get("/api/v1/settings", headers=companion.auth)).json()
    assert settings["goal"] == 50 and settings["store_text"] is True
    assert settings["rules"] and {"id", "dimension", "principle"} <= set(settings["rules"][0])
    rule = settings["rules"][0]["id"]
    changes = {"goal": 60, "disabled_rules": [rule], "own_domains": ["Example.com"]}
    response = await companion.put("/api/v1/settings", json=changes, headers=companion.auth)
    saved = await response.json()
    assert (saved["goal"], saved["disabled_rules"], saved["own_domains"]) == (
        60,
        [rule],
        ["example.com"],
    )
    for bad in (
        {"goal": 101},
        {"goal": "high"},
        {"store_text": "no"},
        {"disabled_rules": ["nope"]},
        {"own_domains": ["not a domain"]},
        {"colour": "red"},
        {},
        [],
    ):
        response = await companion.put("/api/v1/settings", json=bad, headers=companion.auth)
        assert response.status == 400, bad
    again = await (await companion.get("/api/v1/settings", headers=companion.auth)).json()
    assert again["goal"] == 60


async def test_api_score_leaves_out_disabled_rules(companion):
    report = await (
        await companion.post("/api/v1/score", json={"text": SELFISH}, headers=companion.auth)
    ).json()
    rules = {nudge["rule"] for nudge in report["nudges"]}
    assert rules
    await companion.put(
        "/api/v1/settings", json={"disabled_rules": sorted(rules)}, headers=companion.auth
    )
    report = await (
        await companion.post("/api/v1/score", json={"text": SELFISH}, headers=companion.auth)
    ).json()
    assert not {nudge["rule"] for nudge in report["nudges"]} & rules


async def test_api_people_ranks_who_was_spotlighted(companion):
    await companion.post(
        "/api/v1/posts", json=post_body(replied_to=["@jon"]), headers=companion.auth
    )
    data = await (await companion.get("/api/v1/people?limit=5", headers=companion.auth)).json()
    names = [person["name"] for person in data["people"]]
    assert "@maria" in names and "@jon" in names
    assert data["network"]["people_90d"] >= 0


async def test_api_export_csv_and_json(companion):
    evil = post_body('=HYPERLINK("http://evil") thanks @maria')
    for body in (post_body(), evil):
        await companion.post("/api/v1/posts", json=body, headers=companion.auth)
    response = await companion.get("/api/v1/export?format=csv", headers=companion.auth)
    assert response.status == 200 and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(await response.text())))
    assert len(rows) == 2 and {"label", "overall", "spotlight", "text"} <= set(rows[0])
    assert any(row["text"].startswith("'=HYPERLINK") for row in rows)  # no CSV injection
    data = json.loads(await (await companion.get("/api/v1/export", headers=companion.auth)).text())
    assert len(data["posts"]) == 2
    response = await companion.get("/api/v1/export?format=xml", headers=companion.auth)
    assert response.status == 400


async def test_api_openapi_lists_exactly_the_routes(companion):
    response = await companion.get("/api/v1/openapi.json", headers=companion.auth)
    document = await response.json()
    documented = {
        (method.upper(), "/api/v1" + path)
        for path, ops in document["paths"].items()
        for method in ops
    }
    served = set()
    for route in companion.app.router.routes():
        info = route.resource.get_info() if route.resource else {}
        path = info.get("path") or info.get("formatter", "")
        if path.startswith("/api/v1") and route.method != "HEAD":
            served.add((route.method, path))
    assert documented == served
    assert document["paths"]["/health"]["get"]["security"] == []


async def test_api_unknown_route_and_method_are_json_errors(companion):
    response = await companion.get("/api/v1/nope", headers=companion.auth)
    assert response.status == 404 and (await response.json())["error"]["code"] == "not_found"
    response = await companion.patch("/api/v1/health", json={}, headers=companion.auth)
    assert response.status == 405 and "error" in await response.json()


async def test_api_database_failure_is_a_503_and_keeps_stored_posts(companion):
    first = post_body()
    await companion.post("/api/v1/posts", json=first, headers=companion.auth)
    companion.app[STORE].db.execute(
        "create trigger refuse_posts before insert on posts "
        "begin select raise(abort, 'disk trouble'); end"
    )
    response = await companion.post("/api/v1/posts", json=post_body(), headers=companion.auth)
    assert response.status == 503
    assert (await response.json())["error"]["code"] == "unavailable"
    listing = await (await companion.get("/api/v1/posts", headers=companion.auth)).json()
    assert [post["id"] for post in listing["posts"]] == [first["id"]]


async def test_api_scoring_runs_off_the_event_loop(companion):
    import asyncio
    import threading

    from companion.server.state import WORKERS

    release = threading.Event()
    busy = companion.app[WORKERS].scoring.submit(release.wait, 60)  # occupy the scoring thread
    try:
        score = asyncio.ensure_future(
            companion.post("/api/v1/score", json={"text": GIVING}, headers=companion.auth)
        )
        health = await companion.get("/api/v1/health")  # answered while scoring is busy
        assert health.status == 200 and not score.done()
        trends = await companion.get("/api/v1/trends", headers=companion.auth)
        assert trends.status == 200 and not score.done()
    finally:
        release.set()
    assert busy.result() is True
    assert (await score).status == 200
