"""Self-promotion: the probability that a draft brags about its author or sells their things.

The rules find the brags the grammar makes plain ("I won", "my new book", "thrilled to
announce"); posts brag in many more ways ("my final grade is a 97", "new whip, old but
quick"). This model reads the words of the draft beside those grammar readings and was
trained on the keyword-sampled bragging tweets of Jin et al. (2022); its threshold and
calibration were chosen on the randomly sampled ones, the distribution real posts have.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...nlp.segments import Draft
from ..features import Cue, Features
from . import _linear
from ._linear import FeatureRow, Reading
from .signal import Signal

ARTIFACT = "self_promotion"
# Rule cues precise enough on the training tweets (precision >= 0.6) to decide the label
# whatever the model says, and calls to action, which sell by definition. A weak cue (a
# trait, a feeling, "my new…", the author's own #humblebrag) counts only with the model.
# A record ("more customers than anyone") is an achievement told as a comparison.
STRONG_CUES = frozenset({"achievement", "record", "honour", "announcement", "call_to_action"})


def featurize(doc: Doc, features: Features, draft: Draft | None = None) -> FeatureRow:
    """The words of the draft and the grammar readings the rule features made of it."""
    row: FeatureRow = {}
    _linear.word_ngrams(doc, row, draft=draft)
    for cue in features.brags:
        _linear.add(row, f"g:brag:{cue.kind}", cue.span)
    if features.brags:
        _linear.add(row, "g:brag", features.brags[0].span)
    for cue in features.calls_to_action:
        _linear.add(row, "g:call_to_action", cue.span)
    for name, cues in (
        ("self", features.self_references),
        ("others", features.other_references),
        ("credit", features.credit),
        ("question", features.questions),
    ):
        for indicator in _linear.counts_as(f"g:{name}", len(cues)):
            _linear.add(row, indicator, cues[0].span if name == "self" else None)
    if features.people:
        _linear.add(row, "g:people", None)
    subjects = (
        _self_subjects(doc)
        if draft is None
        else _linear.per_segment(draft, "signals.self_subjects", _self_subjects)
    )
    for _, start, end in subjects:
        _linear.add(row, "g:self_subject", (start, end))
    return row


def _self_subjects(doc: Doc) -> list[tuple[None, int, int]]:
    """The author as the one who does something: "I made an A", "we broke the record"."""
    return [
        (None, token.idx, token.head.idx + len(token.head.text))
        for token in doc
        if token.lower_ in {"i", "we"} and token.dep_ in {"nsubj", "nsubjpass"}
    ]


def strong_cues(features: Features) -> tuple[Cue, ...]:
    """The rule cues of self-promotion that decide the label on their own."""
    return tuple(cue for cue in features.self_promotion if cue.kind in STRONG_CUES)


def may_decide_alone(features: Features) -> bool:
    """Whether the model may call the draft self-promotion without a strong rule cue.

    Only when the draft speaks of its author (a brag is about oneself: "industry news"
    is not), and the rules did not read it as a lesson shared (a first-person account of
    a failure is the opposite of a brag in Spotlight's rubric).
    """
    return bool(features.self_references) and not features.learning and not features.offers


def read(doc: Doc, features: Features, draft: Draft | None = None) -> dict[str, Reading]:
    """``self_promotion``: how likely the draft promotes its author, and the words why."""
    return {"self_promotion": _linear.load(ARTIFACT).read(featurize(doc, features, draft))}


SIGNAL = Signal(
    id="self_promotion",
    summary="bragging or selling: the author's achievements, possessions, traits or offers",
    artifacts=(ARTIFACT,),
    read=read,
)
