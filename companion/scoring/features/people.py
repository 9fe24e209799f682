"""The people a post names or @mentions, with their offsets.

The stock NER finds about two thirds of written names in posts and no @handle at all, so
this adds what the parse can tell: @handles, names in the object of a credit word
("thanks to priya and jon"), names the NER typed as places, and lists it merged into one
span ("Kwame Asante, Sofia Alvarez").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from .grammar import is_handle

# Entities the small model often gives to people's names ("Jordan", "Aisha" as GPE).
MISTYPED = {"GPE", "NORP", "ORG", "LOC", "FAC"}
# Words after which a capitalised name is a person being credited or addressed.
CREDIT_WORDS = {
    "thanks", "thank", "congrats", "congratulations", "kudos", "props", "meet", "welcome",
    "shoutout", "shout-out", "cheers", "hats", "proud", "with", "by", "ft", "feat", "featuring",
}


def _split_list(span: Span) -> Iterator[Span]:
    """Split an entity that merged a list of names at its commas and "and"s."""
    start = span.start
    for token in span:
        if token.text in {",", ";", "&"} or token.lower_ in {"and", "or"}:
            if token.i > start:
                yield span.doc[start : token.i]
            start = token.i + 1
    if start < span.end:
        yield span.doc[start : span.end]


def _trim(span: Span) -> Span | None:
    """Drop possessive endings and punctuation at the edges of a name."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].tag_ == "POS"):
        end -= 1
    return doc[start:end] if end > start else None


def _credit_names(doc: Doc) -> Iterator[Span]:
    """Proper nouns right after a word of credit, the NER's typing notwithstanding."""
    for token in doc:
        if token.lower_ not in CREDIT_WORDS:
            continue
        index = token.i + 1
        if index < len(doc) and doc[index].lower_ in {"to", "you", "off", "out"}:
            index += 1
        while index < len(doc) and doc[index].pos_ == "PROPN" and doc[index].text[:1].isupper():
            end = index
            while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" and doc[end + 1].text[:1].isupper():
                end += 1
            yield doc[index : end + 1]
            index = end + 1
            if index + 1 < len(doc) and (doc[index].text == "," or doc[index].lower_ == "and"):
                index += 1
            else:
                break


def find_people(doc: Doc) -> list[tuple[str, str, int, int]]:
    """People named or mentioned: ``(text, kind, start, end)`` with code-point offsets.

    ``kind`` is ``handle`` for an @mention and ``name`` for a written name.
    """
    found: dict[tuple[int, int], tuple[str, str, int, int]] = {}
    taken: set[int] = set()

    def add(span: Span | Token, kind: str) -> None:
        if isinstance(span, Token):
            span = span.doc[span.i : span.i + 1]
        trimmed = _trim(span) if kind == "name" else span
        if trimmed is None or any(token.i in taken for token in trimmed):
            return
        taken.update(token.i for token in trimmed)
        key = (trimmed.start_char, trimmed.end_char)
        found[key] = (trimmed.text, kind, *key)

    for token in doc:
        if is_handle(token):
            add(token, "handle")
    for entity in doc.ents:
        if entity.label_ == "PERSON":
            for part in _split_list(entity):
                add(part, "name")
    for span in _credit_names(doc):
        add(span, "name")
    return sorted(found.values(), key=lambda person: person[2])
