"""Credit given without a word of thanks: "none of this would exist without @x", "this award
belongs to X and Y", "welcome to the team, Tomás", "RIP Bill", "hire Ben", "she taught me",
"our intern Daniela found the leak".

Leaders credit people in many more ways than "thank you". Each way here is a phrase whose
place says where the person stands: after it ("owe it to Kofi"), before it ("Grace taught
me"), or anywhere in the post for a tribute ("Rest easy, Arturo"). A phrase whose slot
holds no person ("because of the storm", "welcome to my webinar") credits no one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from ... import lexicon
from ...nlp.matches import finditer, text_of
from .cue import Cue
from .grammar import KIN_AND_ROLES, in_link, name_of, negated, owner, sentence_of, subject, who
from .per_segment import tokens_where

PEOPLE = {"person", "group", "reader"}
CREDIT_BEFORE_PERSON = lexicon.pattern("acknowledgement", "credit_before_person")
CREDIT_AFTER_PERSON = lexicon.pattern("acknowledgement", "credit_after_person", start="", end="")
WELCOMING = re.compile(r"\bwelcom(?:e|es|ed|ing)\b", re.IGNORECASE)
RECOMMENDING = lexicon.pattern("acknowledgement", "recommending")
TRIBUTE = lexicon.pattern("acknowledgement", "tribute")
_FILLERS = lexicon.words("acknowledgement", "fillers")
DEEDS = lexicon.words("acknowledgement", "deeds")
DEEDS_DONE = lexicon.words("acknowledgement", "deeds_done")
_REACH = 6


def _after(doc: Doc, end: int) -> Token | None:
    """The person, group or reader right after ``end``: only fillers and commas between."""
    span = doc.char_span(end, len(text_of(doc)), alignment_mode="expand")
    if span is None or not len(span):
        return None
    sentence = sentence_of(span[0])
    for token in doc[span.start : min(span.start + _REACH, sentence.end)]:
        if token.lower_ in _FILLERS or token.is_punct or token.is_space or token.like_num:
            continue
        # "co-founder" is split in three; "Hye-jin" is a name and stays.
        hyphenated = token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and token.is_lower
        if token.pos_ == "ADJ" or token.text == "-" or hyphenated:
            continue  # "our five new graduates", "my co-founder"
        if token.dep_ in {"compound", "amod", "nmod"} and who(token.head) in PEOPLE:
            continue  # "my co-founder @x": the words that describe the person
        # A capitalised word in the slot is a name the tagger missed ("Welcome Hye-jin").
        named = _proper_name(token) or (token.is_title and not token.is_stop)
        return token if who(token) in PEOPLE or named else None
    return None


def _proper_name(token: Token) -> bool:
    """A proper noun in a credit slot names someone, whatever the NER typed it
    ("without Sadia Rahman", typed ORG); dates and amounts do not."""
    return token.pos_ == "PROPN" and token.ent_type_ not in {"DATE", "TIME", "MONEY", "PERCENT"}


def _person(token: Token | None) -> Token | None:
    return token if token is not None and who(token) == "person" else None


def _before(doc: Doc, start: int) -> Token | None:
    """The nearest person or group before ``start`` in its sentence."""
    span = doc.char_span(0, start, alignment_mode="contract")
    if span is None or not len(span):
        return None
    sentence = sentence_of(span[-1])
    for token in reversed(doc[sentence.start : span.end]):
        if who(token) in {"person", "group"} or _proper_name(token):
            return token
        if token.dep_ == "nsubj" and token.is_title and not token.is_stop:
            return token  # "Pradeep taught me", tagged a common noun
    return None


def _anywhere(doc: Doc, start: int) -> Token | None:
    """The person named nearest to ``start`` anywhere in the post."""
    people = [t for t in doc if who(t) == "person" and t.lower_ not in {"they", "them", "their"}]
    return min(people, key=lambda t: abs(t.idx - start), default=None)


def _known_by_role(doer: Token) -> Token | None:
    """The doer when the author names them by their own role or kin word: "my manager",
    "our intern Daniela", "my colleague Amara" (the name, where there is one)."""

    def role(token: Token) -> bool:
        return (token.lemma_.lower() in KIN_AND_ROLES or token.lower_ in KIN_AND_ROLES) and owner(
            token
        ) in {"self", "we"}

    if role(doer):
        named = [c for c in doer.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        return named[0] if named else doer
    if doer.pos_ == "PROPN" and any(
        c.dep_ in {"compound", "appos"} and role(c) for c in doer.children
    ):
        return doer
    return None


def _deed_done(token: Token) -> bool:
    """A verb of a deed, in the past: "found", "has shipped", "rewrote" (tagged VB)."""
    return token.pos_ == "VERB" and (
        (token.tag_ in {"VBD", "VBN"} and token.lemma_.lower() in DEEDS)
        or (token.tag_ == "VB" and token.lower_ in DEEDS_DONE)
    )


def _deeds(doc: Doc) -> Iterator[tuple[Token, Token]]:
    """(verb, doer) for a deed done, in the past, by someone the author knows by role."""
    # The deed's word is read segment by segment (an edit asks only the segment it
    # touched); who did it may be found across the draft.
    for token in tokens_where(doc, "acknowledgement.deeds", _deed_done):
        if negated(token):
            continue
        doer = subject(token)
        known = _known_by_role(doer) if doer is not None else None
        if known is not None:
            yield token, known


def acknowledgements(doc: Doc) -> Iterator[Cue]:
    """Credit said without a thank-word, each with the person or group it lifts up."""
    finders = (
        ("acknowledgement", CREDIT_BEFORE_PERSON, lambda m: _after(doc, m.end())),
        ("acknowledgement", CREDIT_AFTER_PERSON, lambda m: _before(doc, m.start())),
        ("recommendation", RECOMMENDING, lambda m: _person(_after(doc, m.end()))),
        ("welcome", WELCOMING, lambda m: _after(doc, m.end())),
        ("tribute", TRIBUTE, lambda m: _after(doc, m.end()) or _anywhere(doc, m.start())),
    )
    for kind, pattern, find in finders:
        for match in finditer(pattern, doc):
            if in_link(doc, match.start()):
                continue
            person = find(match)
            if person is None:
                continue
            # A name the parse could not type is still someone: it stands in a credit slot.
            target = who(person) if who(person) in PEOPLE else "person"
            yield Cue(kind, match.start(), match.end(), match.group(), target, name_of(person).text)
    for verb, doer in _deeds(doc):
        if not in_link(doc, verb.idx):
            yield Cue.of("acknowledgement", verb, "person", name_of(doer))
