"""Advice, introductions and offers of help: does the draft serve the reader?

"Be helpful: make connections & help others find those who can help them… Share stuff to
help others solve problems for themselves."
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from ... import lexicon
from ...nlp.matches import finditer
from .cue import Cue
from .grammar import (
    in_link,
    is_handle,
    names_someone_else,
    sentence_of,
    sentences,
    who,
)
from .people import find_people
from .per_doc import once_per_doc

SELLING = lexicon.words("helpfulness", "selling")
COMMAND_OPENERS = lexicon.words("helpfulness", "command_openers")
ADVICE = lexicon.pattern("helpfulness", "advice", end="")
INTRODUCTIONS = lexicon.pattern("helpfulness", "introductions", end="")
OFFERS = lexicon.pattern("helpfulness", "offers", end="")


def _imperative(sentence: Span) -> bool:
    """A base-form verb at the root with no subject: "Write down three names.\""""
    root = sentence.root
    if root.tag_ != "VB" or root.lemma_.lower() in SELLING:
        return False
    if any(child.dep_ in {"nsubj", "nsubjpass"} for child in root.children):
        return False
    # "Don't wait for permission": a negative command keeps its "do".
    auxiliaries = [child for child in root.children if child.dep_ == "aux"]
    if auxiliaries and not (
        auxiliaries[0].lower_ in {"do", "don't"} and auxiliaries[0].i == sentence.start
    ):
        return False
    opening = [t for t in sentence[: root.i - sentence.start] if not t.is_punct]
    # "Just start.", "Always ask first.": an adverb may lead the command.
    return all(
        t.lower_ in COMMAND_OPENERS or t.dep_ in {"aux", "neg"} or t.like_num or not t.is_alpha
        for t in opening
    )


def advice(doc: Doc) -> Iterator[Cue]:
    """Steps and advice addressed to the reader."""
    for match in finditer(ADVICE, doc):
        yield Cue("advice", match.start(), match.end(), match.group(), "reader")
    for sentence in sentences(doc):
        if _imperative(sentence):
            root = sentence.root
            yield Cue.of("step", root, "reader")


def introductions(doc: Doc) -> Iterator[Cue]:
    """Introductions of someone to the network: "Meet @ana", "you should follow Jon"."""
    named: _Spans | None = None  # the draft's people, found once for all matches
    for match in finditer(INTRODUCTIONS, doc):
        if in_link(doc, match.start()):
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        sentence = sentence_of(span[0])
        if named is None:
            named = _Spans((start, end) for _, _, start, end in find_people(doc))
        people = [
            t
            for t in sentence
            if named.holds(t.idx) or (names_someone_else(t) and who(t) == "person")
        ]
        # "Meet Orbit, the calendar that plans your week": a product, not a person.
        introduced = next((t for t in doc[span.end : span.end + 3] if t.is_alpha), None)
        if introduced is not None and _a_product(introduced):
            continue
        people = [t for t in people if not _a_product(t)]
        if people:
            yield Cue(
                "introduction", match.start(), match.end(), match.group(), "person", people[0].text
            )


class _Spans:
    """Code-point spans, asked which offsets they hold: ``any(s <= at < e for s, e in ...)``
    by a binary search, as an introduction asks it of every word of its sentence."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.starts: list[int] = []
        self.reach: list[int] = []  # the furthest end of the spans starting up to here
        for start, end in sorted(spans):
            self.starts.append(start)
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def holds(self, offset: int) -> bool:
        before = bisect.bisect_right(self.starts, offset)
        return before > 0 and self.reach[before - 1] > offset


def _a_product(name: Token) -> bool:
    """ "Orbit, the calendar that…", "PocketCFO 🚀 the finance assistant": a name followed
    by "the" and a word for a thing names a product."""
    if is_handle(name) or name.ent_type_ == "PERSON":
        return False
    doc = name.doc
    index = name.i + 1
    while index < len(doc) and not doc[index].is_alpha:
        index += 1
    if index >= len(doc) or doc[index].lower_ not in {"the", "a", "an", "our", "my"}:
        return False
    nouns = [word for word in doc[index + 1 : index + 5] if word.pos_ == "NOUN"]
    return bool(nouns) and who(nouns[0]) == "thing"


@once_per_doc  # asked again by other features of the same draft
def offers(doc: Doc) -> Iterator[Cue]:
    """Offers of the author's help: "happy to review", "DM me if you need an intro"."""
    for match in finditer(OFFERS, doc):
        yield Cue("offer", match.start(), match.end(), match.group(), "reader")
