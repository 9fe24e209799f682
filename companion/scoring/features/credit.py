"""Gratitude and praise, and whom they are aimed at.

"Are they all about you or do you praise and promote others?" Thanks and admiration are the
plainest ways a post props someone up; what matters is who receives them. "Thanks to
@maria for the review" credits Maria; "I'm proud of myself" credits no one.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from .cue import Cue
from .grammar import about, is_handle, negated, who

# Forms of thanks that are said now, by the author ("thanked" tells a story instead).
THANKS = {"thank", "thanks", "thankyou", "thx", "thnx", "thanx", "tysm", "tyvm", "ty"}
GRATEFUL = {"grateful", "thankful", "gratitude", "appreciate", "appreciated", "appreciation"}
# "thanks to the rain" is a cause, not a credit: these objects are not people.
NOT_THANKED = {"god", "lord"}

ADMIRING_WORDS = {
    # qualities of someone or of their work
    "amazing", "awesome", "great", "incredible", "impressive", "brilliant", "wonderful",
    "fantastic", "excellent", "outstanding", "inspiring", "inspirational", "talented",
    "gifted", "gorgeous", "stunning", "beautiful", "legendary", "remarkable", "phenomenal",
    "superb", "spectacular", "magnificent", "marvelous", "marvellous", "terrific",
    "fabulous", "extraordinary", "exceptional", "genius", "smart", "clever", "insightful",
    "thoughtful", "generous", "kind", "wise", "badass", "epic", "iconic", "underrated",
    "masterful", "skilled", "skillful", "best", "nice", "cool", "good", "lovely", "perfect",
    "admirable", "courageous", "brave", "strong", "helpful", "elegant", "hilarious",
    "creative", "fascinating", "excellent", "solid", "inspired", "classy", "respectable",
}
# Words that are admiration on their own: "Legend!", "Respect.", "Kudos to the team".
ADMIRING_NOUNS = {
    "hero", "legend", "genius", "champ", "champion", "icon", "inspiration", "respect",
    "props", "kudos", "bravo", "congrats", "congratulations", "congratulation", "goat",
    "rockstar", "role model", "shoutout", "shout-out", "masterpiece", "gem",
}
ADMIRING_VERBS = {"admire", "respect", "salute", "applaud", "commend", "praise", "congratulate"}
# "well done", "good job": the second word carries the praise as a noun.
PRAISED_WORK = {"job", "work", "done", "effort", "stuff", "point", "post", "question", "take"}


def _object_of(token: Token) -> Token | None:
    """The thing thanked or praised: a direct object, or the object of to/for/of/on/by."""
    for child in token.children:
        if child.dep_ in {"dobj", "attr", "oprd"}:
            return child
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"to", "of", "on", "by", "for"}:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _nearby_person(token: Token) -> Token | None:
    """A person, the reader or a group named in the same sentence, nearest first."""
    sentence = token.sent
    candidates = sorted(sentence, key=lambda other: abs(other.i - token.i))
    for other in candidates:
        if other.i != token.i and who(other) in {"person", "reader", "group"}:
            return other
    return None


def _target(token: Token) -> tuple[str | None, Token | None]:
    """Whom a word of thanks or praise is aimed at, from the parse."""
    if token.dep_ in {"amod", "compound", "nmod"} and token.head.pos_ in {"NOUN", "PROPN"}:
        return about(token.head), token.head
    if token.dep_ in {"acomp", "attr"} or (token.pos_ == "ADJ" and token.dep_ == "ROOT"):
        head = token.head if token.dep_ != "ROOT" else token
        for child in head.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return about(child), child
    found = _object_of(token)
    if found is not None:
        return about(found), found
    nearby = _nearby_person(token)
    if nearby is not None:
        return who(nearby), nearby
    return None, None


def gratitude(doc: Doc) -> Iterator[Cue]:
    """Thanks and appreciation said by the author, with whom they thank."""
    for token in doc:
        lower = token.lower_
        if lower in THANKS or token.lemma_.lower() == "thank":
            if token.tag_ in {"VBD", "VBN"} or _refused(token):
                continue
            target, words = _target(token)
            if words is not None and words.lower_ in NOT_THANKED:
                continue
            # "Thank you!" with no one named thanks the reader: the person replied to.
            yield Cue.of("gratitude", token, target or "reader", words)
        elif lower in GRATEFUL or token.lemma_.lower() in GRATEFUL:
            if negated(token):
                continue
            target, words = _target(token)
            yield Cue.of("gratitude", token, target, words)


def _refused(token: Token) -> bool:
    """ "No thanks", "thanks for nothing": words of thanks that decline or mock."""
    doc = token.doc
    before = doc[token.i - 1].lower_ if token.i > 0 else ""
    after = doc[token.i + 1 : token.i + 3].text.lower() if token.i + 1 < len(doc) else ""
    return before in {"no", "nah"} or after.startswith("for nothing")


def praise(doc: Doc) -> Iterator[Cue]:
    """Admiration for someone or for their work, with whom it is aimed at.

    Praise aimed at the author ("my talk was great", "I'm the best") is not included:
    that is a brag, which :mod:`.promotion` finds.
    """
    for token in doc:
        lemma = token.lemma_.lower()
        lower = token.lower_
        if lower in ADMIRING_NOUNS or lemma in ADMIRING_NOUNS:
            kind = "praise"
        elif (lower in ADMIRING_WORDS or lemma in ADMIRING_WORDS) and token.pos_ in {
            "ADJ", "INTJ", "NOUN", "PROPN",
        }:
            kind = "praise"
        elif lemma in ADMIRING_VERBS and token.pos_ == "VERB":
            kind = "praise"
        elif lemma == "proud" and _object_of(token) is not None:
            kind = "praise"
        else:
            continue
        if negated(token):
            continue
        target, words = _target(token)
        if lemma == "proud" and target in {"self", "thing", None}:
            continue
        if target == "self":
            continue
        yield Cue.of(kind, token, target, words)


def aimed_at_others(cue: Cue) -> bool:
    """Does this thanks or praise lift up someone other than the author?"""
    return cue.target in {"person", "reader", "group"} or (
        cue.kind == "gratitude" and cue.target is None
    )


def handles_thanked(doc: Doc) -> list[Token]:
    """@handles right after a word of thanks or congratulations ("thanks @maria")."""
    return [
        token
        for token in doc
        if is_handle(token) and token.i > 0 and doc[token.i - 1].lower_ in THANKS | ADMIRING_NOUNS
    ]
