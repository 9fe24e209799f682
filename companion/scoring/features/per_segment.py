"""Feature readers that look inside one segment, read once per segment and kept with it.

An edit touches one segment of a draft; the draft cache keeps every other segment's Doc
and its ``memo`` (:mod:`companion.nlp.segments`). A reader whose answer about a segment
depends on that segment alone (its tokens, its sentences, a neighbour word or two inside
it) is read from the segment's own Doc and kept in the memo, offsets relative to the
segment; the draft's answer is the segments' answers in order, shifted to where each
segment starts. A segment is parsed on its own, so its tokens, heads, entities and
sentences are the draft's: the answer is the one the joined Doc gives, bit for bit.

Readers that look across segments stay per draft (see :func:`..extract`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Token

from ...nlp.segments import Draft, Segment
from .cue import Cue


def cues(draft: Draft, key: str, read: Callable[[Doc], Iterable[Cue]]) -> tuple[Cue, ...]:
    """``read`` of every segment, in draft order, with offsets into the whole draft.

    ``read(segment_doc)`` is kept in the segment's memo under ``features.<key>``, so an
    edit reads only the segment it touched.
    """
    found: list[Cue] = []
    for placed in draft.read_placed(f"features.{key}", lambda doc: tuple(read(doc)), _moved):
        found += placed
    return tuple(found)


def _moved(cues: tuple[Cue, ...], start: int) -> tuple[Cue, ...]:
    return tuple(
        dataclasses.replace(cue, start=cue.start + start, end=cue.end + start) for cue in cues
    )


def total(draft: Draft, key: str, count: Callable[[Doc], int]) -> int:
    """The sum of ``count`` over the segments, each segment's count kept in its memo."""
    return sum(kept for _, kept in draft.read_each(f"features.{key}", count))


def spans(
    draft: Draft, key: str, read: Callable[[Doc], Iterable[tuple[int, int]]]
) -> tuple[tuple[int, int], ...]:
    """``read`` of every segment as ``(start, end)`` pairs shifted into the whole draft."""
    found: list[tuple[int, int]] = []
    for placed in draft.read_placed(f"features.{key}", lambda doc: tuple(read(doc)), _shifted):
        found += placed
    return tuple(found)


def _shifted(pairs: tuple[tuple[int, int], ...], start: int) -> tuple[tuple[int, int], ...]:
    return tuple((begin + start, end + start) for begin, end in pairs)


def token_places(
    doc: Doc, key: str, read: Callable[[Doc], Iterable[tuple[int, ...]]]
) -> list[tuple[int, ...]]:
    """``read(doc)``: tuples of token indices, read segment by segment in a joined Doc.

    ``read`` must find its tuples inside one segment (a sentence, a token and a neighbour
    in its sentence). A Doc joined from the draft cache's segments is read segment by
    segment, each segment's tuples kept in its memo under ``tokens.<key>`` and shifted to
    where its tokens start in the draft; any other Doc is read whole.
    """
    segments = getattr(doc, "segments", None)
    if segments is None:
        return list(read(doc))
    key = "tokens." + key
    found: list[tuple[int, ...]] = []
    offset = 0
    for segment in segments:
        memo = segment.memo
        kept = memo.get(key)
        if kept is None:
            kept = memo[key] = tuple(read(segment.doc))
        if kept:
            found += segment.placed_at(key, kept, offset, _moved_on) if offset else kept
        offset += len(segment.doc)
    return found


def _moved_on(kept: tuple, offset: int) -> tuple:
    """Token index tuples moved on by ``offset`` tokens."""
    return tuple(tuple(index + offset for index in place) for place in kept)


def tokens_where(doc: Doc, key: str, test: Callable[[Token], bool]) -> list[Token]:
    """The tokens of ``doc`` that pass ``test``, in order: ``[t for t in doc if test(t)]``.

    ``test`` must ask about the token alone (its text, tag, lemma, entity type, its
    dependency label), never about a neighbour or its sentence: a Doc joined from the draft
    cache's segments (:class:`...nlp.segments.DraftDoc`) is then asked segment by segment
    (:func:`token_places`), each segment's answer kept in its memo under ``where.<key>``,
    so an edit asks only about the tokens of the segment it touched. The readers that walk
    every token of a draft to find the few they look at closer ask this first, and do the
    rest, which may look across segments, on the joined Doc as before.
    """
    segments = getattr(doc, "segments", None)
    if segments is None:
        return [token for token in doc if test(token)]
    tokens = doc._tokens  # type: ignore[attr-defined]  # DraftDoc's, made once
    key = "where." + key
    found: list[Token] = []
    offset = 0
    for segment in segments:
        memo = segment.memo
        kept = memo.get(key)
        if kept is None:
            kept = memo[key] = tuple(t.i for t in _segment_tokens(segment) if test(t))
        if kept:
            found += [tokens[offset + index] for index in kept]
        offset += len(segment.doc)
    return found


def count_where(doc: Doc, key: str, test: Callable[[Token], bool]) -> int:
    """How many tokens of ``doc`` pass ``test``: ``sum(1 for t in doc if test(t))``.

    ``test`` asks about the token alone, as for :func:`tokens_where`; a Doc joined from the
    draft cache's segments is counted segment by segment, each count kept in its memo
    under ``count.<key>``.
    """
    segments = getattr(doc, "segments", None)
    if segments is None:
        return sum(1 for token in doc if test(token))
    key = "count." + key
    total = 0
    for segment in segments:
        kept = segment.memo.get(key)
        if kept is None:
            kept = segment.memo[key] = sum(1 for t in _segment_tokens(segment) if test(t))
        total += kept
    return total


def _segment_tokens(segment: Segment) -> tuple[Token, ...]:
    """The segment's tokens, made once for all the tests: a Token is a new Python object
    each time a Doc is walked, and a dozen readers walk each segment."""
    every = segment.memo.get("nlp.tokens")
    if every is None:
        every = segment.memo["nlp.tokens"] = tuple(segment.doc)
    return every
