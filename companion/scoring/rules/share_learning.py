"""Share learning: mistakes, experiments and lessons, told plainly."""

from __future__ import annotations

from ..features import Features
from ..rule import Advice, Rule, Verdict
from ._quote import quoted, spans


def check(features: Features) -> Verdict | None:
    if not features.learning:
        return None
    return Verdict(
        score=min(98, 72 + 8 * len(features.learning)),
        advice=(
            Advice(
                f"{quoted(features.learning)}: sharing what you learned invites others to "
                "learn with you.",
                severity="info",
                spans=spans(features.learning),
            ),
        ),
    )


RULE = Rule(
    id="share_learning",
    dimension="learn",
    principle="Experiment, learn & change stuff… being permanently beta.",
    weight=1.0,
    check=check,
    summary="‘I was wrong’, ‘we tried’, ‘what I learned’, ‘feedback welcome’.",
)
