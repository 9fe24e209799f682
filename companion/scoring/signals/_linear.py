"""A logistic regression read from plain JSON, and the evidence that moved it.

Every learned signal is a linear model over named features: word n-grams, a mention's
letters, and the grammar the rule features already read ("g:brag:achievement"). Each
feature remembers the stretches of the draft it came from, so the words that pushed a
probability up are the words a label can name. The artifacts are JSON written by
``scripts/train`` (weights rounded, keys sorted): no pickle, the same bytes from the same
data, and scoring one draft is a few dictionary look-ups.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import math
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from typing import Any

import numpy
from spacy.tokens import Doc

from ... import lexicon
from ...nlp.per_doc import per_doc
from ...nlp.segments import Draft

# A feature's value and the code-point spans of the draft it was read from.
Spans = tuple[tuple[int, int], ...]
FeatureRow = dict[str, tuple[float, Spans]]

ARTIFACTS = "companion.scoring.signals"
FUNCTION_WORDS = lexicon.words("evidence", "function_words")


@dataclasses.dataclass(frozen=True)
class Reading:
    """A learned signal's answer about one draft or mention.

    Attributes:
        probability: the model's probability, calibrated on the development split.
        evidence: code-point spans of the words that raised it most, in draft order.
        decided: whether the probability clears the signal's chosen threshold.
    """

    probability: float
    evidence: Spans = ()
    decided: bool = False


@dataclasses.dataclass(frozen=True)
class LinearModel:
    """Weights by feature name, an intercept, Platt calibration and a threshold."""

    name: str
    weights: Mapping[str, float]
    bias: float
    calibration: tuple[float, float]
    threshold: float
    # Thresholds by kind of input where one cut does not fit all (person: handle, name).
    thresholds: Mapping[str, float] = dataclasses.field(default_factory=dict)

    _by_prefix: dict[str, dict[str, float]] = dataclasses.field(
        default_factory=dict, compare=False, repr=False
    )

    def read(self, row: FeatureRow, top: int = 3, words: WordGrams | None = None) -> Reading:
        """The calibrated probability of ``row`` and the spans that raised it most.

        ``words``: a draft's word n-grams, read as if :func:`word_ngrams` had put them in
        ``row`` before its other features (the same sums in the same order, so the same
        reading to the last bit), without making a row of them.
        """
        logit = self.bias
        lifts: dict[Spans, float] = {}
        loose: list[tuple[float, str]] = []
        if words is not None:
            logit, loose = self._read_words(words, row, lifts, top)
        for name, (value, spans) in row.items():
            weight = self.weights.get(name)
            if weight is None:
                continue
            logit += weight * value
            if spans and shown(name):
                lifts[spans] = lifts.get(spans, 0.0) + weight * value
        slope, offset = self.calibration
        probability = _sigmoid(slope * logit + offset)
        # Only what pushed towards "yes" is evidence; sorted for a stable answer.
        raised = sorted(
            (item for item in lifts.items() if item[1] > 0), key=lambda item: (-item[1], item[0])
        )
        if loose:
            raised = _with_loose(raised, loose, words, top)  # type: ignore[arg-type]
        evidence = sorted({span for spans, _ in raised[:top] for span in spans})
        return Reading(round(probability, 3), tuple(evidence), probability >= self.threshold)

    def _read_words(
        self, words: WordGrams, row: FeatureRow, lifts: dict[Spans, float], top: int
    ) -> tuple[float, list[tuple[float, str]]]:
        """The logit after the word n-grams, in order of appearance, as the loop over a row
        holding them first adds it up (numpy's running sum adds left to right, as the loop
        does); the lifts of n-grams whose spans a feature of ``row`` shares go in ``lifts``
        (the row adds to them), the other raising ones come back with their n-gram, to be
        placed only if they are among the top few."""
        weights = self._by_prefix.get(words.prefix)
        if weights is None:
            head = words.prefix + ":"
            weights = self._by_prefix[words.prefix] = {
                name[len(head) :]: weight
                for name, weight in self.weights.items()
                if name.startswith(head)
            }
        grams = words.grams
        if not grams:
            return self.bias, []
        # An n-gram the model does not know weighs 0.0: adding 0.0 leaves every sum as it was.
        lift = words.weights(self.name, weights)
        lift *= words.value
        logit = float(numpy.cumsum(numpy.concatenate(([self.bias], lift)))[-1])
        shared = words.sharing({spans for _, spans in row.values() if spans})
        names = list(grams)
        head = words.prefix + ":"
        for index in shared:
            gram = names[index]
            if gram in weights and shown(head + gram):
                lifts[grams[gram]] = 0.0 + float(lift[index])
            lift[index] = 0.0  # not loose
        # The raising ones, most first, as far as the top few shown (and any tied with the
        # last of them): none after them can be among the top few of all.
        raising = numpy.flatnonzero(lift > 0)
        loose: list[tuple[float, str]] = []
        for index in raising[numpy.argsort(-lift[raising], kind="stable")]:
            each = float(lift[index])
            if len(loose) >= top and each < loose[-1][0]:
                break
            if shown(head + names[index]):
                loose.append((each, names[index]))
        return logit, loose


def shown(name: str) -> bool:
    """Whether the feature ``name``'s lift may name the spans it was read from as evidence:
    every feature read from spans, save word n-grams made only of function words or
    punctuation (:func:`_plain`). Both ways of reading a row ask it, the row's loop and a
    draft's word n-grams (:meth:`LinearModel._read_words`)."""
    return not _plain(name)


def _sigmoid(value: float) -> float:
    if value < -40:
        return 0.0
    return 1.0 / (1.0 + math.exp(-value))


def _with_loose(
    raised: list[tuple[Spans, float]], loose: list[tuple[float, str]], words: WordGrams, top: int
) -> list[tuple[Spans, float]]:
    """The ``top`` raising items of ``raised`` and ``loose`` together, by (-lift, spans):
    only the loose n-grams that can be among them (a lift at least the ``top``-th largest
    of all) are given their spans."""
    best = sorted([lift for _, lift in raised[:top]] + [lift for lift, _ in loose], reverse=True)
    floor = best[min(top, len(best)) - 1]
    placed = [(words.grams[gram], lift) for lift, gram in loose if lift >= floor]
    kept = [item for item in raised if item[1] >= floor]
    return sorted(kept + placed, key=lambda item: (-item[1], item[0]))


class SignalError(RuntimeError):
    """A learned signal's artifact is missing or unreadable; the message says what to do."""


@functools.cache
def load(name: str) -> LinearModel:
    """The artifact ``models/<name>.json``, read once per process.

    Raises:
        SignalError: the file is missing or is not an artifact ``scripts/train`` wrote.
    """
    path = resources.files(ARTIFACTS).joinpath("models", f"{name}.json")
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise SignalError(
            f"learned signal artifact {name}.json cannot be read ({error.__class__.__name__}): "
            "rebuild it with scripts/train --train ../shared/train --eval ../shared/eval"
        ) from None
    return LinearModel(
        name=name,
        weights=data["weights"],
        bias=data["bias"],
        calibration=tuple(data["calibration"]),  # type: ignore[arg-type]
        threshold=data["threshold"],
        thresholds=data.get("thresholds", {}),
    )


@functools.lru_cache(maxsize=65_536)
def _plain(name: str) -> bool:
    """A word n-gram made only of function words or punctuation ("w:a", "w:of the",
    "w:!"): it counts in the probability, but it is not shown as evidence."""
    if not name.startswith("w:"):
        return False
    return all(
        word in FUNCTION_WORDS or not any(char.isalnum() for char in word)
        for word in name[2:].split(" ")
    )


def add(row: FeatureRow, name: str, span: tuple[int, int] | None, value: float = 1.0) -> None:
    """Set feature ``name`` in ``row``, gathering every span it was read from."""
    old_value, spans = row.get(name, (0.0, ()))
    row[name] = (max(old_value, value), spans + ((span,) if span else ()))


# Words that stand for any one of their kind: a mention, a link, a number.
def _word(text: str) -> str:
    lower = text.lower()
    if lower.startswith("@") and len(lower) > 1:
        return "@user"
    if lower.startswith(("http://", "https://", "www.")):
        return "<link>"
    if any(char.isdigit() for char in lower):
        return "<num>"
    return lower


def _words(doc: Doc) -> list[tuple[str, int, int]]:
    return [
        (_word(token.text), token.idx, token.idx + len(token.text))
        for token in doc
        if not token.is_space
    ]


def per_segment(
    draft: Draft, key: str, read: Callable[[Doc], list[tuple[Any, int, int]]]
) -> list[tuple[Any, int, int]]:
    """``read`` of every segment, in draft order, with offsets into the whole draft.

    ``read(segment_doc)`` gives ``(value, start, end)`` items with offsets into the segment;
    they are kept in the segment's memo under ``key``, so an edit reads only the segment it
    touched. A segment is parsed on its own, so its tokens (and their heads) are the draft's.
    """
    found: list[tuple[Any, int, int]] = []
    for items in draft.read_placed(key, read, _shifted):
        found += items
    return found


def _shifted(items: list[tuple[Any, int, int]], start: int) -> tuple[tuple[Any, int, int], ...]:
    return tuple((value, begin + start, end + start) for value, begin, end in items)


def _grams(doc: Doc, draft: Draft | None) -> dict[str, list[tuple[int, int]]]:
    """The draft's word unigrams and bigrams, each with its spans, in order of appearance."""
    if draft is None:
        return _whole_grams(doc)  # a batch has no Draft memo: kept per Doc for both signals
    return draft_grams(draft).grams  # type: ignore[return-value]


@dataclasses.dataclass(frozen=True)
class WordGrams:
    """A draft's word unigrams and bigrams (:func:`_count`'s), for :meth:`LinearModel.read`.

    Attributes:
        grams: each n-gram, in order of appearance, with the spans it was read from.
        value: the value of each n-gram's feature, 1/sqrt(how many there are).
        prefix: the features' prefix (``w``: ``w:thanks``).
    """

    grams: dict[str, tuple[tuple[int, int], ...]]
    value: float
    prefix: str = "w"
    # Each segment's memo and n-grams in order (None: a bigram over a segment's end), and
    # where each of :attr:`grams` is first met among them: what :meth:`weights` reads.
    parts: tuple[tuple[dict | None, list[str]], ...] = dataclasses.field(
        default=(), compare=False, repr=False
    )
    firsts: numpy.ndarray | None = dataclasses.field(default=None, compare=False, repr=False)

    def weights(self, model: str, weights: Mapping[str, float]) -> numpy.ndarray:
        """The weight of each of :attr:`grams`, in order, from ``weights`` (0.0 where it
        has none), the model ``model``'s: each segment's are looked up once, kept in its
        memo by the model's name."""
        if self.firsts is None:
            return numpy.fromiter(
                map(weights.get, self.grams, itertools.repeat(0.0)),
                dtype=float,
                count=len(self.grams),
            )
        key = f"signals.weights.{model}.{self.prefix}"
        chunks = []
        for memo, names in self.parts:
            kept = None if memo is None else memo.get(key)
            if kept is None:
                kept = numpy.fromiter(
                    map(weights.get, names, itertools.repeat(0.0)), dtype=float, count=len(names)
                )
                if memo is not None:
                    memo[key] = kept
            chunks.append(kept)
        return numpy.concatenate(chunks)[self.firsts]

    def sharing(self, spans: set[Spans]) -> list[int]:
        """The places in :attr:`grams` of the n-grams read from exactly one of ``spans``."""
        places, found = self._places, list(self.grams.values())
        shared = {places.get(each[0]) for each in spans if each}
        return sorted(at for at in shared if at is not None and found[at] in spans)

    @functools.cached_property
    def _places(self) -> dict[tuple[int, int], int]:
        # Where each n-gram is first read: no two n-grams are read from the same stretch.
        return {spans[0]: at for at, spans in enumerate(self.grams.values())}


@dataclasses.dataclass
class _Gathered:
    """The n-grams of a draft's first segments, gathered in order (see :func:`draft_grams`)."""

    grams: dict[str, tuple[tuple[int, int], ...]] = dataclasses.field(default_factory=dict)
    parts: list[tuple[dict | None, list[str]]] = dataclasses.field(default_factory=list)
    firsts: list[int] = dataclasses.field(default_factory=list)  # where each is first met
    met: int = 0  # how many n-grams were met, each time counted
    last: tuple[str, int, int] | None = None  # the last word: a bigram joins it to the next

    def copy(self) -> _Gathered:
        # The spans are tuples: a copy of the dict shares them and changes none of them.
        return _Gathered(dict(self.grams), list(self.parts), list(self.firsts), self.met, self.last)

    def add(self, memo: dict | None, names: list[str], spans: list[tuple[int, int]]) -> None:
        self.parts.append((memo, names))
        grams, firsts = self.grams, self.firsts
        for at, (name, span) in enumerate(zip(names, spans, strict=True), self.met):
            each = grams.get(name)
            if each is None:
                grams[name] = (span,)
                firsts.append(at)
            else:
                grams[name] = (*each, span)
        self.met += len(names)


# The last draft gathered, up to its last segment: those segments and what they held. A
# draft typed on from it opens with the same segments (the same objects, so the same text
# at the same places) and is gathered on from there.
_head: tuple[tuple, _Gathered] | None = None


def draft_grams(draft: Draft) -> WordGrams:
    """The draft's :class:`WordGrams`, each segment's n-grams read once (kept in its memo)
    and gathered once per draft, for every signal that reads them, from where the draft
    gathered before it left off if it opens the same way."""
    global _head
    grams = draft.memo.get("signals.grams")
    if grams is not None:
        return grams
    segments = draft.segments
    placed = list(draft.read_placed("signals.segment_grams", _segment_grams, _placed_grams))
    gathered, done = _Gathered(), 0
    if _head is not None:
        head, kept = _head
        opening = segments[: len(head)]
        if len(opening) == len(head) and all(a is b for a, b in zip(head, opening, strict=True)):
            gathered, done = kept.copy(), len(head)
    for index in range(done, len(segments)):
        if index == len(segments) - 1 and index != done:
            _head = (segments[:index], gathered.copy())  # for the next draft, typed on
        seg_names, seg_spans, first, end = placed[index]
        if first is None:
            continue
        if gathered.last is not None:
            last = gathered.last
            gathered.add(None, [f"{last[0]} {first[0]}"], [(last[1], first[2])])
        gathered.add(segments[index].memo, seg_names, seg_spans)
        gathered.last = end
    found = gathered.grams
    value = 1.0 / math.sqrt(len(found)) if found else 0.0
    grams = draft.memo["signals.grams"] = WordGrams(
        found,
        value,
        parts=tuple(gathered.parts),
        firsts=numpy.array(gathered.firsts, dtype=numpy.intp),
    )
    return grams


Word = tuple[str, int, int]


def _segment_grams(doc: Doc) -> tuple[list[str], list[tuple[int, int]], Word | None, Word | None]:
    """A segment's n-grams in :func:`_count`'s order, their spans, its first and last word."""
    words = _words(doc)
    names: list[str] = []
    spans: list[tuple[int, int]] = []
    for index, (word, start, end) in enumerate(words):
        names.append(word)
        spans.append((start, end))
        if index + 1 < len(words):
            following, _, following_end = words[index + 1]
            names.append(f"{word} {following}")
            spans.append((start, following_end))
    return names, spans, (words[0] if words else None), (words[-1] if words else None)


def _placed_grams(grams, start: int):
    names, spans, first, last = grams
    if first is None:
        return grams
    return (
        names,
        [(begin + start, end + start) for begin, end in spans],
        (first[0], first[1] + start, first[2] + start),
        (last[0], last[1] + start, last[2] + start),
    )


def _count(words: list[tuple[str, int, int]]) -> dict[str, list[tuple[int, int]]]:
    grams: dict[str, list[tuple[int, int]]] = {}
    for index, (word, start, end) in enumerate(words):
        grams.setdefault(word, []).append((start, end))
        if index + 1 < len(words):
            following, _, following_end = words[index + 1]
            grams.setdefault(f"{word} {following}", []).append((start, following_end))
    return grams


@per_doc
def _whole_grams(doc: Doc) -> dict[str, list[tuple[int, int]]]:
    return _count(_words(doc))


def word_ngrams(doc: Doc, row: FeatureRow, prefix: str = "w", draft: Draft | None = None) -> None:
    """Word unigrams and bigrams of ``doc`` (lowercased), each with its span.

    Values are 1/sqrt(n) over the distinct n-grams, so a long post does not outvote a
    short one by length alone. With ``draft`` (``doc`` parsed by segments) each segment's
    words are read once and kept with it; the row is the same either way.
    """
    grams = _grams(doc, draft)
    value = 1.0 / math.sqrt(len(grams)) if grams else 0.0
    row.update({f"{prefix}:{name}": (value, tuple(spans)) for name, spans in grams.items()})


def counts_as(prefix: str, count: int, caps: Iterable[int] = (1, 2, 3)) -> list[str]:
    """Indicator names for "at least k" of a count: ``g:self>=1``, ``g:self>=2``…"""
    return [f"{prefix}>={cap}" for cap in caps if count >= cap]
