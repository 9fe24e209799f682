"""Credit: the probability that a draft thanks or admires someone other than its author.

Two heads, trained on GoEmotions' Reddit comments: gratitude (label 15) and admiration
(label 0), each over the draft's words and the rule features' readings of thanks and
praise and whom they are aimed at. Credit is the likelier of the two; praise the rules
see aimed at the author ("I'm the best") is a brag and never feeds it.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...nlp.segments import Draft
from ..features import Features
from . import _linear
from ._linear import FeatureRow, Reading
from .signal import Signal

GRATITUDE, PRAISE = "gratitude", "praise"
# How sure the model must be to give a draft credit when no rule cue of thanks or praise
# aimed at someone agrees. The heads' own thresholds are chosen for GoEmotions, whose
# admiration covers celebrities, books and links; Spotlight's credit lifts up someone in
# the author's network, and below this the model alone mistook admiring a famous founder
# or a link for it (docs/model.md, "How the label decides").
LABEL_THRESHOLD = 0.8


def featurize(doc: Doc, features: Features, draft: Draft | None = None) -> FeatureRow:
    """The words of the draft and the thanks and praise the rules found in it."""
    row: FeatureRow = {}
    _linear.word_ngrams(doc, row, draft=draft)
    row.update(_readings(features))  # no name of it is a word's
    return row


def _readings(features: Features) -> FeatureRow:
    """The rule readings of :func:`featurize`: its row without the words."""
    row: FeatureRow = {}
    for cue in features.gratitude + features.praise:
        _linear.add(row, f"g:{cue.kind}", cue.span)
        _linear.add(row, f"g:{cue.kind}:{cue.target or 'none'}", cue.span)
    for cue in features.credit:
        _linear.add(row, "g:credit", cue.span)
    if features.brags:
        _linear.add(row, "g:brag", None)
    for name, cues in (
        ("self", features.self_references),
        ("others", features.other_references),
        ("question", features.questions),
    ):
        for indicator in _linear.counts_as(f"g:{name}", len(cues)):
            _linear.add(row, indicator, None)
    return row


def read(doc: Doc, features: Features, draft: Draft | None = None) -> dict[str, Reading]:
    """``gratitude``, ``praise`` and ``credit`` (the likelier of the two)."""
    if draft is None:
        row, words = featurize(doc, features), None
    else:  # the draft's words as featurize would put them first in the row, without the row
        row, words = _readings(features), _linear.draft_grams(draft)
    gratitude = _linear.load(GRATITUDE).read(row, words=words)
    praise = _linear.load(PRAISE).read(row, words=words)
    credit = max(gratitude, praise, key=lambda reading: reading.probability)
    if gratitude.decided != praise.decided:
        credit = gratitude if gratitude.decided else praise
    return {"gratitude": gratitude, "praise": praise, "credit": credit}


SIGNAL = Signal(
    id="credit",
    summary="credit given: thanks or admiration aimed at someone other than the author",
    artifacts=(GRATITUDE, PRAISE),
    read=read,
)
