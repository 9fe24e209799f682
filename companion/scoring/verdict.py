"""From rule verdicts to the Report: dimension scores, the overall score, the label.

A dimension's score is the weighted mean of the verdicts its rules gave; a dimension no
rule spoke to is not applicable (``None``). The label does not come from scores: it comes
from what the draft does — credit someone, promote yourself, both, or neither — and
:mod:`.bands` keeps the spotlight score and the overall in step with it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from .bands import fit_to_label, overall_of
from .features import Features
from .offsets import Utf16Offsets
from .registry import RULES
from .report import DIMENSIONS, Label, Nudge, Person, Report, Span
from .signals.credit import LABEL_THRESHOLD as CREDIT_ALONE
from .signals.self_promotion import may_decide_alone, strong_cues

SCORER_VERSION = "1.2.0"  # 1.2: the learned signals decide beside the rules
_SEVERITY_ORDER = {"warning": 0, "suggestion": 1, "info": 2}


def label_of(features: Features, signals: Mapping[str, Any] | None = None) -> Label:
    """What the draft does: credit someone, promote its author, both, or neither.

    Without learned signals, the rules' cues decide. With them, credit is a rule's thanks
    or praise aimed at someone else, or the credit model sure on its own (p >= 0.8);
    promotion is a strong rule cue (an achievement, an honour, an announcement, a call to
    action) or the self-promotion model above its threshold on a draft that speaks of its
    author and shares no lesson (surer beside credit to someone else): a weak cue alone (a
    trait, "my new…") needs the model to agree. Either way :func:`label_evidence` names the words.
    """
    gives, takes = (bool(spans) for spans in label_evidence(features, signals))
    if gives and takes:
        return "mixed"
    if gives:
        return "promotes_others"
    if takes:
        return "self_promotion"
    return "neutral"


def label_evidence(
    features: Features, signals: Mapping[str, Any] | None = None
) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """The code-point spans behind each side of the label: (credit, self-promotion).

    A side with no spans is not part of the label. Rule cues come first; a model that
    decided alone brings the words that raised its probability most.
    """
    give = tuple(cue.span for cue in features.credit)
    if signals is None:
        return give, tuple(cue.span for cue in features.self_promotion)
    credit, promotion = signals["credit"], signals["self_promotion"]
    if not give and credit.probability >= CREDIT_ALONE:
        give = credit.evidence or ((0, len(features.text)),)
    take: tuple[tuple[int, int], ...] = tuple(cue.span for cue in strong_cues(features))
    if promotion.decided and may_decide_alone(features, promotion.probability):
        weak = tuple(cue.span for cue in features.self_promotion if cue.span not in take)
        take += weak or promotion.evidence or ((0, len(features.text)),)
    return give, take


def features_of(
    features: Features, signals: Mapping[str, Any] | None, offsets: Utf16Offsets
) -> dict[str, Any]:
    """The report's ``features``: the rules' counts, and the signals' rounded probabilities
    with the words behind the label (UTF-16 spans, as nudges carry them)."""
    counts = features.counts()
    if signals is not None:
        for name in ("self_promotion", "credit", "gratitude", "praise"):
            counts[f"p_{name}"] = round(signals[name].probability, 3)
    give, take = label_evidence(features, signals)
    counts["label_spans"] = {
        side: [{"start": offsets(start), "end": offsets(end)} for start, end in spans]
        for side, spans in (("credit", give), ("self_promotion", take))
    }
    return counts


def build_report(
    features: Features,
    model: str,
    disabled_rules: Collection[str] = (),
    signals: Mapping[str, Any] | None = None,
) -> Report:
    """Run every enabled rule on ``features`` and assemble the :class:`Report`.

    ``signals`` are the learned readings of :func:`.signals.registry.read_all`, computed
    once per draft by the scorer; without them the rules alone decide.
    """
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
    label = label_of(features, signals)
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
        people=_people(features, signals, offsets),
        features=features_of(features, signals, offsets),
        words=features.words,
        model=model,
        scorer_version=SCORER_VERSION,
    )


def _people(
    features: Features, signals: Mapping[str, Any] | None, offsets: Utf16Offsets
) -> tuple[Person, ...]:
    """The rules' people, or with signals every mention judged person or organisation."""
    if signals is None:
        return tuple(
            Person(text, kind, offsets(start), offsets(end))  # type: ignore[arg-type]
            for text, kind, start, end in features.people
        )
    return tuple(
        Person(m.text, m.kind, offsets(m.start), offsets(m.end), m.entity)  # type: ignore[arg-type]
        for m in signals["people"]
    )
