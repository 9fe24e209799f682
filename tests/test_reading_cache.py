"""A draft read twice in a row (scored while typed, then recorded) is read once: the
scorer keeps the last readings by text and kind, and the reports stay the same (issue 15)."""

from __future__ import annotations

from companion.scoring import READINGS_KEPT, Scorer


def test_reading_cache_the_same_draft_is_not_read_again(nlp):
    scorer = Scorer(nlp)
    text = "Huge thanks to @maria for the review. I won the award!"
    first = scorer.score(text)
    hits, misses = scorer.parser.hits, scorer.parser.misses
    again = scorer.score(text)
    assert (scorer.parser.hits, scorer.parser.misses) == (hits, misses)  # no parse at all
    assert again.to_dict() == first.to_dict()
    assert scorer.read(text) is scorer.read(text)


def test_reading_cache_kind_and_disabled_rules_are_kept_apart(nlp):
    scorer = Scorer(nlp)
    text = "Great point, @ana. What would you change first?"
    post, reply = scorer.score(text), scorer.score(text, kind="reply")
    assert scorer.read(text) is not scorer.read(text, kind="reply")
    assert post.to_dict() == Scorer(nlp).score(text).to_dict()
    assert reply.to_dict() == Scorer(nlp).score(text, kind="reply").to_dict()
    rule = post.nudges[0].rule if post.nudges else "ask_questions"
    fewer = scorer.score(text, disabled_rules={rule})
    assert rule not in {nudge.rule for nudge in fewer.nudges}
    assert fewer.to_dict() == Scorer(nlp).score(text, disabled_rules={rule}).to_dict()


def test_reading_cache_is_bounded(nlp):
    scorer = Scorer(nlp)
    first = scorer.read("Sentence number zero.")
    for number in range(READINGS_KEPT):
        scorer.read(f"Sentence number {number + 1}.")
    assert len(scorer._readings) == READINGS_KEPT
    assert scorer.read("Sentence number zero.") is not first  # pushed out, read again
