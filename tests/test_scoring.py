"""The scorer's report: its shape, its labels, its offsets, and inputs that are not posts."""

from __future__ import annotations

import json

import pytest

from companion.nlp import split_segments
from companion.scoring import SCORER_VERSION, ScoreError, Scorer
from companion.scoring.registry import RULES
from companion.scoring.report import DIMENSIONS

FEATURE_COUNTS = (
    "gratitude",
    "praise",
    "questions",
    "self_references",
    "other_references",
    "links",
    "hashtags",
)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Thrilled to announce my new book! Link in bio.", "self_promotion"),
        ("I'm so proud of @maria for leading the launch", "promotes_others"),
        (
            "Thanks to Priya Shah and @jon for the review. Grateful for this team.",
            "promotes_others",
        ),
        ("Loved Obama's speech", "neutral"),
        ("https://example.com/article", "neutral"),
        ("Thanks for reading my new book! Use my code for 20% off.", "mixed"),
        ("Excited to share that I've joined Acme as VP of Sales!", "self_promotion"),
        ("Meet @ana.lee, the best designer I know.", "promotes_others"),
        ("The meeting is at three.", "neutral"),
    ],
)
def test_scoring_label(scorer, text, label):
    report = scorer.score(text)
    assert report.label == label
    assert report.self_promotion == (label in {"self_promotion", "mixed"})
    assert report.promotes_others == (label in {"promotes_others", "mixed"})


def test_scoring_report_schema(scorer):
    data = scorer.score(
        "Thanks @maria! What did you learn? https://example.com #teamwork"
    ).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert set(data) >= {
        "label",
        "self_promotion",
        "promotes_others",
        "scores",
        "overall",
        "nudges",
        "people",
        "features",
        "words",
        "model",
        "scorer_version",
    }
    assert set(data["scores"]) == set(DIMENSIONS)
    # A dimension the draft shows nothing about is null (not applicable), never a guess.
    assert all(v is None or (isinstance(v, int) and 0 <= v <= 100) for v in data["scores"].values())
    assert 0 <= data["overall"] <= 100
    for name in FEATURE_COUNTS:
        assert isinstance(data["features"][name], int), name
    assert data["features"]["gratitude"] == 1 and data["features"]["links"] == 1
    assert data["features"]["hashtags"] == 1 and data["features"]["questions"] == 1
    assert data["people"] == [
        {"text": "@maria", "kind": "handle", "start": 7, "end": 13, "entity": "person"}
    ]
    assert data["scorer_version"] == SCORER_VERSION
    assert data["model"].startswith("en_core_web_sm")
    rule_ids = {rule.id for rule in RULES}
    for nudge in data["nudges"]:
        assert nudge["rule"] in rule_ids
        assert nudge["severity"] in {"info", "suggestion", "warning"}
        assert nudge["message"] and nudge["principle"]
        assert all(0 <= s["start"] < s["end"] for s in nudge["spans"])


def test_scoring_nudge_names_the_words(scorer):
    report = scorer.score("I think I need a rest. I worked late again. My evenings, my weekends.")
    focus = next(n for n in report.nudges if n.rule == "self_focus")
    assert "yourself" in focus.message and focus.suggestion
    assert len(focus.spans) >= 5


def test_scoring_is_deterministic(nlp):
    text = "Proud of @ana and the team! We tried three designs and learned a lot. Thoughts?"
    first = Scorer(nlp).score(text).to_dict()
    second = Scorer(nlp)
    second.score("Something else first, to fill the cache.")
    assert second.score(text).to_dict() == first
    assert second.score(text).to_dict() == first  # now from the cache


def test_scoring_cached_and_batch_give_the_same_report(scorer):
    texts = [
        "Thanks to Priya for the review.\nShe caught three bugs.",
        "I won the award 🏆 and I am proud of it! #win",
        "",
    ]
    one_by_one = [scorer.score(text).to_dict() for text in texts]
    batched = [report.to_dict() for report in scorer.score_many(texts)]
    assert batched == one_by_one


def test_scoring_spans_are_utf16_after_emoji(scorer):
    text = "👩🏽‍💻🎉 Thanks to @maria for the review!"
    report = scorer.score(text)
    units = text.encode("utf-16-le")
    (maria,) = report.people
    assert units[maria.start * 2 : maria.end * 2].decode("utf-16-le") == "@maria"
    assert maria.start == len("👩🏽‍💻🎉 Thanks to ".encode("utf-16-le")) // 2
    credit = next(n for n in report.nudges if n.rule == "credit_others")
    words = [units[s.start * 2 : s.end * 2].decode("utf-16-le") for s in credit.spans]
    assert words == ["Thanks"]


def test_scoring_disabled_rules_raise_no_nudges(scorer):
    text = "Thrilled to announce my new book! Link in bio."
    assert any(n.rule == "self_promotion" for n in scorer.score(text).nudges)
    report = scorer.score(text, disabled_rules={"self_promotion"})
    assert not any(n.rule == "self_promotion" for n in report.nudges)
    assert report.label == "self_promotion"  # the label says what the draft does


def test_scoring_a_reply_engages(scorer):
    text = "Agreed, same here."
    assert scorer.score(text, kind="reply").scores["engage"] >= 80
    assert scorer.score(text).scores["engage"] is None  # a post that asks nothing: n/a


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t", "\u200b"])
def test_scoring_empty_text_is_neutral(scorer, text):
    report = scorer.score(text)
    assert report.label == "neutral"
    assert report.words == 0 and report.overall == 0
    assert report.people == ()


@pytest.mark.parametrize(
    "text",
    [
        "Je suis très fier de mon équipe. Merci à Camille !",
        "我们的团队非常棒，谢谢大家！",
        "שלום לכולם, תודה רבה על העזרה",
        "\x00\x01\x02 garbage \ufffd\ufffd \x7f" + "".join(chr(c) for c in range(0x2400, 0x2440)),
        "\ud800 lone surrogate",
        "😀" * 2000,
        "#" * 500 + "@" * 500,
        "a\u0301" * 300,
    ],
)
def test_scoring_odd_text_gives_a_report(scorer, text):
    data = scorer.score(text).to_dict()
    json.dumps(data)
    utf16_length = len(text.encode("utf-16-le", "surrogatepass")) // 2
    for nudge in data["nudges"]:
        assert all(span["end"] <= utf16_length for span in nudge["spans"])


def test_scoring_a_long_text_up_to_the_limit(nlp):
    scorer = Scorer(nlp, max_chars=100_000)
    paragraph = "Thanks to @maria for the review. I learned a lot from her notes.\n"
    text = (paragraph * (100_000 // len(paragraph)))[:100_000]
    report = scorer.score(text)
    assert report.promotes_others
    assert report.words > 15_000


def test_scoring_too_long_is_a_clear_error(nlp):
    scorer = Scorer(nlp, max_chars=1000)
    with pytest.raises(ScoreError, match="1,001 characters.*1,000"):
        scorer.score("x" * 1001)


@pytest.mark.parametrize("value", [None, 42, b"bytes", ["list"]])
def test_scoring_not_a_string_is_a_clear_error(scorer, value):
    with pytest.raises(ScoreError, match="must be a string"):
        scorer.score(value)


def test_scoring_segments_of_a_typed_draft_come_from_the_cache(nlp):
    scorer = Scorer(nlp)
    draft = "Thanks to Priya for the review. She caught three bugs. What would you add"
    scorer.score(draft)
    misses = scorer.parser.misses
    scorer.score(draft + "?")
    assert scorer.parser.misses == misses + 1  # only the edited last sentence
    assert len(split_segments(draft)) == 3
