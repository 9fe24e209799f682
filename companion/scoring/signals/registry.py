"""The one list of learned signals. Add one: write its module in signals/, list it here.

Each signal is computed once per draft by :func:`read_all`; a test checks that every module
in signals/ is listed here, described in docs/model.md and tested.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

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


def read_all(doc: Doc, features: Features) -> dict[str, Any]:
    """Every signal's readings of one draft, by reading name."""
    readings: dict[str, Any] = {}
    for signal in SIGNALS:
        readings.update(signal.read(doc, features))
    return readings
