"""Self-promotion: bragging about oneself, and asking the reader to buy, sign up or follow.

"If every post you have in social media is about your own activities, then you are missing
out on an opportunity to be a leader." A brag is the author (or the author's own thing) as
the one who achieved, won, got or is something; a call to action sends the reader to the
author's product. Both come from the parse: "I won", "my new book", "proud to announce",
not from the words alone ("Priya won" is news worth sharing, not a brag).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from .cue import Cue
from .grammar import actor, negated, owner, subject, who

# Verbs whose subject, when it is the author, is claiming an achievement or a possession.
ACHIEVE = {
    "win", "earn", "achieve", "accomplish", "finish", "complete", "graduate", "publish",
    "launch", "announce", "release", "receive", "land", "ace", "nail", "crush", "smash",
    "beat", "break", "hit", "reach", "surpass", "pass", "qualify", "score", "raise",
    "sign", "secure", "close", "grow", "build", "found", "create", "design", "write", "make",
    "sell", "buy", "purchase", "own", "afford", "join", "start", "open", "host", "lead",
    "speak", "present", "keynote", "feature", "rank", "top", "double", "triple", "meet",
    "travel", "visit", "run", "lift", "lose", "save", "solve", "fix", "invent", "discover",
    "get", "become", "manage", "beat", "collect", "unlock", "obtain", "gain",
}
# Passives that are achievements when the author is their subject ("I was promoted").
HONOURED = {
    "accept", "promote", "hire", "select", "nominate", "award", "name", "invite", "feature",
    "recognize", "recognise", "honor", "honour", "choose", "elect", "pick", "shortlist",
    "certify", "admit", "recruit", "offer", "grant", "give", "rank", "list", "approve",
    "publish", "sponsor", "fund", "back", "interview", "quote", "verify",
}
# Feelings that, with no one else as their object, announce the author's own news.
ANNOUNCING_FEELINGS = {
    "proud", "honored", "honoured", "humbled", "thrilled", "excited", "delighted", "blessed",
    "stoked", "pumped", "psyched", "overjoyed", "ecstatic", "privileged", "lucky", "glad",
    "happy", "pleased",
}
# Nouns that make "my X" a trophy: "my new book", "my award", "my promotion".
TROPHIES = {
    "award", "prize", "medal", "trophy", "degree", "promotion", "record", "milestone",
    "bestseller", "certificate", "certification", "scholarship", "offer", "raise", "win",
    "book", "course", "podcast", "album", "startup", "company", "business", "product",
    "app", "launch", "article", "paper", "talk", "keynote", "channel", "newsletter", "house",
    "car", "job", "title", "rank", "score", "grade", "followers", "subscribers", "fans",
}
FRESH = {"new", "first", "own", "latest", "dream", "next", "upcoming", "brand"}
# Qualities the author claims for themselves: "I'm so good at this", "I'm the best".
TRAITS = {
    "best", "good", "great", "smart", "talented", "gifted", "genius", "amazing", "awesome",
    "brilliant", "perfect", "fast", "strong", "fit", "rich", "successful", "famous",
    "popular", "humble", "sexy", "hot", "beautiful", "pretty", "cute", "funny", "cool",
    "right", "ahead", "expert", "pro", "natural", "first", "only", "better", "smarter",
    "stronger", "faster", "richer", "unbeatable", "undefeated", "legend", "champion",
}
CALLS_TO_ACTION = re.compile(
    r"\b(?:link in (?:my )?bio|dm (?:me|us)(?! if)|sign up|sign-up|register (?:now|today|here)"
    r"|buy (?:it|now|my|our|your)|order (?:now|yours|today)|pre-?order|subscribe"
    r"|follow (?:me|us)|check out (?:my|our)|use (?:my |our )?(?:promo )?code"
    r"|book (?:a|your) (?:call|demo|spot|seat)|grab (?:your|a) (?:copy|seat|spot|ticket)"
    r"|get (?:your|a) (?:copy|ticket|tickets)|available now|out now|download (?:my|our|it)"
    r"|join (?:my|our) (?:waitlist|newsletter|course|webinar|community)"
    r"|limited (?:time|spots|seats)|(?:20|30|40|50)% off)",
    re.IGNORECASE,
)


def brags(doc: Doc) -> Iterator[Cue]:
    """The author claiming an achievement, an honour, a possession, a trait or their news."""
    for token in doc:
        cue = _brag(token)
        if cue is not None:
            yield cue


def _brag(token: Token) -> Cue | None:
    lemma = token.lemma_.lower()
    if token.pos_ in {"VERB", "AUX"} and token.dep_ != "aux":
        passive = any(child.dep_ in {"auxpass", "nsubjpass"} for child in token.children)
        by = actor(token)
        if by not in {"self", "we"} or negated(token) or _asked(token):
            return None
        if passive and lemma in HONOURED:
            return Cue.of("honour", token, by)
        if lemma == "get" and any(c.tag_ == "VBN" and c.lemma_.lower() in HONOURED for c in token.children):
            return Cue.of("honour", token, by)
        if not passive and lemma in ACHIEVE and token.tag_ in {"VBD", "VBN", "VBZ", "VBP", "VBG"}:
            if token.tag_ in {"VBP", "VBZ"} and not _perfect(token) and lemma not in {"own", "lead", "run"}:
                return None
            if lemma in {"get", "make", "become", "meet", "start", "run", "lose"} and not _has_object(token):
                return None
            return Cue.of("achievement", token, by)
        return None
    if lemma in ANNOUNCING_FEELINGS and token.pos_ == "ADJ":
        return _announcing_feeling(token)
    if token.pos_ in {"NOUN", "PROPN"} and owner(token) == "self":
        fresh = any(child.lower_ in FRESH for child in token.children)
        if fresh or lemma in TROPHIES and token.dep_ in {"dobj", "nsubj", "pobj", "attr", "ROOT"}:
            if fresh or _owned_proudly(token):
                return Cue.of("possession", token.doc[_np_start(token) : token.i + 1], "self")
    if lemma in TRAITS and token.pos_ in {"ADJ", "NOUN"} and token.dep_ in {"acomp", "attr"}:
        found = subject(token.head)
        if found is not None and who(found) == "self" and not negated(token.head):
            return Cue.of("trait", token, "self")
    return None


def _np_start(token: Token) -> int:
    return min(child.i for child in token.subtree if child.i <= token.i)


def _perfect(verb: Token) -> bool:
    return any(child.lemma_ == "have" and child.dep_ == "aux" for child in verb.children)


def _has_object(verb: Token) -> bool:
    return any(child.dep_ in {"dobj", "attr", "acomp", "oprd", "xcomp"} for child in verb.children)


def _asked(verb: Token) -> bool:
    """Questions, conditionals and wishes are not claims: "Did I win?", "if I win", "I wish I won"."""
    sentence = verb.sent
    if sentence.text.rstrip().endswith("?"):
        return True
    return any(child.dep_ == "mark" and child.lower_ in {"if", "unless", "when"} for child in verb.children) or any(
        child.lemma_ in {"will", "would", "could", "might", "should", "may", "wish", "hope"}
        for child in verb.children
        if child.dep_ == "aux"
    )


def _owned_proudly(noun: Token) -> bool:
    """ "my award", "my new book", but not "my mom" or "my phone died"."""
    head = noun.head
    return head.lemma_.lower() in ACHIEVE | HONOURED | {"be", "check", "share", "announce", "proud", "introduce"} or noun.dep_ in {"dobj", "attr"}


def _announcing_feeling(token: Token) -> Cue | None:
    """ "Thrilled to announce", "proud to share", "honored to be named": the author's news.

    "Proud of my team" and "happy for you" aim the feeling at someone else and are credit.
    """
    by = actor(token) if token.dep_ != "ROOT" else (actor(token) or "self")
    if by not in {"self", "we"} or negated(token):
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "for"}:
            objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
            if any(who(obj) != "self" and owner(obj) not in {"self", None} for obj in objects):
                return None
            if any(who(obj) in {"person", "reader", "group"} for obj in objects):
                return None
            if child.lower_ == "for" and objects:
                return None
        if child.dep_ == "xcomp" and child.lemma_.lower() in {"announce", "share", "join", "be", "receive", "present", "introduce", "launch", "say", "welcome", "speak", "accept"}:
            return Cue.of("announcement", token.doc[token.i : child.i + 1], by)
    if token.lemma_.lower() in {"proud", "honored", "honoured", "humbled", "privileged"}:
        return Cue.of("feeling", token, by)
    return None


def calls_to_action(doc: Doc) -> Iterator[Cue]:
    """Asks to buy, sign up, follow or click that send the reader to the author's things."""
    for match in CALLS_TO_ACTION.finditer(doc.text):
        yield Cue("call_to_action", match.start(), match.end(), match.group(), "self")
