"""Personal voice: the author speaking as a person, "I" with feelings and plain words."""

from __future__ import annotations

from ..features import Features
from ..rule import Rule, Verdict

# Each sign of a person talking lifts the score from a plain start; a few are enough.
START, STEP, MOST = 60, 8, 95


def check(features: Features) -> Verdict | None:
    signs = len(features.personal_voice) + len(features.learning)
    if not signs:
        return None
    return Verdict(score=min(MOST, START + STEP * signs))


RULE = Rule(
    id="personal_voice",
    dimension="human",
    principle="Be the real human (& sometimes flawed) you.",
    weight=1.0,
    check=check,
    summary="‘I’ doing things, feelings, contractions and admitted mistakes: a person talking.",
)
