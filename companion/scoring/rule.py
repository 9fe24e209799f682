"""The shape of a rule: what it is called, what it serves, and the verdict it returns."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from .report import Severity

if TYPE_CHECKING:
    from .features import Features


@dataclasses.dataclass(frozen=True)
class Advice:
    """A nudge before it is tied to its rule; ``spans`` are code-point offsets."""

    message: str
    severity: Severity = "suggestion"
    spans: tuple[tuple[int, int], ...] = ()
    suggestion: str | None = None


@dataclasses.dataclass(frozen=True)
class Verdict:
    """A rule's judgement of a draft: a 0-100 score for its dimension and its advice."""

    score: int
    advice: tuple[Advice, ...] = ()


@dataclasses.dataclass(frozen=True)
class Rule:
    """One rule: registered in :mod:`companion.scoring.registry`, defined in its own module.

    ``check`` returns ``None`` when the rule has nothing to say about a draft, so that it
    does not pull its dimension's score either way.
    """

    id: str
    dimension: str
    principle: str
    weight: float
    check: Callable[[Features], Verdict | None]
    summary: str
