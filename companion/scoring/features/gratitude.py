"""Thanks said by the author, with whom they thank: "thanks @jon", "I appreciate your help",
"you're welcome". Not thanks told of ("she thanked me"), refused ("no thanks") or caused
("thanks to the rain").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from ...nlp.matches import finditer
from .credit import APPRECIATE, GRATEFUL, THANKS, aimed_at
from .cue import Cue
from .grammar import SELF, actor, name_of, negated
from .per_segment import tokens_where

# "You're welcome" answers thanks: part of the same exchange of gratitude.
WELCOME = re.compile(
    r"\b(?:you're|you are|your|youre|ur) (?:very |so |most )?welcome\b", re.IGNORECASE
)


def gratitude(doc: Doc) -> Iterator[Cue]:
    """Thanks and appreciation said by the author, with whom they thank."""
    # The words in the lists, found segment by segment in a draft from the cache: the rest
    # of the test looks at the parse around the word, which may cross a segment's end.
    for token in tokens_where(doc, "gratitude.words", _may_thank):
        lower = token.lower_.lstrip("#")
        if lower in THANKS or token.lemma_.lower() == "thank":
            if token.tag_ in {"VBD", "VBN"} or _refused(token) or _someone_elses(token):
                continue
            target, words = aimed_at(token)
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
            target, words = aimed_at(token)
            yield Cue.of("gratitude", token, target, words)
    for match in finditer(WELCOME, doc):
        yield Cue("gratitude", match.start(), match.end(), match.group(), "reader")


def _may_thank(token: Token) -> bool:
    """The word alone is one :func:`gratitude` reads on about."""
    lower = token.lower_.lstrip("#")
    return (
        lower in THANKS
        or token.lemma_.lower() == "thank"
        or lower in GRATEFUL
        or lower in APPRECIATE
    )


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
