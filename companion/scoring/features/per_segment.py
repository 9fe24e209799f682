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

from spacy.tokens import Doc

from ...nlp.segments import Draft
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
