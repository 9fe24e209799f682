"""The one list of learned signals. Add one: write its module in signals/, list it here.

Each signal is computed once per draft by :func:`read_all`; a test checks that every module
in signals/ is listed here, described in docs/model.md and tested.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from ...nlp.segments import Draft
from ..features import Features
from . import credit, person, self_promotion
from .signal import Signal

SIGNALS: tuple[Signal, ...] = (
    self_promotion.SIGNAL,
    credit.SIGNAL,
    person.SIGNAL,
)


def load_signals() -> None:
    """Read every artifact now: the scorer does this once, with the pipeline."""
    for signal in SIGNALS:
        signal.load()


def read_all(doc: Doc, features: Features, draft: Draft | None = None) -> dict[str, Any]:
    """Every signal's readings of one draft, by reading name.

    ``draft``: ``doc`` as the parser's segments, whose memos keep what each signal read
    from a segment alone; the readings are the same with or without it.
    """
    readings: dict[str, Any] = {}
    for signal in SIGNALS:
        readings.update(signal.read(doc, features, draft))
    return readings
