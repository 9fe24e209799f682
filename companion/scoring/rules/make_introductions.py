"""Make introductions: connect people in your network to each other."""

from __future__ import annotations

from ..features import Features
from ..rule import Rule, Verdict


def check(features: Features) -> Verdict | None:
    return Verdict(score=95) if features.introductions else None


RULE = Rule(
    id="make_introductions",
    dimension="help",
    principle="Make connections & help others find those who can help them.",
    weight=1.0,
    check=check,
    summary="Introductions such as ‘meet @ana’ or ‘you should talk to Jon’.",
)
