"""Admiration for someone or for their work: "brilliant talk, @ana", "hats off to the team",
"proud of my brother". Not praise of the author ("I'm the best"), which :mod:`.promotion`
finds, nor an admiring word in a set phrase ("good luck", "the best way to").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from ... import lexicon
from ...nlp.matches import finditer
from .credit import PRAISED_WORK, aimed_at, beside, is_proud, nearby_person, object_of
from .cue import Cue
from .grammar import SELF, doer_of, name_of, negated, owner, sentence_of, subject, who
from .per_segment import tokens_where

ADMIRING_WORDS = lexicon.words("credit", "admiring_words")
WEAK_ADMIRING_WORDS = lexicon.words("credit", "weak_admiring_words")
INTENSIFIERS = lexicon.words("credit", "intensifiers")
IDIOMS = lexicon.pattern("credit", "idioms")
ADMIRING_NOUNS = lexicon.words("credit", "admiring_nouns")
PRAISING_PHRASES = lexicon.pattern("credit", "praising_phrases")
CONGRATULATING = lexicon.words("credit", "congratulating")
ADMIRING_VERBS = lexicon.words("credit", "admiring_verbs")
GOOD_QUALITIES = lexicon.words("credit", "good_qualities")
JOINING = lexicon.words("credit", "joining")
SOMEONE = lexicon.words("credit", "someone")


def _opens_sentence(token: Token) -> bool:
    sentence = sentence_of(token)
    words = [t for t in sentence if not (t.is_punct or t.is_space)]
    return token in words[:2]


def _supported(token: Token) -> bool:
    """Does a weak word of approval carry admiration here?"""
    if any(child.lower_ in INTENSIFIERS for child in token.children):
        return True
    previous = token.doc[token.i - 1].lower_ if token.i else ""
    if (
        previous in INTENSIFIERS
        or previous == "a"
        and token.i > 1
        and token.doc[token.i - 2].lower_ in {"what", "such"}
    ):
        return True
    head = token.head
    if token.dep_ in {"amod", "compound"} and (
        head.lemma_.lower() in PRAISED_WORK or who(head) in {"person", "reader", "group"}
    ):
        return True
    sentence = sentence_of(token)
    words = [t for t in sentence if not (t.is_punct or t.is_space)]
    # "Great!", "So good.", "Nice work!" — a short exclamation is the word's whole point.
    return len(words) <= 3 or (len(words) <= 6 and sentence.text.rstrip().endswith("!"))


# Every word :func:`_admires` can say yes to is in one of its lists (or is "proud"): a word
# in none of them is turned away before the parse around it is asked about.
_MAY_ADMIRE_LOWER = (
    CONGRATULATING | ADMIRING_NOUNS | ADMIRING_WORDS | GOOD_QUALITIES | WEAK_ADMIRING_WORDS
) | {"prouder", "proudest"}
_MAY_ADMIRE_LEMMA = CONGRATULATING | ADMIRING_NOUNS | ADMIRING_VERBS | GOOD_QUALITIES | {"proud"}


def _may_admire(token: Token) -> bool:
    """The word alone is in one of the lists :func:`_admires` says yes to."""
    lower = token.lower_
    return (
        lower in _MAY_ADMIRE_LOWER
        or token.lemma_.lower() in _MAY_ADMIRE_LEMMA
        or lower.removesuffix("est") in GOOD_QUALITIES
    )


def _admires(token: Token) -> bool:
    if not _may_admire(token):
        return False
    lower, lemma = token.lower_, token.lemma_.lower()
    if lower in CONGRATULATING or lemma in CONGRATULATING:
        return True  # "massive congrats @brendan": the tagger calls it anything
    if lower in ADMIRING_NOUNS or lemma in ADMIRING_NOUNS:
        return token.pos_ in {"NOUN", "PROPN", "INTJ", "X"}
    if token.is_title and not token.is_sent_start and token.head.pos_ == "PROPN":
        return False  # part of a title: "the Outstanding Alumni Award", "Best Paper"
    if lemma in ADMIRING_VERBS:
        return token.pos_ == "VERB" and token.tag_ not in {"VBG"}
    if is_proud(token):
        # "proud of @maria", "proud to work beside you", and "I couldn't be prouder" said
        # of someone just named.
        return (
            object_of(token) is not None
            or beside(token) is not None
            or (lower == "prouder" and negated(token))
        )
    if token.pos_ not in {"ADJ", "INTJ"} and not (
        token.pos_ == "PROPN" and lower in ADMIRING_WORDS
    ):
        return False
    if lower in ADMIRING_WORDS:
        return True
    if (lemma in GOOD_QUALITIES or lower.removesuffix("est") in GOOD_QUALITIES) and (
        token.tag_ == "JJS" or (token.i and token.doc[token.i - 1].lower_ == "most")
    ):
        return True  # "the kindest reviews", "the most honest newsletter"
    return lower in WEAK_ADMIRING_WORDS and _supported(token)


def _invited_in(group: Token) -> bool:
    """ "Join our amazing team", "looking for someone to join our amazing team": the
    author's own group, offered to whoever reads. "Priya joined our amazing team" still
    welcomes Priya."""
    verb = group.head
    if not (
        group.dep_ == "dobj" and verb.lemma_.lower() in JOINING and owner(group) in {"self", "we"}
    ):
        return False
    joiner = subject(verb)
    if verb.dep_ == "xcomp" and joiner is not None and joiner.head is not verb:
        # "looking for someone to join": the one sought, not the one looking.
        sought = [t for t in verb.head.subtree if t.dep_ == "pobj" and t.i < verb.i]
        joiner = sought[-1] if sought else joiner
    return joiner is None or who(joiner) == "reader" or joiner.lower_ in SOMEONE


def praise(doc: Doc) -> Iterator[Cue]:
    """Admiration for someone or for their work, with whom it is aimed at.

    Praise aimed at the author ("my talk was great", "I'm the best") is not included:
    that is a brag, which :mod:`.promotion` finds.
    """
    idioms = [match.span() for match in finditer(IDIOMS, doc)]
    # The words in the lists, found segment by segment in a draft from the cache: the rest
    # of the test looks at the parse around the word, which may cross a segment's end.
    for token in tokens_where(doc, "praise.may_admire", _may_admire):
        if not _admires(token) or (negated(token) and token.lower_ != "prouder"):
            continue
        doer = doer_of(token)
        if (
            doer is not None
            and doer.lower_ in SELF
            and doer.head.lemma_ == "be"
            and not is_proud(token)
            and object_of(token) is None
        ):
            continue  # "I'm the best closer on this team" claims, it does not praise
        if any(start <= token.idx < end for start, end in idioms):
            continue
        target, words = aimed_at(token)
        if target == "self" or (is_proud(token) and target in {"thing", None}):
            continue
        if target == "group" and words is not None and _invited_in(words):
            continue  # a job or a community on offer, which self-promotion reads
        if target is None and token.lower_ in CONGRATULATING:
            target = "reader"  # "Congrats!!" said to the person replied to
        if token.pos_ == "NOUN" and owner(token) in {"self", "we"}:
            continue  # "My masterclass shows you how": the author's own product
        if target in {"thing", "work", None} and _opens_sentence(token):
            # "@tanvi's post on hiring. Best thing I've read this month."
            earlier = nearby_person(token, before=True)
            if earlier is not None and (words is None or owner(words) not in {"self", "we"}):
                target, words = "person", earlier
        yield Cue.of("praise", token, target, words and name_of(words))
    for match in finditer(PRAISING_PHRASES, doc):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or any(_admires(token) for token in span):
            continue  # its words were already counted one by one
        nearby = nearby_person(span[-1])
        target = who(nearby) if nearby is not None else None
        yield Cue(
            "praise",
            match.start(),
            match.end(),
            match.group(),
            target,
            None if nearby is None else name_of(nearby).text,
        )
