"""Drafts parsed in sentence-sized segments, with a cache of recent segments.

A line break ends a sentence in a post, and an edit touches one sentence: parsing each
segment on its own gives both the boundaries and a cache that re-parses only what changed.
What a reader of the draft can work out from one segment alone (the learned signals' word
n-grams, for instance) it keeps in the segment's ``memo``, which lives in the cache beside
the segment's Doc: an edit then re-reads only the segment it touched.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import get_current_ops

# A segment ends at a line break or after sentence-final punctuation and the space after it,
# unless the "sentence" is a short abbreviation (Mr., Dr., e.g.) that names go on from.
_SEGMENT = re.compile(
    r"[^\n]*?(?:"
    r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bProf)(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)"
    r"(?<!\b[A-Z])[.!?\u2026]+[\"')\]\u201d\u2019]*[ \t]+(?=\S)"
    r"|\n+|$)"
)


def split_segments(text: str) -> list[str]:
    """Split ``text`` into sentence-sized segments; joined, they give ``text`` back.

    Lines end sentences in posts (bullets, one-line paragraphs) though the parser does not
    see it; punctuation then splits long lines. Each segment is parsed on its own, so a
    draft cache can re-parse only the segment an edit touched.
    """
    return [segment for segment in _SEGMENT.findall(text) if segment]


def split_segments_like(text: str, before: str, segments: list[str]) -> list[str]:
    """:func:`split_segments` of ``text``, given ``segments``, the split of ``before``.

    A draft is typed: it shares most of its text with the one scored before it. Each match
    of the splitting pattern starts where the last ended, and what it matches depends on
    the text up to its end and the character after it (the look-behinds look back from
    there); a segment of ``before`` that ends at least a character inside the text both
    share is a segment of ``text`` too, and the rest of ``text`` is split from its end.
    """
    shared = _shared_prefix(text, before)
    kept: list[str] = []
    end = 0
    for segment in segments:
        if end + len(segment) >= shared:
            break
        kept.append(segment)
        end += len(segment)
    return kept + [segment for segment in _SEGMENT.findall(text, end) if segment]


def _shared_prefix(one: str, other: str) -> int:
    """The length of the longest text both begin with (comparisons of slices, in C)."""
    low, high = 0, min(len(one), len(other))
    if one[:high] == other[:high]:
        return high
    while high - low > 1:  # one[:low] == other[:low], one[:high] != other[:high]
        middle = (low + high) // 2
        if one[:middle] == other[:middle]:
            low = middle
        else:
            high = middle
    return low


@dataclasses.dataclass(frozen=True, eq=False)
class Segment:
    """One segment as the parser keeps it: its text, its own Doc, and a memo.

    ``memo`` holds what readers computed from this segment alone, with offsets relative to
    the segment's start, by a key naming the reader; a segment seen twice shares its memo.
    """

    text: str
    doc: Doc
    memo: dict[str, Any] = dataclasses.field(default_factory=dict)

    def placed_at(self, key: str, kept: Any, at: int, place: Callable[[Any, int], Any]) -> Any:
        """``place(kept, at)``: an answer read from this segment, moved to where the segment
        stands in a draft, kept in the memo under ``key@`` by ``at`` (the last
        :data:`PLACES_KEPT` places): an edit leaves the segments before it where they were,
        so their answers are not moved again."""
        by_place = self.memo.get(key + "@")
        if by_place is None:
            by_place = self.memo[key + "@"] = {}
        placed = by_place.get(at)
        if placed is None:
            if len(by_place) >= PLACES_KEPT:
                by_place.pop(next(iter(by_place)))
            placed = by_place[at] = place(kept, at)
        return placed


PLACES_KEPT = 4  # the places a segment's placed answers are kept for (Segment.placed_at)


@dataclasses.dataclass(frozen=True)
class Draft:
    """A parsed draft: its segments' Docs joined, and each segment with where it starts.

    ``memo`` holds what readers combined from the segments for this draft, for the next
    reader of the same draft (two signals read the same word n-grams).
    """

    doc: Doc
    segments: tuple[Segment, ...]
    starts: tuple[int, ...]  # code-point offset of each segment in ``doc.text``
    memo: dict[str, Any] = dataclasses.field(default_factory=dict)

    def placed(self) -> Iterator[tuple[int, Segment]]:
        """Each segment with its start, in draft order."""
        return zip(self.starts, self.segments, strict=True)

    def read_each(self, key: str, read: Callable[[Doc], Any]) -> Iterator[tuple[int, Any]]:
        """``read(segment.doc)`` of each segment, in draft order, with the segment's start.

        The answer is kept in the segment's ``memo`` under ``key``, so an edit reads only the
        segment it touched; ``read`` must give a value that can be read again (not an
        iterator), with offsets relative to the segment.
        """
        for start, segment in self.placed():
            kept = segment.memo.get(key)
            if kept is None:
                kept = segment.memo[key] = read(segment.doc)
            yield start, kept

    def read_placed(
        self, key: str, read: Callable[[Doc], Any], place: Callable[[Any, int], Any]
    ) -> Iterator[Any]:
        """``place(read(segment.doc), start)`` of each segment, in draft order.

        Both are kept in the segment's memo, the placed answer by the segment's start (the
        last :data:`PLACES_KEPT` places): an edit leaves the segments before it where they
        were, so it neither reads nor moves their answers again.
        """
        for start, segment in self.placed():
            memo = segment.memo
            kept = memo.get(key)
            if kept is None:
                kept = memo[key] = read(segment.doc)
            yield segment.placed_at(key, kept, start, place) if start else kept


def _draft(segments: list[Segment], nlp: Language) -> Draft:
    starts, offset = [], 0
    for segment in segments:
        starts.append(offset)
        offset += len(segment.text)
    return Draft(_join(segments, starts, nlp), tuple(segments), tuple(starts))


class DraftParser:
    """Parses texts segment by segment, remembering recent ones so a re-typed draft is cheap.

    The result for a text is the same whether its segments came from the cache or not: each
    segment is always parsed on its own.
    """

    def __init__(self, nlp: Language, *, cache_size: int = 2048, batch_size: int = 64):
        self.nlp = nlp
        self.batch_size = batch_size
        self.cache_size = cache_size
        self._cache: OrderedDict[str, Segment] = OrderedDict()
        self.hits = 0
        self.misses = 0
        self._split: tuple[str, list[str]] = ("", [])  # the last draft and its segments
        self._earlier: tuple | None = None  # the last joined draft, for DraftDoc.earlier

    def _remember(self, segment: str, doc: Doc) -> Segment:
        entry = self._cache[segment] = Segment(segment, doc)
        if len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return entry

    def parse(self, text: str) -> Doc:
        """Parse one draft, re-using the analysis of segments seen recently."""
        return self.parse_draft(text).doc

    def parse_draft(self, text: str) -> Draft:
        """Parse one draft, keeping its segments (and their memos) from the cache."""
        segments = split_segments_like(text, *self._split)
        self._split = (text, segments)
        distinct = dict.fromkeys(segments)
        # The cached ones are taken before the new ones go in, which may push them out: a
        # draft with more segments than the cache holds still gets every one of them.
        known = {segment: self._cache[segment] for segment in distinct if segment in self._cache}
        for segment in known:
            self._cache.move_to_end(segment)
        missing = [segment for segment in distinct if segment not in known]
        self.misses += len(missing)
        self.hits += len(segments) - len(missing)
        # One new segment (an edit) is parsed by a call, which skips nlp.pipe's batching; the
        # components read a batch of one Doc the same way either way.
        if len(missing) == 1:
            parsed: Iterable[Doc] = [self.nlp(missing[0])]
        else:
            parsed = self.nlp.pipe(missing, batch_size=self.batch_size)
        for segment, doc in zip(missing, parsed, strict=True):
            known[segment] = self._remember(segment, doc)
        found = [known[segment] for segment in segments]
        draft = _draft(found, self.nlp)
        doc = draft.doc
        if isinstance(doc, DraftDoc):  # the next draft's matches start from this one's
            doc.earlier = self._earlier
            self._earlier = (doc.text, doc.segments, doc.starts, doc.matches, doc.match_cuts)
        return draft

    def parse_many(self, texts: Iterable[str]) -> Iterator[Doc]:
        """Parse many texts in batches (``nlp.pipe``), in order, without using the cache."""
        return parse_many(self.nlp, texts, batch_size=self.batch_size)


def parse_many(nlp: Language, texts: Iterable[str], *, batch_size: int = 64) -> Iterator[Doc]:
    """Parse texts segment by segment with ``nlp.pipe``, yielding one Doc per text, in order."""
    return (draft.doc for draft in parse_drafts(nlp, texts, batch_size=batch_size))


def parse_drafts(nlp: Language, texts: Iterable[str], *, batch_size: int = 64) -> Iterator[Draft]:
    """:func:`parse_many`, yielding each text as a :class:`Draft`, in order."""
    batch: list[list[str]] = []
    pending = 0
    for text in texts:
        segments = split_segments(text)
        batch.append(segments)
        pending += len(segments)
        if pending >= batch_size * 4:
            yield from _parse_batch(nlp, batch, batch_size)
            batch, pending = [], 0
    if batch:
        yield from _parse_batch(nlp, batch, batch_size)


def _parse_batch(nlp: Language, batch: list[list[str]], batch_size: int) -> Iterator[Draft]:
    flat = (segment for segments in batch for segment in segments)
    docs = iter(nlp.pipe(flat, batch_size=batch_size))
    for segments in batch:
        yield _draft([Segment(segment, next(docs)) for segment in segments], nlp)


class DraftDoc(Doc):
    """A draft's Doc joined from its segments' Docs, which reads its text once.

    spaCy rebuilds ``Doc.text`` from the tokens on every read, and the feature readers read
    it a few dozen times per draft; a joined Doc is never changed after it is made, so its
    text is the same at every read: its segments' texts, joined.
    """

    # Set by the join: the segments it was joined from, where each starts in the text, and
    # the matches of patterns found in it (:func:`.matches.finditer`).
    segments: tuple[Segment, ...]
    starts: tuple[int, ...]
    matches: dict
    # Set by the parser: the draft it parsed before this one (its text, segments, starts,
    # matches and where each segment's matches begin), which the matches of this one start
    # from where the two drafts agree (:func:`.matches.finditer`); and where each
    # segment's matches begin in this one, for the next.
    earlier: tuple | None = None
    match_cuts: dict

    @functools.cached_property
    def shared_with_earlier(self) -> int:
        """How long a text this draft's and the earlier draft's begin with."""
        return 0 if self.earlier is None else _shared_prefix(self.text, self.earlier[0])

    @functools.cached_property
    def text(self) -> str:  # type: ignore[override]
        # The segments' texts, joined: each segment's Doc gives its text back, and the join
        # adds no whitespace (spaCy would join every token's text and whitespace again).
        return "".join(segment.text for segment in self.segments)

    @property
    def text_with_ws(self) -> str:  # type: ignore[override]
        return self.text

    # The readers walk the tokens a dozen times and ask for the entities at every name;
    # spaCy makes new Token and Span objects each time. They are views of the Doc's arrays,
    # which do not change, so the same ones serve every reader (a token's head, children
    # and neighbours by index are still made new, as everywhere).
    @functools.cached_property
    def _tokens(self) -> tuple:
        return tuple(Doc.__iter__(self))

    def __iter__(self):
        return iter(self._tokens)

    @property
    def ents(self) -> tuple:  # type: ignore[override]
        kept = self.__dict__.get("_ents")
        if kept is None:
            kept = self.__dict__["_ents"] = Doc.ents.__get__(self)
        return kept

    @ents.setter
    def ents(self, value) -> None:
        self.__dict__.pop("_ents", None)
        Doc.ents.__set__(self, value)


# What Doc.from_docs copies of each token: every attribute a DocBin keeps.
_ATTRS = list(Doc._get_array_attrs())


def _pieces(segment: Segment) -> tuple[list[str], list[bool], numpy.ndarray]:
    """A segment's words, spaces and token attributes, as Doc.from_docs reads them; kept in
    the segment's memo, so a join reads only the segments an edit touched."""
    kept = segment.memo.get("nlp.join")
    if kept is None:
        doc = segment.doc
        words = [token.text for token in doc]
        spaces = [bool(token.whitespace_) for token in doc]
        kept = segment.memo["nlp.join"] = (words, spaces, doc.to_array(_ATTRS))
    return kept


def _join(segments: list[Segment], starts: list[int], nlp: Language) -> Doc:
    """The segments' Docs as one: what ``Doc.from_docs(docs, ensure_whitespace=False)``
    gives (the same tokens, attributes, heads, entities, sentences and tensor), made from
    each segment's pieces kept in its memo."""
    if len(segments) == 1:
        return segments[0].doc
    if not segments:
        return nlp.make_doc("")
    docs = [segment.doc for segment in segments]
    if any(doc.user_data or doc.spans for doc in docs):
        return Doc.from_docs(docs, ensure_whitespace=False)  # what the pieces do not carry
    words: list[str] = []
    spaces: list[bool] = []
    arrays = []
    for segment in segments:
        segment_words, segment_spaces, array = _pieces(segment)
        words += segment_words
        spaces += segment_spaces
        arrays.append(array)
    joined = DraftDoc(nlp.vocab, words=words, spaces=spaces, user_data={})
    joined.segments, joined.starts, joined.matches = tuple(segments), tuple(starts), {}
    joined.match_cuts = {}
    joined.from_array(_ATTRS, numpy.concatenate(arrays))
    if any(len(doc) for doc in docs):
        ops = get_current_ops()
        joined.tensor = ops.xp.vstack([ops.asarray(doc.tensor) for doc in docs if len(doc)])
    return joined
