"""The people a post names or @mentions, with their offsets.

The stock NER finds about two thirds of written names in posts and no @handle at all, so
this adds what the parse can tell: @handles, names in the object of a credit word
("thanks to priya and jon"), names the NER typed as places, and lists it merged into one
span ("Kwame Asante, Sofia Alvarez").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .names import (
    addressed_names,
    echoed_names,
    entity_names,
    listed_names,
    subject_names,
    vocative_names,
)

# An @mention: "@" and a username of letters, digits and underscores (Twitter, Instagram),
# dots (Instagram, Threads), or a Mastodon/Bluesky server part.
_HANDLE = re.compile(r"@\w+(?:[.\-]\w+)*")


def is_handle(token: Token) -> bool:
    """An @mention, including the many usernames that start with an underscore."""
    return bool(_HANDLE.fullmatch(token.text))


# Words that name what an account publishes or sells rather than who runs it. Kinds: news
# and broadcast media, sport, trade, and the "content" accounts that repost facts,
# pictures and quotes; a person's handle is their name or a nickname.
ORGANISATION_WORDS = {
    "news", "tv", "radio", "fm", "magazine", "mag", "daily", "weekly", "press", "media",
    "network", "channel", "journal", "times", "report", "live", "blog",
    "fc", "united", "football", "soccer", "sports", "sport", "racing", "golf", "league",
    "shop", "store", "app", "apps", "wines", "coffee", "designs", "design", "gaming", "games",
    "studio", "studios", "records", "films", "movie", "hq", "inc", "corp", "corporation",
    "ltd", "llc", "group", "team", "club", "band", "tour", "center", "centre", "page",
    "facts", "fact", "pics", "photos", "quotes", "tweets", "jokes", "sayings", "memes",
    "things", "words", "notes", "uk", "usa", "com",
}
# Camel-case humps, runs of capitals, lowercase runs and digits: "BBCNewsMagazine" →
# bbc, news, magazine.
_HANDLE_PARTS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def handle_words(handle: str) -> list[str]:
    """The words a handle is written in, as far as case and underscores show them."""
    return [part.lower() for part in _HANDLE_PARTS.findall(handle)]


# Words before an @mention that make it a place, a platform or a shop rather than a person:
# you are "on @YouTube", "at @HomeDepot", buy "from @Etsy", follow "the @RHS".
PLACE_WORDS = {"on", "at", "in", "from"}


def is_person_handle(token: Token) -> bool:
    """An @mention that does not read as a news outlet, a brand, a team or a content feed."""
    if not is_handle(token):
        return False
    if token.i > 0 and token.doc[token.i - 1].lower_ in PLACE_WORDS:
        return False
    name = token.text[1:]
    if any(word in ORGANISATION_WORDS for word in handle_words(name)):
        return False
    # All-lowercase handles show no word breaks; only long words are safe to find inside.
    lowered = name.lower()
    return not any(len(word) >= 5 and word in lowered for word in ORGANISATION_WORDS)


def find_people(doc: Doc) -> list[tuple[str, str, int, int]]:
    """People named or mentioned: ``(text, kind, start, end)`` with code-point offsets.

    ``kind`` is ``handle`` for an @mention and ``name`` for a written name.
    """
    found: dict[tuple[int, int], tuple[str, str, int, int]] = {}
    taken: set[int] = set()

    def add(span: Span | Token, kind: str) -> None:
        if isinstance(span, Token):
            span = span.doc[span.i : span.i + 1]
        if any(token.i in taken for token in span):
            return
        taken.update(token.i for token in span)
        key = (span.start_char, span.end_char)
        found[key] = (span.text, kind, *key)

    handles = [token for token in doc if is_person_handle(token)]
    for token in handles:
        add(token, "handle")
    names = [*entity_names(doc), *addressed_names(doc), *subject_names(doc), *vocative_names(doc)]
    names += list(listed_names([*names, *(doc[h.i : h.i + 1] for h in handles)]))
    names += list(echoed_names(doc, handles))
    for span in names:
        add(span, "name")
    return sorted(found.values(), key=lambda person: person[2])
