"""Person or organisation: whether a name or @mention in a draft is a person.

The rule features find names and @handles; many handles are the accounts of newsrooms,
brands, teams and events, which are no one's network, and the rules miss names the NER
types as places or organisations, or that are written in lowercase, in capitals or as a
hashtag. This model judges the rules' people, every @handle and those other names. It
reads a mention's letters (handles are written as names or as brands), whether its words
are given or family names or plain English words ("HistoricalPics", "FunnySayings":
:mod:`..features.given_names`), the words around it, the NER's type and whether a rule
found it. A name is judged without the plain words at its edges (:func:`trimmed`). It was
trained on the Broad Twitter Corpus' training sections (A, B, E, G): mentions annotated PER
against the rest.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from ... import lexicon
from ...nlp.segments import Draft
from ..features import Features, given_names
from ..features.grammar import is_handle, is_hashtag
from ..features.names import (
    ADDRESS_WORDS,
    PERSONAL_PRONOUNS,
    is_name_word,
    name_pieces,
    with_title,
    without_opening_verb,
)
from ..features.people import TITLE_WORDS, handle_words, is_person_handle, without_repeats
from ..features.per_segment import token_places, tokens_where
from . import _linear
from ._linear import FeatureRow
from .signal import Signal

ARTIFACT = "person"
Entity = str  # "person" or "organisation"
# The words that make a name an organisation's (the store's rule reads the same lists).
ORGANISATION_WORDS = lexicon.words("entity", "organisation_words")
KNOWN_BRANDS = lexicon.words("entity", "known_brands")


@dataclasses.dataclass(frozen=True)
class Mention:
    """A name or @handle in the draft, code-point offsets, with what it names."""

    text: str
    kind: str
    start: int
    end: int
    entity: Entity
    probability: float


def candidates(
    doc: Doc,
    features: Features,
    draft: Draft | None = None,
    ruled: list[tuple[str, str, int, int]] | None = None,
) -> list[tuple[str, str, int, int]]:
    """The rules' people, every other @handle, then the names the rules left out (none
    overlapping one found before it): each is judged person or not.

    ``ruled``: :func:`rule_people` of ``doc``, when the caller has it already.
    """
    found = {}
    for mention in rule_people(doc, features) if ruled is None else ruled:
        found[mention[2], mention[3]] = mention
    handles = (
        _handles(doc) if draft is None else _linear.per_segment(draft, "signals.handles", _handles)
    )
    for text, start, end in handles:
        if (start, end) not in found:
            found[start, end] = (text, "handle", start, end)
    taken = list(found)
    for name in more_names(doc):
        name = trimmed(name)
        key = (name.start_char, name.end_char)
        if not any(start < key[1] and key[0] < end for start, end in taken):
            taken.append(key)
            found[key] = (name.text, "name", *key)
    # A first name or surname said again after the full name is the same person again.
    return without_repeats(sorted(found.values(), key=lambda mention: mention[2]))


def rule_people(doc: Doc, features: Features) -> list[tuple[str, str, int, int]]:
    """The rules' people, each name trimmed of the plain words at its edges."""
    people = []
    for text, kind, start, end in features.people:
        if kind == "name":
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                span = trimmed(span)
                text, start, end = span.text, span.start_char, span.end_char
        people.append((text, kind, start, end))
    return people


def trimmed(span: Span) -> Span:
    """The name without the plain English words at its edges: a headline's words run into
    it ("Seth Rogen Perform", "Unlucky Andy Murray", "Tom tonight", "Tom Wilkinson Movie").
    A word the census lists stays ("Will", "King", "Bowie"), unless it is a rare family
    name that is also a verb or an adjective ("Learn", "Tells"); before a name only a
    verb, adjective or adverb goes ("Awkward George"), as the corpus leaves titles out."""
    start, end = span.start, span.end
    doc = span.doc

    def plain(token: Token, nouns: bool) -> bool:
        word = token.text
        classes = given_names.word_classes(word)
        if not token.is_alpha or not classes:
            return False
        if classes & {"verb", "adj", "adv"}:
            # "Learn", "Tells": a rare family name is likelier a verb after a name.
            return given_names.given_bucket(word) not in {"top", "common"} and (
                given_names.family_bucket(word) not in {"top", "common"}
            )
        return (
            nouns
            and given_names.given_rank(word) is None
            and (given_names.family_rank(word) is None)
        )

    # A word after the name can be any plain word ("Movie", "Perform", "tonight"); one
    # before it only a describing one ("Unlucky", "Japanese"): "Atticus" is a noun too.
    # Among lowercase words a capitalised noun at the end is the name's own ("Steve Jobs
    # was", "I love Elon Musk."); a verb there is still a headline's ("Perform at").
    keep_nouns = _in_sentence_case(span)
    while end - start > 1 and plain(doc[end - 1], nouns=True):
        if keep_nouns and "noun" in given_names.word_classes(doc[end - 1].text):
            break
        end -= 1
    while end - start > 1 and plain(doc[start], nouns=False):
        start += 1
    return span if (start, end) == (span.start, span.end) else doc[start:end]


def _in_sentence_case(span: Span) -> bool:
    """Is a capitalised name written among lowercase words ("Steve Jobs was a genius", "I
    love Elon Musk.")? Then its capitals are its own, not a headline's ("Watch Seth Rogen
    Perform Live")."""
    doc = span.doc
    if not span[-1].text[:1].isupper():
        return False
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.is_alpha:
        return after.is_lower
    before = doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.is_alpha and before.is_lower


# Entity types whose spans the NER often gives to a person's name in posts ("Lydia" ORG,
# "Becky" GPE); DATE, MONEY and the like never hold one.
_NAME_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"}


def _name_word(token: Token) -> bool:
    return is_name_word(token) and not token.is_stop and token.lower_ not in ADDRESS_WORDS


def _written_as_person(tag: str) -> bool:
    """A hashtag written as a person's name (#SelenaGomez): a given name, at most 3 words."""
    words = handle_words(tag)
    return 0 < len(words) <= 3 and given_names.given_bucket(words[0]) in {"top", "common"}


def more_names(doc: Doc) -> Iterator[Span]:
    """Names the rules left out, for the model to judge: the NER's entities of any type split
    into runs of name words (the rules trust only PERSON), hashtags written as a person's
    name, runs of proper nouns in one case, capitalised, shouted or lowercase, and common
    given names in lowercase or capitals the tagger did not call proper nouns ("calum
    hood", "HARRY"), with a family name after them."""
    # An entity lies inside one segment; the title before its name may not ("Rev. ").
    for start, end in token_places(doc, "person.entities", _entity_names):
        yield with_title(doc[start:end])
    # Each proposal starts at a token that passes a test of its own (found segment by
    # segment in a draft from the cache); what follows it is read on the whole draft.
    for token in tokens_where(doc, "person.hashtags", _hashtag_as_person):
        yield doc[token.i : token.i + 1]
    tokens = list(doc)  # indexing a Doc makes a Token each time
    starts = tokens_where(doc, "person.run_words", _run_word)
    in_run = {token.i for token in starts}
    end = 0
    for first in starts:
        index = first.i
        if index < end:
            continue  # inside the run before it
        end = index
        while end < len(tokens) and end in in_run and tokens[end].is_lower == first.is_lower:
            end += 1
        if len(doc[index:end].text) > 1:
            yield with_title(without_opening_verb(doc[index:end]))
    for token in tokens_where(doc, "person.uncased_given", _uncased_given_name):
        end = token.i + 1
        if end < len(tokens) and _uncased_family_name(tokens[end], token):
            end += 1
        yield doc[token.i : end]


def _entity_names(doc: Doc) -> Iterator[tuple[int, int]]:
    """The NER's entities of the types a name is given, as runs of name words."""
    for entity in doc.ents:
        if entity.label_ in _NAME_TYPES:
            for piece in name_pieces(entity):
                piece = without_opening_verb(piece)
                if all(_name_word(token) for token in piece) and len(piece.text) > 1:
                    yield piece.start, piece.end


def _hashtag_as_person(token: Token) -> bool:
    return is_hashtag(token) and _written_as_person(token.text[1:])


def _run_word(token: Token) -> bool:
    """A word a run of proper nouns is made of; a run keeps the case of its first word."""
    return token.pos_ == "PROPN" and _name_word(token)


def _uncased_given_name(token: Token) -> bool:
    """A given name written in lowercase or capitals ("calum hood", "HARRY"): the tagger
    rarely calls it a proper noun, so the census proposes it."""
    text = token.text
    return (
        len(text) > 2
        and text.isalpha()
        and (text.islower() or text.isupper())
        and given_names.given_bucket(text) in {"top", "common"}
        and _name_word(token)
    )


def _uncased_family_name(token: Token, first: Token) -> bool:
    text = token.text
    return (
        text.isalpha()
        and len(text) > 1
        and (text.islower() == first.text.islower())
        and _name_word(token)
        and given_names.family_rank(text) is not None
    )


# Each group of mentions has its own threshold: a name a rule found in a person's place
# needs less to stay a person than a bare @handle or a name only the model proposes.
THRESHOLD_KEYS = ("handle", "name", "proposed")


def threshold_key(kind: str, by_rule: bool) -> str:
    """The threshold a mention is judged by: ``handle``, ``name`` (a rule's) or ``proposed``."""
    return "handle" if kind == "handle" else "name" if by_rule else "proposed"


def _handles(doc: Doc) -> list[tuple[str, int, int]]:
    return [
        (token.text, token.idx, token.idx + len(token.text)) for token in doc if is_handle(token)
    ]


def featurize(doc: Doc, mention: tuple[str, str, int, int], by_rule: bool) -> FeatureRow:
    """What the mention is written as, where it stands, and what found it."""
    text, kind, start, end = mention
    return _row(text, kind, by_rule, _placed(doc, mention), (start, end))


# What :func:`featurize` reads of the draft around a mention: whether a handle reads as an
# organisation's, and the words before, after and above it (None: no span holds it).
Place = tuple[bool, str, str, str, str, str, str, str, bool] | None


def _placed(doc: Doc, mention: tuple[str, str, int, int]) -> Place:
    text, kind, start, end = mention
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    organisation = kind == "handle" and not is_person_handle(span[0])
    before = doc[span.start - 1].lower_ if span.start > 0 else "<s>"
    after = doc[span.end].lower_ if span.end < len(doc) else "</s>"
    # Two words either side read the phrase a mention stands in, not one word of it
    # ("RT @x :" quotes an account; "thanks to", "said by" and "'s new" go with people,
    # "via", "at the" with outlets and places), handles, links and numbers folded into
    # one word each as the word model folds them, so "with @x and" is one phrase.
    before2 = " ".join(_linear._word(t.text) for t in doc[max(0, span.start - 2) : span.start])
    after2 = " ".join(_linear._word(t.text) for t in doc[span.end : span.end + 2])
    root = span.root
    pronoun = any(token.lower_ in PERSONAL_PRONOUNS for token in doc[span.end : span.end + 12])
    return (
        organisation,
        before,
        after,
        before2 or "<s>",
        after2 or "</s>",
        root.ent_type_ or "-",
        root.dep_,
        root.head.lemma_.lower(),
        pronoun,
    )


def _row(text: str, kind: str, by_rule: bool, place: Place, where: tuple[int, int]) -> FeatureRow:
    # What the mention is written as, read once per text (a draft names the same people
    # edit after edit), each feature read from the mention as often as it was read there.
    row: FeatureRow = {
        feature: (value, (where,) * len(spans))
        for feature, (value, spans) in _written_as(text, kind, by_rule).items()
    }
    name = text.lstrip("@")
    if place is not None:
        organisation, before, after, before2, after2, entity, dep, head, pronoun = place
        if organisation:
            _linear.add(row, "rule:organisation_handle", where)
        _linear.add(row, f"before:{before}", None)
        _linear.add(row, f"after:{after}", None)
        _linear.add(row, f"before2:{before2}", None)
        _linear.add(row, f"after2:{after2}", None)
        _linear.add(row, f"ent:{entity}", None)
        _linear.add(row, f"dep:{dep}", None)
        _linear.add(row, f"head:{head}", None)
        if pronoun:
            _linear.add(row, "pronoun:after", None)
    shape = [
        ("digits", any(char.isdigit() for char in name)),
        ("underscore", "_" in name),
        ("caps", name.isupper()),
        ("lower", name.islower()),
        ("camel", bool(re.search("[a-z][A-Z]", name))),
        ("words", len(text.split()) > 1),
        ("hashtag", text.startswith("#")),
    ]
    for feature, present in shape:
        if present:
            _linear.add(row, f"shape:{feature}", where)
    return row


@functools.lru_cache(maxsize=4096)
def _probability(text: str, kind: str, by_rule: bool, place: Place) -> float:
    """The model's probability for a mention's row: it depends on what the row holds, not
    on where its spans are, so a mention written and placed alike (the same people, edit
    after edit) is weighed once."""
    return _linear.load(ARTIFACT).read(_row(text, kind, by_rule, place, _HERE)).probability


_HERE = (0, 1)  # where :func:`_written_as` reads its features; :func:`featurize` moves them


@functools.lru_cache(maxsize=4096)
def _written_as(text: str, kind: str, by_rule: bool) -> FeatureRow:
    """The features of the mention's letters, words and census (a row to copy, not change)."""
    row: FeatureRow = {}
    name = text.lstrip("@")
    letters = f"<{name.lower()}>"
    grams = {letters[i : i + n] for n in (3, 4) for i in range(len(letters) - n + 1)}
    for gram in sorted(grams):
        _linear.add(row, f"c:{gram}", _HERE, 1.0 / len(grams) ** 0.5)
    for word in handle_words(name):
        _linear.add(row, f"hw:{word}", _HERE)
    if kind == "handle" or not by_rule:
        # A rule found the name in a person's place; the census lists are of US names, and
        # weighing them there would make "Priya" or "Nkechi Eze" less of a person than "Tom".
        _census(name, kind, _HERE, row)
    _linear.add(row, f"kind:{kind}", None)
    _linear.add(row, f"rule:{by_rule}", None)
    return row


def _census(name: str, kind: str, where: tuple[int, int], row: FeatureRow) -> None:
    """Whether the mention's words are given names or family names, and how common."""
    if kind == "handle":
        words = [word for word in handle_words(name) if len(word) > 2]
        first = words[0] if words else None
        given = given_names.given_bucket(first) if first else None
        if given is None and name.islower():
            prefix = given_names.given_prefix(name)
            if prefix is not None:
                _linear.add(row, "hgn:prefix", where)
        if given is not None:
            _linear.add(row, f"hgn:{given}", where)
        family = {given_names.family_bucket(word) for word in words[1:]} - {None}
        for bucket in sorted(family):
            _linear.add(row, f"hfn:{bucket}", where)
        _plain_words(name, where, row)
        return
    words = [word.strip(".'’") for word in name.split()]
    words = [word for word in words if word.lower() not in TITLE_WORDS] or words
    given = given_names.given_bucket(words[0])
    if given is not None:
        _linear.add(row, f"gn:{given}", where)
    family = given_names.family_bucket(words[-1])
    if family is not None:
        _linear.add(row, f"fn:{family}" + (":alone" if len(words) == 1 else ""), where)
    _linear.add(row, f"nwords:{min(len(words), 4)}", None)


def _plain_words(name: str, where: tuple[int, int], row: FeatureRow) -> None:
    """Whether a handle is written in plain English words, not names: "HistoricalPics",
    "FunnySayings" and "amnesty" are accounts; "MarkSmith" is not."""
    words = [word for word in handle_words(name) if not word.isdigit()]
    if len(words) == 1 and words[0].islower() and len(words[0]) >= 7:
        # A lowercase handle shows no word breaks: find a plain word at either end.
        word = words[0]
        if any(given_names.is_plain_word(word[cut:]) for cut in range(3, len(word) - 3)):
            _linear.add(row, "hplain:suffix", where)
        if any(given_names.is_plain_word(word[:cut]) for cut in range(4, len(word) - 2)):
            _linear.add(row, "hplain:prefix", where)
    plain = [given_names.is_plain_word(word) for word in words if len(word) > 2]
    if not plain:
        return
    if plain[-1]:
        _linear.add(row, "hplain:last", where)
    if plain[0]:
        _linear.add(row, "hplain:first", where)
    if all(plain):
        _linear.add(row, "hplain:all", where)
    elif any(plain):
        _linear.add(row, "hplain:some", where)


def _full_name(text: str) -> bool:
    """A given and a family name, each capitalised, in no organisation's words: "Kemi
    Adeyemi", "Tomás García". The model learned names from tweets, where a rule's names are
    mostly single words ("Twitter", "God", "Mum"); a full name in a person's place is a
    person whatever letters it has (on btc-h this changes one mention of 1,500), while the
    model put colleagues with names the census lists lack under "organisation"."""
    words = text.split()
    return (
        2 <= len(words) <= 4
        and all(word[:1].isupper() and word[1:].islower() and word.isalpha() for word in words)
        and not _named_as_organisation(text)
    )


def _named_as_organisation(text: str) -> bool:
    """A name in an organisation's words or a known brand's: "Acme Labs", "PyCon Summit".
    On btc-h this calls 1 mention fewer a person wrongly and loses no person."""
    words = [word.lower() for word in text.split()]
    return (
        any(word in ORGANISATION_WORDS for word in words)
        or "".join(words) in KNOWN_BRANDS
        or any(word in KNOWN_BRANDS for word in words[:1])
    )


def read(
    doc: Doc, features: Features, draft: Draft | None = None
) -> dict[str, tuple[Mention, ...]]:
    """``people``: every candidate mention, each marked person or organisation."""
    model = _linear.load(ARTIFACT)
    people = rule_people(doc, features)
    ruled = {(start, end) for _, _, start, end in people}
    mentions = []
    for mention in candidates(doc, features, draft, people):
        text, kind, start, end = mention
        by_rule = (start, end) in ruled
        # model.read(featurize(doc, mention, by_rule)).probability, weighed once per row
        probability = _probability(text, kind, by_rule, _placed(doc, mention))
        threshold = model.thresholds.get(threshold_key(kind, by_rule), model.threshold)
        entity = "person" if probability >= threshold else "organisation"
        if entity == "organisation" and kind == "name" and not by_rule:
            continue  # a name only the model proposed, and not a person: a place, a thing
        if kind == "name" and _named_as_organisation(text):
            entity = "organisation"  # "Acme Labs", as the store's rule reads it
        elif entity == "organisation" and kind == "name" and by_rule and _full_name(text):
            entity = "person"  # "Kudos to Kemi Adeyemi": see _full_name
        mentions.append(Mention(text, kind, start, end, entity, probability))
    return {"people": tuple(mentions)}


SIGNAL = Signal(
    id="person",
    summary="person or organisation: whether a name or @mention is a person's",
    artifacts=(ARTIFACT,),
    read=read,
    prepare=given_names.load,
)
