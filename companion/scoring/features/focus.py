"""Who the draft is about: the author, or the people around them.

"Are they all about you or do you praise and promote others?" Counted from the words
that refer to someone, plus the unsaid "I" of subjectless openings ("Excited to share…").
"""

from __future__ import annotations

from spacy.tokens import Doc

from ... import lexicon
from .cue import Cue
from .grammar import (
    SELF,
    THIRD_PERSON,
    clause_about,
    implied_self,
    is_handle,
    meets,
    sentences,
    who,
)

ADMIRING_WORDS = lexicon.words("credit", "admiring_words")


def self_references(doc: Doc) -> list[Cue]:
    """I, me, my… and the author implied by a subjectless opening."""
    cues = [Cue.of("self", token, "self") for token in doc if token.lower_ in SELF]
    for sentence in sentences(doc):
        if implied_self(sentence) and not any(token.lower_ in SELF for token in sentence):
            cues.append(Cue.of("implied_self", sentence.root, "self"))
    return sorted(cues, key=lambda cue: cue.start)


def self_beside_others(doc: Doc) -> list[Cue]:
    """The author's words that frame someone else rather than speak of the author: "my
    brother", "our team" (owning a person or a group), "the most generous engineer I've
    worked with" (the author inside a clause about that person), and "the best talk I saw"
    (the author meeting a thing admired, which is someone else's)."""
    cues = []
    for token in doc:
        if token.lower_ not in SELF:
            continue
        if token.dep_ == "poss" and who(token.head) in {"person", "group"}:
            cues.append(Cue.of("self", token, "self"))
            continue
        clause = token.head if token.dep_ in {"nsubj", "nsubjpass"} else None
        if (
            clause is not None
            and clause.dep_ == "relcl"
            and who(clause.head)
            in {
                "person",
                "group",
            }
        ):
            cues.append(Cue.of("self", token, "self"))
        elif clause is not None and _meets_a_thing_admired(clause):
            cues.append(Cue.of("self", token, "self"))
    return cues


def _meets_a_thing_admired(verb) -> bool:
    """ "the best talk I saw", "Best conference I've been to": a clause of meeting a thing
    that an admiring or superlative word describes."""
    if not meets(verb):
        return False
    thing = verb.head if verb.dep_ == "relcl" else None
    if thing is None:  # a fronted object, or the object of a stranded preposition
        thing = next((t for t in verb.subtree if t.i < verb.i and _same(clause_about(t), verb)), None)
    if thing is None or who(thing) != "thing":
        return False
    return any(
        child.dep_ == "amod"
        and (child.tag_ == "JJS" or child.lower_ in ADMIRING_WORDS)
        or child.dep_ == "amod"
        and any(c.lower_ == "most" for c in child.children)
        for child in thing.children
    )


def other_references(doc: Doc) -> list[Cue]:
    """You, @handles, people's names, he/she/they, and the team, friends, colleagues."""
    cues = []
    for token in doc:
        target = who(token)
        if target in {"reader", "group"} or is_handle(token) or token.lower_ in THIRD_PERSON:
            cues.append(Cue.of("other", token, target))
        elif target == "person" and token.ent_type_ == "PERSON" and token.ent_iob_ == "B":
            cues.append(Cue.of("other", token, target))
    return cues


def _same(token, other) -> bool:
    """spaCy makes a new Token each time one is asked for: compare places, not objects."""
    return token is not None and token.i == other.i
