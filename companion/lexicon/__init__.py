"""The word lists the features (and the store's entity rule) read, kept as data: one TOML
file per topic in this folder.

Each table of a file is one list: its ``kind`` says how an entry is matched and its
``entries`` hold the words, in the order the author keeps them:

- ``token``: one token's lowercased text or lemma (``"thanks"``, ``"n't"``);
- ``phrase``: words matched on the draft's text (``"thought leader"``, ``"steve jobs"``);
- ``pattern``: regular expressions, one alternative each, joined in the file's order.

A feature module reads its lists once, when it is imported:
``THANKS = lexicon.words("credit", "thanks")``. Lists that a maintained library keeps are
not here: emoji sequences come from the emoji package (:mod:`companion.nlp.pipeline`), the
particles of family names from nameparser (:mod:`companion.scoring.features.names`).
``tests/test_lexicon.py`` checks that every entry can match what the pipeline's tokenizer
makes of a draft.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from collections.abc import Iterator
from importlib import resources

KINDS = ("token", "phrase", "pattern")


class LexiconError(ValueError):
    """A list file is missing, unreadable or malformed; the message names the file and list."""


@dataclasses.dataclass(frozen=True)
class WordList:
    """One list: where it lives, how its entries are matched, and the entries in order."""

    topic: str
    name: str
    kind: str
    entries: tuple[str, ...]


def _checked(topic: str, name: str, table: object) -> WordList:
    where = f"{topic}.toml [{name}]"
    if not isinstance(table, dict) or set(table) != {"kind", "entries"}:
        raise LexiconError(f"{where}: a list has exactly a kind and entries")
    kind, entries = table["kind"], table["entries"]
    if kind not in KINDS:
        raise LexiconError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    if (
        not isinstance(entries, list)
        or not entries
        or not all(isinstance(entry, str) and entry.strip() for entry in entries)
    ):
        raise LexiconError(f"{where}: entries must be a non-empty list of non-empty strings")
    repeated = sorted({entry for entry in entries if entries.count(entry) > 1})
    if repeated:
        raise LexiconError(f"{where}: listed twice: {', '.join(repeated)}")
    for entry in entries if kind == "pattern" else ():
        try:
            re.compile(entry)
        except re.error as error:
            raise LexiconError(f"{where}: {entry!r} is not a regular expression: {error}") from None
    return WordList(topic, name, kind, tuple(entries))


def read_lists(topic: str, text: str) -> dict[str, WordList]:
    """The lists of one file's text, checked.

    Raises:
        LexiconError: the text is not TOML or a list is malformed.
    """
    try:
        tables = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise LexiconError(f"{topic}.toml: {error}") from None
    return {name: _checked(topic, name, table) for name, table in tables.items()}


@functools.cache
def topic_lists(topic: str) -> dict[str, WordList]:
    """Every list of ``<topic>.toml`` in this folder, read and checked once.

    Raises:
        LexiconError: the file is missing or unreadable, or a list is malformed.
    """
    try:
        text = (resources.files(__package__) / f"{topic}.toml").read_text(encoding="utf-8")
    except OSError as error:
        raise LexiconError(f"{topic}.toml: {error}") from None
    return read_lists(topic, text)


def word_list(topic: str, name: str, *kinds: str) -> WordList:
    """The list ``name`` of ``<topic>.toml``, which must be of one of ``kinds``."""
    found = topic_lists(topic).get(name)
    if found is None:
        raise LexiconError(f"{topic}.toml has no list [{name}]")
    if kinds and found.kind not in kinds:
        raise LexiconError(
            f"{topic}.toml [{name}] is a {found.kind} list, not {' or '.join(kinds)}"
        )
    return found


def words(topic: str, name: str) -> frozenset[str]:
    """A token or phrase list as a set, for ``token.lower_ in WORDS``."""
    return frozenset(word_list(topic, name, "token", "phrase").entries)


def phrases(topic: str, name: str) -> tuple[str, ...]:
    """A phrase list in the file's order (an alternation tries its entries in order)."""
    return word_list(topic, name, "phrase").entries


def pattern(topic: str, name: str, *, start: str = r"\b", end: str = r"\b") -> re.Pattern[str]:
    """A pattern list as one regular expression, matched case-insensitively on the text:
    ``start``, then the entries as alternatives in the file's order, then ``end``.

    ``start`` and ``end`` default to word boundaries; a list whose entries say where they
    end (``thoughts\\s*\\?``) passes ``end=""``.
    """
    entries = word_list(topic, name, "pattern").entries
    return re.compile(start + "(?:" + "|".join(entries) + ")" + end, re.IGNORECASE)


def every_list() -> Iterator[WordList]:
    """Every list of every file in this folder, by topic."""
    for path in sorted(resources.files(__package__).iterdir(), key=lambda p: p.name):
        if path.name.endswith(".toml"):
            yield from topic_lists(path.name.removesuffix(".toml")).values()
