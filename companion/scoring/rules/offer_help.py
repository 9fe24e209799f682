"""Offer help: say what you can do for the reader."""

from __future__ import annotations

from ..features import Features
from ..rule import Rule, Verdict


def check(features: Features) -> Verdict | None:
    return Verdict(score=90) if features.offers else None


RULE = Rule(
    id="offer_help",
    dimension="help",
    principle="Connect with people to deliver them value.",
    weight=1.0,
    check=check,
    summary="Offers such as ‘happy to review’ or ‘DM me if you need an intro’.",
)
