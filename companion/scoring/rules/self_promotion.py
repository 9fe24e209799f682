"""Self-promotion: bragging and calls to action with no one else in the spotlight."""

from __future__ import annotations

from ..features import Features
from ..rule import Advice, Rule, Verdict
from ._quote import credited, listed, quoted, spans


def check(features: Features) -> Verdict | None:
    promoted = features.self_promotion
    if not promoted:
        return None
    if features.credit:
        names = credited(features, features.credit)
        whom = listed(names) if names else "others"
        return Verdict(
            score=60,
            advice=(
                Advice(
                    f"Your own news ({quoted(promoted, features=features)}) shares the post "
                    f"with credit to {whom}: readers remember the people you name.",
                    severity="info",
                    spans=spans(promoted),
                ),
            ),
        )
    return Verdict(
        score=15,
        advice=(
            Advice(
                f"This is about your own work ({quoted(promoted, features=features)}). Who "
                "made it possible? "
                "Name them and say what they did.",
                severity="warning",
                spans=spans(promoted),
                suggestion="None of this happens without ___, who…",
            ),
        ),
    )


RULE = Rule(
    id="self_promotion",
    dimension="spotlight",
    principle="If every post you have in social media is about your own activities, "
    "then you are missing out on an opportunity to be a leader.",
    weight=2.0,
    check=check,
    summary="Brags (I won, my new book, proud to announce) and calls to action (link in bio).",
)
