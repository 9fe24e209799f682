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


# The grammar a brag is made of, whatever its words: the keyword-sampled training tweets
# brag with "#humblebrag" and "proud", posts sampled at random as often with "I got", "my
# car", "I'm good at": first person with what it did, what it owns, what it is.
SELF_SUBJECTS = frozenset({"i", "we"})
SELF_POSSESSIVES = frozenset({"my", "our"})


def featurize(doc: Doc, features: Features, draft: Draft | None = None) -> FeatureRow:
    """The words of the draft and the grammar readings the rule features made of it."""
    row: FeatureRow = {}
    _linear.word_ngrams(doc, row, draft=draft)
    row.update(_readings(doc, features, draft))  # no name of it is a word's
    return row


def _readings(doc: Doc, features: Features, draft: Draft | None) -> FeatureRow:
    """The grammar readings of :func:`featurize`: its row without the words."""
    row: FeatureRow = {}
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
    grammar = (
        _author_grammar(doc)
        if draft is None
        else _linear.per_segment(draft, "signals.author_grammar", _author_grammar)
    )
    for name, start, end in grammar:
        _linear.add(row, name, (start, end))
    return row


def _author_grammar(doc: Doc) -> list[tuple[str, int, int]]:
    """The grammar features of the author's brags in ``doc``, in token order, with their
    spans; read per segment (a segment's heads are the draft's) and kept in its memo."""
    found: list[tuple[str, int, int]] = []
    for token in doc:
        if token.lower_ in SELF_SUBJECTS and token.dep_ in {"nsubj", "nsubjpass"}:
            found += _author_as_subject(token)
        elif token.lower_ in SELF_POSSESSIVES and token.dep_ == "poss":
            found += _author_as_owner(token)
        elif token.tag_ in {"JJS", "RBS"}:
            found.append(("g:superlative", *_extent(token, token)))
    return found


def _extent(first, last) -> tuple[int, int]:
    start, end = sorted((first, last), key=lambda token: token.idx)
    return start.idx, end.idx + len(end.text)


def _author_as_subject(token) -> list[tuple[str, int, int]]:
    """The author does or is something: "I made an A", "we won", "I'm so good at this"."""
    head = token.head
    span = _extent(token, head)
    # The author as the one who does something: "I made an A", "we broke the record".
    found = [("g:self_subject", *span), (f"g:self_verb:{head.lemma_.lower()}", *span)]
    if head.tag_ in {"VBD", "VBN"}:  # done, not planned: achievements are told in the past
        found.append(("g:self_past", *span))
    if head.lemma_ == "be" or head.pos_ == "AUX":
        for child in head.children:
            if child.dep_ in {"acomp", "attr"}:  # a self-description: "I'm good", "I am a pro"
                described = _extent(token, child)
                found.append(("g:self_is", *described))
                found.append((f"g:self_is:{child.lemma_.lower()}", *described))
    return found


def _author_as_owner(token) -> list[tuple[str, int, int]]:
    """What the author has, and whether it is described: "my new car", "our team"."""
    head = token.head
    span = _extent(token, head)
    found = [("g:mine", *span), (f"g:mine:{head.lemma_.lower()}", *span)]
    if any(child.dep_ == "amod" for child in head.children):
        found.append(("g:mine_described", *span))
    return found


def strong_cues(features: Features) -> tuple[Cue, ...]:
    """The rule cues of self-promotion that decide the label on their own."""
    return tuple(cue for cue in features.self_promotion if cue.kind in STRONG_CUES)


# The model's own cut where the rules read credit aimed at someone else. The annotators of
# the bragging tweets counted pride in one's close network ("so proud of my brother") and
# "the best engineers I've worked with" as brags; in Spotlight's rubric such a post lifts
# someone up, and "mixed" needs the model surer than its threshold. Chosen on the judgement
# suite (the product's rubric), as credit.LABEL_THRESHOLD was, not on the bragging tweets:
# the lowest cut, in steps of 0.05, that keeps the suite at 97% or more with no group
# under 85% (0.15: 96.8%, a group at 82%; 0.2: 97.8%).
BESIDE_CREDIT = 0.2


def may_decide_alone(features: Features, probability: float = 1.0) -> bool:
    """Whether the model, at ``probability``, may call the draft self-promotion alone.

    Only when the draft speaks of its author (a brag is about oneself: "industry news"
    is not, nor are "my brother" and "engineers I've worked with", which frame someone
    else: :func:`..features.focus.self_beside_others`), the rules did not read it as a
    lesson shared (a first-person account of a failure is the opposite of a brag in
    Spotlight's rubric) or an offer of help, and, where the draft credits someone else,
    the model is sure (:data:`BESIDE_CREDIT`).
    """
    if features.credit and probability < BESIDE_CREDIT:
        return False
    speaks_of_self = len(features.self_references) > len(features.self_beside_others)
    return speaks_of_self and not features.learning and not features.offers


def read(doc: Doc, features: Features, draft: Draft | None = None) -> dict[str, Reading]:
    """``self_promotion``: how likely the draft promotes its author, and the words why."""
    model = _linear.load(ARTIFACT)
    if draft is None:
        return {"self_promotion": model.read(featurize(doc, features))}
    # The draft's words as featurize would put them first in the row, without the row.
    words = _linear.draft_grams(draft)
    return {"self_promotion": model.read(_readings(doc, features, draft), words=words)}


SIGNAL = Signal(
    id="self_promotion",
    summary="bragging or selling: the author's achievements, possessions, traits or offers",
    artifacts=(ARTIFACT,),
    read=read,
)
