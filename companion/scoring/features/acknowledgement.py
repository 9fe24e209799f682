"""Credit given without a word of thanks: "none of this would exist without @x", "this award
belongs to X and Y", "welcome to the team, Tomás", "RIP Bill", "hire Ben", "she taught me".

Leaders credit people in many more ways than "thank you". Each way here is a phrase whose
place says where the person stands: after it ("owe it to Kofi"), before it ("Grace taught
me"), or anywhere in the post for a tribute ("Rest easy, Arturo"). A phrase whose slot
holds no person ("because of the storm", "welcome to my webinar") credits no one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from .cue import Cue
from .grammar import in_link, name_of, sentence_of, who

PEOPLE = {"person", "group", "reader"}
# Phrases whose person comes after them.
CREDIT_BEFORE_PERSON = re.compile(
    r"\b(?:(?:would|could|wouldn't|couldn't|would not|could not|can't|cannot)(?: not)?"
    r"(?: have)? (?:exist(?:ed)?|happen(?:ed)?|be (?:here|possible)|been (?:here|possible)|"
    r"(?:have )?done (?:it|this|any of (?:it|this))|do (?:it|this|any of (?:it|this))|made it|"
    r"got(?:ten)? here)(?: \w+){0,2} without"
    r"|(?:i|we) owe(?: (?:\w+ ){1,3}to)?|(?:much |so much |big |all the )love (?:to|for)"
    r"|(?:say|said) (?:enough )?(?:good|great|nice|kind) things about"
    r"|(?:belongs|goes|go) to|(?:all |the )?credit (?:to|goes to)|because of"
    r"|learn(?:ed|t) (?:\w+ ){0,4}from|in (?:loving )?memory of)\b",
    re.IGNORECASE,
)
# Phrases whose person comes before them: "Grace taught me", "Ama made this possible".
CREDIT_AFTER_PERSON = re.compile(
    r"\b(?:taught|showed|teaches|shows) (?:me|us)|made (?:it|this|all of this|it all) possible"
    r"|(?:is|was) the reason|(?:believed|bet) (?:in|on) (?:me|us)|(?:the|a) legacy"
    r"|exists because|is here because|(?:is|'s) (?:the|your|my|our) (?:person|go-to|guy|gal)"
    r"|did (?:most of |all of |much of )?(?:the )?(?:heavy lifting|hard (?:part|work)|real work)"
    r"|deserves? (?:the |all the )?credit|(?:passed away|died|passed on)\b",
    re.IGNORECASE,
)
WELCOMING = re.compile(r"\bwelcom(?:e|es|ed|ing)\b", re.IGNORECASE)
# Recommending works for a person only: "talk to Bongani", not "talk to ten customers".
RECOMMENDING = re.compile(
    r"\b(?:(?:highly |strongly |warmly )?recommend(?:s|ed|ing)?|vouch for|hire"
    r"|(?:talk|reach out|speak) to|(?:go|you should|please) follow)\b",
    re.IGNORECASE,
)
# Said of someone who died or left: their name may be anywhere in the post.
TRIBUTE = re.compile(
    r"\b(?:rip|r\.i\.p\.?|rest in peace|rest easy|(?:will be|is) (?:sorely |dearly )?missed"
    r"|miss you|we lost|what a legacy|last day|in memoriam|funeral|farewell"
    r"|(?:said|saying|say) goodbye to|(?:we|i) (?:will|'ll) miss (?:him|her|them|you))\b",
    re.IGNORECASE,
)
# Words that may stand between a phrase and the person it credits.
_FILLERS = {
    "my", "our", "the", "a", "an", "whole", "entire", "amazing", "dear", "wonderful", "to",
    "all", "of", "incredible", "brilliant", "back", "aboard", "new", "newest",
}  # fmt: skip
_REACH = 6


def _after(doc: Doc, end: int) -> Token | None:
    """The person, group or reader right after ``end``: only fillers and commas between."""
    span = doc.char_span(end, len(doc.text), alignment_mode="expand")
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
        for match in pattern.finditer(doc.text):
            if in_link(doc, match.start()):
                continue
            person = find(match)
            if person is None:
                continue
            # A name the parse could not type is still someone: it stands in a credit slot.
            target = who(person) if who(person) in PEOPLE else "person"
            yield Cue(kind, match.start(), match.end(), match.group(), target, name_of(person).text)
