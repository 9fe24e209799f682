"""The people a post names or @mentions, with their offsets.

The stock NER finds about two thirds of written names in posts and no @handle at all.
People here are the @handles that read as a person's account (not a news outlet, brand,
team or content feed) and the written names :mod:`.names` finds: the NER's PERSON
entities cleaned of debris, and proper nouns in places only a person fits.

Measured on the Broad Twitter Corpus dev split (PER mentions, exact spans): F1 0.685 with
raw entities and every handle, 0.738 with these rules. Most of what is left is handles the
corpus did not annotate (about a fifth of all handles) and names the small model cannot
see without world knowledge.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Span, Token

from ... import lexicon
from .grammar import is_handle
from .names import (
    TITLES,
    addressed_names,
    echoed_names,
    entity_names,
    listed_names,
    role_names,
    subject_names,
    vocative_names,
    without_opening_verb,
)
from .per_doc import once_per_doc
from .per_segment import tokens_where

TITLE_WORDS = {title.rstrip(".") for title in TITLES}
ORGANISATION_WORDS = lexicon.words("people", "organisation_words")
# Camel-case humps, runs of capitals, lowercase runs and digits: "BBCNewsMagazine" →
# bbc, news, magazine.
_HANDLE_PARTS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def handle_words(handle: str) -> list[str]:
    """The words a handle is written in, as far as case and underscores show them."""
    return [part.lower() for part in _HANDLE_PARTS.findall(handle)]


PLACE_WORDS = lexicon.words("people", "place_words")


def is_person_handle(token: Token) -> bool:
    """An @mention that does not read as a news outlet, a brand, a team or a content feed."""
    if not is_handle(token):
        return False
    if token.i > 0 and token.doc[token.i - 1].lower_ in PLACE_WORDS:
        return False
    return not _organisation_handle(token.text[1:])


@functools.lru_cache(maxsize=4096)
def _organisation_handle(name: str) -> bool:
    """A handle written with a word organisations go by: "BBCNews", "acmeofficial"."""
    if any(word in ORGANISATION_WORDS for word in handle_words(name)):
        return True
    # All-lowercase handles show no word breaks; only long words are safe to find inside.
    lowered = name.lower()
    return any(len(word) >= 5 and word in lowered for word in ORGANISATION_WORDS)


@once_per_doc  # asked again by other features of the same draft
def find_people(doc: Doc) -> list[tuple[str, str, int, int]]:
    """People named or mentioned: ``(text, kind, start, end)`` with code-point offsets.

    ``kind`` is ``handle`` for an @mention and ``name`` for a written name.
    """
    found: dict[tuple[int, int], tuple[str, str, int, int]] = {}
    taken: set[int] = set()

    def add(span: Span, kind: str) -> None:
        if any(token.i in taken for token in span):
            return
        taken.update(token.i for token in span)
        key = (span.start_char, span.end_char)
        found[key] = (span.text, kind, *key)

    handles = [
        doc[token.i : token.i + 1]
        for token in tokens_where(doc, "people.handles", is_handle)
        if is_person_handle(token)
    ]
    for handle in handles:
        add(handle, "handle")
    # The NER's own names first: the rules below only add what it missed.
    names = [*entity_names(doc), *addressed_names(doc), *subject_names(doc), *vocative_names(doc)]
    names += role_names(doc)
    names += listed_names([*names, *handles])
    names += echoed_names(doc, handles)
    for span in names:
        add(without_opening_verb(span), "name")
    return without_repeats(sorted(found.values(), key=lambda person: person[2]))


def _name_words(name: str) -> set[str]:
    return {word.casefold().rstrip(".") for word in name.split()} - TITLE_WORDS


def without_repeats(
    people: list[tuple[str, str, int, int]],
) -> list[tuple[str, str, int, int]]:
    """The people, each once: a first name or surname already in a full name is the same
    person again ("Priya Raman, Tom Okafor, Tom"; "Lucía Fernández… Dr. Fernández")."""
    names = [_name_words(text) for text, kind, _, _ in people]
    kept = []
    for index, person in enumerate(people):
        words = names[index]
        fuller = any(
            other != index and words < names[other] or (words == names[other] and other < index)
            for other in range(len(people))
            if people[other][1] == "name"
        )
        if person[1] == "handle" or not words or not fuller:
            kept.append(person)
    return kept
