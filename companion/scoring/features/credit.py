"""Whom gratitude and praise are aimed at, read from the parse around their words.

"Are they all about you or do you praise and promote others?" Thanks and admiration are the
plainest ways a post props someone up; what matters is who receives them. "Thanks to
@maria for the review" credits Maria; "I'm proud of myself" credits no one. The words
themselves are found by :mod:`.gratitude` and :mod:`.praise`; this module says whom they
lift up.
"""

from __future__ import annotations

from spacy.tokens import Token

from ... import lexicon
from .cue import Cue
from .grammar import (
    about,
    doer_of,
    is_handle,
    names_someone_else,
    negated,
    owner,
    sentence_of,
    subject,
    who,
)

THANKS = lexicon.words("credit", "thanks")
GRATEFUL = lexicon.words("credit", "grateful")
APPRECIATE = lexicon.words("credit", "appreciate")
PRAISED_WORK = lexicon.words("credit", "praised_work")
GENERIC_PEOPLE = lexicon.words("credit", "generic_people")
SHARES = lexicon.words("credit", "shares")


def object_of(token: Token) -> Token | None:
    """The thing thanked or praised: a direct object, or the object of to/for/of/on/by.

    A share is of the people it is taken from ("proud of every one of them", "all of
    you"), and a clause is about whoever does it ("proud of what our team built", "of
    what I accomplished"): the object is then them, or the clause's subject.
    """
    for child in token.children:
        if child.dep_ in {"dobj", "attr", "oprd"}:
            return _whose_share(child)
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"to", "of", "on", "by", "for"}:
            found = prep_object(child)
            if found is not None:
                return found
    return None


def prep_object(prep: Token) -> Token | None:
    """Whom a preposition's object names: the people a share is of, or the subject of a
    clause ("of what our team built" → team)."""
    for child in prep.children:
        if child.dep_ == "pobj":
            return _whose_share(child)
    for child in prep.children:
        if child.dep_ == "pcomp" and child.pos_ in {"VERB", "AUX"}:
            return subject(child)
    return None


def _whose_share(noun: Token) -> Token:
    """ "one" of "every one of them", "all" of "all of you": the people the share is of."""
    if noun.lower_ not in SHARES:
        return noun
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return noun


def _generic(noun: Token) -> bool:
    """People in general, not the author's: "good people", "a lot of great designers"."""
    if noun.lemma_.lower() in GENERIC_PEOPLE and owner(noun) is None:
        return True
    counted = noun.dep_ == "pobj" and noun.head.head.lower_ in {"lot", "lots", "plenty", "ton"}
    return counted or any(c.lower_ in {"many", "some", "several", "few"} for c in noun.children)


def beside(token: Token) -> Token | None:
    """Whom a feeling's clause is shared with: "proud to work beside you all"."""
    for child in token.children:
        if child.dep_ == "xcomp":
            for word in child.subtree:
                if (
                    word.dep_ == "pobj"
                    and word.head.lower_ in {"beside", "with", "alongside", "among", "for"}
                    and who(word) in {"person", "reader", "group"}
                ):
                    return word
    return None


def nearby_person(token: Token, before: bool = False) -> Token | None:
    """A person, the reader or a group named in the same sentence, nearest first; with
    ``before``, a person named in the sentence before ("@tanvi's post. Best thing I've
    read this month.")."""
    sentence = sentence_of(token)
    candidates = sorted(sentence, key=lambda other: abs(other.i - token.i))
    for other in candidates:
        if other.i != token.i and who(other) in {"person", "reader", "group"}:
            return other
    if before and sentence.start > 0:
        previous = sentence_of(token.doc[sentence.start - 1])
        for other in reversed(previous):
            if is_handle(other) or other.ent_type_ == "PERSON":
                return other
    return None


def _addressee(token: Token) -> Token | None:
    """Whom thanks are said to: "thank @jon", "thanks to Priya", "thanks, Ana" — not the
    reason after "for", which is what they are thanked for."""
    for child in token.children:
        if child.dep_ in {"dobj", "npadvmod", "appos", "attr", "dative"}:
            return child
        if child.dep_ == "prep" and child.lower_ == "to":
            objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
            if objects:
                return objects[0]
    following = token.doc[token.i + 1 : token.i + 3]
    for word in following:
        if who(word) in {"person", "reader", "group"}:
            return word
        if not (word.is_punct or word.lower_ in {"so", "much", "a", "lot", "again"}):
            break
    return None


def aimed_at(token: Token) -> tuple[str | None, Token | None]:
    """Whom a word of thanks or praise is aimed at, from the parse."""
    proud = is_proud(token)
    # "proud of X", "grateful to X", "appreciate X": the object, not the one who feels it.
    felt_for = proud or token.lower_ in GRATEFUL or token.lower_ in APPRECIATE
    if felt_for or token.lower_.lstrip("#") in THANKS or token.lemma_.lower() == "thank":
        found = object_of(token) if felt_for else _addressee(token)
        if found is None and proud:
            found = beside(token)
        if found is None and proud:
            # "Priya led the launch and I couldn't be prouder": proud of who was just named.
            found = nearby_person(token)
        if found is not None:
            return about(found), found
    if token.dep_ in {"amod", "compound", "nmod"} and token.head.pos_ in {"NOUN", "PROPN"}:
        described = about(token.head)
        doer = doer_of(token) if described == "thing" else None
        if doer is not None and about(doer) != "thing" and not negated(doer.head):
            return about(doer), doer  # "Zainab ran the best review", "I'm the best closer"
        if described == "thing" and token.head.lemma_.lower() in PRAISED_WORK:
            nearby = nearby_person(token)
            if nearby is not None:  # "such a thoughtful take, Marcus"
                return who(nearby), nearby
            return "work", token.head
        if _generic(token.head):
            return "thing", token.head  # "I know a lot of good people there"
        return described, token.head
    if token.dep_ in {"acomp", "attr"} or (token.pos_ == "ADJ" and token.dep_ == "ROOT"):
        head = token.head if token.dep_ != "ROOT" else token
        for child in head.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                owners = [
                    c
                    for c in child.children
                    if c.dep_ == "poss" and (who(c) == "person" or c.pos_ == "PROPN")
                ]
                if owners:  # "Beyoncé's performance was incredible": praise for Beyoncé
                    return "person", owners[0]
                if about(child) == "thing":
                    # "The way Jonah handled that call was a masterclass": the doer inside.
                    inside = [t for t in child.subtree if names_someone_else(t)]
                    if inside:
                        return who(inside[0]), inside[0]
                return about(child), child
    found = object_of(token)
    if found is not None:
        return about(found), found
    nearby = nearby_person(token)
    if nearby is not None:
        return who(nearby), nearby
    return None, None


def is_proud(token: Token) -> bool:
    """ "proud", "prouder", "proudest": pride, which credits whoever it is felt for."""
    # The tagger often reads "prouder" as a noun, with itself as its lemma.
    return token.lemma_.lower() == "proud" or token.lower_ in {"prouder", "proudest"}


def aimed_at_others(cue: Cue, kind: str | None = None) -> bool:
    """Does this thanks or praise lift up someone other than the author?

    Praise of a piece of work ("such a thoughtful take") lifts up its author when the
    draft answers them (a reply or a comment). Thanks said to no one named ("Thank you!")
    are said to whoever reads; a feeling of gratitude aimed at no one ("Humbled and
    grateful to be named…") lifts up no one, unless it answers someone.
    """
    answers = kind in {"reply", "comment"}
    return (
        cue.target in {"person", "reader", "group"}
        or (
            cue.kind == "gratitude"
            and cue.target is None
            and (answers or cue.text.lower() not in GRATEFUL)
        )
        or (cue.target == "work" and answers)
    )
