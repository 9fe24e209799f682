"""Shouting: words in capitals and runs of !!! or ???."""

from __future__ import annotations

from ..features import Features
from ..rule import Advice, Rule, Verdict
from ._quote import quoted, spans


def check(features: Features) -> Verdict | None:
    if not features.shouting:
        return None
    return Verdict(
        score=40,
        advice=(
            Advice(
                f"{quoted(features.shouting)} reads as shouting. Let the words carry it.",
                severity="suggestion",
                spans=spans(features.shouting),
            ),
        ),
    )


RULE = Rule(
    id="shouting",
    dimension="human",
    principle="This is an opportunity to be more human and to use deeper connection and "
    "communication.",
    weight=0.5,
    check=check,
    summary="Several words in capitals, or !!! and ???.",
)
