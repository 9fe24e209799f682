"""Who the draft is about: the author, or the people around them.

"Are they all about you or do you praise and promote others?" Counted from the words
that refer to someone, plus the unsaid "I" of subjectless openings ("Excited to share…").
"""

from __future__ import annotations

from spacy.tokens import Doc

from .cue import Cue
from .grammar import SELF, THIRD_PERSON, implied_self, is_handle, sentences, who


def self_references(doc: Doc) -> list[Cue]:
    """I, me, my… and the author implied by a subjectless opening."""
    cues = [Cue.of("self", token, "self") for token in doc if token.lower_ in SELF]
    for sentence in sentences(doc):
        if implied_self(sentence) and not any(token.lower_ in SELF for token in sentence):
            cues.append(Cue.of("implied_self", sentence.root, "self"))
    return sorted(cues, key=lambda cue: cue.start)


def self_beside_others(doc: Doc) -> list[Cue]:
    """The author's words that frame someone else rather than speak of the author: "my
    brother", "our team" (owning a person or a group), and "the most generous engineer
    I've worked with" (the author inside a clause about that person)."""
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
    return cues


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
