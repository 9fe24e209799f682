"""What the scorer answers: the Report, its Nudges and the people it found.

Offsets in a Report are UTF-16 code units, the unit JavaScript strings index, so the
extension can highlight words after an emoji without converting anything.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

from ..vocabulary import DIMENSIONS, Label

__all__ = ["DIMENSIONS", "Label", "Nudge", "Person", "Report", "Severity", "Span"]

Severity = Literal["info", "suggestion", "warning"]


@dataclasses.dataclass(frozen=True)
class Span:
    """A stretch of the draft, ``start``/``end`` in UTF-16 code units."""

    start: int
    end: int


@dataclasses.dataclass(frozen=True)
class Nudge:
    """One piece of advice, tied to the rule that raised it and the words it is about."""

    rule: str
    dimension: str
    principle: str
    message: str
    severity: Severity
    spans: tuple[Span, ...] = ()
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        # Field by field: dataclasses.asdict deep-copies every value, which made turning a
        # long draft's report into JSON cost half a millisecond of every /score.
        data = {
            "rule": self.rule,
            "dimension": self.dimension,
            "principle": self.principle,
            "message": self.message,
            "severity": self.severity,
            "spans": [{"start": span.start, "end": span.end} for span in self.spans],
        }
        if self.suggestion is not None:
            data["suggestion"] = self.suggestion
        return data


@dataclasses.dataclass(frozen=True)
class Person:
    """Someone the draft names or @mentions; offsets in UTF-16 code units.

    ``entity`` is ``person``, or ``organisation`` for a brand's, newsroom's, team's or
    event's account or name (the learned person signal tells them apart).
    """

    text: str
    kind: Literal["name", "handle"]
    start: int
    end: int
    entity: Literal["person", "organisation"] = "person"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "entity": self.entity,
        }


@dataclasses.dataclass(frozen=True)
class Report:
    """The scorer's verdict on one text. ``to_dict`` gives the JSON the API returns."""

    label: Label
    self_promotion: bool
    promotes_others: bool
    scores: dict[str, int | None]  # None: the draft shows nothing either way
    overall: int
    nudges: tuple[Nudge, ...]
    people: tuple[Person, ...]
    features: dict[str, Any]
    words: int
    model: str
    scorer_version: str
    language: str = "en"  # ISO 639-1; Spotlight coaches English (scoring/language.py)

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "self_promotion": self.self_promotion,
            "promotes_others": self.promotes_others,
            "scores": dict(self.scores),
            "overall": self.overall,
            "nudges": [nudge.to_dict() for nudge in self.nudges],
            "people": [person.to_dict() for person in self.people],
            "features": dict(self.features),
            "words": self.words,
            "model": self.model,
            "scorer_version": self.scorer_version,
            "language": self.language,
        }
