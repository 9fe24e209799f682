"""Corporate speak: jargon, clichés and press-release phrases (proselint's checks and ours)."""

from __future__ import annotations

from ..features import Features
from ..rule import Advice, Rule, Verdict
from ._quote import quoted, spans


def check(features: Features) -> Verdict | None:
    if not features.jargon:
        return None  # no jargon is no evidence of a human voice: personal_voice looks
    return Verdict(
        score=max(20, 80 - 20 * len(features.jargon)),
        advice=(
            Advice(
                f"{quoted(features.jargon)} sounds like a press release. Say it the way "
                "you would to a colleague over coffee.",
                severity="suggestion",
                spans=spans(features.jargon),
            ),
        ),
    )


RULE = Rule(
    id="corporate_speak",
    dimension="human",
    principle="You can't have a conversation with a corporate cardboard facade or get help "
    "from a PR bot.",
    weight=1.0,
    check=check,
    summary="Corporate catchphrases, jargon and clichés, and ‘thrilled to announce’.",
)
