"""Small questions asked of the parse that several feature modules share.

Who a word is about is the core of the rubric: "I" as the subject of "won" is a brag,
"@maria" as the object of "thanks to" is credit. These helpers answer "who is this?"
for a token and "who did this?" for a verb, including the subjectless openings posts
are full of ("Proud of my team", "Excited to share that I've joined…").
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Doc, Span, Token

from ... import lexicon
from ...nlp.handles import HANDLE
from ...nlp.per_doc import per_doc

Who = Literal["self", "we", "reader", "person", "group", "thing"]

SELF = lexicon.words("grammar", "self")
WE = lexicon.words("grammar", "we")
READER = lexicon.words("grammar", "reader")
THIRD_PERSON = lexicon.words("grammar", "third_person")
GROUP = lexicon.words("grammar", "group")
KIN_AND_ROLES = lexicon.words("grammar", "kin_and_roles")
NEGATIONS = lexicon.words("grammar", "negations")
MEETING = lexicon.words("grammar", "meeting")
# The entities a proper noun can be that are not a person: "Grateful for a quiet Sunday".
NOT_SOMEONE = frozenset(
    {"ORG", "PRODUCT", "WORK_OF_ART", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY",
     "MONEY", "PERCENT", "EVENT"}
)  # fmt: skip


def is_handle(token: Token) -> bool:
    """An @mention (``@maria``, ``@_lina``, ``@ana.lee``)."""
    text = token.text
    # Asked of every token by several readers: most are not mentions, and the pattern
    # can only match a text that opens with "@".
    return text[:1] == "@" and HANDLE.fullmatch(text) is not None


def is_hashtag(token: Token) -> bool:
    return len(token.text) > 1 and token.text[0] == "#" and token.text[1].isalnum()


def is_link(token: Token) -> bool:
    return bool(token.like_url) and not token.like_email


def in_link(doc: Doc, offset: int) -> bool:
    """Is the code point at ``offset`` inside a link? Phrases matched on the text skip
    words that are pieces of a URL ("why-meetings-fail" holds no "meet")."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span is not None and any(is_link(token) for token in span)


def who(token: Token) -> Who:
    """Whom a noun or pronoun refers to, judged from the word itself and its entity."""
    lower = token.lower_
    doc = token.doc
    if lower == "co" and token.i + 2 < len(doc) and doc[token.i + 1].text == "-":
        return who(doc[token.i + 2])  # "my co-founder", split by the tokenizer
    if lower in SELF:
        return "self"
    if lower in WE:
        return "we"
    if lower in READER:
        return "reader"
    if is_handle(token) or token.ent_type_ == "PERSON" or lower in THIRD_PERSON:
        return "person"
    if token.pos_ == "NOUN" and (lower in KIN_AND_ROLES or token.lemma_.lower() in KIN_AND_ROLES):
        return "person"
    if lower in GROUP or token.lemma_.lower() in GROUP:
        return "group"
    if token.pos_ == "PROPN" and token.ent_type_ not in NOT_SOMEONE:
        return "person"
    return "thing"


def names_someone_else(token: Token) -> bool:
    """A word that surely names someone other than the author: an @handle, a PERSON
    entity, a word for a person or a group, you, he, she, they. Bare proper nouns are
    left out: in "Head of Growth at Helix Bio" they name a title and a company."""
    if is_handle(token) or token.ent_type_ == "PERSON":
        return True
    return token.pos_ != "PROPN" and who(token) in {"person", "group", "reader"}


def owner(token: Token) -> Who | None:
    """Who owns a noun phrase: ``my`` book → self, ``Priya's`` talk, the talk ``by Priya``."""
    for child in token.children:
        if child.dep_ == "poss":
            return who(child)
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and who(grandchild) in {"person", "self", "we"}:
                    return who(grandchild)
    return None


def name_of(token: Token) -> Span | Token:
    """The whole name a token is part of: "Patel" → "Priya Patel"."""
    for entity in token.doc.ents:
        if entity.start <= token.i < entity.end:
            return entity
    parts = [child for child in token.children if child.dep_ == "compound" and child.i < token.i]
    return token.doc[parts[0].i : token.i + 1] if parts else token


def about(token: Token) -> Who:
    """Whom a noun phrase is about.

    People are about themselves even when owned ("my team", "my mentor"); a thing is about
    its owner ("my book" → self, "Priya's talk" → person).
    """
    itself = who(token)
    if itself in {"person", "group", "reader"}:
        return itself
    return owner(token) or itself


def subject(verb: Token) -> Token | None:
    """The grammatical subject of a verb or predicate, following conjunctions and auxiliaries.

    ``I wrote it and shipped it``: the subject of ``shipped`` is ``I``. For an open clausal
    complement (``proud to announce``) it is the subject of the governing verb.
    """
    current: Token | None = verb
    for _ in range(6):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return child
        climbs = {"conj", "xcomp", "acomp", "advcl", "ccomp"}
        if current.dep_ in climbs and current.head is not current:
            if current.dep_ in {"advcl", "ccomp"} and any(
                c.dep_ == "mark" for c in current.children
            ):
                return None
            current = current.head
            continue
        if current.dep_ in {"aux", "auxpass"}:
            current = current.head
            continue
        return None
    return None


def predicated_of(token: Token) -> Token | None:
    """The subject a describing word is finally said of.

    "Zainab ran the best review" → Zainab; "She is a brilliant teacher" → She; "I'm the
    best closer" → I: the praise lands on whoever did or is the thing described.
    """
    current = token
    climbs = {"amod", "compound", "nmod", "advmod", "acomp", "attr", "dobj", "pobj", "prep"}
    for _ in range(6):
        if current.dep_ not in climbs:
            return None
        if current.head is current:
            return None
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            return subject(current)
    return None


def clause_about(noun: Token) -> Token | None:
    """The verb of a clause about a noun that it is the object of: "the best talk [I saw]",
    a fronted object ("Best thing I've read"), or the object of a stranded preposition
    ("Best conference I've been to")."""
    for child in noun.children:
        if child.dep_ == "relcl":
            return child
    head = noun.head
    if noun.dep_ == "dobj" and noun.i < head.i and head.pos_ in {"VERB", "AUX"}:
        return head
    if noun.dep_ == "pobj" and noun.i < head.i and head.dep_ == "prep":
        verb = head.head
        return verb if verb.pos_ in {"VERB", "AUX"} else None
    return None


def meets(verb: Token) -> bool:
    """A verb of meeting a thing rather than making it: see, read, attend, be (to)…"""
    return verb.lemma_.lower() in MEETING


def doer_of(word: Token) -> Token | None:
    """Who did or is the thing a describing word describes: :func:`predicated_of`, except
    the one who only met it in a clause about it ("Best conference I've been to", "the
    best talk I saw"), who did not make it."""
    doer = predicated_of(word)
    if doer is None or word.dep_ not in {"amod", "compound", "nmod"}:
        return doer
    clause = clause_about(word.head)
    if clause is None or not meets(clause):
        return doer
    met = subject(clause)
    return None if met is not None and met.i == doer.i else doer


def implied_self(sentence: Span) -> bool:
    """A subjectless opening whose unsaid subject is the author.

    "Proud of my team", "Excited to share…", "Thrilled to announce…", "Just finished…":
    the root has no subject and is a feeling or a past action, not an imperative.
    """
    root = sentence.root
    if any(child.dep_ in {"nsubj", "nsubjpass", "expl"} for child in root.children):
        return False
    if root.pos_ == "ADJ" or root.tag_ in {"VBN", "VBD", "VBG"}:
        return True
    return False


def negated(token: Token) -> bool:
    """Is the token, or the verb that governs it, negated?"""
    for word in (token, token.head):
        if any(child.dep_ == "neg" or child.lower_ in NEGATIONS for child in word.children):
            return True
    return token.i > 0 and token.doc[token.i - 1].lower_ in NEGATIONS


def actor(verb: Token) -> Who | None:
    """Who does what the verb says: its subject, or the author for a subjectless opening."""
    found = subject(verb)
    if found is not None:
        return about(found)
    sentence = sentence_of(verb)
    if verb.i == sentence.root.i and implied_self(sentence):
        return "self"
    return None


# spaCy finds a token's sentence by walking the parse each time it is asked, and the
# features ask about every sentence many times.
@per_doc
def _sentence_table(doc: Doc) -> tuple[list[Span], list[int]]:
    spans = list(doc.sents)
    owner_of = [0] * len(doc)
    for number, span in enumerate(spans):
        owner_of[span.start : span.end] = [number] * len(span)
    return spans, owner_of


def sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, worked out once per Doc."""
    return _sentence_table(doc)[0]


def sentence_of(token: Token) -> Span:
    """``token.sent``, without walking the parse again."""
    spans, owner_of = _sentence_table(token.doc)
    return spans[owner_of[token.i]]
