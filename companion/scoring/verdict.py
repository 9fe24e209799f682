"""From rule verdicts to the Report: dimension scores, the overall score, the label.

A dimension's score is the weighted mean of the verdicts its rules gave; a dimension no
rule spoke to is not applicable (``None``). The label does not come from scores: it comes
from what the draft does — credit someone, promote yourself, both, or neither — and
:mod:`.bands` keeps the spotlight score and the overall in step with it.
"""

from __future__ import annotations

from collections.abc import Collection

from .bands import fit_to_label, overall_of
from .features import Features
from .offsets import Utf16Offsets
from .registry import RULES
from .report import DIMENSIONS, Label, Nudge, Person, Report, Span

SCORER_VERSION = "1.1.0"
_SEVERITY_ORDER = {"warning": 0, "suggestion": 1, "info": 2}


def label_of(features: Features) -> Label:
    """``promotes_others`` needs credit aimed at someone; naming someone is not enough."""
    gives = bool(features.credit)
    takes = bool(features.self_promotion)
    if gives and takes:
        return "mixed"
    if gives:
        return "promotes_others"
    if takes:
        return "self_promotion"
    return "neutral"


def build_report(features: Features, model: str, disabled_rules: Collection[str] = ()) -> Report:
    """Run every enabled rule on ``features`` and assemble the :class:`Report`."""
    offsets = Utf16Offsets(features.text)
    totals = {dimension: [0.0, 0.0] for dimension in DIMENSIONS}
    nudges: list[Nudge] = []
    for rule in RULES:
        if rule.id in disabled_rules:
            continue
        verdict = rule.check(features)
        if verdict is None:
            continue
        totals[rule.dimension][0] += rule.weight * verdict.score
        totals[rule.dimension][1] += rule.weight
        for advice in verdict.advice:
            nudges.append(
                Nudge(
                    rule=rule.id,
                    dimension=rule.dimension,
                    principle=rule.principle,
                    message=advice.message,
                    severity=advice.severity,
                    spans=tuple(Span(offsets(s), offsets(e)) for s, e in advice.spans),
                    suggestion=advice.suggestion,
                )
            )
    label = label_of(features)
    scores = fit_to_label(
        {
            dimension: round(total / weight) if weight else None
            for dimension, (total, weight) in totals.items()
        },
        label,
    )
    overall = overall_of(scores, label)
    nudges.sort(key=lambda nudge: _SEVERITY_ORDER[nudge.severity])
    return Report(
        label=label,
        self_promotion=label in {"self_promotion", "mixed"},
        promotes_others=label in {"promotes_others", "mixed"},
        scores=scores,
        overall=overall if features.words else 0,
        nudges=tuple(nudges),
        people=tuple(
            Person(text, kind, offsets(start), offsets(end))  # type: ignore[arg-type]
            for text, kind, start, end in features.people
        ),
        features=features.counts(),
        words=features.words,
        model=model,
        scorer_version=SCORER_VERSION,
    )
