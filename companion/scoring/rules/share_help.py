"""Share help: advice, steps or resources the reader can use."""

from __future__ import annotations

from ..features import Features
from ..rule import Advice, Rule, Verdict

WORDS_BEFORE_HELPING = 20


def check(features: Features) -> Verdict | None:
    if features.advice:
        return Verdict(score=min(95, 70 + 10 * len(features.advice)))
    if features.own_words < WORDS_BEFORE_HELPING or not features.self_promotion:
        return None
    return Verdict(
        score=40,
        advice=(
            Advice(
                "What could a reader take from this for their own work? Add one thing they "
                "can try, or a resource that helped you.",
                severity="suggestion",
                suggestion="If you're facing the same thing, try…",
            ),
        ),
    )


RULE = Rule(
    id="share_help",
    dimension="help",
    principle="Share stuff to help others solve problems for themselves.",
    weight=1.0,
    check=check,
    summary="Advice, tips and steps addressed to the reader.",
)
