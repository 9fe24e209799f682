"""Join the conversation: a reply, or a post that builds on what someone else said."""

from __future__ import annotations

from ... import lexicon
from ...vocabulary import ANSWER_KINDS
from ..features import Features
from ..rule import Rule, Verdict

BUILDING_ON = lexicon.pattern("conversation", "building_on", end="")


def check(features: Features) -> Verdict | None:
    if features.kind in ANSWER_KINDS:
        return Verdict(score=90)
    if BUILDING_ON.search(features.text):
        return Verdict(score=85)
    return None


RULE = Rule(
    id="join_conversation",
    dimension="engage",
    principle="The network needs your response to and your engagement in the "
    "conversations already going on.",
    weight=1.0,
    check=check,
    summary="Replies and comments, and posts that build on or quote someone else's idea.",
)
