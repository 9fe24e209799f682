"""The readings an edit re-reads per segment this round (issue 15): the signals' word
n-grams gathered from each segment's own (with the bigram over each segment's end), the
signals read from them without a row, the person signal's probability weighed once per
row, the brag tags and the opening honours read per segment. Each is checked against the
same reading of one plain Doc (no segments, no memo), across segment ends."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc
from test_signal_cache import SENTENCES

from companion.nlp import DraftParser, split_segments
from companion.scoring.features import claims, extract
from companion.scoring.signals import _linear, credit, person, self_promotion

MORE = [
    "Named to the Forbes 30 under 30 list this year! ",
    "Shortlisted for the design award. ",
    "#humblebrag #bragging\n",
    "so happy\n\n\n",
    "  ",
]
DRAFT = st.lists(st.sampled_from(SENTENCES + MORE), min_size=1, max_size=8)


def _whole(nlp, text: str) -> Doc:
    draft = DraftParser(nlp).parse_draft(text)
    if len(draft.segments) < 2:
        return draft.doc
    return Doc.from_docs([segment.doc for segment in draft.segments], ensure_whitespace=False)


@pytest.fixture
def unrounded(monkeypatch):
    """Readings with their probabilities as computed, not rounded: equal to the last bit.
    The person signal's weighed rows are forgotten before and after (none kept rounded
    comes in, none unrounded goes out)."""
    person._probability.cache_clear()
    monkeypatch.setattr(_linear, "round", lambda value, digits: value, raising=False)
    yield
    person._probability.cache_clear()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pieces=DRAFT, typed=st.integers(0, 30))
def test_draft_readings_word_grams_and_signals_read_as_whole(nlp, unrounded, pieces, typed):
    parser = DraftParser(nlp)  # one cache for the edits, as a typing user has
    before = "".join(pieces)
    for text in (before, before + "and thanks to everyone who reviewed it"[:typed]):
        draft = parser.parse_draft(text)
        whole = _whole(nlp, text)
        assert draft_grams_of(draft) == _linear._count(_linear._words(whole)), text
        features, cold = extract(draft.doc, draft=draft), extract(whole)
        assert features == cold
        words = _linear.draft_grams(draft)
        model = _linear.load(self_promotion.ARTIFACT)
        assert model.read(self_promotion._readings(draft.doc, features, draft), words=words) == (
            model.read(self_promotion.featurize(whole, cold))
        ), text
        for name in (credit.GRATITUDE, credit.PRAISE):
            model = _linear.load(name)
            assert model.read(credit._readings(features), words=words) == model.read(
                credit.featurize(whole, cold)
            ), (name, text)
        _person_probabilities_read_as_rows(whole, cold)


def draft_grams_of(draft) -> dict:
    return {name: list(spans) for name, spans in _linear.draft_grams(draft).grams.items()}


def _person_probabilities_read_as_rows(doc: Doc, features) -> None:
    model = _linear.load(person.ARTIFACT)
    ruled = {(start, end) for _, _, start, end in person.rule_people(doc, features)}
    for mention in person.candidates(doc, features):
        by_rule = (mention[2], mention[3]) in ruled
        row = person.featurize(doc, mention, by_rule)
        place = person._placed(doc, mention)
        assert person._probability(mention[0], mention[1], by_rule, place) == (
            model.read(row).probability
        ), mention


def test_draft_readings_a_bigram_over_a_segment_end(nlp):
    """The bigram from a segment's last word to the next one's first, over an empty
    segment between them too, is read as in the whole text."""
    text = "We won it.\n   \nThanks @ana! Really"
    assert split_segments(text) == ["We won it.\n", "   \n", "Thanks @ana! ", "Really"]
    draft = DraftParser(nlp).parse_draft(text)
    grams = _linear.draft_grams(draft).grams
    assert grams[". thanks"] == ((9, 21),)
    assert grams["! really"] == ((26, 34),)
    assert draft_grams_of(draft) == _linear._count(_linear._words(_whole(nlp, text)))


def test_draft_readings_evidence_beyond_the_top_word_grams(nlp, unrounded):
    """A feature read from the same words as an n-gram adds to that n-gram's lift (a
    superlative read from "best", said once): the draft path must add them up too."""
    text = "I am the best. We shipped the best release. My best work!"
    draft = DraftParser(nlp).parse_draft(text)
    whole = _whole(nlp, text)
    features = extract(draft.doc, draft=draft)
    model = _linear.load(self_promotion.ARTIFACT)
    row = self_promotion.featurize(whole, extract(whole))
    rest = self_promotion._readings(draft.doc, features, draft)
    read_as_words = {spans for name, (_, spans) in row.items() if name.startswith("w:")}
    assert any(spans in read_as_words for _, spans in rest.values())  # "best", three times
    words = _linear.draft_grams(draft)
    assert words.sharing({spans for _, spans in rest.values() if spans})
    assert model.read(rest, words=words) == model.read(row)


@pytest.mark.parametrize(
    "text",
    [
        "We shipped it. Named to the Forbes 30 under 30 list this year! ",
        "Thanks all.\nShortlisted for the design award. Named by @ana as lead. ",
        "I rebuilt it myself.\n\n#humblebrag",
        "#humblebrag\nI won the regional award this year!",
    ],
)
def test_draft_readings_brags_over_segments(nlp, text):
    """The opening honours and brag tags read per segment give the whole text's brags,
    at the whole text's offsets."""
    assert len(split_segments(text)) > 1
    draft = DraftParser(nlp).parse_draft(text)
    whole = _whole(nlp, text)
    cached, cold = extract(draft.doc, draft=draft).brags, extract(whole).brags
    assert cached == cold
    assert cold and all(text[cue.start : cue.end] == cue.text for cue in cold)
    assert {cue.kind for cue in claims.candidates(whole)} & {"honour", "declared_brag"}
