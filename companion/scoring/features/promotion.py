"""Self-promotion: bragging about oneself, and asking the reader to buy, sign up or follow.

"If every post you have in social media is about your own activities, then you are missing
out on an opportunity to be a leader." A brag is the author (or the author's own thing) as
the one who achieved, won, got or is something; a call to action sends the reader to the
author's product. Both come from the parse: "I won", "my new book", "proud to announce",
not from the words alone ("Priya won" is news worth sharing, not a brag).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from ... import lexicon
from ...nlp.matches import finditer
from .conversation import is_question
from .credit import prep_object
from .cue import Cue
from .grammar import (
    actor,
    names_someone_else,
    negated,
    owner,
    sentence_of,
    subject,
    who,
)
from .per_segment import tokens_where

ACHIEVE = lexicon.words("promotion", "achieve")
ACHIEVE_WITH_TROPHY = lexicon.words("promotion", "achieve_with_trophy")
HONOURED = lexicon.words("promotion", "honoured")
ANNOUNCING_FEELINGS = lexicon.words("promotion", "announcing_feelings")
TROPHIES = lexicon.words("promotion", "trophies")
FRESH = lexicon.words("promotion", "fresh")
SHOWING_OFF = lexicon.words("promotion", "showing_off")
NEWS_VERBS = lexicon.words("promotion", "news_verbs")
SHARED_VERBS = lexicon.words("promotion", "shared_verbs")
PROUD = lexicon.words("promotion", "proud")
UNREAL = lexicon.words("promotion", "unreal")
TRAITS = lexicon.words("promotion", "traits")
CALLS_TO_ACTION = lexicon.pattern("promotion", "calls_to_action", end="")


def brags(doc: Doc) -> Iterator[Cue]:
    """The author claiming an achievement, an honour, a possession, a trait or their news."""
    yield from claimed(doc)
    yield from declared_brags(doc)


def claimed(doc: Doc) -> Iterator[Cue]:
    """The brags :func:`brags` reads word by word from the parse, each inside its sentence
    (the draft cache reads them per segment); ``#humblebrag`` reads the whole post."""
    for token in doc:
        lemma = token.lemma_.lower()
        if (lemma in ANNOUNCING_FEELINGS and token.pos_ == "ADJ") or (
            token.lower_ in ANNOUNCING_FEELINGS and token.tag_ in {"JJ", "VBN"}
        ):
            cue = _announcing_feeling(token)
        elif token.pos_ in {"VERB", "AUX"} and token.dep_ != "aux":
            cue = _claimed_deed(token, lemma)
        elif token.pos_ in {"NOUN", "PROPN"} and owner(token) == "self":
            cue = _possession(token, lemma)
        elif lemma in TRAITS and token.pos_ in {"ADJ", "NOUN"} and token.dep_ in {"acomp", "attr"}:
            cue = _trait(token)
        else:
            cue = None
        if cue is not None:
            yield cue


def _claimed_deed(verb: Token, lemma: str) -> Cue | None:
    """ "I won", "we've launched", "I was promoted", "I got accepted", "ran my first 10k"."""
    by = actor(verb)
    if by not in {"self", "we"} or negated(verb) or _asked(verb):
        return None
    passive = any(child.dep_ in {"auxpass", "nsubjpass"} for child in verb.children)
    doer = subject(verb)
    if passive and doer is not None and who(doer) == "thing":
        # "My paper was accepted" is an honour; "our quarterly report is published" news.
        if doer.lemma_.lower() not in TROPHIES:
            return None
    if passive and lemma in HONOURED:
        return Cue.of("honour", verb, by)
    if lemma == "get" and any(
        child.tag_ == "VBN" and child.lemma_.lower() in HONOURED for child in verb.children
    ):
        return Cue.of("honour", verb, by)
    # Done, not doing or about to do: "I won", "I've published", not "I'm starting to".
    done = verb.tag_ in {"VBD", "VBN"} or _perfect(verb)
    if passive or not done:
        return None
    if any(
        c.dep_ == "dobj" and names_someone_else(c) and who(c) == "person" for c in verb.children
    ):
        return None  # "I managed him for three years", "we beat them": about someone else
    if lemma in ACHIEVE or (lemma in ACHIEVE_WITH_TROPHY and _trophy_object(verb)):
        return Cue.of("achievement", verb, by)
    return None


def _possession(noun: Token, lemma: str) -> Cue | None:
    """ "my new book", "my first marathon", "check out my award" — not "my mom" or "my house"."""
    if who(noun) in {"person", "group", "reader"}:
        return None  # "my first mentees", "my new boss": people, not trophies
    fresh = any(child.lower_ in FRESH for child in noun.children)
    shown_off = lemma in TROPHIES and noun.head.lemma_.lower() in SHOWING_OFF
    if not (fresh or shown_off):
        return None
    start = min(child.i for child in noun.subtree if child.i <= noun.i)
    return Cue.of("possession", noun.doc[start : noun.i + 1], "self")


def _trait(word: Token) -> Cue | None:
    """ "I'm so good at this", "I'm the best" — a quality the author claims."""
    found = subject(word.head)
    if found is not None and who(found) == "self" and not negated(word.head):
        return Cue.of("trait", word, "self")
    return None


def _perfect(verb: Token) -> bool:
    return any(child.lemma_ == "have" and child.dep_ == "aux" for child in verb.children)


def _trophy_object(verb: Token) -> bool:
    """Is the verb's object something to show off: a trophy, a count, a first, a name?"""
    objects = [child for child in verb.children if child.dep_ in {"dobj", "attr", "oprd"}]
    for child in verb.children:
        if child.dep_ in {"prep", "dative"}:
            objects += [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
    for obj in objects:
        words = [word for word in obj.subtree if word.ent_type_ not in {"DATE", "TIME"}]
        if not words or obj.ent_type_ in {"DATE", "TIME"}:
            continue
        if any(word.lemma_.lower() in TROPHIES or word.lower_ in FRESH for word in words):
            return True
        if any(word.like_num or word.pos_ == "NUM" for word in words):
            return True
        if obj.ent_type_ in {"ORG", "PERSON", "WORK_OF_ART", "EVENT", "MONEY"}:
            return True
    return False


def _asked(verb: Token) -> bool:
    """Questions, conditions and wishes claim nothing: "Did I win?", "if I win", "I'd win"."""
    if is_question(sentence_of(verb)):
        return True
    for child in verb.children:
        if child.dep_ == "mark" and child.lower_ in {"if", "unless", "when"}:
            return True
        if child.dep_ == "aux" and child.lemma_ in UNREAL:
            return True
    return False


def _announcing_feeling(token: Token) -> Cue | None:
    """ "Thrilled to announce", "proud to share", "honored to be named": the author's news.

    "Proud of my team" and "happy for you" aim the feeling at someone else and are credit.
    """
    # "Humbled and honored to receive…": the second feeling shares the unsaid "I".
    opening = token.dep_ == "ROOT" or (token.dep_ == "conj" and token.head.dep_ == "ROOT")
    by = (actor(token) or "self") if opening else actor(token)
    if by not in {"self", "we"} or negated(token):
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "for"}:
            found = prep_object(child)
            if found is not None and (
                child.lower_ == "for"
                or who(found) in {"person", "reader", "group"}
                or (who(found) != "self" and owner(found) not in {"self", None})
            ):
                return None
        if child.dep_ in {"xcomp", "advcl"} and child.lemma_.lower() in NEWS_VERBS | HONOURED:
            if child.lemma_.lower() in SHARED_VERBS and _someone_else_in(child):
                return None  # "delighted to welcome Dr. Yilmaz", "proud to work beside you"
            return Cue.of("announcement", token.doc[token.i : child.i + 1], by)
        if child.dep_ in {"xcomp", "advcl"} and child.lemma_.lower() in SHARED_VERBS:
            if _someone_else_in(child):
                return None
    if token.lemma_.lower() in PROUD:
        return Cue.of("feeling", token, by)
    return None


def _someone_else_in(verb: Token) -> bool:
    """Does a clause name someone else as its object: "to welcome Hana", "beside you"?"""
    return any(word.dep_ in {"dobj", "pobj"} and names_someone_else(word) for word in verb.subtree)


def declared_brags(doc: Doc) -> Iterator[Cue]:
    """ "#humblebrag", "#bragging" on a post about the author: a brag by the author's own word."""
    tags = tokens_where(doc, "promotion.brag_tags", _brag_tag)  # per segment in a draft
    if tags and any(who(token) in {"self", "we"} for token in doc):
        for token in tags:
            yield Cue.of("declared_brag", token, "self")


def _brag_tag(token: Token) -> bool:
    return token.text.startswith("#") and "brag" in token.lower_


def calls_to_action(doc: Doc) -> Iterator[Cue]:
    """Asks to buy, sign up, follow or click that send the reader to the author's things."""
    for match in finditer(CALLS_TO_ACTION, doc):
        yield Cue("call_to_action", match.start(), match.end(), match.group(), "self")
