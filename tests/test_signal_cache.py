"""The learned signals read each segment once and keep it with the segment in the draft
cache (issue 15): a draft scored through the cache, edit after edit, gets the report a
cold score of the same text gets, down to the rounded probabilities, the evidence and the
language (detected segment by segment, against the whole text's detection here)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from companion.nlp import DraftParser, split_segments
from companion.nlp.segments import Draft
from companion.scoring import Scorer, _in_language
from companion.scoring.features import Features, extract, helpfulness, names, people, praise
from companion.scoring.language import detect_language
from companion.scoring.signals import _linear, person
from companion.scoring.signals.registry import read_all
from companion.scoring.verdict import build_report
from companion.vocabulary import KINDS

# Sentences that move every signal: thanks and praise (credit), first-person achievements
# (self-promotion, "I" as the subject), handles and names (person), emoji, links, numbers.
SENTENCES = [
    "Huge thanks to @maria for the review.",
    "I won the regional award this year!",
    "We shipped the migration in 3 weeks. ",
    "Meet Priya Patel, who rebuilt our onboarding",
    "My new course is live, link in bio: https://example.com/course",
    "Shout-out to @sam_ops and @NYTimes 🙏🏽",
    "What would you change about the release process?",
    "I was wrong about remote pairing.",
    "Kwame's write-up is the clearest thing I've read",
    "Proud of my team 🚀\n",
    "so grateful for everyone who showed up",
    "\n\n",
    "Thrilled to announce that I joined @acme_corp as CTO. ",
    # Brags found word by word, by the whole post (#humblebrag) and excused by an offer.
    "My talk sold out in an hour. ",
    "Third book. Third bestseller. ",
    "#humblebrag\n",
    "Happy to share my template, just DM me. ",
    "WE DID IT!!! ",
    # Phrases and runs over a segment's end (matched segment by segment), and drafts in
    # another language (detected segment by segment): the cache must not see them otherwise.
    "Thanks to\n",
    "It. ",
    "Let me know   \n",
    "!!! ",
    # Names, praise and introductions whose reading goes on past a segment's end: a run of
    # proper nouns after "Jr." and "Inc.", a name said to someone that runs on, a praise
    # word after the sentence that names the person, a product after "Meet", a handle's
    # name echoed, capitals and lowercase given names.
    "Thanks to Acme Inc. ",
    "Great work on the release, Priya Jr. ",
    "Bob Smith said it best. ",
    "@tanvi's post on hiring. ",
    "Best thing I've read this month. ",
    "Meet Orbit. ",
    "The calendar that plans your week. ",
    "@elynElina thanks elyn! ",
    "say hi to HARRY STYLES\n",
    "calum hood",
    "Loved Obama's speech. ",
    "Rev. ",
    "Kwame Asante and Sofia Alvarez won. ",
    "Merci beaucoup à toute l'équipe pour ce travail incroyable. ",
    "Спасибо всем, кто пришёл на нашу встречу вчера вечером! ",
    "Vielen Dank an alle, die gestern gekommen sind.\n",
]
EDITS = st.lists(
    st.tuples(
        st.sampled_from(["append", "insert", "replace", "delete", "type"]),
        st.integers(0, 50),
        st.sampled_from(SENTENCES),
    ),
    min_size=1,
    max_size=6,
)
DRAFT = st.lists(st.sampled_from(SENTENCES), min_size=0, max_size=8)


def _edit(pieces: list[str], edit: tuple[str, int, str]) -> list[str]:
    what, where, sentence = edit
    pieces = list(pieces)
    at = where % (len(pieces) + 1)
    if what == "append":
        pieces.append(sentence)
    elif what == "insert":
        pieces.insert(at, sentence)
    elif what == "replace" and pieces:
        pieces[at % len(pieces)] = sentence
    elif what == "delete" and pieces:
        del pieces[at % len(pieces)]
    elif what == "type":  # a few more characters of the last sentence, as a user types
        pieces.append(sentence[: where % len(sentence) + 1])
    return pieces


def _whole_doc(scorer: Scorer, text: str) -> Doc:
    """``text`` parsed anew, as one plain Doc (``Doc.from_docs`` of its segments): no
    segment or memo behind it, so every reader reads it whole, as a batch does."""
    draft = DraftParser(scorer.parser.nlp).parse_draft(text)
    if len(draft.segments) < 2:
        return draft.doc
    return Doc.from_docs([segment.doc for segment in draft.segments], ensure_whitespace=False)


def _cold(scorer: Scorer, text: str) -> dict:
    """The report of ``text`` read whole: a new parse, the signals on one plain Doc."""
    doc = _whole_doc(scorer, text)
    features = extract(doc)
    report = build_report(features, scorer.model, (), read_all(doc, features))
    return _in_language(report, detect_language(text)).to_dict()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(start=DRAFT, edits=EDITS)
def test_signal_cache_edits_score_as_cold(nlp, start, edits):
    scorer = Scorer(nlp)  # one cache for the whole run of edits, as a typing user has
    pieces = start
    for edit in [("append", 0, ""), *edits]:
        pieces = _edit(pieces, edit)
        text = "".join(pieces)
        assert scorer.score(text).to_dict() == _cold(scorer, text), text


def _cold_features(scorer: Scorer, text: str, kind: str | None = None) -> Features:
    """The Features of ``text`` read whole from one plain Doc, no segment memo used."""
    return extract(_whole_doc(scorer, text), kind=kind)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(start=DRAFT, edits=EDITS, kind=st.sampled_from([None, *KINDS]))
def test_signal_cache_edits_read_the_features_cold(nlp, start, edits, kind):
    """The rule features read per segment through the memo equal the whole-draft reading,
    every field, down to the offsets and the credit and self-promotion derived from them."""
    scorer = Scorer(nlp, signals=False)
    pieces = start
    for edit in [("append", 0, ""), *edits]:
        pieces = _edit(pieces, edit)
        text = "".join(pieces)
        cached, cold = scorer.read(text, kind=kind).features, _cold_features(scorer, text, kind)
        assert cached == cold, text
        assert (cached.credit, cached.self_promotion) == (cold.credit, cold.self_promotion)
        assert cached.counts() == cold.counts(), text


def test_signal_cache_features_read_only_new_segments(nlp):
    """An edit of the last segment leaves the others' feature readings where they were: the
    same objects in their memos, not read again; the edited segment gets its own."""
    scorer = Scorer(nlp, signals=False)
    scorer.read("I won the award. Huge thanks to @maria for the review. We shipped it")
    first = scorer.parser.parse_draft("I won the award. ").segments[0]
    kept = dict(first.memo)
    assert {"features.self_references", "features.brags.claimed", "features.words"} <= kept.keys()
    scorer.read("I won the award. Huge thanks to @maria for the review. We shipped it today")
    assert all(first.memo[key] is value for key, value in kept.items())
    last = scorer.parser.parse_draft("We shipped it today").segments[0]
    assert "features.self_references" in last.memo


def test_signal_cache_features_keep_segment_offsets_apart(nlp):
    """A segment seen at two places in a draft (one memo) gives cues at both places."""
    scorer = Scorer(nlp, signals=False)
    scorer.read("I won it. ")
    text = "I won it. Thanks @maria. I won it. "
    features = scorer.read(text).features
    assert features == _cold_features(scorer, text)
    assert [cue.start for cue in features.self_references] == [0, 25]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(drafts=st.lists(DRAFT, min_size=1, max_size=5))
def test_signal_cache_batch_scores_as_cold(nlp, drafts):
    scorer = Scorer(nlp)
    texts = ["".join(pieces) for pieces in drafts]
    reports = [report.to_dict() for report in scorer.score_many(texts)]
    assert reports == [_cold(scorer, text) for text in texts]


def test_signal_cache_the_report_carries_the_signals(scorer):
    """The comparison above covers the signals: their probabilities are in the report."""
    features = scorer.score("Huge thanks to @maria for the review. I won the award!").features
    assert {"p_self_promotion", "p_credit", "p_gratitude", "p_praise"} <= features.keys()


def test_signal_cache_reads_only_new_segments(nlp):
    parser = DraftParser(nlp)
    read_segments: list[str] = []

    def words(doc):
        read_segments.append(doc.text)
        return [(token.lower_, token.idx, token.idx + len(token)) for token in doc]

    first = "Thanks to @maria for the review. I won the award. We shipped it"
    _linear.per_segment(parser.parse_draft(first), "test.words", words)
    assert read_segments == split_segments(first)
    read_segments.clear()
    edited = "New opening line. " + first + " today"
    found = _linear.per_segment(parser.parse_draft(edited), "test.words", words)
    assert read_segments == ["New opening line. ", "We shipped it today"]
    # Offsets are the draft's, though the middle segments were read at another place.
    doc = parser.parse(edited)
    assert [(w, s, e) for w, s, e in found] == [
        (token.lower_, token.idx, token.idx + len(token)) for token in doc
    ]


def test_signal_cache_memo_lives_with_the_cached_segment(nlp):
    parser = DraftParser(nlp, cache_size=2)
    draft = parser.parse_draft("One sentence here. Another one. A third")
    assert len(draft.segments) == 3  # more than the cache holds: every segment is still there
    assert [segment.text for segment in draft.segments] == split_segments(draft.doc.text)
    _linear.per_segment(draft, "test.count", lambda doc: [(len(doc), 0, 0)])
    again = parser.parse_draft("A third")
    assert again.segments[0].memo["test.count"] == [(len(again.doc), 0, 0)]


def test_signal_cache_empty_draft(nlp):
    draft = DraftParser(nlp).parse_draft("")
    assert isinstance(draft, Draft) and draft.segments == () and draft.doc.text == ""
    assert _linear.per_segment(draft, "test.none", lambda doc: [(1, 0, 0)]) == []


def _spans(found) -> list:
    return [
        (item.start_char, item.end_char, item.text) if hasattr(item, "start_char") else item
        for item in found
    ]


# The readers that ask segment by segment which tokens to look at closer
# (per_segment.tokens_where, token_places), then read on across the joined Doc.
SEGMENT_ASKING_READERS = {
    "people": people.find_people,
    "entities": names.entity_names,
    "addressed": names.addressed_names,
    "subjects": names.subject_names,
    "vocative": names.vocative_names,
    "echoed": lambda doc: names.echoed_names(
        doc, [doc[t.i : t.i + 1] for t in doc if t.text.startswith("@")]
    ),
    "praise": praise.praise,
    "introductions": helpfulness.introductions,
    "more_names": person.more_names,
}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(start=DRAFT, edits=EDITS)
def test_signal_cache_segment_asking_readers_read_as_whole(nlp, start, edits):
    """Each reader that finds its candidate tokens segment by segment gives, on a draft
    joined from the cache (memos kept edit after edit), what it gives on one plain Doc."""
    scorer = Scorer(nlp, signals=False)
    pieces = start
    for edit in [("append", 0, ""), *edits]:
        pieces = _edit(pieces, edit)
        text = "".join(pieces)
        joined, whole = scorer.parser.parse(text), _whole_doc(scorer, text)
        for name, read in SEGMENT_ASKING_READERS.items():
            assert _spans(read(joined)) == _spans(read(whole)), (name, text)


@pytest.mark.parametrize(
    "text",
    [
        "Great work on the release, Priya Jr. Bob Smith said it best. ",
        "Nice talk, Qorvin Jr. Kwame Asante did it. ",
        "Thanks to Acme Inc. Bob Smith said it best. ",
        "@tanvi's post on hiring. Best thing I've read this month. ",
        "Meet Orbit. The calendar that plans your week. ",
        "Thanks to Rev. Martin Luther King for the speech. Loved Obama's speech. ",
        "@elynElina thanks elyn! say hi to HARRY STYLES\ncalum hood",
    ],
)
def test_signal_cache_readers_read_on_past_a_segment(nlp, text):
    """Runs of names, a name said to someone, praise after the sentence naming a person,
    a product after "Meet": each goes on past a segment's end (issue 15)."""
    scorer = Scorer(nlp, signals=False)
    assert len(split_segments(text)) > 1
    joined, whole = scorer.parser.parse(text), _whole_doc(scorer, text)
    for name, read in SEGMENT_ASKING_READERS.items():
        assert _spans(read(joined)) == _spans(read(whole)), name
