"""Advice, introductions and offers of help: does the draft serve the reader?

"Be helpful: make connections & help others find those who can help them… Share stuff to
help others solve problems for themselves."
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from .cue import Cue
from .grammar import in_link, is_handle, names_someone_else, sentence_of, sentences, who
from .people import find_people
from .per_doc import once_per_doc

# Verbs whose bare imperative sells rather than helps; promotion.py treats those.
SELLING = {
    "buy",
    "order",
    "subscribe",
    "follow",
    "register",
    "dm",
    "sign",
    "download",
    "book",
    "check",
    "apply",
    "click",
    "visit",
    "grab",
    "join",
    "shop",
    "preorder",
    "watch",
    "listen",
}
COMMAND_OPENERS = {"just", "always", "never", "simply", "please", "so", "then", "now", "first"}
ADVICE = re.compile(
    r"\b(?:you (?:should|can|could|might want to|may want to|need to)|try (?:to |this|it)|"
    r"here's how|here is how|how to|tip\s*[:#]|tips?\b|step \d|lesson \d|"
    r"(?:my|one|the) (?:best )?advice|pro tip|don't forget|remember to|make sure)",
    re.IGNORECASE,
)
INTRODUCTIONS = re.compile(
    r"\b(?:meet\b|introducing|say hi to|say hello to|"
    r"you should (?:connect with|follow|meet|talk to)|"
    r"go follow|give (?:\S+ )?a follow|connect with|(?:talk|reach out) to|#followfriday|#ff\b|"
    r"(?:should|must) (?:know|meet) each other|you two should|over to you|"
    r"connecting (?:two|you|these)|you (?:two |both )?should (?:talk|chat|connect)|"
    r"(?:you|everyone|founders|managers) (?:all )?(?:need|needs|should|must|have) to "
    r"(?:know|meet|follow|read|talk to|hear from)|"
    r"(?:is|are) (?:looking for|hiring|open to)|worth following|follow @)",
    re.IGNORECASE,
)
OFFERS = re.compile(
    r"\b(?:(?:happy|glad|free|available|willing|keen) to (?:help|chat|talk|hop on|jump on|review|"
    r"introduce|connect|answer|mentor|pair|walk you|look over|grab (?:a )?coffee|vouch)|"
    r"just (?:message|dm|ping|email|text) me|send me a (?:message|dm|note)|"
    r"(?:my )?calendar is open|coffee chats?\b|sounding board|no agenda|"
    r"free (?:mentoring|coaching|office|advice) (?:slots?|hours|sessions?|calls?)|"
    r"(?:slots?|spots?|hours) (?:open|free) (?:this|each|every|next)|"
    r"(?:reply|comment|message me|dm me) (?:here |below )?if you(?:'d| would) like|"
    r"(?:happy|glad) to be (?:a|your) (?:sounding board|mentor|resource|reference)|"
    r"(?:happy|glad) to share (?!that)[^.!?\n]{0,60}\b(?:dm|message|ping|email|if you|with anyone"
    r"|just ask|reach out)|"
    r"(?:dm|message|ping|email) me if|reach out if|let me know if (?:i|we) can|"
    r"(?:i|we) can (?:help|introduce|connect you)|my (?:dms?|door|inbox) (?:is|are) open|"
    r"(?:i'm|i am|we're) here (?:to help|if)|glad to help|free to (?:ask|reach out)|"
    r"(?:anyone|if you) need(?:s)? (?:help|advice|a hand|an intro)|"
    r"(?:reach out|ping me|message me|let me know|dm me) if (?:that|this|it) (?:would )?helps?|"
    r"(?:i|we) (?:have|'ve got) (?:a few )?(?:free )?(?:hours|time|slots) |"
    r"free office hours|no (?:strings|catch)|(?:tag|ping) me (?:on|in)|if you need a hand)",
    re.IGNORECASE,
)


def _imperative(sentence: Span) -> bool:
    """A base-form verb at the root with no subject: "Write down three names.\""""
    root = sentence.root
    if root.tag_ != "VB" or root.lemma_.lower() in SELLING:
        return False
    if any(child.dep_ in {"nsubj", "nsubjpass"} for child in root.children):
        return False
    # "Don't wait for permission": a negative command keeps its "do".
    auxiliaries = [child for child in root.children if child.dep_ == "aux"]
    if auxiliaries and not (
        auxiliaries[0].lower_ in {"do", "don't"} and auxiliaries[0].i == sentence.start
    ):
        return False
    opening = [t for t in sentence[: root.i - sentence.start] if not t.is_punct]
    # "Just start.", "Always ask first.": an adverb may lead the command.
    return all(
        t.lower_ in COMMAND_OPENERS or t.dep_ in {"aux", "neg"} or t.like_num or not t.is_alpha
        for t in opening
    )


def advice(doc: Doc) -> Iterator[Cue]:
    """Steps and advice addressed to the reader."""
    for match in ADVICE.finditer(doc.text):
        yield Cue("advice", match.start(), match.end(), match.group(), "reader")
    for sentence in sentences(doc):
        if _imperative(sentence):
            root = sentence.root
            yield Cue.of("step", root, "reader")


def introductions(doc: Doc) -> Iterator[Cue]:
    """Introductions of someone to the network: "Meet @ana", "you should follow Jon"."""
    named: list[tuple[int, int]] | None = None  # the draft's people, found once for all matches
    for match in INTRODUCTIONS.finditer(doc.text):
        if in_link(doc, match.start()):
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        sentence = sentence_of(span[0])
        if named is None:
            named = [(start, end) for _, _, start, end in find_people(doc)]
        people = [
            t
            for t in sentence
            if (names_someone_else(t) and who(t) == "person")
            or any(s <= t.idx < e for s, e in named)
        ]
        # "Meet Orbit, the calendar that plans your week": a product, not a person.
        introduced = next((t for t in doc[span.end : span.end + 3] if t.is_alpha), None)
        if introduced is not None and _a_product(introduced):
            continue
        people = [t for t in people if not _a_product(t)]
        if people:
            yield Cue(
                "introduction", match.start(), match.end(), match.group(), "person", people[0].text
            )


def _a_product(name: Token) -> bool:
    """ "Orbit, the calendar that…", "PocketCFO 🚀 the finance assistant": a name followed
    by "the" and a word for a thing names a product."""
    if is_handle(name) or name.ent_type_ == "PERSON":
        return False
    doc = name.doc
    index = name.i + 1
    while index < len(doc) and not doc[index].is_alpha:
        index += 1
    if index >= len(doc) or doc[index].lower_ not in {"the", "a", "an", "our", "my"}:
        return False
    nouns = [word for word in doc[index + 1 : index + 5] if word.pos_ == "NOUN"]
    return bool(nouns) and who(nouns[0]) == "thing"


@once_per_doc  # asked again by other features of the same draft
def offers(doc: Doc) -> Iterator[Cue]:
    """Offers of the author's help: "happy to review", "DM me if you need an intro"."""
    for match in OFFERS.finditer(doc.text):
        yield Cue("offer", match.start(), match.end(), match.group(), "reader")
