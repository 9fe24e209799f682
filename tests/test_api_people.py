"""The people routes, the trends' listening and the network's privacy, over real HTTP."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest

from companion.server.state import STORE

pytestmark = pytest.mark.asyncio

NOW = dt.datetime.now(dt.UTC)


def day(days_ago: int) -> str:
    return (NOW - dt.timedelta(days=days_ago)).strftime("%Y-%m-%dT10:00:00Z")


def connections(store, *people):
    store.record_network({
        "site": "linkedin", "direction": "connection", "as_of": day(0)[:10], "source": "t",
        "accounts": [{"account": f"in/{n}", "name": n, "connected_on": day(0)[:10]}
                     for n in people]})  # fmt: skip


async def publish(companion, text, ago, **extra):
    body = {"id": str(uuid.uuid4()), "text": text, "site": "linkedin", "posted_at": day(ago)}
    body.update(extra)
    response = await companion.post("/api/v1/posts", json=body, headers=companion.auth)
    assert response.status == 201, await response.text()
    return await response.json()


async def get(companion, path, status=200):
    response = await companion.get(path, headers=companion.auth)
    assert response.status == status, await response.text()
    return await response.json()


async def post(companion, path, body, status=200):
    response = await companion.post(path, json=body, headers=companion.auth)
    assert response.status == status, await response.text()
    return await response.json()


async def test_api_people_separates_people_you_know_from_public_figures(companion):
    connections(companion.app[STORE], "Priya Patel")
    await publish(companion, "Huge thanks to Priya Patel for reviewing the plan!", 3)
    await publish(companion, "Great keynote by Kim Kardashian today. Thanks to @GitHub and "
                  "Acme Labs for hosting!", 2)  # fmt: skip
    known = await get(companion, "/api/v1/people?known=true")
    assert [p["name"] for p in known["people"]] == ["Priya Patel"]
    priya = known["people"][0]
    assert priya["kind"] == "person" and priya["credited"] == 1 and priya["mentioned"] == 1
    assert {"id", "handles", "last_credited_at", "last_talked_at"} <= set(priya)
    others = await get(companion, "/api/v1/people?known=false")
    assert "Priya Patel" not in {p["name"] for p in others["people"]}
    brands = await get(companion, "/api/v1/people?kind=organisation")
    assert {p["name"] for p in brands["people"]} == {"@GitHub", "Acme Labs"}
    assert "Kim Kardashian" in {p["name"] for p in others["people"]}  # a public figure
    assert known["network"] == {"people_30d": 1, "people_90d": 1}


async def test_api_people_follow_the_page_filters(companion):
    await publish(companion, "Huge thanks to Priya Patel for reviewing the plan!", 40)
    await publish(companion, "Thanks to Priya Patel and Tomás García for the launch!", 3,
                  site="x")  # fmt: skip
    everyone = await get(companion, "/api/v1/people")
    assert {p["name"]: p["posts"] for p in everyone["people"]} == {
        "Priya Patel": 2, "Tomás García": 1}  # fmt: skip
    on_x = await get(companion, "/api/v1/people?site=x")
    assert {p["name"]: p["posts"] for p in on_x["people"]} == {
        "Priya Patel": 1, "Tomás García": 1}  # fmt: skip
    assert on_x["filters"] == {"site": "x"}
    since = (NOW - dt.timedelta(days=60)).date().isoformat()
    until = (NOW - dt.timedelta(days=30)).date().isoformat()
    earlier = await get(companion, f"/api/v1/people?since={since}&until={until}")
    assert [(p["name"], p["posts"]) for p in earlier["people"]] == [("Priya Patel", 1)]
    none = await get(companion, "/api/v1/people?site=facebook")
    assert none["people"] == [] and none["total"] == 0


@pytest.mark.parametrize(
    "query",
    ["known=yes", "kind=brand", "sort=loud", "days=-1", "limit=0", "offset=x",
     "since=2026-13-01", "until=yesterday", "since=2026-11-20&until=2026-11-01",
     "label=bragging"],
)  # fmt: skip
async def test_api_people_refuses_bad_filters(companion, query):
    error = await get(companion, f"/api/v1/people?{query}", status=400)
    assert error["error"]["code"] == "invalid_input"


async def test_api_people_merge_and_split_undo(companion):
    await publish(companion, "Thanks @sam.codes for the review!", 3, site="bluesky")
    await publish(companion, "Kudos to Sam Okafor for the launch. Brilliant work.", 2)
    people = (await get(companion, "/api/v1/people"))["people"]
    ids = {p["name"]: p["id"] for p in people}
    merged = await post(companion, "/api/v1/people/merge",
                        {"ids": [ids["Sam Okafor"], ids["@sam.codes"]]})  # fmt: skip
    person = merged["person"]
    assert person["name"] == "Sam Okafor" and person["merged"] == 1
    assert person["handles"] == [{"site": "bluesky", "handle": "@sam.codes"}]
    assert person["credited"] == 2 and merged["merged"] == [ids["@sam.codes"]]
    listed = (await get(companion, "/api/v1/people"))["people"]
    assert [p["name"] for p in listed] == ["Sam Okafor"]
    split = await post(companion, f"/api/v1/people/{ids['Sam Okafor']}/split", {})
    assert [p["name"] for p in split["people"]] == ["Sam Okafor", "@sam.codes"]
    listed = (await get(companion, "/api/v1/people"))["people"]
    assert {p["name"] for p in listed} == {"Sam Okafor", "@sam.codes"}


@pytest.mark.parametrize(
    "body, status",
    [
        ({"ids": [1]}, 400),
        ({"ids": "1,2"}, 400),
        ({"ids": [1, True]}, 400),
        ([], 400),
        ({"ids": [1, 99999]}, 400),
        ({"ids": [1, 2**70]}, 400),
        ({"ids": [1, -2]}, 400),
        ({"ids": list(range(1, 103))}, 400),
    ],  # fmt: skip
)
async def test_api_people_merge_refuses_bad_input(companion, body, status):
    await publish(companion, "Thanks @ana and @ben!", 1)
    error = await post(companion, "/api/v1/people/merge", body, status=status)
    assert error["error"]["message"]
    assert len((await get(companion, "/api/v1/people"))["people"]) == 2


@pytest.mark.parametrize("path, status", [("1/split", 400), ("abc/split", 400), ("99/split", 400)])
async def test_api_people_split_refuses_what_cannot_be_split(companion, path, status):
    await publish(companion, "Thanks @ana!", 1)
    await post(companion, f"/api/v1/people/{path}", {}, status=status)


async def test_api_people_suggestions_whom_you_could_thank(companion):
    connections(companion.app[STORE], "Dana Whitfield", "Priya Patel", "Li Wei")
    await publish(companion, "Dana Whitfield asked how we run the queues.", 10)
    await publish(companion, "@dana good point, we kept both.", 5, kind="reply",
                  replied_to=["Dana Whitfield"])  # fmt: skip
    await publish(companion, "Huge thanks to Priya Patel for the review!", 4)
    data = await get(companion, "/api/v1/people/suggestions")
    names = [s["name"] for s in data["suggestions"]]
    assert names[0] == "Dana Whitfield" and "Priya Patel" not in names  # Priya was thanked
    assert "Li Wei" in names  # connected today
    dana = data["suggestions"][0]
    assert dana["last_talked_at"] == day(5) and "answered them once" in dana["reason"]
    assert (await get(companion, "/api/v1/people/suggestions?limit=1"))["suggestions"] == [dana]


async def test_api_trends_carry_listen_and_known_give_ratios(companion):
    connections(companion.app[STORE], "Priya Patel")
    await publish(companion, "Huge thanks to Priya Patel for reviewing the plan!", 1)
    await publish(companion, "Congrats to @someone_famous on the award! Well deserved.", 1)
    await publish(companion, "Good question, we tried both.", 1, kind="reply",
                  replied_to=["@lee"])  # fmt: skip
    await publish(companion, "Thrilled to announce my new book! Link in bio.", 1)
    trends = await get(companion, "/api/v1/trends?bucket=month")
    bucket = trends["buckets"][-1]
    assert bucket["posts"] == 4 and bucket["answers"] == 1 and bucket["listen_ratio"] == 0.25
    assert bucket["known_credits"] == 1 and bucket["known_give_ratio"] == 0.25
    assert bucket["give_ratio"] >= bucket["known_give_ratio"]
    assert trends["listen_goal"] == 0.3
    site = await get(companion, "/api/v1/trends?bucket=month&site=x")
    assert site["buckets"] == []
    await companion.put("/api/v1/settings", json={"listen_goal": 40}, headers=companion.auth)
    assert (await get(companion, "/api/v1/trends"))["listen_goal"] == 0.4
    response = await companion.put(
        "/api/v1/settings", json={"listen_goal": 140}, headers=companion.auth
    )
    assert response.status == 400


async def test_api_score_feedback_names_whom_you_could_thank(companion):
    connections(companion.app[STORE], "Dana Whitfield")
    await publish(companion, "Thanks Dana Whitfield for the review!", 100)
    reply = await publish(companion, "We kept the old queue running for a week.", 2,
                          kind="reply", replied_to=["Dana Whitfield"])  # fmt: skip
    assert reply["label"] != "promotes_others"
    report = await post(companion, "/api/v1/score", {"text": "Shipping our new release today."})
    trend = report["trend"]
    assert trend["thank"] == ["Dana Whitfield"]
    assert trend["message"].startswith("You haven't lifted up anyone you know in 14 weeks.")
    assert f"You last talked with Dana Whitfield on {day(2)[:10]}" in trend["message"]
    report = await post(companion, "/api/v1/score", {"text": "Huge thanks to Dana Whitfield!"})
    assert report["label"] == "promotes_others"  # this draft is the thanks: no reminder
    assert "anyone you know" not in str(report["trend"]["message"])


async def test_api_delete_all_removes_the_network_and_export_carries_it(companion):
    store = companion.app[STORE]
    connections(store, "Priya Patel")
    await publish(companion, "Huge thanks to Priya Patel!", 1)
    response = await companion.get("/api/v1/export?format=json", headers=companion.auth)
    document = json.loads(await response.text())
    assert len(document["posts"]) == 1  # the export is the backup: the network is in it
    assert [c["name"] for c in document["connections"]] == ["Priya Patel"]
    assert {p["name"] for p in document["persons"]} == {"Priya Patel"}
    assert document["network_snapshots"][0]["site"] == "linkedin"
    result = await companion.delete("/api/v1/posts?confirm=delete-all", headers=companion.auth)
    answer = await result.json()
    assert {key: answer[key] for key in ("deleted", "connections")} == {
        "deleted": 1,
        "connections": 1,
    }
    for table in ("persons", "handles", "connections", "network_snapshots", "merges", "people"):
        assert store.db.execute(f"select count(*) from {table}").fetchone()[0] == 0, table
    assert (await get(companion, "/api/v1/people"))["people"] == []
