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
                # Said of a lesson ("I was wrong") and of an open draft ("Feedback
                # welcome") alike: both are learning in the open.
                f"{quoted(features.learning)}: learning in the open invites others to "
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
