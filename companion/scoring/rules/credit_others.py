"""Credit others: thanks, praise or an introduction aimed at someone other than you."""

from __future__ import annotations

from ..features import Features
from ..rule import Advice, Rule, Verdict
from ._quote import credited, listed, quoted, spans


def check(features: Features) -> Verdict | None:
    given = features.credit
    if not given:
        return None
    names = credited(features, given)
    whom = f" to {listed(names)}" if names else ""
    return Verdict(
        score=min(98, 85 + 5 * len(given)),
        advice=(
            Advice(
                f"You give credit{whom} ({quoted(given, features=features)}). That is the "
                "spotlight at work.",
                severity="info",
                spans=spans(given),
            ),
        ),
    )


RULE = Rule(
    id="credit_others",
    dimension="spotlight",
    principle="I suggest a split between self-promotion and propping up the people in your "
    "network.",
    weight=2.0,
    check=check,
    summary="Thanks, praise and introductions aimed at other people lift the spotlight score.",
)
