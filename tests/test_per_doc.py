"""The one mechanism for work done once per Doc (companion.nlp.per_doc), and its users."""

from __future__ import annotations

import gc
import weakref

from companion.nlp import DraftParser, parse_many
from companion.nlp import per_doc as per_doc_module
from companion.nlp.matches import text_of
from companion.nlp.per_doc import KEPT, once_per_doc, per_doc
from companion.scoring.features import per_doc as features_per_doc
from companion.scoring.features.grammar import sentence_of, sentences
from companion.scoring.signals._linear import word_ngrams


def _counting():
    calls: list[str] = []

    def read(doc):
        calls.append(doc.text)
        return [token.text for token in doc]

    return calls, read


def test_per_doc_reads_each_doc_once(nlp):
    calls, read = _counting()
    remembered = per_doc(read)
    first, second = nlp("Thanks Ana."), nlp("Thanks Ben.")
    assert remembered(first) is remembered(first)
    assert remembered(second) == ["Thanks", "Ben", "."]
    assert calls == ["Thanks Ana.", "Thanks Ben."]


def test_per_doc_keeps_no_doc_alive(nlp):
    """The last Docs' answers are kept, not the Docs (issue 15: a table kept 8 Docs)."""
    calls, read = _counting()
    remembered = per_doc(read)
    doc = nlp("Thanks Ana.")
    remembered(doc)
    alive = weakref.ref(doc)
    del doc
    gc.collect()
    assert alive() is None
    again = nlp("Thanks Ana.")  # may take the dead one's id: it is read anew all the same
    assert remembered(again) == ["Thanks", "Ana", "."]
    assert len(calls) == 2


def test_per_doc_keeps_the_last_few_docs(nlp):
    calls, read = _counting()
    remembered = per_doc(read)
    docs = [nlp(f"Post number {n}.") for n in range(KEPT + 1)]
    for doc in docs:
        remembered(doc)
    remembered(docs[-1])  # still kept
    assert len(calls) == KEPT + 1
    remembered(docs[0])  # the oldest went out
    assert len(calls) == KEPT + 2


def test_once_per_doc_gives_each_caller_its_own_list(nlp):
    calls, read = _counting()
    remembered = once_per_doc(read)
    doc = nlp("Thanks Ana.")
    mine = remembered(doc)
    mine.append("changed")
    assert remembered(doc) == ["Thanks", "Ana", "."]
    assert len(calls) == 1
    assert features_per_doc.once_per_doc is once_per_doc is per_doc_module.once_per_doc


def test_text_of_is_the_docs_text_joined_once(nlp):
    doc = nlp("Thanks  @ana for the review!\n")
    assert text_of(doc) == doc.text
    assert text_of(doc) is text_of(doc)  # spaCy's doc.text is a new string each read


def test_sentences_are_read_once_per_doc(nlp):
    doc = nlp("We shipped it. Thanks Ana for the review.")
    assert sentences(doc) is sentences(doc)
    assert [span.text for span in sentences(doc)] == [span.text for span in doc.sents]
    assert all(sentence_of(token).start == token.sent.start for token in doc)


def test_word_ngrams_of_a_batch_doc_match_the_drafts(nlp):
    """The batch path (no Draft) keeps the grams per Doc; the row is the draft path's."""
    text = "Proud of my team @ana.\nWe won 3 awards. Thanks https://x.co for it."
    draft = DraftParser(nlp).parse_draft(text)
    (batch_doc,) = parse_many(nlp, [text])
    from_draft: dict = {}
    word_ngrams(draft.doc, from_draft, draft=draft)
    first: dict = {}
    word_ngrams(batch_doc, first)
    second: dict = {}
    word_ngrams(batch_doc, second, prefix="x")
    assert first == from_draft
    assert second == {f"x:{name[2:]}": value for name, value in first.items()}
    assert "w:@user" in first and "w:<num>" in first and "w:<link>" in first
