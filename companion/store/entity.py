"""Is a mention a person or an organisation? The one seam where the learned classifier
drops in.

The judgement issue's classifier sets ``entity`` ("person" or "organisation") on each item
of a report's ``people``; :func:`mention_entity` takes it when it is there and falls back
on :func:`entity_by_rule` otherwise. Everything else in Spotlight asks this module, so the
classifier replaces the rule in one place.

The rule reads the words of a name or a handle: brands, media, events, companies and
the accounts that publish for them ("@nytimes", "@TechCrunch", "Acme Inc", "PyCon 2026").
"""

from __future__ import annotations

import re
from typing import Any

from .. import lexicon
from ..vocabulary import ENTITIES

ORGANISATION_WORDS = lexicon.words("entity", "organisation_words")
KNOWN_BRANDS = lexicon.words("entity", "known_brands")
_PARTS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def _words(text: str) -> list[str]:
    text = text.lstrip("@").split("@")[0]  # a Mastodon address: the user part
    return [part.lower() for part in _PARTS.findall(text)]


def entity_by_rule(text: str) -> str:
    """``organisation`` when the name or handle is written in a brand's, outlet's, event's
    or company's words, else ``person``."""
    words = _words(text)
    if not words:
        return "person"
    joined = "".join(words)
    if joined in KNOWN_BRANDS or any(word in KNOWN_BRANDS for word in words[:1]):
        return "organisation"
    if any(word in ORGANISATION_WORDS for word in words):
        return "organisation"
    if any(len(word) >= 4 and word.isdigit() for word in words[1:]) and not text.startswith("@"):
        return "organisation"  # "PyCon 2026", "Web Summit 2025": an event of a year
    return "person"


def mention_entity(item: dict[str, Any]) -> str:
    """What a report's ``people`` item names: an organisation when the classifier (its
    ``entity``) or the name itself says so (:func:`entity_by_rule`: "Labs", "News", a known
    brand), else a person. The classifier reads letters and context and misses brands
    written as names (@GitHub); the rule's markers are rarely wrong when they fire."""
    by_rule = entity_by_rule(str(item.get("text") or ""))
    entity = item.get("entity")
    if entity in ENTITIES and by_rule != "organisation":
        return entity
    return by_rule
