"""Hashtag stuffing: more tags than a person writing to people would use."""

from __future__ import annotations

from ..features import Features
from ..rule import Advice, Rule, Verdict
from ._quote import spans

MOST_HASHTAGS = 3


def check(features: Features) -> Verdict | None:
    count = len(features.hashtags)
    if count <= MOST_HASHTAGS:
        return None
    return Verdict(
        score=max(20, 80 - 10 * (count - MOST_HASHTAGS)),
        advice=(
            Advice(
                f"{count} hashtags read like a billboard. Keep the {MOST_HASHTAGS} that "
                "help the right people find this.",
                severity="suggestion",
                spans=spans(features.hashtags[MOST_HASHTAGS:]),
            ),
        ),
    )


RULE = Rule(
    id="hashtag_stuffing",
    dimension="human",
    principle="Be the real human (& sometimes flawed) you.",
    weight=0.5,
    check=check,
    summary=f"More than {MOST_HASHTAGS} hashtags.",
)
