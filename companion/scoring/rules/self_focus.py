"""Self focus: a draft that mentions only its author."""

from __future__ import annotations

from ..features import Features
from ..rule import Advice, Rule, Verdict
from ._quote import spans

ENOUGH_TO_NOTICE = 3


def check(features: Features) -> Verdict | None:
    mine = len(features.self_references)
    others = len(features.other_references) + len(features.people)
    if mine == 0 and others == 0:
        return None
    # A brag already asks who made it possible; a lesson or advice is rightly about you.
    asked_elsewhere = features.self_promotion or features.learning or features.advice
    if others == 0 and mine >= ENOUGH_TO_NOTICE and not asked_elsewhere:
        return Verdict(
            score=20,
            advice=(
                Advice(
                    f"You mention yourself {mine} times and no one else. Who helped, "
                    "taught or inspired you? Name them.",
                    severity="warning",
                    spans=spans(features.self_references),
                    suggestion="Thanks to ___ for…",
                ),
            ),
        )
    share = others / (mine + others)
    return Verdict(score=round(30 + 70 * share))


RULE = Rule(
    id="self_focus",
    dimension="spotlight",
    principle="Are they all about you or do you praise and promote others?",
    weight=1.0,
    check=check,
    summary="Counts references to you (I, me, my) against references to other people.",
)
