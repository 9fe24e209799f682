"""Does it sound like a person? Jargon, hashtag stuffing, shouting and run-on sentences.

"Be the real human (& sometimes flawed) you… You can't have a conversation with a
corporate cardboard facade or get help from a PR bot." Corporate speak comes from
proselint's maintained checks, plus the press-release phrases posts are full of.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from proselint.checks.cliches.misc import __register__ as cliche_checks
from proselint.checks.industrial_language.bureaucratese import check as bureaucratese
from proselint.checks.industrial_language.commercialese import check as commercialese
from proselint.checks.industrial_language.corporate_speak import check as corporate_speak
from proselint.checks.industrial_language.jargon import check as jargon_check
from spacy.tokens import Doc, Token

from ... import lexicon
from ...nlp.matches import finditer, text_of
from .cue import Cue
from .grammar import is_handle, is_hashtag, is_link, sentences
from .per_segment import count_where, tokens_where

PROSELINT_CHECKS = (corporate_speak, jargon_check, commercialese, bureaucratese, *cliche_checks)
PRESS_RELEASE = lexicon.phrases("voice", "press_release")
_PRESS = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in PRESS_RELEASE) + r")\b", re.I)
LONG_SENTENCE_WORDS = 35
_SHOUT_MIN_LETTERS = 3
_RUNS_OF_MARKS = re.compile(r"[!?]{3,}")


def jargon(doc: Doc) -> Iterator[Cue]:
    """Corporate speak, jargon and clichés, each with the words it is about."""
    seen: set[tuple[int, int]] = set()
    text = text_of(doc)
    for check in PROSELINT_CHECKS:
        for result in check.check(text):
            start, end = result.span
            if (start, end) not in seen:
                seen.add((start, end))
                yield Cue("jargon", start, end, text[start:end])
    for match in finditer(_PRESS, doc):
        if not any(s <= match.start() < e for s, e in seen):
            seen.add(match.span())
            yield Cue("jargon", match.start(), match.end(), match.group())


FEELINGS = lexicon.words("voice", "feelings")
CONTRACTIONS = lexicon.words("voice", "contractions")


def personal_voice(doc: Doc) -> Iterator[Cue]:
    """Signs of a person speaking: "I" doing things, feelings, contractions."""
    for token in doc:
        lower = token.lower_
        if lower == "i" and token.dep_ in {"nsubj", "nsubjpass"}:
            yield Cue.of("first_person", token, "self")
        elif lower in FEELINGS or token.lemma_.lower() in FEELINGS:
            yield Cue.of("feeling", token, "self")
        elif lower in CONTRACTIONS:
            yield Cue.of("contraction", token)


def hashtags(doc: Doc) -> list[Cue]:
    return [Cue.of("hashtag", token) for token in doc if is_hashtag(token)]


def shouting(doc: Doc) -> Iterator[Cue]:
    """Words in capitals (not acronyms on their own) and runs of !!! or ???."""
    # Counted and found segment by segment in a draft from the cache (a word alone says).
    words = count_where(doc, "voice.words", _a_word)
    capitals = tokens_where(doc, "voice.capitals", _in_capitals)
    # A capitalised word or two are acronyms (NASA, CEO); a run of them is shouting.
    if len(capitals) >= 3 and len(capitals) / words > 0.2:
        for token in capitals:
            yield Cue.of("capitals", token)
    for match in finditer(_RUNS_OF_MARKS, doc):
        yield Cue("marks", match.start(), match.end(), match.group())


def _a_word(token: Token) -> bool:
    return token.is_alpha and not is_handle(token)


def _in_capitals(token: Token) -> bool:
    return _a_word(token) and token.is_upper and len(token.text) >= _SHOUT_MIN_LETTERS


def long_sentences(doc: Doc) -> Iterator[Cue]:
    for sentence in sentences(doc):
        words = [t for t in sentence if not (t.is_punct or t.is_space)]
        if len(words) > LONG_SENTENCE_WORDS:
            trimmed = sentence.text.rstrip()
            yield Cue(
                "long_sentence", sentence.start_char, sentence.start_char + len(trimmed), trimmed
            )


def links(doc: Doc) -> list[Cue]:
    return [Cue.of("link", token) for token in doc if is_link(token)]


def own_words(doc: Doc) -> int:
    """Words the author wrote: not links, handles, hashtags, punctuation or emoji."""
    return sum(
        1
        for token in doc
        if not (
            token.is_punct
            or token.is_space
            or is_link(token)
            or is_handle(token)
            or is_hashtag(token)
        )
        and any(char.isalnum() for char in token.text)
    )
