"""Gratitude and praise, and whom they are aimed at.

"Are they all about you or do you praise and promote others?" Thanks and admiration are the
plainest ways a post props someone up; what matters is who receives them. "Thanks to
@maria for the review" credits Maria; "I'm proud of myself" credits no one.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from .credit_words import (
    ADMIRING_NOUNS,
    ADMIRING_VERBS,
    ADMIRING_WORDS,
    APPRECIATE,
    CONGRATULATING,
    GENERIC_PEOPLE,
    GOOD_QUALITIES,
    GRATEFUL,
    IDIOMS,
    INTENSIFIERS,
    PRAISED_WORK,
    PRAISING_PHRASES,
    THANKS,
    WEAK_ADMIRING_WORDS,
    WELCOME,
)
from .cue import Cue
from .grammar import (
    SELF,
    about,
    actor,
    is_handle,
    name_of,
    names_someone_else,
    negated,
    owner,
    predicated_of,
    sentence_of,
    who,
)


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


def _generic(noun: Token) -> bool:
    """People in general, not the author's: "good people", "a lot of great designers"."""
    if noun.lemma_.lower() in GENERIC_PEOPLE and owner(noun) is None:
        return True
    counted = noun.dep_ == "pobj" and noun.head.head.lower_ in {"lot", "lots", "plenty", "ton"}
    return counted or any(c.lower_ in {"many", "some", "several", "few"} for c in noun.children)


def _opens_sentence(token: Token) -> bool:
    sentence = sentence_of(token)
    words = [t for t in sentence if not (t.is_punct or t.is_space)]
    return token in words[:2]


def _beside(token: Token) -> Token | None:
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


def _nearby_person(token: Token, before: bool = False) -> Token | None:
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


def _target(token: Token) -> tuple[str | None, Token | None]:
    """Whom a word of thanks or praise is aimed at, from the parse."""
    proud = _proud(token)
    # "proud of X", "grateful to X", "appreciate X": the object, not the one who feels it.
    felt_for = proud or token.lower_ in GRATEFUL or token.lower_ in APPRECIATE
    if felt_for or token.lower_.lstrip("#") in THANKS or token.lemma_.lower() == "thank":
        found = _object_of(token) if felt_for else _addressee(token)
        if found is None and proud:
            found = _beside(token)
        if found is None and proud:
            # "Priya led the launch and I couldn't be prouder": proud of who was just named.
            found = _nearby_person(token)
        if found is not None:
            return about(found), found
    if token.dep_ in {"amod", "compound", "nmod"} and token.head.pos_ in {"NOUN", "PROPN"}:
        described = about(token.head)
        doer = predicated_of(token) if described == "thing" else None
        if doer is not None and about(doer) != "thing" and not negated(doer.head):
            return about(doer), doer  # "Zainab ran the best review", "I'm the best closer"
        if described == "thing" and token.head.lemma_.lower() in PRAISED_WORK:
            nearby = _nearby_person(token)
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
        lower = token.lower_.lstrip("#")
        if lower in THANKS or token.lemma_.lower() == "thank":
            if token.tag_ in {"VBD", "VBN"} or _refused(token) or _someone_elses(token):
                continue
            target, words = _target(token)
            if _causal(token, target, words):
                continue
            if target == "thing" and words is not None and words.pos_ == "PROPN":
                target = "person"  # "thanks to Mei and Arjun", typed ORG by the NER
            # "Thank you!" with no one named thanks the reader: the person replied to.
            yield Cue.of("gratitude", token, target or "reader", words and name_of(words))
        elif lower in GRATEFUL or lower in APPRECIATE:
            by = actor(token)
            if negated(token) or by not in {"self", "we", None}:
                continue
            if lower in APPRECIATE and (
                (by is None and token.tag_ not in {"VBN", "VBP", "VB"}) or _hypothetical(token)
            ):
                continue
            target, words = _target(token)
            yield Cue.of("gratitude", token, target, words)
    for match in WELCOME.finditer(doc.text):
        yield Cue("gratitude", match.start(), match.end(), match.group(), "reader")


def _someone_elses(token: Token) -> bool:
    """ "They will thank you", "your future self will thank you": thanks someone else
    gives, or will; and "cheers" thanks only for something ("cheers @mo for the fix")."""
    if token.lower_ == "cheers":
        return not any(t.lower_ == "for" for t in token.doc[token.i + 1 : token.i + 4])
    doer = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    future = any(c.dep_ == "aux" and c.lemma_ in {"will", "would", "shall"} for c in token.children)
    if doer is None or doer.lower_ in SELF | {"we"}:
        return False
    return future or doer.lower_ in {"he", "she", "they", "people", "everyone", "nobody"}


def _causal(token: Token, target: str | None, words: Token | None = None) -> bool:
    """ "Thanks to the rain, …" names a cause; "thanks to @maria" credits a person, and so
    does "thanks to Mei", whatever the NER typed her."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if words is not None and words.pos_ == "PROPN":
        return False
    return following is not None and following.lower_ == "to" and target == "thing"


def _hypothetical(verb: Token) -> bool:
    """ "makes me appreciate", "so I can appreciate": valuing that is caused or wished for."""
    if verb.head.lemma_.lower() in {"make", "let", "help", "learn"} and verb.head is not verb:
        return True
    return any(
        child.dep_ == "aux" and child.lower_ in {"can", "could", "will", "would", "should", "might"}
        for child in verb.children
    )


def _refused(token: Token) -> bool:
    """ "No thanks", "thanks for nothing": words of thanks that decline or mock."""
    doc = token.doc
    before = doc[token.i - 1].lower_ if token.i > 0 else ""
    after = doc[token.i + 1 : token.i + 3].text.lower() if token.i + 1 < len(doc) else ""
    return before in {"no", "nah"} or after.startswith(("for nothing", "me later"))


def _proud(token: Token) -> bool:
    # The tagger often reads "prouder" as a noun, with itself as its lemma.
    return token.lemma_.lower() == "proud" or token.lower_ in {"prouder", "proudest"}


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


def _admires(token: Token) -> bool:
    lower, lemma = token.lower_, token.lemma_.lower()
    if lower in CONGRATULATING or lemma in CONGRATULATING:
        return True  # "massive congrats @brendan": the tagger calls it anything
    if lower in ADMIRING_NOUNS or lemma in ADMIRING_NOUNS:
        return token.pos_ in {"NOUN", "PROPN", "INTJ", "X"}
    if token.is_title and not token.is_sent_start and token.head.pos_ == "PROPN":
        return False  # part of a title: "the Outstanding Alumni Award", "Best Paper"
    if lemma in ADMIRING_VERBS:
        return token.pos_ == "VERB" and token.tag_ not in {"VBG"}
    if _proud(token):
        # "proud of @maria", "proud to work beside you", and "I couldn't be prouder" said
        # of someone just named.
        return (
            _object_of(token) is not None
            or _beside(token) is not None
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


def praise(doc: Doc) -> Iterator[Cue]:
    """Admiration for someone or for their work, with whom it is aimed at.

    Praise aimed at the author ("my talk was great", "I'm the best") is not included:
    that is a brag, which :mod:`.promotion` finds.
    """
    idioms = [match.span() for match in IDIOMS.finditer(doc.text)]
    for token in doc:
        if not _admires(token) or (negated(token) and token.lower_ != "prouder"):
            continue
        doer = predicated_of(token)
        if (
            doer is not None
            and doer.lower_ in SELF
            and doer.head.lemma_ == "be"
            and not _proud(token)
            and _object_of(token) is None
        ):
            continue  # "I'm the best closer on this team" claims, it does not praise
        if any(start <= token.idx < end for start, end in idioms):
            continue
        target, words = _target(token)
        if target == "self" or (_proud(token) and target in {"thing", None}):
            continue
        if target is None and token.lower_ in CONGRATULATING:
            target = "reader"  # "Congrats!!" said to the person replied to
        if token.pos_ == "NOUN" and owner(token) in {"self", "we"}:
            continue  # "My masterclass shows you how": the author's own product
        if target in {"thing", "work", None} and _opens_sentence(token):
            # "@tanvi's post on hiring. Best thing I've read this month."
            earlier = _nearby_person(token, before=True)
            if earlier is not None and (words is None or owner(words) not in {"self", "we"}):
                target, words = "person", earlier
        yield Cue.of("praise", token, target, words and name_of(words))
    for match in PRAISING_PHRASES.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or any(_admires(token) for token in span):
            continue  # its words were already counted one by one
        nearby = _nearby_person(span[-1])
        target = who(nearby) if nearby is not None else None
        yield Cue(
            "praise",
            match.start(),
            match.end(),
            match.group(),
            target,
            None if nearby is None else name_of(nearby).text,
        )


def aimed_at_others(cue: Cue, kind: str | None = None) -> bool:
    """Does this thanks or praise lift up someone other than the author?

    Praise of a piece of work ("such a thoughtful take") lifts up its author when the
    draft answers them (a reply or a comment).
    """
    return (
        cue.target in {"person", "reader", "group"}
        or (cue.kind == "gratitude" and cue.target is None)
        or (cue.target == "work" and kind in {"reply", "comment"})
    )
