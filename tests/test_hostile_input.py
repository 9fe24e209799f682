"""Hostile input: property-based tests on the scorer and the API, and schemathesis against
the OpenAPI document of a real `spotlight serve`. The scorer answers a report or a
ScoreError; the API answers JSON with a 2xx or 4xx, never a 500, and keeps serving."""

from __future__ import annotations

import http.client
import json
import math
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.scoring import Report, ScoreError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from companion_process import Companion  # noqa: E402

RTL = "\u05d0-\u05ea\u0600-\u06ff\u200f\u202b\u202e"  # Hebrew, Arabic, RLM, RLE, RLO
EMOJI = ["👩🏽‍💻", "🇩🇪", "👍🏽", "❤️", "1️⃣", "🏳️‍🌈", "\U0001faf6\U0001f3ff"]
HYPOTHESIS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)  # timing is noisy on a shared machine: never a deadline


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _check_report(report: Report, text: str) -> None:
    data = report.to_dict()
    json.dumps(data)  # serialisable as the API sends it
    length = _utf16_length(text)
    spans = [span for nudge in data["nudges"] for span in nudge["spans"]] + data["people"]
    for span in spans:
        assert 0 <= span["start"] <= span["end"] <= length, (span, length)
    assert 0 <= data["overall"] <= 100
    # null: not applicable (issue 10)
    assert all(score is None or 0 <= score <= 100 for score in data["scores"].values())


def _score(scorer, text: str) -> None:
    try:
        report = scorer.score(text)
    except ScoreError:
        return
    _check_report(report, scorer.check(text))


drafts = st.one_of(
    st.text(),
    st.text(st.characters(codec="utf-8"), max_size=400),
    st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Zs"]), max_size=200),
    st.text(st.sampled_from(list(RTL) + [" ", ".", "\n", "@", "#"]), max_size=300),
    st.lists(st.sampled_from(EMOJI + [" ", "\n", "@a", "#b", "Thanks "]), max_size=300).map(
        "".join
    ),
    st.builds(
        lambda a, b: a + b, st.text(max_size=50), st.sampled_from(EMOJI).map(lambda e: e * 200)
    ),
)


@HYPOTHESIS
@given(text=drafts)
def test_hostile_input_scorer_answers_a_report_or_a_score_error(scorer, text):
    _score(scorer, text)


@pytest.mark.parametrize(
    "text",
    [
        "x" * 100_000,  # over max_chars: a ScoreError
        "👩🏽‍💻" * 7_000,  # 49,000 code points of one ZWJ emoji
        ("שלום לכולם, תודה ל-@maria! " + "مرحبا بالجميع وشكرا لك. ") * 300,
        "\u202eThanks @maria\u202c for the \u200freview\u200f!" * 100,
        "".join(chr(c) for c in range(32)) * 50,
        "\ud800 lone surrogates \udfff from JSON",
        "Thanks @maria" + "\u0301" * 5_000,  # a mountain of combining marks
        "\x00" * 1000,
        "#" * 10_000 + "@" * 10_000,
        "https://" + "a." * 10_000 + "com",
    ],
    ids=["100KB", "emoji", "rtl", "bidi-controls", "c0-controls", "surrogates", "combining",
         "nul", "punctuation", "long-url"],
)  # fmt: skip
def test_hostile_input_scorer_survives_large_and_odd_texts(scorer, text):
    _score(scorer, text)


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """A real `spotlight serve` on a free loopback port, shared by this module's tests."""
    with Companion(tmp_path_factory.mktemp("hostile")) as companion:
        yield companion
        assert companion.process.poll() is None, "the companion died"


def _request(live, method: str, path: str, body: bytes | None = None) -> tuple[int, object]:
    connection = http.client.HTTPConnection("127.0.0.1", live.port, timeout=120)
    headers = {"Authorization": f"Bearer {live.token}"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        raw = response.read()
        assert response.getheader("Content-Type", "").startswith("application/json"), raw[:200]
        return response.status, json.loads(raw)
    finally:
        connection.close()


def _assert_answered(status: int, body: object) -> None:
    assert 200 <= status < 300 or 400 <= status < 500, (status, body)
    if status >= 400:
        assert isinstance(body, dict) and set(body["error"]) >= {"code", "message"}


def _still_serving(live) -> None:
    status, health = _request(live, "GET", "/api/v1/health")
    assert status == 200 and health["status"] == "ready"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=200),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=20,
)
FIELDS = ["text", "site", "kind", "id", "posted_at", "url", "replied_to", "goal", "store_text",
          "disabled_rules", "own_domains"]  # fmt: skip
bodies = st.one_of(
    json_values,
    st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=8),
    st.fixed_dictionaries(
        {"id": st.text(max_size=30), "text": st.text(max_size=300), "site": st.text(max_size=20)},
        optional={"kind": json_values, "posted_at": st.text(max_size=40), "url": json_values},
    ),
)


@pytest.mark.slow
@HYPOTHESIS
@given(body=bodies, route=st.sampled_from(["POST /api/v1/score", "POST /api/v1/posts",
                                           "PUT /api/v1/settings"]))  # fmt: skip
def test_hostile_input_api_random_json_gets_2xx_or_4xx(live, body, route):
    method, path = route.split()
    # allow_nan: Python's json.loads reads NaN and Infinity, so the server must cope with them
    status, answer = _request(live, method, path, json.dumps(body, allow_nan=True).encode())
    _assert_answered(status, answer)
    if status < 300:
        json.dumps(answer, allow_nan=False)  # what the server sends is strict JSON


@pytest.mark.slow
@HYPOTHESIS
@given(
    raw=st.binary(max_size=300),
    path=st.sampled_from(["/api/v1/score", "/api/v1/posts", "/api/v1/imports"]),
)
def test_hostile_input_api_random_bytes_get_a_json_4xx(live, raw, path):
    _assert_answered(*_request(live, "POST", path, raw))


@pytest.mark.slow
@HYPOTHESIS
@given(
    path=st.sampled_from(["/api/v1/posts", "/api/v1/trends", "/api/v1/people"]),
    query=st.dictionaries(
        st.sampled_from(["since", "until", "site", "label", "limit", "offset", "bucket", "days"]),
        st.text(max_size=30),
        max_size=4,
    ),
)
def test_hostile_input_api_random_queries_get_2xx_or_4xx(live, path, query):
    status, answer = _request(live, "GET", f"{path}?{urllib.parse.urlencode(query)}")
    _assert_answered(status, answer)
    _still_serving(live)


def test_hostile_input_nan_and_infinity_are_not_stored_as_settings(live):
    for goal in (math.nan, math.inf, -math.inf, 1e308):
        body = json.dumps({"goal": goal}, allow_nan=True).encode()
        status, answer = _request(live, "PUT", "/api/v1/settings", body)
        assert status == 400, answer
    status, stored = _request(live, "GET", "/api/v1/settings")
    assert status == 200 and math.isfinite(stored["goal"])


@pytest.mark.slow
def test_hostile_input_schemathesis_finds_no_server_error(live, tmp_path):
    result = subprocess.run(
        [str(Path(sys.executable).parent / "schemathesis"), "run",
         f"http://127.0.0.1:{live.port}/api/v1/openapi.json",
         "-H", f"Authorization: Bearer {live.token}",
         "--checks", "not_a_server_error,content_type_conformance,status_code_conformance,"
         "response_schema_conformance",
         "--phases", "examples,coverage,fuzzing", "--max-examples", "25", "--seed", "5",
         "--report", "junit", "--report-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=900, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-5000:]
    assert "generated" in result.stdout
    _still_serving(live)
