"""Invite responses: ask a question or ask for the reader's view."""

from __future__ import annotations

from ..features import Features
from ..rule import Advice, Rule, Verdict

# A one-liner need not end with a question; a post long enough to make a point should ask.
WORDS_BEFORE_ASKING = 25


def check(features: Features) -> Verdict | None:
    asks = features.questions + features.invitations
    if asks:
        return Verdict(score=min(95, 75 + 10 * len(asks)))
    # A thank-you, a congratulation, an introduction or a reply has a purpose of its own:
    # asking the reader a question there would turn the spotlight back onto the author.
    if features.own_words < WORDS_BEFORE_ASKING or features.credit or features.offers:
        return None
    if features.kind in {"reply", "comment"}:
        return None
    return Verdict(
        score=35,
        advice=(
            Advice(
                "You tell, but you don't ask. End with a question that invites others in.",
                severity="suggestion",
                suggestion="What would you add?",
            ),
        ),
    )


RULE = Rule(
    id="invite_responses",
    dimension="engage",
    principle="Listen first. The network doesn't need another opinion; it needs your "
    "response to and your engagement in the conversations already going on.",
    weight=1.0,
    check=check,
    summary="Questions (with or without ?) and invitations such as ‘let me know’.",
)
