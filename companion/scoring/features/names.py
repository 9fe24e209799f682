"""Written names of people: what the NER finds, cleaned, and what it misses in person slots.

The small English model was trained on edited news text. On posts its PERSON entities carry
debris (a link, an emoji, "RT", a trailing "'s", the "Congrats" before a name), merge lists
("Kwame Asante, Sofia Alvarez"), and it types many names as places or organisations
("Jordan", "Nkechi Eze") or misses them in lowercase ("thanks priya"). This module cleans
the entities and adds proper nouns that stand where only a person fits: the one a post
greets or thanks, the subject of a verb only people do, a name listed beside a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from nameparser.config import CONSTANTS as NAME_PARTS
from spacy.tokens import Doc, Span, Token

from ... import lexicon
from . import given_names
from .grammar import KIN_AND_ROLES, sentence_of, sentences
from .per_segment import token_places, tokens_where

# A word that can be part of a name: letters, with inner apostrophes or hyphens (O'Neil,
# Mary-Jane), or an initial or title with its period (J., Mr.).
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*\.?")
LIST_JOINERS = lexicon.words("names", "list_joiners")
CHAT_WORDS = lexicon.words("names", "chat_words")
_LAUGHTER = re.compile(r"(?:h+[aeiou]+){2,}h*|(?:[aeiou]h){2,}", re.IGNORECASE)
ADDRESS_WORDS = lexicon.words("names", "address_words")
_ADDRESS_FILLERS = lexicon.words("names", "address_fillers")
TITLES = lexicon.words("names", "titles")
# Particles inside family names ("Louis van Gaal", "Bianca Del Rio", "Khalid al Batish"):
# nameparser's, and "el", which it has only as "el-".
PARTICLES = frozenset(NAME_PARTS.prefixes) | lexicon.words("names", "particles")
# Entity types the NER gets right often enough on names in person slots to veto them.
NOT_PEOPLE = {"ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "DATE", "TIME"}
HUMAN_VERBS = lexicon.words("names", "human_verbs")


def is_name_word(token: Token) -> bool:
    """Whether a token can be part of a written name (no digits, links, tags or emoji)."""
    return (
        bool(_NAME_WORD.fullmatch(token.text))
        and token.lower_ not in CHAT_WORDS
        and token.lower_ not in LIST_JOINERS
        and token.tag_ != "POS"
        and not token.like_num  # "Sixth", "Twelve"
        and not _LAUGHTER.fullmatch(token.text)
    )


def _written_as_name(token: Token) -> bool:
    """Capitalised ("Priya", "McKnight") or, as names often are in posts, all lowercase.

    Shouted words (ALL CAPS) and brand casing ("iOS") are left out: in those the tagger's
    PROPN says little.
    """
    text = token.text
    return (text[:1].isupper() and not text.isupper()) or text.islower()


def _name_like(token: Token) -> bool:
    """A word that can stand in a name found by position: no function or greeting words."""
    return (
        is_name_word(token)
        and _written_as_name(token)
        and not token.is_stop
        and token.lower_ not in ADDRESS_WORDS
    )


def name_pieces(span: Span) -> Iterator[Span]:
    """The runs of name words in ``span``, split at list joiners and at anything else.

    The NER merges lists ("Kwame Asante, Sofia Alvarez") and swallows neighbouring debris
    ("Liz Crowe @beerwencha2", "righthererachel http://…"); a name is a run of name words.
    """
    doc = span.doc
    start = None
    for token in span:
        inside = is_name_word(token) and not (start is None and token.lower_ in ADDRESS_WORDS)
        if inside and start is None:
            start = token.i
        elif not inside and start is not None:
            yield doc[start : token.i]
            start = None
    if start is not None:
        yield doc[start : span.end]


def looks_like_name(span: Span) -> bool:
    """Whether a span is written as a name: capitalised proper nouns, no function words.

    The NER leans on capital letters; in lowercase or shouted text it guesses, and its
    guesses on chat ("omg tysm", "OH MY") are rarely names.
    """
    inner = [token for token in span[1:-1] if token.lower_ in PARTICLES or _is_initial(token)]
    words = [token for token in span if token not in inner]
    return (
        all(token.pos_ == "PROPN" and token.text[:1].isupper() for token in words)
        and not any(token.is_stop for token in words)
        and not span.text.isupper()
        and len(span.text) > 1
    )


def _is_initial(token: Token) -> bool:
    """A single capital, with or without its period: the "A" of "Stephen A Smith"."""
    return len(token.text.rstrip(".")) == 1 and token.text[0].isupper()


def with_title(span: Span) -> Span:
    """The name with the title written before it: "Mr. Schooley", "Dr. Amara Nwosu"."""
    start = span.start
    while start > 0 and span.doc[start - 1].lower_ in TITLES:
        start -= 1
    return span.doc[start : span.end]


def _proper_noun_run(doc: Doc, index: int) -> Span | None:
    """The run of proper nouns starting at ``index``, in any case ("priya", "Kwame Asante")."""
    if index >= len(doc):
        return None
    lowercase = doc[index].is_lower
    end = index

    def continues(token: Token) -> bool:
        # A name is written in one case: "Kwame Asante", "priya"; "awww Pattie" is not one.
        return token.pos_ == "PROPN" and _name_like(token) and token.is_lower == lowercase

    while end < len(doc):
        if continues(doc[end]):
            end += 1
        elif end > index and not lowercase and doc[end].lower_ in PARTICLES:
            # "Ana de la Cruz": particles count when a capitalised word follows them.
            following = end
            while following < len(doc) and doc[following].lower_ in PARTICLES:
                following += 1
            if following == len(doc) or not continues(doc[following]):
                break
            end = following
        else:
            break
    return doc[index:end] if end > index and len(doc[index:end].text) > 1 else None


def _whole_name(token: Token) -> Span:
    """The run of proper nouns around ``token``: the full name a first name begins."""
    doc = token.doc
    start = token.i
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and _name_like(doc[start - 1])
        and doc[start - 1].is_lower == token.is_lower
    ):
        start -= 1
    return _proper_noun_run(doc, start) or doc[token.i : token.i + 1]


def _name_headed_by(token: Token) -> Span | None:
    """The name whose last word is ``token`` ("Nkechi Eze" for Eze), if it reads as one."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head == token:
        start -= 1
    run = _proper_noun_run(doc, start)
    return with_title(run) if run is not None and run.end == token.i + 1 else None


def _capitalised_run(doc: Doc, index: int) -> Span | None:
    """Capitalised nouns from ``index``: the tagger often calls a name set apart a NOUN."""
    end = index
    while end < len(doc) and doc[end].pos_ in {"PROPN", "NOUN"} and _name_like(doc[end]):
        if doc[end].is_lower:
            break
        end += 1
    return doc[index:end] if end > index else None


# A verb opening a sentence is capitalised and the NER takes it into the name after it
# ("Loved Obama's speech", "Jailed Marine's mom"): past and -ing forms are rare as given names.
_OPENING_VERB = re.compile(r"\w{3,}ed|\w{3,}ing")
OPENING_VERBS = lexicon.words("names", "opening_verbs")


def without_opening_verb(span: Span) -> Span:
    """The name without the verb that opens its sentence: "Hire Ben Kowalski" → Ben Kowalski."""
    first = span[0]
    if (
        len(span) > 1
        and first.is_sent_start
        and (_OPENING_VERB.fullmatch(first.lower_) or first.lower_ in OPENING_VERBS)
    ):
        return span[1:]
    return span


def entity_names(doc: Doc) -> Iterator[Span]:
    """PERSON entities, split into the names they hold, with debris left out."""
    # An entity lies inside one segment; the title before its name may not ("Rev. ").
    for start, end in token_places(doc, "names.entities", _entity_names):
        yield with_title(doc[start:end])


def _entity_names(doc: Doc) -> Iterator[tuple[int, int]]:
    for entity in doc.ents:
        if entity.label_ == "PERSON":
            for piece in name_pieces(entity):
                if looks_like_name(piece) and not is_heading(piece):
                    name = without_opening_verb(piece)
                    yield name.start, name.end


def _is_address_word(token: Token) -> bool:
    return token.lower_ in ADDRESS_WORDS


def is_heading(span: Span) -> bool:
    """A plain word that opens a sentence with a colon: "Lesson: start with a monolith",
    "Tip: …". A given name there is a speaker ("Priya: ship it") and stays a name."""
    doc = span.doc
    return (
        len(span) == 1
        and span[0].is_sent_start
        and span.end < len(doc)
        and doc[span.end].text == ":"
        and given_names.is_plain_word(span.text)
        and given_names.given_rank(span.text) is None
    )


def addressed_names(doc: Doc) -> Iterator[Span]:
    """Names right after a greeting or thanks, and the names listed with them."""
    for token in tokens_where(doc, "names.address", _is_address_word):
        index = token.i + 1
        while index < len(doc) and doc[index].lower_ in _ADDRESS_FILLERS:
            index += 1
        while (run := _proper_noun_run(doc, index)) is not None:
            yield with_title(run)
            index = run.end
            if index + 1 < len(doc) and doc[index].lower_ in LIST_JOINERS:
                index += 1
            else:
                break


PERSONAL_PRONOUNS = lexicon.words("names", "personal_pronouns")


def _referred_to_as_person(token: Token) -> bool:
    """A later "he", "she", "his", "her" in the same sentence: "Yuri introduced herself"."""
    return any(other.text in PERSONAL_PRONOUNS for other in sentence_of(token) if other.i > token.i)


def _proper_subject(token: Token) -> bool:
    return token.dep_ in {"nsubj", "nsubjpass"} and token.pos_ == "PROPN"


def subject_names(doc: Doc) -> Iterator[Span]:
    """Proper nouns that are the subject of a verb only people do ("Priya thinks…")."""
    for token in tokens_where(doc, "names.subjects", _proper_subject):
        if token.head.lemma_ not in HUMAN_VERBS and not _referred_to_as_person(token):
            continue
        # Organisations speak and win too ("the White House says", "City win"): the NER's
        # ORG is trusted here, its GPE is not ("Bruna", "Nkechi Eze").
        if token.ent_type_ in NOT_PEOPLE:
            continue
        name = _name_headed_by(token)
        # Lowercase subjects are as often slang ("that nigga knows") as names.
        if name is not None and name.text[:1].isupper() and not is_heading(name):
            yield name


def _proper_apposition(token: Token) -> bool:
    return token.dep_ == "appos" and token.pos_ == "PROPN" and token.ent_type_ not in NOT_PEOPLE


def role_names(doc: Doc) -> Iterator[Span]:
    """A proper noun set beside a word for the role or kin it names: "my colleague Amara",
    "our new intern Tomás García". The NER, trained on news, often misses these."""
    for token in tokens_where(doc, "names.roles", _proper_apposition):
        role = token.head
        if role.i > token.i or role.lemma_.lower() not in KIN_AND_ROLES:
            continue
        name = _name_headed_by(token)
        if name is not None and name.text[:1].isupper():
            yield name


def listed_names(people: Iterable[Span]) -> Iterator[Span]:
    """Proper nouns coordinated with a person found already: lists name one kind of thing."""
    for person in people:
        for conjunct in person.root.conjuncts:
            name = _name_headed_by(conjunct) if conjunct.pos_ == "PROPN" else None
            if name is not None:
                yield name


def echoed_names(doc: Doc, handles: Iterable[Span]) -> Iterator[Span]:
    """Proper nouns that repeat the start of a person's handle in the same post.

    Replies greet the person they mention by name ("@Harry_Styles Hi Harry", "@elynElina
    thanks elyn!"); the handle confirms a name the NER missed or could not type.
    """
    keys = {re.sub(r"[\W\d_]+", "", handle.text).lower() for handle in handles}
    if not keys:
        return
    for token in tokens_where(doc, "names.echo", _may_echo):
        if any(key.startswith(token.lower_) for key in keys):
            yield _whole_name(token)


def _may_echo(token: Token) -> bool:
    return token.pos_ == "PROPN" and len(token) > 2 and _name_like(token)


def vocative_names(doc: Doc) -> Iterator[Span]:
    """A capitalised name after the last comma of a sentence: the person it is said to.

    "Great work on the release, Priya." "Welcome to the team, Tomás García!"
    """
    for after, last in token_places(doc, "names.vocative", _vocative_places):
        # The run is read on the whole draft: it may go on past the sentence's end.
        run = _capitalised_run(doc, after)
        if run is not None and run[-1].i == last and run.root.ent_type_ not in NOT_PEOPLE:
            yield with_title(run)


def _vocative_places(doc: Doc) -> Iterator[tuple[int, int]]:
    """Where a name said to someone may stand in each sentence: the token after its last
    comma, and its last word (a sentence lies inside one segment of a draft)."""
    for sentence in sentences(doc):
        words = [token for token in sentence if token.is_alpha or token.text == ","]
        commas = [index for index, token in enumerate(words) if token.text == ","]
        # "Clinic, Germany" and "Grimsby, North East Lincolnshire" are addresses: a name
        # said to someone follows a clause, not another proper noun.
        if not commas or commas[-1] == 0 or words[commas[-1] - 1].pos_ == "PROPN":
            continue
        yield words[commas[-1]].i + 1, words[-1].i
