"""Self-promotion as posts say it: with trigger words (:mod:`.promotion`) and without them.

Many brags carry no "thrilled" and no "I won": "I signed more customers than anyone in our
history", "My talk sold out in an hour", "Closed the biggest deal in the company's history",
"Starting Monday as Head of Growth", "Thanks to my team for making me Executive of the
Year". And some words that look like promotion are not: "Happy to share my template, just
DM me" offers help; "We nearly ran out of cash. The lesson…" admits a mistake.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from ... import lexicon
from ...nlp.matches import finditer, text_of
from . import helpfulness, learning, promotion
from .cue import Cue
from .grammar import (
    SELF,
    WE,
    actor,
    in_link,
    is_handle,
    names_someone_else,
    negated,
    owner,
    predicated_of,
    sentence_of,
    sentences,
    subject,
    who,
)

RECORD_WORDS = lexicon.words("claims", "record_words")
LOSSES = lexicon.words("claims", "losses")
RECORD_PHRASES = lexicon.pattern("claims", "record_phrases")
SUCCEEDS = lexicon.words("claims", "succeeds")
SUCCESS_WORDS = lexicon.words("claims", "success_words")
NEWS = lexicon.pattern("claims", "news")
OWN_NEWS = lexicon.pattern("claims", "own_news")
# Thanks that end in the author's own honour: "for making me Executive of the Year".
HONOUR_IN_THANKS = re.compile(
    r"\bfor (?:making|naming|voting|helping|choosing|getting) me (?:the |an? )?"
    r"(?:[A-Z]\w+|win|get|land|become|earn|reach|achieve)",
)
WAIVED_CALLS = lexicon.pattern("claims", "waived_calls", end=r"\s*$")
OPENING_HONOUR = lexicon.pattern("claims", "opening_honour", start=r"^\W*", end=r"(?!\w)")


OPENING_DEBRIS = " \t\n\"'*-•–—🏆🎉🚀"


def _records(doc: Doc) -> Iterator[Cue]:
    """A deed of the author's told as a record: "signed more customers than anyone"."""
    for token in doc:
        if token.pos_ not in {"VERB", "AUX"} or token.tag_ not in {"VBD", "VBN"}:
            continue
        if token.lemma_.lower() in LOSSES or actor(token) not in {"self", "we"} or negated(token):
            continue
        words = list(token.subtree)
        span = doc[words[0].i : words[-1].i + 1]
        objects = [c for c in token.children if c.dep_ in {"dobj", "attr"}]
        ranked = any(w.lower_ in RECORD_WORDS and w.head is o for o in objects for w in o.children)
        if ranked or RECORD_PHRASES.search(span.text):
            yield Cue.of("record", token, "self")


def _own_success(doc: Doc) -> Iterator[Cue]:
    """The author's own thing succeeding: "My talk sold out", "our post hit 2M views"."""
    for token in doc:
        if token.lemma_.lower() not in SUCCEEDS or token.tag_ not in {"VBD", "VBN", "VBZ"}:
            continue
        found = subject(token)
        if found is None or who(found) != "thing" or owner(found) not in {"self", "we"}:
            continue
        after = [w.lower_ for w in token.subtree if w.i > token.i]
        if negated(token) or not (set(after) & SUCCESS_WORDS or any(w.isdigit() for w in after)):
            continue
        # "He rewrote our page and our signups doubled": someone else did the work.
        if any(who(t) == "person" and t.dep_ == "nsubj" for t in sentence_of(token)):
            continue
        yield Cue.of("achievement", doc[found.i : token.i + 1], "self")


def _said(doc: Doc) -> Iterator[Cue]:
    """Job news, records and honours said in set phrases rather than by the grammar (those
    that open a sentence: :func:`_opening_honours`)."""
    for pattern in (NEWS, OWN_NEWS, HONOUR_IN_THANKS):
        for match in finditer(pattern, doc):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None or in_link(doc, match.start()):
                continue
            if pattern is NEWS and _names_someone(sentence_of(span[0]), also_groups=True):
                continue  # "Congrats to @aaron on the new role": someone else's news
            yield Cue("announcement", match.start(), match.end(), match.group(), "self")


def _opening_honours(doc: Doc) -> Iterator[Cue]:
    """An honour said in a set phrase that opens a sentence ("Named to the Forbes list"),
    read inside its sentence (the draft cache reads it per segment)."""
    for sentence in sentences(doc):
        match = OPENING_HONOUR.match(sentence.text)
        if match and sentence.root.tag_ != "VB" and not _names_someone(sentence):
            text = match.group().lstrip(OPENING_DEBRIS)
            start = sentence.start_char + match.end() - len(text)
            yield Cue("honour", start, start + len(text), text, "self")


def _fragment_trophies(doc: Doc) -> Iterator[Cue]:
    """A trophy said as a fragment, numbered or new: "Third book. Third bestseller."."""
    for sentence in sentences(doc):
        root = sentence.root
        if root.pos_ != "NOUN" or root.lemma_.lower() not in promotion.TROPHIES:
            continue
        modifiers = {child.lower_ for child in root.children}
        ranked = any(c.ent_type_ == "ORDINAL" or c.lower_ in promotion.FRESH for c in root.children)
        if ranked and not modifiers & {"his", "her", "their", "your", "its"}:
            if not _names_someone(sentence, also_groups=True):
                yield Cue.of("possession", sentence[:].root, "self")


def _names_someone(sentence: Span, also_groups: bool = False) -> bool:
    """Is someone else the subject here, or (``also_groups``) named anywhere but after
    "at" or "of" ("Head of Growth at Kestrel" names a company, not a person)?"""
    if also_groups:
        return any(
            names_someone_else(t)
            and who(t) != "reader"
            and t.dep_ != "attr"  # "I'm a partner at…" is the author's title
            and not (t.dep_ == "pobj" and t.head.lower_ in {"at", "of", "for", "with"})
            for t in sentence
        )
    return any(t.dep_ in {"nsubj", "nsubjpass"} and who(t) == "person" for t in sentence)


def _sentences_with(doc: Doc, cues: list[Cue]) -> set[int]:
    found = set()
    for cue in cues:
        span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
        if span is not None and len(span):
            found.add(sentence_of(span[0]).start)
    return found


def _beside_any(doc: Doc, start: int | None, starts: set[int]) -> bool:
    """Is the sentence that starts at token ``start`` next to one that starts in ``starts``?"""
    opening = [sentence.start for sentence in sentences(doc)]
    if start is None or start not in opening:
        return False
    at = opening.index(start)
    return bool({opening[i] for i in (at - 1, at + 1) if 0 <= i < len(opening)} & starts)


def _names_own_things(doc: Doc, start: int | None) -> bool:
    """Does the sentence at token ``start`` name the author's things ("for my course")?"""
    if start is None:
        return False
    sentence = sentence_of(doc[start])
    return any(t.pos_ in {"NOUN", "PROPN"} and owner(t) in {"self", "we"} for t in sentence)


def _start(doc: Doc, cue: Cue) -> int | None:
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    return sentence_of(span[0]).start if span is not None and len(span) else None


def candidates(doc: Doc) -> list[Cue]:
    """What every finder of :data:`FINDERS` found, finder by finder, before the excuses."""
    return [cue for _, find, _ in FINDERS for cue in find(doc)]


def brags(doc: Doc, found: Iterable[Cue] | None = None) -> Iterator[Cue]:
    """Every brag, said with trigger words or without, save those that admit a mistake or
    offer help ("We nearly ran out of cash…", "Happy to share my template").

    ``found``: the :func:`candidates` of ``doc`` when the caller has them already (the
    draft cache reads the finders that look inside one sentence per segment).
    """
    excused = _sentences_with(doc, list(helpfulness.offers(doc)))
    lessons = _sentences_with(doc, list(learning.learning(doc)))
    starts = [sentence.start for sentence in sentences(doc)]
    # A mistake is told over a sentence or two: "I was wrong. We lost three engineers."
    pairs = zip(starts, starts[1:], strict=False)
    excused |= lessons | {after for before, after in pairs if before in lessons}
    seen: set[tuple[int, int]] = set()
    found = candidates(doc) if found is None else list(found)
    for cue in sorted(found, key=lambda cue: cue.start):
        if _start(doc, cue) in excused or any(s <= cue.start < e for s, e in seen):
            continue
        if _done_by_someone_else(doc, cue):
            continue
        seen.add(cue.span)
        yield cue


def _self_praise(doc: Doc) -> list[Cue]:
    """ "I'm the best closer on this team": a quality the author claims, said in a phrase."""
    return [
        Cue.of("trait", token, "self")
        for token in doc
        if token.lower_ in promotion.TRAITS
        and token.tag_ in {"JJS", "JJ"}
        and (doer := predicated_of(token)) is not None
        and doer.lower_ in SELF
        and doer.head.lemma_ == "be"
        and _complement_of_be(token)
    ]


def _complement_of_be(word: Token) -> bool:
    """Is the word (or the noun it describes) what the copula says the subject is? "I'm the
    best closer", "I am the best"; not "the best conference I've been to", where "best"
    describes a place the author went."""
    described = word
    for _ in range(3):  # "the best closer", "the very best closer" (advmod, amod)
        if described.dep_ not in {"amod", "advmod", "compound", "nmod"}:
            break
        described = described.head
    return described.dep_ in {"attr", "acomp"} and described.head.lemma_ == "be"


def _done_by_someone_else(doc: Doc, cue: Cue) -> bool:
    """ "He rewrote our page and our signups doubled": our thing, someone else's deed."""
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if span is None or cue.kind != "achievement":
        return False
    verb = span.root
    doer = subject(verb)
    if doer is None or doer.lower_ in SELF | WE:
        return False
    return any(t.dep_ == "nsubj" and who(t) == "person" for t in sentence_of(verb))


# The finders of a brag, in the order their cues are weighed, and whether each looks inside
# one sentence alone (its words, their heads, a word beside them): the draft cache reads
# those per segment. "#humblebrag" needs the whole post's pronouns, and the set phrases
# are matched on the whole text, save those that open a sentence.
FINDERS: tuple[tuple[str, Callable[[Doc], Iterable[Cue]], bool], ...] = (
    ("claimed", promotion.claimed, True),
    ("declared", promotion.declared_brags, False),
    ("records", _records, True),
    ("own_success", _own_success, True),
    ("said", _said, False),
    ("opening_honours", _opening_honours, True),
    ("self_praise", _self_praise, True),
    ("fragment_trophies", _fragment_trophies, True),
)


def _for_someone_else(doc: Doc, cue: Cue) -> bool:
    """ "Subscribe to hers", "go follow @amina": the call sends readers to someone else."""
    span = doc.char_span(cue.end, len(text_of(doc)), alignment_mode="expand")
    following: list[Token] = list(span[:4]) if span is not None else []
    return any(
        is_handle(t) or t.ent_type_ == "PERSON" or t.lower_ in {"hers", "his", "theirs", "her"}
        for t in following
    )


def calls_to_action(doc: Doc) -> Iterator[Cue]:
    """Calls to buy, sign up or follow the author; not an offer's "DM me" nor a call to
    follow someone else."""
    excused = _sentences_with(doc, list(helpfulness.offers(doc)))
    for cue in promotion.calls_to_action(doc):
        start = _start(doc, cue)
        if in_link(doc, cue.start) or start in excused:
            continue
        if WAIVED_CALLS.search(doc.text, max(0, cue.start - 40), cue.start):
            continue  # "No sign-up, just copy it": the call waived is an offer
        if (
            cue.text.lower().startswith("dm")
            and _beside_any(doc, start, excused)
            and not _names_own_things(doc, start)
        ):
            continue  # "If you're job hunting, DM me. Happy to review your CV."
        if not _for_someone_else(doc, cue):
            yield cue
