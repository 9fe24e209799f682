"""Long sentences: sentences too long to read on a phone in one breath."""

from __future__ import annotations

from ..features import Features
from ..features.voice import LONG_SENTENCE_WORDS
from ..rule import Advice, Rule, Verdict
from ._quote import spans


def check(features: Features) -> Verdict | None:
    long = features.long_sentences
    if not long:
        return None
    count = "A sentence has" if len(long) == 1 else f"{len(long)} sentences have"
    return Verdict(
        score=max(30, 80 - 15 * len(long)),
        advice=(
            Advice(
                f"{count} more than {LONG_SENTENCE_WORDS} words. Split it where you would "
                "pause if you said it out loud.",
                severity="suggestion",
                spans=spans(long),
            ),
        ),
    )


RULE = Rule(
    id="long_sentences",
    dimension="human",
    principle="It will demand that you share more of you.",
    weight=0.5,
    check=check,
    summary=f"Sentences of more than {LONG_SENTENCE_WORDS} words.",
)
