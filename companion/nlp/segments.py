"""Drafts parsed in sentence-sized segments, with a cache of recent segments.

A line break ends a sentence in a post, and an edit touches one sentence: parsing each
segment on its own gives both the boundaries and a cache that re-parses only what changed.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

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


class DraftParser:
    """Parses texts segment by segment, remembering recent ones so a re-typed draft is cheap.

    The result for a text is the same whether its segments came from the cache or not: each
    segment is always parsed on its own.
    """

    def __init__(self, nlp: Language, *, cache_size: int = 2048, batch_size: int = 64):
        self.nlp = nlp
        self.batch_size = batch_size
        self.cache_size = cache_size
        self._cache: OrderedDict[str, Doc] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def _remember(self, segment: str, doc: Doc) -> None:
        self._cache[segment] = doc
        if len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def parse(self, text: str) -> Doc:
        """Parse one draft, re-using the analysis of segments seen recently."""
        segments = split_segments(text)
        missing = [segment for segment in dict.fromkeys(segments) if segment not in self._cache]
        self.misses += len(missing)
        self.hits += len(segments) - len(missing)
        parsed = self.nlp.pipe(missing, batch_size=self.batch_size)
        for segment, doc in zip(missing, parsed, strict=True):
            self._remember(segment, doc)
        for segment in segments:
            self._cache.move_to_end(segment)
        return _join([self._cache[segment] for segment in segments], self.nlp)

    def parse_many(self, texts: Iterable[str]) -> Iterator[Doc]:
        """Parse many texts in batches (``nlp.pipe``), in order, without using the cache."""
        return parse_many(self.nlp, texts, batch_size=self.batch_size)


def parse_many(nlp: Language, texts: Iterable[str], *, batch_size: int = 64) -> Iterator[Doc]:
    """Parse texts segment by segment with ``nlp.pipe``, yielding one Doc per text, in order."""
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


def _parse_batch(nlp: Language, batch: list[list[str]], batch_size: int) -> Iterator[Doc]:
    flat = (segment for segments in batch for segment in segments)
    docs = iter(nlp.pipe(flat, batch_size=batch_size))
    for segments in batch:
        yield _join([next(docs) for _ in segments], nlp)


def _join(docs: list[Doc], nlp: Language) -> Doc:
    if len(docs) == 1:
        return docs[0]
    if not docs:
        return nlp.make_doc("")
    return Doc.from_docs(docs, ensure_whitespace=False)
