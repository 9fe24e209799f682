"""Bare link: a link with too few words of your own to say why it matters."""

from __future__ import annotations

from ..features import Features
from ..rule import Advice, Rule, Verdict
from ._quote import spans

# Fewer own words than this beside a link leave the reader guessing why to click.
COMMENTARY_WORDS = 12


def check(features: Features) -> Verdict | None:
    if not features.links:
        return None
    if features.own_words >= COMMENTARY_WORDS:
        return Verdict(score=85)
    return Verdict(
        score=max(5, 10 * features.own_words // 2),
        advice=(
            Advice(
                f"The link carries {features.own_words} words of yours. Say what you took "
                "from it and whom it will help.",
                severity="warning",
                spans=spans(features.links),
                suggestion="What stayed with me: … Worth it if you…",
            ),
        ),
    )


RULE = Rule(
    id="bare_link",
    dimension="substance",
    principle="The link alone is useless.",
    weight=2.0,
    check=check,
    summary=f"A link with fewer than {COMMENTARY_WORDS} words of your own.",
)
